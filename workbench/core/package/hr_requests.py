"""HR's own copies of the consent requests it signed, and what a package's terms add to
them: HR countersigns wider terms than it asked for only when it says so."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from workbench.core.atomic import atomic_write
from workbench.core.display import visible
from workbench.core.errors import RefusedError
from workbench.core.messages import Joined, Message, label_message, t
from workbench.core.package import consent
from workbench.core.paths import data_dir
from workbench.core.trust import keys, manifest
from workbench.core.trust.dsse import decode_payload, verify_envelope

MAX_REQUEST_BYTES = 1 << 20


def requests_dir() -> Path:
    return data_dir() / "requests"


def keep(envelope: Mapping[str, Any]) -> Path:
    """Keep a copy of a request HR just signed, so its countersign can compare with it."""
    body = json.loads(decode_payload(envelope))
    path = requests_dir() / f"{body['request_id']}.request.json"
    atomic_write(path, (json.dumps(envelope, indent=2) + "\n").encode(), mode=0o600)
    return path


def sent(hr_card: keys.IdentityCard) -> list[dict[str, Any]]:
    """The bodies of the requests this HR identity signed and kept, oldest first. A kept copy
    whose signature no longer verifies with HR's own key was altered and is skipped: it
    could only widen what HR would accept."""
    folder = requests_dir()
    bodies = []
    for path in sorted(folder.glob("*.request.json")) if folder.is_dir() else []:
        try:
            envelope = manifest.loads(path.read_bytes(), path.name, MAX_REQUEST_BYTES)
            payload, good, _ = verify_envelope(envelope, consent.REQUEST_PAYLOAD_TYPE,
                                               {hr_card.fingerprint: hr_card.public_key()})
            body = manifest.loads(payload, path.name, MAX_REQUEST_BYTES)
        except (OSError, ValueError, RefusedError):
            continue
        if good and isinstance(body, dict) and isinstance(body.get("terms"), dict) \
                and (body.get("issuer") or {}).get("fingerprint") == hr_card.fingerprint:
            bodies.append(body)
    return sorted(bodies, key=lambda b: str(b.get("created_at", "")))


def request_for(record: Mapping[str, Any], hr_card: keys.IdentityCard) -> dict[str, Any] | None:
    """HR's own request behind this record: the one the record cites (when HR addressed it to
    no one or to this employee), else the latest HR addressed to this employee; None when HR
    sent them none."""
    mine = sent(hr_card)
    cited = (record.get("request") or {}).get("request_id")
    principal = record["principal"]["fingerprint"]
    for body in mine:
        # The record is the employee's to write: citing a colleague's (wider) request must
        # not make HR compare her terms with that one instead of the one she was sent.
        addressee = (body.get("employee") or {}).get("fingerprint")
        if cited and body.get("request_id") == cited and addressee in (None, principal):
            return body
    addressed = [b for b in mine if (b.get("employee") or {}).get("fingerprint") == principal]
    return addressed[-1] if addressed else None


@dataclass(frozen=True)
class Difference:
    """One way the employee's terms go beyond HR's request: `field` names it (its words are
    the catalogue's difference.<field>); `asked` and `given` are the two values as text."""

    field: str
    asked: str
    given: str

    def message(self) -> Message:
        return Message("countersign.difference", (
            label_message("difference", self.field), visible(self.given), visible(self.asked)))

    @property
    def text(self) -> str:
        """The difference as a phrase in the reader's language."""
        return self.message().text()


def differences(record: Mapping[str, Any], asked: Mapping[str, Any]) -> list[Difference]:
    """What the record grants beyond the request's terms (narrower terms are the employee's
    right and are not listed)."""
    found: list[Difference] = []

    def add(field: str, asked_value: object, given_value: object) -> None:
        found.append(Difference(field, str(asked_value), str(given_value)))

    names = {r["fingerprint"]: r["name"] for r in record["recipients"]}
    extra = [fp for fp in names if fp not in set(asked.get("recipients", []))]
    none = t("difference.none")
    if extra:
        add("recipients", ", ".join(str(r)[:16] for r in asked.get("recipients", [])) or none,
            ", ".join(f"{names[fp]} ({fp[:16]})" for fp in extra))
    asked_purposes = {str(p.get("text")) for p in asked.get("purposes", [])
                      if isinstance(p, Mapping)}
    more = [p["text"] for p in record["purposes"] if p["text"] not in asked_purposes]
    if more:
        add("purposes", "; ".join(sorted(asked_purposes)) or none, "; ".join(more))
    given_by = date.fromisoformat(record["retention"]["delete_by"])
    try:
        asked_by: date | None = date.fromisoformat(str(asked.get("delete_by", "")))
    except ValueError:
        asked_by = None
    if asked_by is None or given_by > asked_by:
        add("delete_by", asked.get("delete_by", "") or none, given_by.isoformat())
    controller = record["controller"]
    want = asked.get("controller") or {}
    if (controller.get("name"), controller.get("contact", "")) != \
            (want.get("name"), want.get("contact", "")):
        add("controller", _party(want), _party(controller))
    for field, default in (("jurisdiction", "CN"), ("storage_location", "")):
        if record.get(field, default) != asked.get(field, default):
            add(field, asked.get(field, default) or t("notice.not-stated"),
                record.get(field, default) or t("notice.not-stated"))
    if record.get("cross_border") and not asked.get("cross_border"):
        add("cross_border", t("notice.no"), t("notice.yes"))
    if _licence(record.get("licence")) != _licence(asked.get("licence")):
        add("licence", _licence_text(asked.get("licence")),
            _licence_text(record.get("licence")))
    granted = {k for k, v in record["separate_consent"].items() if v}
    wanted = {k for k, v in (asked.get("separate_consent") or {}).items() if v}
    if granted - wanted:
        add("separate_consent", _categories(wanted) or none, _categories(granted - wanted))
    named = (record.get("countersigner") or {}).get("fingerprint")
    if named and asked.get("countersigner") and named != asked["countersigner"]:
        add("countersigner", str(asked["countersigner"])[:16], named[:16])
    return found


def _categories(names: set[str]) -> str:
    """Sensitive categories by their names in the reader's language, in the notice's order
    (a name the catalogue does not know is shown as it is)."""
    known = [c for c in consent.SENSITIVE_CATEGORIES if c in names]
    return Joined((*(label_message("sensitive", c) for c in known),
                   *sorted(names - set(known))), "items").text()


def _party(value: Mapping[str, Any]) -> str:
    name, contact = value.get("name") or "", value.get("contact") or ""
    return f"{name} ({contact})" if contact else str(name)


def _licence(value: Any) -> tuple[str, str] | None:
    # `until` is filled in from delete-by when the employee leaves it empty, so the licence's
    # terms and fee are what must match.
    if not isinstance(value, Mapping):
        return None
    return str(value.get("terms", "")), str(value.get("fee", ""))


def _licence_text(value: Any) -> str:
    licence = _licence(value)
    if licence is None:
        return t("difference.none")
    return t("difference.licence-fee", licence[0], licence[1]) if licence[1] else licence[0]


def differences_for(record: Mapping[str, Any], hr_card: keys.IdentityCard) -> list[Difference]:
    request = request_for(record, hr_card)
    return differences(record, request["terms"]) if request else []


class WiderThanRequested(RefusedError):
    """The employee's terms go beyond HR's own request; HR must accept them explicitly."""

    def __init__(self, found: list[Difference]) -> None:
        self.differences = found
        listed = Joined(tuple(d.message() for d in found))
        super().__init__(t("countersign.refused-wider", listed, lang="en"),
                         code="countersign.refused-wider",
                         params=(listed,))
