"""HR's task: sign the consent request the employee starts from (one way for the command
line, the app and the demo), then check a package against it and countersign it.

Only an HR identity of this home countersigns; the checks, the ways the terms go beyond HR's
own request and the redaction counts come back as plain data for the front end to show.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench.core import clock
from workbench.core.atomic import atomic_write
from workbench.core.errors import RefusedError, coded
from workbench.core.messages import Joined, Message
from workbench.core.package import bundle, consent, hr_requests, readers
from workbench.core.package.bundle import Check
from workbench.core.package.consent import SENSITIVE_CATEGORIES
from workbench.core.package.hr_requests import Difference
from workbench.core.package.readers import Reader
from workbench.core.progress import CancelToken, ProgressCallback, no_progress
from workbench.core.services.identities import choose_identity, identity_or_reason
from workbench.core.services.receiving import PackageTerms
from workbench.core.trust import keys, ledger
from workbench.core.trust.dsse import decode_payload
from workbench.core.trust.keys import IdentityCard

__all__ = [
    "SENSITIVE_CATEGORIES",
    "Check",
    "Countersigned",
    "Difference",
    "HrReview",
    "IdentityCard",
    "PackageTerms",
    "Reader",
    "RequestSigned",
    "check_may_countersign",
    "countersign",
    "hr_identity",
    "request_consent",
    "review_package",
]

COUNTERSIGNATURE = "HR countersignature"


def hr_identity(identity: str | None = None) -> IdentityCard:
    """The HR identity that acts: the one `identity` names, else the only one (refused when
    there is none, or several and no name)."""
    card = choose_identity(keys.Role.HR.value, identity)
    assert card is not None  # required
    return card


# -- the request ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestSigned:
    path: Path  # the request file to send to the employee
    kept: Path  # HR's own copy, which countersigning compares packages with
    request_id: str
    hr: str  # label of the HR identity that signed
    employee: str  # label of the employee it is addressed to, "" when none
    body: dict[str, Any]


def request_consent(terms: Mapping[str, Any], out: Path, now: datetime, *,
                    identity: str | None = None, employee: str | None = None,
                    overrides: Mapping[str, Any] | None = None,
                    force: bool = False) -> RequestSigned:
    """HR signs a consent request: `terms` (a terms file's fields) with `overrides` on top
    (empty values ignored), HR itself as countersigner, recipients resolved among HR's
    contacts, checked as a record would be; addressed to `employee` (a contact) when given,
    so countersigning can compare that employee's package with it. The request is written
    to `out` (checked first: an existing file only with `force`) and a copy is kept in HR's
    data folder."""
    out = bundle.check_output(Path(out), force, ".json")
    hr = hr_identity(identity)
    asked = consent.terms_from_mapping({**terms, "countersigner": hr.fingerprint},
                                       **dict(overrides or {}))
    consent.check_terms(asked, clock.local_date(now))
    # Every sensitive category named, asked for or not: two requests for the same thing read
    # the same whether the terms came as a file, options or the demo's values.
    asked = replace(consent.resolve_parties_for_request(asked, hr), separate_consent={
        c: bool(asked.separate_consent.get(c)) for c in SENSITIVE_CATEGORIES})
    addressed = keys.find_card(employee, keys.contacts(), keys.Role.EMPLOYEE,
                               what="contact") if employee else None
    envelope = consent.make_request(asked, keys.LocalSigner(hr), hr, now, addressed)
    atomic_write(Path(out), (json.dumps(envelope, indent=2) + "\n").encode(), mode=0o644)
    kept = hr_requests.keep(envelope)
    body = json.loads(decode_payload(envelope))
    return RequestSigned(Path(out), kept, str(body["request_id"]), hr.label(),
                         addressed.label() if addressed else "", body)


# -- checking a package ------------------------------------------------------------------------


def _redaction_counts(checked: bundle.Bundle) -> dict[str, tuple[int, int]]:
    """Per entity, (removed, replaced by an alias) over the artifacts this package holds,
    from the ledger's artifact.reviewed events (the latest review of each artifact). Empty
    when the ledger does not verify: an unverified ledger is not read for facts."""
    if not any(c.name == "ledger" and c.ok for c in checked.checks):
        return {}
    latest: dict[str, Mapping[str, Any]] = {}
    for entry in ledger.read_entries(checked.ledger_text):
        if entry.type == "artifact.reviewed":
            latest[str(entry.body.get("artifact"))] = entry.body
    included = set(checked.record.get("artifacts", {}).get("digests", []))
    removed: Counter[str] = Counter()
    aliased: Counter[str] = Counter()
    for artifact, body in latest.items():
        if artifact not in included:
            continue
        counts = body.get("counts", {})
        removed.update(counts.get("redact", {}))
        aliased.update(counts.get("pseudonymise", {}))
    return {entity: (removed[entity], aliased[entity])
            for entity in sorted(set(removed) | set(aliased))}


@dataclass(frozen=True)
class HrReview:
    """A package as HR sees it before countersigning: every check, the signed terms, what
    the review removed or aliased (counts only), and how the terms go beyond HR's request."""

    path: Path
    package: str
    checks: tuple[Check, ...]
    terms: PackageTerms
    ledger_verified: bool  # else `redactions` is empty: an unverified ledger is not read
    redactions: dict[str, tuple[int, int]]
    differences: tuple[Difference, ...]
    countersigned: bool  # a valid HR countersignature is already on it
    countersigned_at: str | None
    hr: IdentityCard | None  # who would countersign here (None: no HR identity)
    # Whom it will be readable by: each recipient, and whether its key is a known contact.
    readers: tuple[Reader, ...] = ()
    # Why the payload is readable by more (or other) keys than the record names, else None.
    unnamed_readers: Message | None = None

    def refused_readers(self) -> list[Reader]:
        """Recipients named like a contact but with another key: never countersigned."""
        return [r for r in self.readers if r.refused]

    def readers_refusal(self) -> Message | None:
        """Why a recipient stops countersigning (the first refused one, else keys the record
        does not name), else None."""
        return readers.refusal(self.readers) or self.unnamed_readers

    def unknown_readers(self) -> list[Reader]:
        """Recipients whose keys are no contact of HR's: nobody can say who holds them."""
        return [r for r in self.readers if r.status == readers.UNKNOWN]

    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    @property
    def verified(self) -> bool:
        return not self.failed()

    @property
    def can_countersign(self) -> bool:
        return self.verified and self.hr is not None and not self.countersigned \
            and self.readers_refusal() is None


def review_package(path: Path, now: datetime, identity: str | None = None,
                   progress: ProgressCallback = no_progress,
                   cancel: CancelToken | None = None) -> HrReview:
    """Read and check a package for HR (never decrypting it); the differences from HR's own
    request are those of the HR identity `identity` names, else of this home's only one
    (none: no differences are looked for)."""
    # Checking needs no identity; comparing with HR's request needs the one that signed it.
    hr = identity_or_reason(keys.Role.HR.value)[0] if identity is None \
        else choose_identity(keys.Role.HR.value, identity)
    progress(0, 2, "check")
    checked = bundle.check_bundle(bundle.read_bundle(Path(path)), keys.public_keys(), now,
                                  require_countersignature=False)
    if cancel is not None:
        cancel.check("Checking the package")
    progress(1, 2, "check")
    differences = hr_requests.differences_for(checked.record, hr) if hr else []
    ledger_ok = any(c.name == "ledger" and c.ok for c in checked.checks)
    review = HrReview(
        Path(path), checked.package, tuple(checked.checks), PackageTerms.of(checked),
        ledger_ok, _redaction_counts(checked), tuple(differences),
        any(c.name == COUNTERSIGNATURE and c.ok for c in checked.checks),
        bundle.countersigned_at(checked), hr, readers.readers(checked.record),
        bundle.unnamed_readers(Path(path), checked.record))
    progress(2, 2, "check")
    return review


def check_may_countersign(review: HrReview, accept_differences: bool = False) -> None:
    """Refuse before asking HR to confirm, as `countersign` would: a package with a failed
    check (code countersign.not-verified, every failed check listed), a recipient named like
    a contact with another key (code countersign.reader-…, naming it), or terms wider than
    HR's own request without `accept_differences` (hr_requests.WiderThanRequested)."""
    failed = review.failed()
    if failed:
        # Each check named as its own line names it ("Ledger records this export: …").
        raise coded(RefusedError, "countersign.not-verified", Joined(tuple(
            Message("check.line", (Message(c.title_message().code), c.detail_message()))
            for c in failed)))
    readers.refuse_look_alikes(review.readers, RefusedError)
    if review.unnamed_readers is not None:
        raise coded(RefusedError, review.unnamed_readers.code, *review.unnamed_readers.args)
    if review.differences and not accept_differences:
        raise hr_requests.WiderThanRequested(list(review.differences))


@dataclass(frozen=True)
class Countersigned:
    path: Path
    package: str
    hr: str  # label of the HR identity that signed
    recipients: tuple[str, ...]  # names, to tell HR whom to send it to
    accepted: tuple[str, ...]  # fields of wider terms HR accepted explicitly


def countersign(path: Path, now: datetime, identity: str | None = None,
                accept_differences: bool = False,
                reviewed: HrReview | None = None) -> Countersigned:
    """Countersign as this home's HR identity (only an HR identity: another role's key is
    refused before anything is read). Every check must pass; terms wider than HR's own
    request are refused unless `accept_differences`; a package already countersigned is
    refused (code countersign.already) and left as it is. Given the `reviewed` package HR
    looked at, a file replaced since or other differences than those shown are refused."""
    hr = hr_identity(identity)
    checked = bundle.countersign(
        Path(path), hr, now, accept_differences=accept_differences,
        expected_package=reviewed.package if reviewed else None,
        accepted=reviewed.differences if reviewed else None)
    accepted: tuple[str, ...] = ()
    for entry in reversed(ledger.read_entries(checked.ledger_text)):
        if entry.type == "consent.countersigned":
            accepted = tuple(str(f) for f in entry.body.get("accepted_differences", []))
            break
    return Countersigned(Path(path), checked.package, hr.label(),
                         tuple(str(r["name"]) for r in checked.record["recipients"]), accepted)
