"""Review: a decision for every finding (default policy of DESIGN §2), manual redactions,
"apply to all occurrences", undo, and approving or excluding artifacts."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from workbench.core.artifacts import ArtifactState
from workbench.core.errors import BadInputError, RefusedError
from workbench.core.pii.parties import normalise
from workbench.core.progress import CancelToken, ProgressCallback, no_progress
from workbench.core.redact import RedactionContext, redact_artifact
from workbench.core.workspace import StoredFinding, Workspace


class Decision(StrEnum):
    REDACT = "redact"
    PSEUDONYMISE = "pseudonymise"
    KEEP = "keep"
    PENDING = "pending"


class SecretCannotBeKept(RefusedError):
    def __init__(self) -> None:
        super().__init__("Secrets (keys, tokens, passwords) are always redacted; they cannot "
                         "be kept.")


PSEUDONYMISABLE = frozenset({"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"})
# Identifiers that are redacted whoever they belong to (DESIGN §2).
ALWAYS_REDACTED = frozenset({"SECRET", "CN_RESIDENT_ID", "CN_PASSPORT", "BANK_CARD",
                             "CREDIT_CARD", "IBAN_CODE", "ADDRESS", "IP_ADDRESS", "MANUAL"})
# Not about a person on their own: kept unless the employee decides otherwise.
KEPT_BY_DEFAULT = frozenset({"LOCATION", "URL"})


def default_decision(entity: str, party: str) -> Decision:
    """The default policy: secrets and identifiers redacted; third parties pseudonymised;
    the employee's own name kept, their other identifiers redacted; sensitive sentences
    redacted until the employee chooses to keep them (which needs separate consent)."""
    if entity in ALWAYS_REDACTED or entity.startswith("SENSITIVE_"):
        return Decision.REDACT
    if entity in KEPT_BY_DEFAULT:
        return Decision.KEEP
    if entity == "PERSON":
        return Decision.KEEP if party == "self" else Decision.PSEUDONYMISE
    if entity in PSEUDONYMISABLE:
        return Decision.REDACT if party == "self" else Decision.PSEUDONYMISE
    return Decision.REDACT


def check_decision(finding: StoredFinding, decision: Decision) -> None:
    if finding.entity == "SECRET" and decision == Decision.KEEP:
        raise SecretCannotBeKept()
    if decision == Decision.PSEUDONYMISE and (finding.entity not in PSEUDONYMISABLE
                                              or not finding.person_key):
        raise RefusedError("Only names, emails and phone numbers of a known person can be "
                           "pseudonymised; redact or keep this one.")


def apply_default_policy(ws: Workspace) -> int:
    """Decide every still-pending finding by the default policy (one undo step)."""
    changes = []
    for f in ws.findings():
        if f.decision == Decision.PENDING:
            decision = default_decision(f.entity, f.party)
            if decision == Decision.PSEUDONYMISE and not f.person_key:
                decision = Decision.REDACT
            changes.append((f.id, str(decision)))
    ws.set_decisions(changes)
    return len(changes)


def decide(ws: Workspace, finding_id: int, decision: Decision,
           all_occurrences: bool = False) -> int:
    """Set one finding's decision — or that of every finding of the same value — at once."""
    finding = ws.finding(finding_id)
    check_decision(finding, decision)
    targets = [finding]
    if all_occurrences:
        value = normalise(finding.entity, finding.value)
        targets = [f for f in ws.findings()
                   if f.entity == finding.entity and normalise(f.entity, f.value) == value]
    ws.set_decisions([(f.id, str(decision)) for f in targets])
    return len(targets)


def redact_span(ws: Workspace, artifact_id: str, start: int, end: int,
                all_occurrences: bool = False) -> list[int]:
    """A manual redaction of any span; optionally of the same text everywhere."""
    text = ws.artifact(artifact_id).text
    if not 0 <= start < end <= len(text):
        raise BadInputError("The selection is outside the artifact's text.")
    value = text[start:end]
    spans = [(artifact_id, start, end)]
    if all_occurrences and value.strip():
        pattern = re.compile(re.escape(value))
        spans = [(a.id, m.start(), m.end()) for a in ws.artifacts()
                 for m in pattern.finditer(a.text)]
    return ws.add_manual_findings([(a, s, e, "MANUAL", str(Decision.REDACT))
                                   for a, s, e in spans])


def undo(ws: Workspace) -> int:
    """Undo the last review action. Undoing an approval or exclusion is itself recorded in
    the ledger (the ledger is history and is never rewritten)."""
    undone = ws.undo()
    for action, artifact_id, restored in undone:
        if action == "state" and artifact_id:
            ws.record_event("artifact.reviewed", {"artifact": artifact_id,
                                                  "decision": f"reopened:{restored}"},
                            _ledger_time())
    return len(undone)


@dataclass(frozen=True)
class Unresolved:
    artifact_id: str
    title: str
    kind: str
    reasons: tuple[str, ...]


def unresolved(ws: Workspace) -> list[Unresolved]:
    """Pending artifacts and why each is not approved yet."""
    pending_findings = Counter()
    for f in ws.findings():
        if f.decision == Decision.PENDING:
            pending_findings[(f.artifact_id, f.entity)] += 1
    out = []
    for artifact in ws.artifacts():
        if artifact.state != ArtifactState.PENDING:
            continue
        reasons = [f"{n} {entity} finding(s) without a decision"
                   for (aid, entity), n in sorted(pending_findings.items()) if aid == artifact.id]
        if artifact.kind.value == "image":
            reasons.append("images must be looked at and approved by hand")
        out.append(Unresolved(artifact.id, artifact.title, artifact.kind.value,
                              tuple(reasons) or ("not approved yet",)))
    return out


def approve(ws: Workspace, artifact_id: str, context: RedactionContext | None = None) -> str:
    """Approve an artifact whose findings all have a decision; returns its digest out."""
    body = _approval(ws, artifact_id, context or RedactionContext.of(ws))
    ws.set_artifact_state(artifact_id, ArtifactState.APPROVED, ("artifact.reviewed", body))
    return str(body["digest_out"])


def _approval(ws: Workspace, artifact_id: str, context: RedactionContext) -> dict[str, object]:
    """The checks an approval must pass, and its ledger event's body."""
    findings = ws.findings(artifact_id)
    pending = [f for f in findings if f.decision == Decision.PENDING]
    if pending:
        raise RefusedError(f"{len(pending)} finding(s) in this artifact still need a decision.")
    artifact = ws.artifact(artifact_id)
    redacted = redact_artifact(artifact, findings, context)
    return {"artifact": artifact_id, "digest_out": redacted.digest, "decision": "approved",
            "counts": {d: dict(sorted(c.items())) for d, c in sorted(redacted.counts.items())}}


def ready_to_approve(ws: Workspace) -> list[str]:
    """Pending artifacts with nothing left to decide: scanned, every finding decided, and
    not an image (pixels need a human eye)."""
    blocked = ws.artifacts_with_pending_findings()
    scanned = ws.scan_keys()
    return [a.id for a in ws.artifact_summaries()
            if a.state == ArtifactState.PENDING and a.id in scanned and a.id not in blocked
            and a.kind.value != "image"]


def approve_ready(ws: Workspace, progress: ProgressCallback = no_progress,
                  cancel: CancelToken | None = None) -> int:
    """Approve every artifact with nothing left to decide, as one undo step; returns how
    many. Each passes the same checks as `approve`; a cancel before the end approves none."""
    ready = ready_to_approve(ws)
    context = RedactionContext.of(ws)
    changes: list[tuple[str, ArtifactState, tuple[str, dict[str, object]] | None]] = []
    for done, artifact_id in enumerate(ready):
        if cancel is not None:
            cancel.check("Approving")
        progress(done, len(ready), "")
        changes.append((artifact_id, ArtifactState.APPROVED,
                        ("artifact.reviewed", _approval(ws, artifact_id, context))))
    ws.set_artifact_states(changes)
    progress(len(ready), len(ready), "")
    return len(changes)


def exclude(ws: Workspace, artifact_id: str) -> None:
    ws.artifact(artifact_id)
    ws.set_artifact_state(artifact_id, ArtifactState.EXCLUDED,
                          ("artifact.reviewed", {"artifact": artifact_id,
                                                 "decision": "excluded"}))


@dataclass(frozen=True)
class AutoReviewSummary:
    decided: int
    approved: int
    left: int


def auto_review(ws: Workspace) -> AutoReviewSummary:
    """`review --auto`: the default policy, then approve every artifact with nothing left
    to decide. Images stay pending: their pixels need a human eye (or OCR, later)."""
    decided = apply_default_policy(ws)
    context = RedactionContext.of(ws)
    approved = 0
    blocked = {f.artifact_id for f in ws.findings() if f.decision == Decision.PENDING}
    for artifact in ws.artifacts():
        if (artifact.state == ArtifactState.PENDING and artifact.id not in blocked
                and artifact.kind.value != "image"):
            approve(ws, artifact.id, context)
            approved += 1
    return AutoReviewSummary(decided, approved, len(unresolved(ws)))


def _ledger_time() -> str:
    from workbench.core.ledger import now

    return now()
