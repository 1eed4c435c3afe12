"""Consent records (ISO/IEC TS 27560 aligned, W3C DPV terms): proposing, narrowing, signing.

HR may start with a signed request of proposed terms; the employee may only narrow it. The
employee's decision — given or declined — is a signed record kept in the workspace and
chained into the ledger. Records are never edited: changed terms mean a new record.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args

import rfc8785

from workbench.core import clock
from workbench.core.errors import BadInputError, RefusedError, coded
from workbench.core.ingest.artifacts import ArtifactKind
from workbench.core.messages import Joined, Message, first_few, label, label_message, t
from workbench.core.package import terms_schema
from workbench.core.paths import resources_dir
from workbench.core.trust import keys
from workbench.core.trust.dsse import (
    NO_SIGNATURE,
    EnvelopeError,
    Signer,
    sign_envelope,
    verify_envelope,
)
from workbench.core.trust.sealing import EXPORTED_ID_PREFIX

log = logging.getLogger(__name__)

SCHEMA = "consent-workbench/consent/v1"
REQUEST_SCHEMA = "consent-workbench/consent-request/v1"
RECORD_PAYLOAD_TYPE = "application/vnd.consent-workbench.consent+json"
REQUEST_PAYLOAD_TYPE = "application/vnd.consent-workbench.consent-request+json"
NOTICE_VERSION = "2"  # 2: says what is not approved yet, and that kept names stay
# PIPL Art. 28 categories, as the detector names them (SENSITIVE_<NAME>).
SENSITIVE_CATEGORIES: tuple[str, ...] = get_args(terms_schema.Category)
LANGUAGES: tuple[str, ...] = get_args(terms_schema.Language)


class ConsentError(RefusedError):
    """Consent cannot be recorded as asked (exit code 1)."""


@dataclass(frozen=True)
class Purpose:
    dpv: str
    text: str


@dataclass(frozen=True)
class Licence:
    terms: str
    fee: str = ""
    until: str = ""


@dataclass(frozen=True)
class ConsentTerms:
    """What the employee is asked to agree to (or decline)."""

    purposes: tuple[Purpose, ...]
    controller_name: str
    controller_contact: str
    countersigner: str  # fingerprint
    recipients: tuple[str, ...]  # fingerprints
    delete_by: date
    separate_consent: Mapping[str, bool] = field(default_factory=dict)
    jurisdiction: str = "CN"
    storage_location: str = ""
    cross_border: bool = False
    licence: Licence | None = None
    language: str = "zh-CN"


def parse_date(value: str, what: str = "delete-by") -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise coded(BadInputError, "consent.bad-date", what, value) from exc


def terms_from_file(path: Path) -> dict[str, Any]:
    """A terms file like samples/consent_terms.json: any subset of the record's fields."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise coded(BadInputError, "consent.terms-unreadable", path, exc) from exc
    if not isinstance(data, dict):
        raise coded(BadInputError, "consent.not-terms", path)
    return terms_schema.check(data, path)


def terms_from_mapping(data: Mapping[str, Any], **overrides: Any) -> ConsentTerms:
    """Terms from a terms file or request body, with command-line values taking precedence."""
    merged = {**data, **{k: v for k, v in overrides.items() if v not in (None, (), [], {})}}
    try:
        purposes = tuple(
            Purpose(str(p.get("dpv", "dpv:ServiceProvision")), str(p["text"]))
            if isinstance(p, Mapping) else Purpose("dpv:ServiceProvision", str(p))
            for p in merged.get("purposes", ())
        )
        controller = merged.get("controller") or {}
        licence = merged.get("licence")
        terms = ConsentTerms(
            purposes=purposes,
            controller_name=str(controller.get("name", "")),
            controller_contact=str(controller.get("contact", "")),
            countersigner=str(merged.get("countersigner", "")),
            recipients=tuple(str(r) for r in merged.get("recipients", ())),
            delete_by=parse_date(merged.get("delete_by", "")),
            separate_consent={str(k): bool(v) for k, v in
                              (merged.get("separate_consent") or {}).items()},
            jurisdiction=str(merged.get("jurisdiction", "CN")),
            storage_location=str(merged.get("storage_location", "")),
            cross_border=bool(merged.get("cross_border", False)),
            licence=Licence(str(licence.get("terms", "")), str(licence.get("fee", "")),
                            str(licence.get("until", ""))) if licence else None,
            language=str(merged.get("language", "zh-CN")),
        )
    except (AttributeError, KeyError, TypeError) as exc:
        raise coded(BadInputError, "consent.terms-malformed", exc) from exc
    unknown = set(terms.separate_consent) - set(SENSITIVE_CATEGORIES)
    if unknown:
        raise coded(BadInputError, "consent.unknown-categories", ", ".join(sorted(unknown)),
                    ", ".join(SENSITIVE_CATEGORIES))
    return terms


def sensitive_category(name: str) -> str:
    """The category `name` means: its code (any case) or its name in either language, as the
    notice shows it ("health", "健康"). Anything else is bad input naming the known ones, so
    a typo never records a consent that export later refuses."""
    typed = name.strip().casefold()
    for code in SENSITIVE_CATEGORIES:
        names = {code} | {label("sensitive", code, lang).casefold() for lang in ("en", "zh")}
        if typed in names:
            return code
    raise coded(BadInputError, "consent.unknown-separate", name, category_choices())


def category_choices() -> Joined:
    """The categories --separate-consent takes, as a list (in Chinese with their names)."""
    return Joined(tuple(Message("consent.category-choice", values={
        "code": c, "label": label_message("sensitive", c)}) for c in SENSITIVE_CATEGORIES),
        "items")


def check_terms(terms: ConsentTerms, today: date) -> None:
    """Everything a record needs, and parties with the right roles among the contacts."""
    missing = [Message(f"consent.needs-{name}") for name, value in (
        ("purpose", terms.purposes), ("controller", terms.controller_name),
        ("countersigner", terms.countersigner), ("recipient", terms.recipients)) if not value]
    if missing:
        raise coded(BadInputError, "consent.needs", Joined(tuple(missing), "and"))
    if terms.delete_by <= today:
        raise coded(BadInputError, "consent.delete-by-past", terms.delete_by)
    if terms.language not in LANGUAGES:
        raise coded(BadInputError, "consent.language", ", ".join(LANGUAGES))


def resolve_parties(terms: ConsentTerms) -> ConsentTerms:
    """Turn names or fingerprint prefixes into full fingerprints of imported contacts."""
    contacts = keys.contacts()
    hr = keys.find_card(terms.countersigner, contacts, keys.Role.HR, what="contact")
    recipients = tuple(dict.fromkeys(
        keys.find_card(r, contacts, keys.Role.RECIPIENT, what="contact").fingerprint
        for r in terms.recipients))
    return replace(terms, countersigner=hr.fingerprint, recipients=recipients)


# -- HR's request --------------------------------------------------------------------------


def make_request(terms: ConsentTerms, hr: Signer, hr_card: keys.IdentityCard,
                 now: datetime, employee: keys.IdentityCard | None = None) -> dict[str, Any]:
    """A signed proposal of terms (DSSE envelope) for the employee to start from; naming
    the employee lets HR's countersign compare her package with it."""
    body: dict[str, Any] = {
        "schema": REQUEST_SCHEMA,
        "request_id": str(uuid.uuid4()),
        "created_at": clock.iso(now),
        "issuer": {"name": hr_card.name, "fingerprint": hr_card.fingerprint},
        "terms": terms_json(terms),
    }
    if employee is not None:
        body["employee"] = {"name": employee.name, "fingerprint": employee.fingerprint}
    return sign_envelope(REQUEST_PAYLOAD_TYPE, rfc8785.dumps(body), [hr])


@dataclass(frozen=True)
class ConsentRequest:
    body: dict[str, Any]
    terms: ConsentTerms
    digest: str


def read_request(path: Path) -> ConsentRequest:
    """Load a request and verify HR's signature with their imported card."""
    try:
        raw = Path(path).read_bytes()
        envelope = json.loads(raw)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise coded(BadInputError, "consent.request-unreadable", path, exc) from exc
    hr_cards = {c.fingerprint: c.public_key() for c in keys.contacts() if c.role == keys.Role.HR}
    try:
        payload, good, problems = verify_envelope(envelope, REQUEST_PAYLOAD_TYPE, hr_cards)
    except (EnvelopeError, BadInputError) as exc:
        # An identity card, a package manifest or any other JSON given by mistake.
        raise coded(BadInputError, "consent.not-a-request", path) from exc
    # Whoever sent it, the payload's shape is checked, not assumed: a request that is no
    # JSON object, or has no terms, is a file that cannot be read, never a crash.
    try:
        body = json.loads(payload)
    except (json.JSONDecodeError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict) or not isinstance(body.get("terms"), Mapping):
        raise coded(BadInputError, "consent.request-unreadable", path,
                    Message("consent.request-not-a-request"))
    issuer = body.get("issuer")
    fingerprint = str(issuer.get("fingerprint", "")) if isinstance(issuer, Mapping) else ""
    if not any(sig.keyid == fingerprint for sig in good):
        raise coded(ConsentError, "consent.request-unsigned", path,
                    Joined(tuple(problems or [Message(NO_SIGNATURE)])))
    terms = terms_from_mapping(terms_schema.check(body["terms"], path))
    return ConsentRequest(body, terms, "sha256:" + hashlib.sha256(raw).hexdigest())


def check_narrowing(request: ConsentTerms, chosen: ConsentTerms) -> None:
    """The employee may consent to less than HR asked, never to more."""
    wider: list[Message] = []
    if not set(chosen.purposes) <= set(request.purposes):
        wider.append(Message("consent.wider-purposes"))
    if not set(chosen.recipients) <= set(request.recipients):
        wider.append(Message("consent.wider-recipients"))
    if chosen.countersigner != request.countersigner:
        wider.append(Message("consent.wider-countersigner"))
    if chosen.delete_by > request.delete_by:
        wider.append(Message("consent.wider-delete-by",
                             (str(chosen.delete_by), str(request.delete_by))))
    granted = {k for k, v in chosen.separate_consent.items() if v}
    asked = {k for k, v in request.separate_consent.items() if v}
    if granted - asked:
        wider.append(Message("consent.wider-separate", (Joined(tuple(
            label_message("sensitive", c) for c in sorted(granted - asked)), "items"),)))
    if chosen.cross_border and not request.cross_border:
        wider.append(Message("consent.wider-cross-border"))
    if wider:
        raise coded(ConsentError, "consent.widens", Joined(tuple(wider)))


# -- the record ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkspaceFacts:
    """What the workspace holds, as the record describes it (counts, never content)."""

    categories: tuple[tuple[str, int], ...]
    sensitive: tuple[tuple[str, int], ...]
    # The items the record covers, by the ids that leave the machine (`Sealer.exported_id`).
    artifact_digests: tuple[str, ...]
    # Sensitive categories found, but redacted wherever they occur: none of it leaves.
    removed: tuple[str, ...] = ()
    # Items counted above that are not approved yet (consent may come before review).
    unapproved: int = 0


def terms_json(terms: ConsentTerms) -> dict[str, Any]:
    data: dict[str, Any] = {
        "purposes": [{"dpv": p.dpv, "text": p.text} for p in terms.purposes],
        "controller": {"name": terms.controller_name, "contact": terms.controller_contact},
        "countersigner": terms.countersigner,
        "recipients": list(terms.recipients),
        "delete_by": terms.delete_by.isoformat(),
        "separate_consent": dict(sorted(terms.separate_consent.items())),
        "jurisdiction": terms.jurisdiction,
        "storage_location": terms.storage_location,
        "cross_border": terms.cross_border,
        "language": terms.language,
    }
    if terms.licence:
        data["licence"] = {"terms": terms.licence.terms, "fee": terms.licence.fee,
                           "until": terms.licence.until}
    return data


def render_notice(terms: ConsentTerms, facts: WorkspaceFacts,
                  cards: Mapping[str, keys.IdentityCard]) -> str:
    """The plain-language notice exactly as shown to the employee (its hash is recorded)."""
    lang = terms.language
    template = (resources_dir() / "notice" / f"notice.{lang}.md").read_text("utf-8")
    sep = t("notice.separator", lang=lang)

    def word(group: str, name: str) -> str:
        # Mid-sentence in English: "chat messages (18)", not "Chat messages (18)".
        text = label(group, name, lang)
        return text if lang.startswith("zh") else text[:1].lower() + text[1:]

    categories = sep.join(t("notice.count", label=word("data", name), count=count,
                            lang=lang) for name, count in facts.categories) or "—"
    if facts.unapproved:
        # Before review nothing is approved yet: the notice says so rather than "approved".
        categories += t("notice.unapproved", count=facts.unapproved, lang=lang)
    if facts.sensitive:
        listed = sep.join(
            t("notice.sensitive-consented" if terms.separate_consent.get(name)
              else "notice.sensitive-not-consented",
              label=word("sensitive", name), count=count, lang=lang)
            for name, count in facts.sensitive)
        sensitive = t("notice.sensitive", listed=listed, lang=lang)
    elif facts.removed:
        sensitive = ""
    else:
        sensitive = t("notice.no-sensitive", lang=lang)
    if facts.removed:
        # "None was found" would be untrue: it was found, and it is all removed.
        removed = sep.join(word("sensitive", name) for name in facts.removed)
        found_and_removed = t("notice.sensitive-removed", removed=removed, lang=lang)
        sensitive = f"{sensitive} {found_and_removed}".strip() if not lang.startswith("zh") \
            else sensitive + found_and_removed
    licence = ""
    if terms.licence:
        licence = t("notice.licence", terms=terms.licence.terms,
                    fee=terms.licence.fee or t("notice.no-fee", lang=lang),
                    until=terms.licence.until or terms.delete_by, lang=lang)
    return template.format(
        controller=f"{terms.controller_name} ({terms.controller_contact})"
        if terms.controller_contact else terms.controller_name,
        categories=categories,
        sensitive=sensitive,
        purposes=sep.join(p.text for p in terms.purposes),
        recipients=sep.join(cards[r].name for r in terms.recipients),
        countersigner=cards[terms.countersigner].name,
        storage=terms.storage_location or t("notice.not-stated", lang=lang),
        cross_border=t("notice.yes" if terms.cross_border else "notice.no", lang=lang),
        delete_by=terms.delete_by.isoformat(),
        licence=licence,
    ).strip() + "\n"


def build_record(
    terms: ConsentTerms,
    decision: str,
    principal: keys.IdentityCard,
    facts: WorkspaceFacts,
    notice_text: str,
    now: datetime,
    cards: Mapping[str, keys.IdentityCard],
    request: ConsentRequest | None = None,
) -> dict[str, Any]:
    if decision not in ("given", "declined"):
        raise coded(BadInputError, "consent.bad-decision")
    hr = cards[terms.countersigner]
    record: dict[str, Any] = {
        "schema": SCHEMA,
        "record_id": str(uuid.uuid4()),
        "created_at": clock.iso(now),
        "language": terms.language,
        "decision": decision,
        "notice": {"version": NOTICE_VERSION, "language": terms.language,
                   "sha256": hashlib.sha256(notice_text.encode("utf-8")).hexdigest()},
        "principal": {"name": principal.name, "fingerprint": principal.fingerprint},
        "controller": {"name": terms.controller_name, "contact": terms.controller_contact},
        "countersigner": {"name": hr.name, "role": "hr", "fingerprint": hr.fingerprint},
        "recipients": [{"name": cards[r].name, "email": cards[r].email, "age": cards[r].age,
                        "fingerprint": r} for r in terms.recipients],
        "purposes": [{"dpv": p.dpv, "text": p.text} for p in terms.purposes],
        # Sensitive categories: only those in the material with separate consent (any other
        # is not exported, as the notice says), never every one found in the workspace.
        "data_categories": [{"category": name, "count": count, "sensitive": False}
                            for name, count in facts.categories]
        + [{"category": name, "count": count, "sensitive": True}
           for name, count in facts.sensitive if terms.separate_consent.get(name)],
        "separate_consent": {c: bool(terms.separate_consent.get(c, False))
                             for c in SENSITIVE_CATEGORIES},
        "jurisdiction": terms.jurisdiction,
        "storage_location": terms.storage_location,
        "cross_border": terms.cross_border,
        "retention": {"delete_by": terms.delete_by.isoformat(),
                      "method": "delete + signed receipt"},
        "withdrawal": {"method": "signed revocation file"},
        "artifacts": {"count": len(facts.artifact_digests),
                      "digests": list(facts.artifact_digests)},
    }
    if terms.licence:
        record["licence"] = {"terms": terms.licence.terms, "fee": terms.licence.fee,
                             "until": terms.licence.until or terms.delete_by.isoformat()}
    if request is not None:
        record["request"] = {"request_id": request.body.get("request_id"),
                             "sha256": request.digest,
                             "issuer": request.body["issuer"]["fingerprint"]}
    return record


def sign_record(record: dict[str, Any], employee: Signer) -> dict[str, Any]:
    return sign_envelope(RECORD_PAYLOAD_TYPE, rfc8785.dumps(record), [employee])


def record_of(envelope: Mapping[str, Any],
              public_keys: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The record inside a signed envelope; verified against the principal's key when keys
    are given."""
    from workbench.core.trust.dsse import decode_payload

    payload = decode_payload(envelope)
    record: dict[str, Any] = json.loads(payload)
    if public_keys is not None:
        principal = record["principal"]["fingerprint"]
        _, good, problems = verify_envelope(envelope, RECORD_PAYLOAD_TYPE, public_keys)
        if not any(sig.keyid == principal for sig in good):
            raise coded(ConsentError, "consent.record-unsigned",
                        Joined(tuple(problems or [Message(NO_SIGNATURE)])))
    return record


def ledger_body(record: Mapping[str, Any]) -> dict[str, Any]:
    """What the ledger says about a consent: digests, counts, parties — no content."""
    return {
        "record_id": record["record_id"],
        "record_sha256": hashlib.sha256(rfc8785.dumps(dict(record))).hexdigest(),
        "decision": record["decision"],
        "countersigner": record["countersigner"]["fingerprint"],
        "recipients": [r["fingerprint"] for r in record["recipients"]],
        "delete_by": record["retention"]["delete_by"],
        "artifacts": record["artifacts"]["count"],
        "sensitive": sorted(c["category"] for c in record["data_categories"] if c["sensitive"]),
    }


# -- the workspace side ----------------------------------------------------------------------

_CATEGORY_OF_KIND = {"chat": "chat-messages", "email": "emails", "attachment": "email-attachments",
                     "document": "documents", "image": "images", "skill-file": "skill-files"}


def workspace_facts(ws: Any) -> WorkspaceFacts:
    """Counts per data category and per sensitive category, over artifacts not excluded.
    Read from the plain columns, opening only chats' messages to count them: the Consent page
    asks for it on every visit, at any size."""
    rows = [(i, kind, state.value) for i, kind, state in ws.artifact_kinds()]
    included = [(i, kind) for i, kind, state in rows if state != "excluded"]
    messages = (ws.text_segment_counts(ArtifactKind.CHAT)
                if any(kind is ArtifactKind.CHAT for _i, kind in included) else {})
    counts: dict[str, int] = {}
    for artifact_id, kind in included:
        category = _CATEGORY_OF_KIND[kind.value]
        units = messages.get(artifact_id, 0) if kind is ArtifactKind.CHAT else 1
        counts[category] = counts.get(category, 0) + units
    ids = {i for i, _kind in included}
    sensitive: dict[str, int] = {}
    found: set[str] = set()
    for artifact_id, entity, decision in ws.sensitive_decisions():
        if artifact_id in ids:
            name = entity.removeprefix("SENSITIVE_").lower()
            found.add(name)
            # A category whose every finding is redacted will not be in the payload: it needs
            # no consent and is not offered for one (the notice says it was removed).
            if decision != "redact":
                sensitive[name] = sensitive.get(name, 0) + 1
    return WorkspaceFacts(
        categories=tuple(sorted(counts.items())),
        sensitive=tuple(sorted(sensitive.items())),
        artifact_digests=tuple(sorted(ws.exported_id(i) for i in ids)),
        removed=tuple(sorted(found - set(sensitive))),
        unapproved=sum(1 for _i, _kind, state in rows if state == "pending"),
    )


def category_counts(categories: Iterable[tuple[str, int]]) -> Joined:
    """"kind: count" for each kind of data (WorkspaceFacts.categories), with the colon and
    list separator of the language showing it (："、"；" in Chinese), for a consent summary."""
    return Joined(tuple(Message("consent.category-count", values={
        "label": label_message("data", name, mid_sentence=False), "count": count})
        for name, count in categories))


def record_decision(
    ws: Any,
    terms: ConsentTerms,
    decision: str,
    employee: keys.IdentityCard,
    now: datetime,
    request: ConsentRequest | None = None,
) -> tuple[dict[str, Any], str]:
    """Check the terms, write the signed record into the workspace and the ledger.
    Returns the record and the notice text it was given against."""
    from workbench.core.workspace import workspace_ledger

    check_terms(terms, clock.local_date(now))
    if decision == "given":
        _refuse_unscanned(ws)
    terms = resolve_parties(terms)
    if request is not None:
        check_narrowing(request.terms, terms)
    cards = keys.known_cards()
    facts = workspace_facts(ws)
    notice = render_notice(terms, facts, cards)
    record = build_record(terms, decision, employee, facts, notice, now, cards, request)
    signer = keys.LocalSigner(employee)
    envelope = sign_record(record, signer)
    if request is not None:
        workspace_ledger.record_now(ws, signer, "consent.requested",
                                    {"request": request.digest,
                                     "issuer": request.body["issuer"]["fingerprint"]})
    ws.save_consent(record["record_id"], record["created_at"], decision, envelope, notice)
    workspace_ledger.record_now(ws, signer, f"consent.{decision}", ledger_body(record))
    log.info("consent.recorded workspace=%s record=%s decision=%s requested=%s purposes=%d "
             "recipients=%d", ws.id, record["record_id"], decision, request is not None,
             len(terms.purposes), len(terms.recipients))
    return record, notice


def _refuse_unscanned(ws: Any) -> None:
    """Consent is given against a notice that says what sensitive information was found: with
    an item not scanned (or scanned by an older detector) that sentence could be false."""
    from workbench.core.review import gate

    missing = gate.unscanned(ws)
    if missing:
        raise coded(RefusedError, "consent.unscanned", len(missing),
                    first_few([b.title for b in missing]))


def kept_sensitive(ws: Any, approved: set[str]) -> list[str]:
    """Sensitive categories that will appear in the payload: kept in an approved artifact."""
    return sorted({f.entity.removeprefix("SENSITIVE_").lower() for f in ws.findings()
                   if f.entity.startswith("SENSITIVE_") and f.decision == "keep"
                   and f.artifact_id in approved})


def holding_sensitive(ws: Any, approved: set[str], categories: list[str]) -> tuple[str, ...]:
    """The approved artifacts that keep sensitive information of these categories."""
    wanted = {"SENSITIVE_" + c.upper() for c in categories}
    return tuple(sorted({f.artifact_id for f in ws.findings()
                         if f.entity in wanted and f.decision == "keep"
                         and f.artifact_id in approved}))


@dataclass(frozen=True)
class MaterialChange:
    """Something about the material that the consent record did not cover (PIPL Art. 14)."""

    code: str  # "new-material", "new-kind", "new-sensitive"
    value: str

    def __str__(self) -> str:
        if self.code == "new-material":
            return f"{self.value} approved item(s) were not part of the material"
        if self.code == "new-kind":
            return f"a new kind of material: {self.value}"
        return f"a new sensitive category: {self.value}"

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "value": self.value}


def covered_ids(ws: Any, record: Mapping[str, Any]) -> frozenset[str]:
    """The items a record of this workspace covers, as keyed ids (`Sealer.exported_id`): a
    record made before ids were keyed lists plain content digests, which are keyed here."""
    return frozenset(
        str(d) if str(d).startswith(EXPORTED_ID_PREFIX) else ws.exported_id(str(d))
        for d in record["artifacts"]["digests"])


def changes_since(ws: Any, record: Mapping[str, Any], approved: set[str]) -> list[MaterialChange]:
    """What the payload would hold now that the record does not cover."""
    changes: list[MaterialChange] = []
    outside = {ws.exported_id(i) for i in approved} - covered_ids(ws, record)
    if outside:
        changes.append(MaterialChange("new-material", str(len(outside))))
    listed = {c["category"] for c in record["data_categories"] if not c["sensitive"]}
    kinds = {_CATEGORY_OF_KIND[s.kind.value] for s in ws.artifact_summaries()
             if s.id in approved}
    changes += [MaterialChange("new-kind", k) for k in sorted(kinds - listed)]
    sensitive = {c["category"] for c in record["data_categories"] if c["sensitive"]}
    # Kept without separate consent is its own blocker (sensitive-without-consent).
    changes += [MaterialChange("new-sensitive", c) for c in kept_sensitive(ws, approved)
                if c not in sensitive and record["separate_consent"].get(c)]
    return changes


def withdrawn_at(ws: Any, record_id: str) -> str | None:
    """When this consent record was withdrawn, from the workspace or its signed ledger (either
    is enough: a withdrawal is never undone by editing one of them)."""
    marked = ws.withdrawals().get(record_id)
    if marked:
        return str(marked)
    path = ws.ledger_path
    if path.exists():
        from workbench.core.trust.ledger import read_entries, read_file

        for entry in read_entries(read_file(path)):
            if entry.type == "consent.withdrawn" and entry.body.get("record_id") == record_id:
                return entry.time
    return None


def latest_signed_decision(ws: Any) -> str | None:
    """The record id of the latest consent decision in the workspace's signed ledger."""
    path = ws.ledger_path
    if not path.exists():
        return None
    from workbench.core.trust.ledger import read_entries, read_file

    latest = None
    for entry in read_entries(read_file(path)):
        if entry.type in ("consent.given", "consent.declined"):
            latest = entry.body.get("record_id")
    return str(latest) if latest else None


def mark_withdrawn(ws: Any, record_id: str, at: str, signer: Signer,
                   body: Mapping[str, Any] | None = None) -> bool:
    """The employee withdrew this consent: mark its record and say so in the ledger, once.
    False when it was already withdrawn."""
    from workbench.core.workspace import workspace_ledger

    already = withdrawn_at(ws, record_id)
    ws.mark_withdrawn(record_id, already or at)
    if already:
        return False
    workspace_ledger.record_now(ws, signer, "consent.withdrawn",
                                {**(body or {}), "record_id": record_id})
    return True


def unverified_parties(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(name, fingerprint) of the countersigner and each recipient of a consent record whose
    card the user never checked with its owner: the package is encrypted to, and countersigned
    by, cards only as genuine as the way they arrived."""
    vouched = keys.verified_fingerprints()
    parties = [record["countersigner"], *record["recipients"]]
    return [(str(p["name"]), str(p["fingerprint"])) for p in parties
            if p["fingerprint"] not in vouched]


def current_record(ws: Any) -> dict[str, Any] | None:
    """The latest signed record of the workspace, verified against its principal's key
    (ConsentError when it does not verify); None when nothing was decided yet."""
    envelopes = ws.consent_envelopes()
    return record_of(envelopes[-1], keys.public_keys()) if envelopes else None


def resolve_parties_for_request(terms: ConsentTerms, hr: keys.IdentityCard) -> ConsentTerms:
    """HR names itself as countersigner and recipients from its contacts."""
    contacts = keys.contacts()
    recipients = tuple(dict.fromkeys(
        keys.find_card(r, contacts, keys.Role.RECIPIENT, what="contact").fingerprint
        for r in terms.recipients))
    return replace(terms, countersigner=hr.fingerprint, recipients=recipients)


def preview_notice(ws: Any, terms: ConsentTerms, now: datetime) -> str:
    """The notice the employee is about to agree to, for showing before they confirm."""
    check_terms(terms, clock.local_date(now))
    terms = resolve_parties(terms)
    return render_notice(terms, workspace_facts(ws), keys.known_cards())
