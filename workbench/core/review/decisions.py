"""Review: a decision for every finding (default policy of ARCHITECTURE.md §5), manual redactions,
"apply to all occurrences", undo, and approving or excluding artifacts."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from workbench.core import clock, logs
from workbench.core.errors import BadInputError, RefusedError, coded
from workbench.core.ingest.artifacts import ArtifactKind, ArtifactState
from workbench.core.messages import Joined, Message, first_few, label_message, t
from workbench.core.pii.parties import normalise
from workbench.core.progress import CancelToken, ProgressCallback, no_progress
from workbench.core.review import gate
from workbench.core.review.redact import (
    RedactionContext,
    check_picture_boxes,
    picture_size,
    read_picture,
    redact_artifact,
)
from workbench.core.review.scan import title_span
from workbench.core.workspace import StoredFinding, Workspace

log = logging.getLogger(__name__)


class Decision(StrEnum):
    REDACT = "redact"
    PSEUDONYMISE = "pseudonymise"
    KEEP = "keep"
    PENDING = "pending"


class SecretCannotBeKept(RefusedError):
    """A secret, an identifier or a redaction made by hand was to be kept (gate.NEVER_KEPT)."""

    def __init__(self, entity: str = "SECRET") -> None:
        self.entity = entity
        reason = _never_kept(entity)
        super().__init__(reason.text("en"), code=reason.code, params=reason.args)


def _never_kept(entity: str) -> Message:
    if entity == "MANUAL":
        return Message("review.manual-not-kept")
    return Message("review.cannot-keep", (label_message("entity", entity),))


PSEUDONYMISABLE = frozenset({"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"})
# Identifiers that are redacted whoever they belong to (ARCHITECTURE.md §5).
ALWAYS_REDACTED = frozenset({"SECRET", "CN_RESIDENT_ID", "CN_PASSPORT", "BANK_CARD",
                             "CREDIT_CARD", "IBAN_CODE", "ADDRESS", "IP_ADDRESS", "US_SSN",
                             "CN_CAR_PLATE", "DATE_OF_BIRTH", "MANUAL"})
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


def refusal(finding: StoredFinding, decision: Decision) -> Message | None:
    """Why `decision` may not be made for this finding (None: it may): a secret, identifier
    or manual redaction is never kept; only a known person's name, email or phone gets an
    alias. Screens ask this to offer only the choices `decide` accepts."""
    if finding.entity in gate.NEVER_KEPT and decision == Decision.KEEP:
        return _never_kept(finding.entity)
    if decision == Decision.PSEUDONYMISE and (finding.entity not in PSEUDONYMISABLE
                                              or not finding.person_key):
        return Message("review.cannot-pseudonymise")
    return None


def check_decision(finding: StoredFinding, decision: Decision) -> None:
    reason = refusal(finding, decision)
    if reason is None:
        return
    if decision == Decision.KEEP:
        raise SecretCannotBeKept(finding.entity)
    raise coded(RefusedError, reason.code)


def apply_default_policy(ws: Workspace, require_scanned: bool = False) -> int:
    """Decide every still-pending finding by the default policy (one undo step). With
    `require_scanned`, refuse while any item is unscanned: a policy applied to nothing would
    look like a finished review."""
    if require_scanned:
        missing = gate.unscanned(ws)
        if missing:
            raise coded(RefusedError, "review.unscanned", len(missing),
                        first_few([b.title for b in missing]))
    changes = []
    for f in ws.findings():
        if f.decision == Decision.PENDING:
            decision = default_decision(f.entity, f.party)
            if decision == Decision.PSEUDONYMISE and not f.person_key:
                decision = Decision.REDACT
            changes.append((f.id, str(decision)))
    ws.set_decisions(changes)
    log.info("review.policy workspace=%s decided=%s", ws.id,
             logs.counts(Counter(decision for _id, decision in changes)))
    return len(changes)


def _after_change(ws: Workspace, artifact_ids: list[str]) -> None:
    """An approval stands only for what was approved: a changed review reopens it."""
    gate.void_approvals(ws, artifact_ids, "changed")


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
    _after_change(ws, [f.artifact_id for f in targets])
    return len(targets)


def redact_span(ws: Workspace, artifact_id: str, start: int, end: int,
                all_occurrences: bool = False) -> list[int]:
    """A manual redaction of any span of the item's text, without the blanks at its ends;
    with `all_occurrences`, of the same text everywhere: in every item's text and in every
    title of its own (a file name, a chat's name), each place a finding of its own."""
    artifact = ws.artifact(artifact_id)
    text = artifact.text
    shown = artifact_id.removeprefix("sha256:")[:12]  # as `review --list` shows ids
    if start > end:
        raise coded(BadInputError, "review.selection-reversed", start, end, shown,
                    artifact.title)
    if not 0 <= start < end <= len(text):
        raise coded(BadInputError, "review.selection-outside", start, end, shown,
                    artifact.title, len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise coded(BadInputError, "review.selection-blank")
    spans = [(artifact_id, start, end)]
    if all_occurrences:
        pattern = re.compile(re.escape(text[start:end]))
        spans = []
        for item in ws.artifacts():
            places = [(0, item.text)]
            title = title_span(item)
            if title is not None:
                places.insert(0, title)
            spans += [(item.id, offset + m.start(), offset + m.end())
                      for offset, part in places for m in pattern.finditer(part)]
    ids = ws.add_manual_findings([(a, s, e, "MANUAL", str(Decision.REDACT))
                                  for a, s, e in spans])
    _after_change(ws, [a for a, _s, _e in spans])
    return ids


# A box is at least this many pixels each way: a click is not an area.
MIN_BOX = 2


def box_refusal(box: tuple[int, int, int, int],
                size: tuple[int, int] | None = None) -> Message | None:
    """Why this box may not cover part of a picture of `size` (None: it may; without a size,
    only its shape is checked). The image box rule: a box is drawn on the picture as review
    shows it and the export paints it (upright), at least `MIN_BOX` pixels each way, and
    lies wholly inside the picture."""
    x, y, w, h = box
    if w < MIN_BOX or h < MIN_BOX or x < 0 or y < 0:
        return Message("review.bad-box-size", (MIN_BOX,))
    if size is not None and (x + w > size[0] or y + h > size[1]):
        return Message("review.box-outside", (x, y, w, h, size[0], size[1]))
    return None


def redact_box(ws: Workspace, artifact_id: str, box: tuple[int, int, int, int]) -> list[int]:
    """A manual redaction box on a picture, by the image box rule (`box_refusal`); anything
    else is refused and nothing is covered."""
    reason = box_refusal(box)
    if reason is None:
        reason = box_refusal(box, read_picture(ws, ws.artifact(artifact_id), picture_size))
    if reason is not None:
        raise coded(BadInputError, reason.code, *reason.args)
    ids = ws.add_box_findings(artifact_id, [box])
    _after_change(ws, [artifact_id])
    return ids


def remove_manual(ws: Workspace, finding_ids: list[int]) -> None:
    """Remove manual redactions (a box drawn by mistake); an approval they were part of is
    void."""
    artifacts = [ws.finding(f).artifact_id for f in finding_ids]
    ws.remove_findings(finding_ids)
    _after_change(ws, artifacts)


class TakenBack(StrEnum):
    """What taking a finding back did."""

    REMOVED = "removed"  # a redaction the user made: gone
    KEPT = "kept"  # a detector's finding: it stays, decided "keep" (a suggestion turned down)


def take_back(ws: Workspace, finding_id: int) -> TakenBack:
    """Take a finding back (Delete on a box): a span or box the user made is removed; what
    the detector found is never removed, only decided "keep" — which the keep rule may
    refuse (a secret stays redacted)."""
    finding = ws.finding(finding_id)
    if finding.detector == "manual":
        remove_manual(ws, [finding_id])
        return TakenBack.REMOVED
    decide(ws, finding_id, Decision.KEEP)
    return TakenBack.KEPT


@dataclass(frozen=True)
class Undone:
    """What one undo took back, by kind, with the titles of the items each kind touched."""

    decisions: int = 0  # findings whose decision went back to what it was
    marked: int = 0  # spans or boxes marked by hand, taken away again
    restored: int = 0  # findings removed by hand, back again
    reopened: tuple[str, ...] = ()  # items whose approval or exclusion was taken back
    places: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> titles

    @property
    def count(self) -> int:
        return self.decisions + self.marked + self.restored + len(self.reopened)

    def message(self) -> Message:
        """One sentence: what went back, in which items."""
        parts: list[Message] = []
        for kind, number in (("decide", self.decisions), ("add", self.marked),
                             ("remove", self.restored)):
            if number:
                parts.append(Message(f"review.undone-{kind}",
                                     (number, first_few(self.places.get(kind, ())))))
        if self.reopened:
            parts.append(Message("review.undone-reopened",
                                 (first_few(self.reopened), len(self.reopened))))
        return Message("review.undone", (Joined(tuple(parts)),))


def undo(ws: Workspace) -> Undone:
    """Undo the last review action. Undoing an approval or exclusion is itself recorded in
    the ledger (the ledger is history and is never rewritten)."""
    undone = ws.undo()
    for action, artifact_id, restored in undone:
        if action == "state" and artifact_id:
            ws.record_event("artifact.reviewed", {"artifact": artifact_id,
                                                  "decision": f"reopened:{restored}"},
                            clock.iso())
    touched = [a for _action, a, _r in undone if a]
    _after_change(ws, touched)
    if not undone:
        return Undone()
    wanted = set(touched)
    titles = {a.id: a.title for a in ws.artifact_summaries() if a.id in wanted}
    actions = Counter(action for action, _a, _r in undone)
    places: dict[str, tuple[str, ...]] = {}
    for kind in ("decide", "add", "remove", "state"):
        ids = dict.fromkeys(a for action, a, _r in undone if action == kind and a in titles)
        places[kind] = tuple(titles[a] for a in ids)
    return Undone(decisions=actions["decide"], marked=actions["add"],
                  restored=actions["remove"], reopened=places.pop("state"), places=places)


@dataclass(frozen=True)
class Unresolved:
    artifact_id: str
    title: str
    kind: str
    reasons: tuple[str, ...]


def unresolved(ws: Workspace) -> list[Unresolved]:
    """Pending artifacts and why each is not approved yet (the gate's reasons)."""
    context = gate.GateContext.of(ws)
    context.scans = ws.scan_records()
    by_artifact = gate.findings_by_artifact(ws)
    out = []
    for artifact in ws.artifact_summaries():
        if artifact.state != ArtifactState.PENDING:
            continue
        blockers = gate.approval_blockers(ws, artifact.id, by_hand=False, context=context,
                                          findings=by_artifact.get(artifact.id, []))
        out.append(Unresolved(artifact.id, artifact.title, artifact.kind.value,
                              tuple(b.reason for b in blockers) or (t("gate.pending"),)))
    return out


def approve(ws: Workspace, artifact_id: str, context: RedactionContext | None = None,
            *, by_hand: bool = True, gate_context: gate.GateContext | None = None) -> str:
    """Approve an artifact the gate lets through; returns its digest out. The only way an
    artifact becomes approved (with `approve_ready`, which asks the same gate)."""
    body, mac = _approval(ws, artifact_id, context or RedactionContext.of(ws),
                          by_hand=by_hand, gate_context=gate_context)
    ws.set_artifact_state(artifact_id, ArtifactState.APPROVED, ("artifact.reviewed", body),
                          approval_mac=mac)
    return str(body["digest_out"])


def _approval(ws: Workspace, artifact_id: str, context: RedactionContext, *, by_hand: bool,
              gate_context: gate.GateContext | None,
              findings: list[StoredFinding] | None = None) -> tuple[dict[str, object], str]:
    """The gate's verdict, then the approval's ledger event body and the gate's MAC."""
    findings = ws.findings(artifact_id) if findings is None else findings
    blockers = gate.approval_blockers(ws, artifact_id, by_hand=by_hand, context=gate_context,
                                      findings=findings)
    if blockers:
        log.info("review.refused artifact=%s rules=%s", artifact_id,
                 logs.codes(b.rule.value for b in blockers))
        raise NotApprovable(blockers)
    artifact = ws.artifact(artifact_id)
    if artifact.kind is ArtifactKind.IMAGE:  # of a picture only its pixels leave
        check_picture_boxes(artifact, findings, context)
    redacted = redact_artifact(artifact, findings, context)
    body: dict[str, object] = {
        "artifact": artifact_id, "digest_out": redacted.digest, "decision": "approved",
        "counts": {d: dict(sorted(c.items())) for d, c in sorted(redacted.counts.items())}}
    return body, gate.approval_mac(ws, artifact_id, findings, artifact)


def _gate_context(ws: Workspace) -> gate.GateContext:
    context = gate.GateContext.of(ws)
    context.scans = ws.scan_records()
    return context


def ready_to_approve(ws: Workspace) -> list[str]:
    """Pending artifacts with nothing left to decide: those the gate lets through without a
    person looking at each (so never a picture)."""
    context, by_artifact = _gate_context(ws), gate.findings_by_artifact(ws)
    return [a.id for a in ws.artifact_summaries() if a.state == ArtifactState.PENDING
            and not gate.approval_blockers(ws, a.id, by_hand=False, context=context,
                                           findings=by_artifact.get(a.id, []))]


def approve_ready(ws: Workspace, progress: ProgressCallback = no_progress,
                  cancel: CancelToken | None = None) -> int:
    """Approve every artifact with nothing left to decide, as one undo step; returns how
    many. Each passes the gate as `approve` does; a cancel before the end approves none."""
    ready = ready_to_approve(ws)
    context, gate_context = RedactionContext.of(ws), _gate_context(ws)
    by_artifact = gate.findings_by_artifact(ws)
    changes: list[tuple[str, ArtifactState, tuple[str, dict[str, object]] | None,
                        str | None]] = []
    for done, artifact_id in enumerate(ready):
        if cancel is not None:
            cancel.check("Approving")
        progress(done, len(ready), "")
        body, mac = _approval(ws, artifact_id, context, by_hand=False,
                              gate_context=gate_context,
                              findings=by_artifact.get(artifact_id, []))
        changes.append((artifact_id, ArtifactState.APPROVED, ("artifact.reviewed", body), mac))
    ws.set_artifact_states(changes)
    progress(len(ready), len(ready), "")
    log.info("review.approve_ready workspace=%s approved=%d", ws.id, len(changes))
    return len(changes)


class NotApprovable(RefusedError):
    """The gate refused an approval; `blockers` says why, one reason each."""

    def __init__(self, blockers: list[gate.Blocker]) -> None:
        self.blockers = blockers
        reasons = Joined(tuple(b.message() for b in blockers))
        params = (blockers[0].title, reasons)
        super().__init__(t("review.not-approvable", *params, lang="en"),
                         code="review.not-approvable", params=params)


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
    scanned: int = 0


def auto_review(ws: Workspace, progress: ProgressCallback = no_progress,
                cancel: CancelToken | None = None, scan: bool = True) -> AutoReviewSummary:
    """`review --auto`: scan whatever is unscanned or stale, then the default policy, then
    approve every artifact the gate lets through. Pictures stay pending: they need a human
    eye. With `scan=False` nothing unscanned is approved (the gate refuses it)."""
    scanned = 0
    if scan:
        from workbench.core.review.scan import scan_workspace

        scanned = scan_workspace(ws, progress=progress, cancel=cancel).scanned
    decided = apply_default_policy(ws)
    context = RedactionContext.of(ws)
    gate_context = gate.GateContext.of(ws)
    gate_context.scans = ws.scan_records()
    by_artifact = gate.findings_by_artifact(ws)
    approved = 0
    for artifact in ws.artifact_summaries():
        if artifact.state != ArtifactState.PENDING:
            continue
        if cancel is not None:  # each approval is committed: an interrupt keeps those before it
            cancel.check("The review")
        if gate.approval_blockers(ws, artifact.id, by_hand=False, context=gate_context,
                                  findings=by_artifact.get(artifact.id, [])):
            continue
        approve(ws, artifact.id, context, by_hand=False, gate_context=gate_context)
        approved += 1
    summary = AutoReviewSummary(decided, approved, len(unresolved(ws)), scanned)
    log.info("review.auto workspace=%s scanned=%d decided=%d approved=%d left=%d", ws.id,
             summary.scanned, summary.decided, summary.approved, summary.left)
    return summary


