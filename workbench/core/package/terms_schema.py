"""The shape of HR's consent terms file, checked strictly before any field of it is read: every
field known and typed (a misspelled key or "no" for false is refused, never ignored or
coerced), and the first problem said in the catalogue's words with the field's dotted path."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from workbench.core.display import visible
from workbench.core.errors import BadInputError, Problem, coded
from workbench.core.messages import Message

# PIPL Art. 28 categories and the notice's languages; consent.py names the same ones.
Category = Literal["health", "financial", "religion", "biometric", "whereabouts", "minor",
                   "sex_life"]
Language = Literal["zh-CN", "en"]


def _iso_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise Problem("terms.not-date") from None
    return value


def _iso_date_or_empty(value: str) -> str:
    return _iso_date(value) if value else value


IsoDate = Annotated[str, AfterValidator(_iso_date)]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _Purpose(_Shape):
    dpv: str = "dpv:ServiceProvision"
    text: str


class _Controller(_Shape):
    name: str = ""
    contact: str = ""


class _Licence(_Shape):
    terms: str
    fee: str = ""
    until: Annotated[str, AfterValidator(_iso_date_or_empty)] = ""


class TermsFile(_Shape):
    """Any subset of the terms a record holds; the command line or the request fills in
    the rest, and check_terms says what is still missing."""

    purposes: list[_Purpose | str] = []  # README: a purpose may be its text alone
    controller: _Controller = _Controller()
    countersigner: str = ""
    recipients: list[str] = []
    delete_by: IsoDate = ""
    separate_consent: dict[Category, bool] = {}
    jurisdiction: str = "CN"
    storage_location: str = ""
    cross_border: bool = False
    licence: _Licence | None = None
    language: Language = "zh-CN"


_REASONS = {
    "extra_forbidden": "terms.extra", "missing": "terms.missing", "bool_type": "terms.not-bool",
    "string_type": "terms.not-text", "list_type": "terms.not-list",
    "model_type": "terms.not-object", "model_attributes_type": "terms.not-object",
    "dict_type": "terms.not-object",
}
_CHOICES: dict[str, tuple[str, ...]] = {"language": get_args(Language),
                                        "separate_consent": get_args(Category)}


def check(data: Mapping[str, Any], source: Path | str) -> dict[str, Any]:
    """The terms as written, if every field is known and of the right type; else bad input
    naming `source`, the first wrong field (dotted path) and what is wrong with it."""
    try:
        TermsFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        # A purpose's two forms are tagged in the location; the field's path has neither.
        parts = [str(p) for p in first["loc"] if p not in ("[key]", "_Purpose", "str")]
        raise coded(BadInputError, "terms.field", source, visible(".".join(parts) or "?"),
                    _reason(first, parts)) from None
    return dict(data)


def _reason(error: Any, parts: list[str]) -> Message:
    kind = error["type"]
    if kind == "literal_error":
        return Message("terms.not-one-of", (", ".join(_CHOICES.get(parts[0], ())),))
    problem = error.get("ctx", {}).get("error")
    if isinstance(problem, Problem):
        return problem.message
    return Message(_REASONS.get(kind, "terms.bad-value"))
