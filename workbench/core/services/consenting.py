"""The user task "consent": the terms and categories to show, giving or declining, HR's request,
withdrawing, the consent in force, parties nobody checked, and checking a ledger.

Both front ends ask here what the consent in force is (`current_record`): the Consent page
shows it, the Export page summarises it, the command line warns about it. Every decision is a
new signed record (`decide`); the rules that protect the employee (terms checked, a request
only narrowed, the record signed by the employee who gives it) are in `package.consent`,
which these functions call and never bypass.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench.core.errors import BadInputError, WorkbenchError, coded, reason_of
from workbench.core.messages import t
from workbench.core.package import bundle, consent, custody
from workbench.core.package.consent import (
    LANGUAGES,
    SENSITIVE_CATEGORIES,
    ConsentError,
    ConsentRequest,
    ConsentTerms,
    WorkspaceFacts,
    category_choices,
    category_counts,
    check_narrowing,
    check_terms,
    read_request,
    render_notice,
    sensitive_category,
    terms_from_file,
    terms_from_mapping,
    terms_json,
)
from workbench.core.package.custody import WithdrawResult
from workbench.core.services._opening import WorkspaceRef, opened
from workbench.core.trust import keys
from workbench.core.trust.keys import IdentityCard, Role
from workbench.core.trust.ledger import LedgerCheck
from workbench.core.trust.ledger import holds_entries as ledger_holds_entries
from workbench.core.trust.ledger import verify as verify_ledger_text

log = logging.getLogger(__name__)

__all__ = [
    "LANGUAGES", "SENSITIVE_CATEGORIES", "ConsentError", "ConsentParties", "ConsentRequest",
    "ConsentState", "ConsentTerms", "CurrentConsent", "IdentityCard", "LedgerCheck", "Party",
    "Role", "WithdrawResult", "WorkspaceFacts", "category_choices", "category_counts",
    "check_ledger", "check_narrowing", "check_terms", "consent_state", "current_record",
    "decide", "parties", "preview_notice", "read_request", "render_notice",
    "sensitive_category", "signing_identity", "terms_from_file", "terms_from_mapping",
    "terms_json",
    "unverified_parties", "withdraw",
]


@dataclass(frozen=True)
class Party:
    """Someone a consent record names: the countersigner (HR) or a recipient team."""

    name: str
    fingerprint: str


@dataclass(frozen=True)
class CurrentConsent:
    """The consent in force: the latest signed record, verified against its principal's key,
    and whether it was withdrawn since."""

    record_id: str
    decision: str  # "given" or "declined"
    created_at: str
    delete_by: str
    withdrawn_at: str | None
    countersigner: Party
    recipients: tuple[Party, ...]
    purposes: tuple[str, ...]
    covered: frozenset[str]  # the items the record was given for, by their keyed ids
    record: Mapping[str, Any]  # the signed record itself (to prefill new terms, or print)

    @property
    def in_force(self) -> bool:
        """Given and not withdrawn: the only state that lets anything leave."""
        return self.decision == "given" and not self.withdrawn_at

    @classmethod
    def of(cls, record: Mapping[str, Any], withdrawn_at: str | None = None,
           covered: frozenset[str] | None = None) -> CurrentConsent:
        """`covered` as `consent.covered_ids` reads it (the record's own list when None)."""
        return cls(
            record_id=str(record["record_id"]),
            decision=str(record["decision"]),
            created_at=str(record.get("created_at", "")),
            delete_by=str(record["retention"]["delete_by"]),
            withdrawn_at=withdrawn_at,
            countersigner=_party(record["countersigner"]),
            recipients=tuple(_party(r) for r in record["recipients"]),
            purposes=tuple(str(p["text"]) for p in record["purposes"]),
            covered=frozenset(record["artifacts"]["digests"]) if covered is None else covered,
            record=record,
        )


def _party(entry: Mapping[str, Any]) -> Party:
    return Party(str(entry["name"]), str(entry["fingerprint"]))


def current_record(workspace: WorkspaceRef) -> CurrentConsent | None:
    """The consent in force in this workspace (None: nothing was decided yet). A record whose
    signature does not hold is refused (ConsentError), never shown as if it did."""
    with opened(workspace) as ws:
        record = consent.current_record(ws)
        if record is None:
            return None
        return CurrentConsent.of(record, consent.withdrawn_at(ws, record["record_id"]),
                                 consent.covered_ids(ws, record))


@dataclass(frozen=True)
class ConsentParties:
    """Who may take part: this home's employee identities, HR and recipient contacts, every
    card known by fingerprint, and the fingerprints checked with their owners."""

    employees: tuple[IdentityCard, ...]
    hr: tuple[IdentityCard, ...]
    recipients: tuple[IdentityCard, ...]
    cards: Mapping[str, IdentityCard]
    verified: frozenset[str]

    def missing(self) -> tuple[str, ...]:
        """What must exist before consent can be given: "employee", "hr", "recipient"."""
        needed = (("employee", self.employees), ("hr", self.hr), ("recipient", self.recipients))
        return tuple(name for name, cards in needed if not cards)


def parties() -> ConsentParties:
    own, contacts = keys.own_identities(), keys.contacts()
    return ConsentParties(
        employees=tuple(c for c in own if c.role == Role.EMPLOYEE),
        hr=tuple(c for c in contacts if c.role == Role.HR),
        recipients=tuple(c for c in contacts if c.role == Role.RECIPIENT),
        cards=dict(keys.known_cards()),
        verified=frozenset(keys.verified_fingerprints()),
    )


@dataclass(frozen=True)
class ConsentState:
    """Everything the consent screen shows about a workspace, read in one go."""

    name: str
    facts: WorkspaceFacts
    parties: ConsentParties
    current: CurrentConsent | None
    # Why the consent in force cannot be read (a record whose signature fails), else "".
    problem: str
    # Items in the workspace the consent in force was not given for.
    uncovered: int


def consent_state(workspace: WorkspaceRef) -> ConsentState:
    """The workspace's categories and sensitive findings, the parties, and the consent in
    force. A record that does not verify is reported in `problem`, not raised: the screen
    still lets the employee record a new decision."""
    people = parties()
    with opened(workspace) as ws:
        facts = consent.workspace_facts(ws)
        current, problem = None, ""
        try:
            current = current_record(ws)
        except WorkbenchError as exc:
            problem = str(exc)
        name = ws.name
    uncovered = len(set(facts.artifact_digests) - current.covered) if current else 0
    return ConsentState(name, facts, people, current, problem, uncovered)


def signing_identity(identity: str | None = None) -> IdentityCard:
    """The employee identity that signs a decision: the only one, or the one `identity`
    names (a name, email or fingerprint); several without a choice are refused."""
    return keys.my_identity(Role.EMPLOYEE, identity)


def preview_notice(workspace: WorkspaceRef, terms: ConsentTerms, now: datetime) -> str:
    """The notice the employee is about to agree to, for reading before confirming."""
    with opened(workspace) as ws:
        return consent.preview_notice(ws, terms, now)


def decide(workspace: WorkspaceRef, terms: ConsentTerms, decision: str,
           employee: IdentityCard, now: datetime,
           request: ConsentRequest | None = None) -> CurrentConsent:
    """Give ("given") or decline ("declined") consent on these terms: checked, narrowed
    against HR's request if there is one, signed by `employee` and chained into the ledger.
    Returns the new record, now the consent in force."""
    if decision not in ("given", "declined"):
        raise coded(BadInputError, "consent.bad-decision")
    with opened(workspace) as ws:
        record, _notice = consent.record_decision(ws, terms, decision, employee, now, request)
    return CurrentConsent.of(record)


def unverified_parties(current: CurrentConsent | None) -> tuple[Party, ...]:
    """The countersigner and recipients of the consent in force whose cards were never
    checked with their owners: the package is encrypted to, and countersigned by, cards only
    as genuine as the way they arrived."""
    if current is None:
        return ()
    return tuple(Party(name, fingerprint)
                 for name, fingerprint in consent.unverified_parties(current.record))



def withdraw(package: Path, out: Path, now: datetime, identity: str | None = None,
             force: bool = False, expected: str | None = None) -> WithdrawResult:
    """The employee's signed revocation of a package they exported, written to `out`: the
    workspace's consent is marked withdrawn (and says so in its ledger), so nothing more
    leaves on it; a second withdrawal writes the same revocation again. `expected`: the
    package id the user named; a file holding another package is refused."""
    if not Path(package).exists():
        raise BadInputError(t("error.no_such_path", path=package))
    bundle.check_output(out, force=True, suffix=".revocation")
    employee = signing_identity(identity)
    return custody.withdraw(package, out, employee, now, force, expected)


def check_ledger(path: Path) -> LedgerCheck:
    """Every line of a ledger file checked: the chain, and each signature against the keys
    this home knows."""
    try:
        text = Path(path).read_bytes().decode("utf-8")  # as written: lines end in "\n" only
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInputError(t("error.cannot_read", path=path, reason=reason_of(exc))) from exc
    check = verify_ledger_text(text, keys.public_keys())
    if not check.ok and not ledger_holds_entries(text):
        # Another kind of file given by mistake: bad input, not a ledger that failed a check.
        raise coded(BadInputError, "ledger.not-a-ledger", Path(path).name)
    return check
