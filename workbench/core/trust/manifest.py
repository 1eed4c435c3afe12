"""The shape of a package's signed statement, checked before any field of it is read:
JSON bounded in size and nesting before parsing, every field typed, member names safe."""

from __future__ import annotations

import itertools
import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from workbench.core.display import visible
from workbench.core.errors import Problem, json_at, reason_of
from workbench.core.messages import Message

STATEMENT_V1 = "https://in-toto.io/Statement/v1"
PAYLOAD = "payload.age"
# Inside the payload: a per-package random key the statement's file digests are keyed with
# (`keyed-sha256`), so that whoever holds the package without a reader's key cannot confirm
# a guess of a file by hashing it. Listed itself by its plain sha256 (of random bytes).
DIGEST_KEY = "consent/digest.key"
KEYED_SHA256 = "keyed-sha256"
# A statement lists one subject per file of the skill; 16 MB holds ~100 000 of them.
MAX_STATEMENT_BYTES = 16 << 20
MAX_SUBJECTS = 100_000
# Our own documents nest at most five levels; anything deeper is hostile, and Python's
# parser would recurse on it.
MAX_DEPTH = 32
MAX_NAME = 1024

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]")


class ManifestError(Problem):
    """A manifest or ledger line that is too large, too deep or not the expected shape."""


def json_depth(data: bytes) -> int:
    """How deeply arrays and objects nest in a JSON text, counted without parsing it (brackets
    inside strings do not count), so a hostile depth is refused before the parser recurses."""
    brackets = _NOT_BRACKET.sub(b"", _STRING.sub(b"", data))
    steps = (1 if b in b"[{" else -1 for b in brackets)
    return max(itertools.accumulate(steps, initial=0))


def loads(data: bytes | str, what: str | Message, max_bytes: int = MAX_STATEMENT_BYTES,
          max_depth: int = MAX_DEPTH) -> Any:
    """Parse untrusted JSON after checking its size and nesting depth."""
    import json

    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    if len(raw) > max_bytes:
        raise ManifestError("manifest.too-large", what, f"{len(raw):,}", f"{max_bytes:,}")
    depth = json_depth(raw)
    if depth > max_depth:
        raise ManifestError("manifest.too-deep", what, depth, max_depth)
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise ManifestError("manifest.not-json", what, json_at(exc) if isinstance(
            exc, json.JSONDecodeError) else reason_of(exc)) from exc


def _safe_name(name: str) -> str:
    """A member name must be a plain relative path inside the skill folder."""
    parts = name.split("/")
    if not name or len(name) > MAX_NAME:
        raise Problem("manifest.name-length", len(name))
    if name.startswith("/") or "\\" in name or re.match(r"^[A-Za-z]:", name):
        raise Problem("manifest.name-absolute", repr(visible(name)))
    if any(part in ("", ".", "..") for part in parts):
        raise Problem("manifest.name-dots", repr(visible(name)))
    if visible(name) != name:
        raise Problem("manifest.name-control", repr(visible(name)))
    return name


def _iso_date(value: str) -> str:
    date.fromisoformat(value)
    return value


Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
IsoDate = Annotated[str, AfterValidator(_iso_date)]
SafeName = Annotated[str, AfterValidator(_safe_name)]


class _Shape(BaseModel):
    # Strict: a number is not a string, a string is not a date. Unknown fields are allowed
    # (a newer writer may add some); the signature covers them all the same.
    model_config = ConfigDict(strict=True, extra="allow")


class _Party(_Shape):
    name: str
    fingerprint: Fingerprint


class _Recipient(_Party):
    age: str
    email: str = ""  # records from before RT4 have none


class _Purpose(_Shape):
    text: str
    dpv: str = ""


class _Controller(_Shape):
    name: str
    contact: str = ""


class _Category(_Shape):
    category: str
    count: int
    sensitive: bool


class _Retention(_Shape):
    delete_by: IsoDate


class _Licence(_Shape):
    terms: str
    fee: str = ""
    until: str = ""


class _Artifacts(_Shape):
    count: int
    digests: list[str]


class _Record(_Shape):
    record_id: str
    decision: Literal["given", "declined"]
    principal: _Party
    countersigner: _Party | None = None
    controller: _Controller
    recipients: list[_Recipient] = Field(min_length=1)
    purposes: list[_Purpose]
    data_categories: list[_Category]
    separate_consent: dict[str, bool]
    retention: _Retention
    artifacts: _Artifacts
    jurisdiction: str = ""
    storage_location: str = ""
    cross_border: bool = False
    licence: _Licence | None = None

    @model_validator(mode="after")
    def _each_recipient_once(self) -> _Record:
        # HR counts the keys the payload is encrypted to against the recipients named: a
        # recipient named twice would leave room for an unnamed reader.
        fingerprints = [r.fingerprint for r in self.recipients]
        if len(set(fingerprints)) != len(fingerprints):
            raise Problem("manifest.recipient-twice")
        return self


class _Digest(_Shape):
    # One of the two: a plain sha256 (the payload, the digest key, every file of a package
    # from before keyed digests), or the file's sha256 keyed with the package's digest key.
    sha256: Sha256 | None = None
    keyed: Sha256 | None = Field(default=None, alias="keyed-sha256")

    @model_validator(mode="after")
    def _one_digest(self) -> _Digest:
        if (self.sha256 is None) == (self.keyed is None):
            raise Problem("manifest.one-digest", "sha256", KEYED_SHA256)
        return self


class _Subject(_Shape):
    name: SafeName
    digest: _Digest


class _Statement(_Shape):
    type_: Literal["https://in-toto.io/Statement/v1"] = Field(alias="_type")
    subject: list[_Subject] = Field(min_length=1, max_length=MAX_SUBJECTS)
    predicateType: str  # the in-toto field name
    predicate: _Record


# pydantic's error types (the end of the name decides), as the catalogue's reasons.
_FIELD_PROBLEMS = (("missing", "manifest.field-missing"), ("_type", "manifest.field-type"),
                   ("_parsing", "manifest.field-type"), ("literal_error", "manifest.field-value"),
                   ("enum", "manifest.field-value"), ("pattern_mismatch", "manifest.field-format"),
                   ("too_short", "manifest.field-size"), ("too_long", "manifest.field-size"),
                   ("extra_forbidden", "manifest.field-extra"))


def _field_problem(kind: str) -> Message:
    return Message(next((code for end, code in _FIELD_PROBLEMS if kind.endswith(end)),
                        "manifest.field-other"))


def check_statement(statement: Any, predicate_type: str) -> dict[str, Any]:
    """The statement, if it has every field the checks read, of the right type; else a
    ManifestError naming the first field that is wrong."""
    try:
        parsed = _Statement.model_validate(statement)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        # A check of ours says why in the catalogue's words; pydantic's own say it in English,
        # so its error type picks the catalogue's words instead.
        error = first.get("ctx", {}).get("error")
        raise ManifestError("manifest.field", visible(where) if where else Message(
            "manifest.the-statement"), error.message if isinstance(error, Problem)
            else _field_problem(first["type"])) from None
    if parsed.predicateType != predicate_type:
        raise ManifestError("manifest.not-consent", repr(visible(parsed.predicateType)))
    names = [s.name for s in parsed.subject]
    if names.count(PAYLOAD) != 1:
        raise ManifestError("manifest.payload-count", PAYLOAD, names.count(PAYLOAD))
    for subject in parsed.subject:
        if subject.name in (PAYLOAD, DIGEST_KEY) and subject.digest.sha256 is None:
            raise ManifestError("manifest.plain-digest", repr(subject.name))
    if any(s.digest.keyed is not None for s in parsed.subject) and DIGEST_KEY not in names:
        raise ManifestError("manifest.no-digest-key", repr(DIGEST_KEY))
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ManifestError("manifest.listed-twice", repr(name))
        seen.add(name)
    assert isinstance(statement, dict)
    return statement
