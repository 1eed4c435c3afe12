"""The one gate that decides whether an artifact may be approved and may leave the laptop.

Every approval (CLI, GUI, `review --auto`) and every export asks this module, and it answers
from stored state only — never from what a screen showed. Its rules (SECURITY.md, "The gate"):

1. the artifact was scanned by the detector installed now, with the people known now, and the
   scan record carries the workspace's MAC over the findings it produced (none were deleted or
   edited since);
2. every finding has a decision;
3. no secret or identifier class (keys, passwords, resident IDs, passports, cards, IBANs) and no
   manual redaction is decided "keep";
4. an image is approved only by a person who looked at it, never by a default policy;
5. an approved artifact carries an approval MAC over its findings and decisions as approved:
   any change since (a new finding, an edited decision) makes the approval void.

The MACs are keyed with the workspace key, so a database edited without the key — a decision
flipped to "keep", a state set to "approved", a finding deleted — is refused by name.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from workbench.core.ingest.artifacts import ArtifactKind, ArtifactState
from workbench.core.messages import Joined, Message, label_message
from workbench.core.workspace import ArtifactRow, StoredFinding, Workspace
from workbench.core.workspace.records import content_digest, review_digest, scan_digest
from workbench.core.workspace.rows import ScanRecord

# Classes redacted whoever they belong to, never kept (issue 15, ARCHITECTURE.md §5).
NEVER_KEPT = frozenset({"SECRET", "CN_RESIDENT_ID", "CN_PASSPORT", "BANK_CARD", "CREDIT_CARD",
                        "IBAN_CODE", "US_SSN", "MANUAL"})


class Rule(StrEnum):
    """Why an artifact may not be approved or may not leave; stable codes for every front end."""

    UNSCANNED = "unscanned"
    STALE_SCAN = "stale-scan"
    SCAN_ALTERED = "scan-altered"
    REVIEW_ALTERED = "review-altered"
    UNDECIDED = "undecided"
    KEPT_IDENTIFIER = "kept-identifier"
    IMAGE_NEEDS_LOOK = "image-needs-look"
    PENDING = "pending"
    APPROVAL_VOID = "approval-void"


@dataclass(frozen=True)
class Blocker:
    """One reason one artifact may not be approved or exported."""

    artifact_id: str
    title: str
    rule: Rule
    count: int = 0
    detail: str = ""

    def message(self) -> Message:
        """The reason by its catalogue code (gate.<rule>); `detail` lists entity classes."""
        kept = Joined(tuple(label_message("entity", e) for e in self.detail.split(", ") if e),
                      "items")
        return Message(f"gate.{self.rule}", values={"count": self.count, "detail": kept})

    @property
    def reason(self) -> str:
        """The reason as a phrase in the reader's language."""
        return self.message().text()

    def line_message(self) -> Message:
        """The item and why it is blocked, as one line."""
        return Message("gate.line", (self.title, self.artifact_id.removeprefix("sha256:")[:12],
                                     self.message()))

    def __str__(self) -> str:
        return self.line_message().text()


@dataclass
class GateContext:
    """What every check needs once per call, not once per artifact: the scan key now."""

    scan_key: str
    scans: dict[str, ScanRecord] = field(default_factory=dict)

    @classmethod
    def of(cls, ws: Workspace) -> GateContext:
        from workbench.core.review.scan import current_scan_key

        return cls(current_scan_key(ws))

    def scan_of(self, ws: Workspace, artifact_id: str) -> ScanRecord | None:
        if artifact_id not in self.scans:
            record = ws.scan_record(artifact_id)
            if record is None:
                return None
            self.scans[artifact_id] = record
        return self.scans[artifact_id]


def approval_blockers(ws: Workspace, artifact_id: str, *, by_hand: bool,
                      context: GateContext | None = None,
                      findings: list[StoredFinding] | None = None) -> list[Blocker]:
    """Everything that stops this artifact from being approved now (empty: it may be)."""
    context = context or GateContext.of(ws)
    artifact = ws.artifact_summary(artifact_id)
    found = ws.findings(artifact_id) if findings is None else findings
    blockers = _scan_blockers(ws, artifact_id, artifact.title, found, context)
    if blockers:
        return blockers  # findings of a missing or stale scan say nothing yet
    if not ws.review_holds(artifact_id):
        return [Blocker(artifact_id, artifact.title, Rule.REVIEW_ALTERED)]
    undecided = sum(1 for f in found if f.decision == "pending")
    if undecided:
        blockers.append(Blocker(artifact_id, artifact.title, Rule.UNDECIDED, undecided))
    kept = sorted({f.entity for f in found if f.entity in NEVER_KEPT and f.decision == "keep"})
    if kept:
        count = sum(1 for f in found if f.entity in NEVER_KEPT and f.decision == "keep")
        blockers.append(Blocker(artifact_id, artifact.title, Rule.KEPT_IDENTIFIER, count,
                                ", ".join(kept)))
    if artifact.kind is ArtifactKind.IMAGE and not by_hand:
        blockers.append(Blocker(artifact_id, artifact.title, Rule.IMAGE_NEEDS_LOOK))
    return blockers


def findings_by_artifact(ws: Workspace) -> dict[str, list[StoredFinding]]:
    """Every finding, grouped by artifact: one read for a check over the whole workspace."""
    by_artifact: dict[str, list[StoredFinding]] = {}
    for f in ws.findings():
        by_artifact.setdefault(f.artifact_id, []).append(f)
    return by_artifact


def approval_mac(ws: Workspace, artifact_id: str, findings: Iterable[StoredFinding],
                 row: ArtifactRow | None = None) -> str:
    """The MAC an approval is stored with: over what the artifact shows as stored (title,
    text, picture, dates) and its findings and decisions."""
    row = row or ws.artifact(artifact_id)
    return ws.mac("approval", artifact_id, _content(row), review_digest(findings))


def approval_holds(ws: Workspace, artifact_id: str, findings: Iterable[StoredFinding],
                   mac: str | None = None, row: ArtifactRow | None = None) -> bool:
    """The stored approval was made by the app for exactly this content, these findings and
    these decisions."""
    mac = ws.approval_mac(artifact_id) if mac is None else mac
    if mac is None:
        return False
    row = row or ws.artifact(artifact_id)
    return ws.check_mac(mac, "approval", artifact_id, _content(row), review_digest(findings))


def _content(row: ArtifactRow) -> str:
    return content_digest(
        str(row.kind), row.title,
        json.dumps([s.as_json() for s in row.segments], sort_keys=True, ensure_ascii=False),
        row.image_blob, row.started_at, row.ended_at,
        json.dumps(row.meta, sort_keys=True, ensure_ascii=False))


def export_blockers(ws: Workspace, context: GateContext | None = None) -> list[Blocker]:
    """At export, from stored state: every artifact not excluded must be approved, and every
    approved one must still pass the gate and hold a valid approval."""
    context = context or GateContext.of(ws)
    context.scans = ws.scan_records()
    macs = ws.approval_macs()
    rows = {r.id: r for r in ws.artifacts()}
    by_artifact = findings_by_artifact(ws)
    blockers: list[Blocker] = []
    for summary in ws.artifact_summaries():
        if summary.state is ArtifactState.EXCLUDED:
            continue
        if summary.state is ArtifactState.PENDING:
            blockers.append(Blocker(summary.id, summary.title, Rule.PENDING))
            continue
        found = by_artifact.get(summary.id, [])
        problems = approval_blockers(ws, summary.id, by_hand=True, context=context,
                                     findings=found)
        if not problems and not approval_holds(ws, summary.id, found, macs.get(summary.id),
                                               rows[summary.id]):
            problems = [Blocker(summary.id, summary.title, Rule.APPROVAL_VOID)]
        blockers.extend(problems)
    return blockers


def unscanned(ws: Workspace) -> list[Blocker]:
    """Items whose scan is missing, stale or altered: nothing about them is decided yet."""
    context = GateContext.of(ws)
    context.scans = ws.scan_records()
    by_artifact = findings_by_artifact(ws)
    return [b for s in ws.artifact_summaries() if s.state is not ArtifactState.EXCLUDED
            for b in _scan_blockers(ws, s.id, s.title, by_artifact.get(s.id, []), context)]


def void_approvals(ws: Workspace, artifact_ids: Iterable[str], reason: str) -> list[str]:
    """Return to pending every approved artifact among these whose approval no longer holds
    (a rescan found something new, a decision changed); returns their ids."""
    wanted = [a for a in dict.fromkeys(artifact_ids)
              if ws.artifact_state(a) is ArtifactState.APPROVED]
    if not wanted:
        return []
    void = [a for a in wanted if not approval_holds(ws, a, ws.findings(a))]
    if void:
        ws.reopen(void, reason)
    return void


def _scan_blockers(ws: Workspace, artifact_id: str, title: str,
                   findings: list[StoredFinding], context: GateContext) -> list[Blocker]:
    record = context.scan_of(ws, artifact_id)
    if record is None:
        return [Blocker(artifact_id, title, Rule.UNSCANNED)]
    key, mac = record
    if not ws.check_mac(mac, "scan", artifact_id, key, scan_digest(findings)):
        if not mac:  # scanned before scans were sealed (schema 5): simply scan again
            return [Blocker(artifact_id, title, Rule.STALE_SCAN)]
        return [Blocker(artifact_id, title, Rule.SCAN_ALTERED)]
    if key != context.scan_key:
        return [Blocker(artifact_id, title, Rule.STALE_SCAN)]
    return []
