"""Reviewing, the user task "review": the items and their findings, one item as its export will
show it, a decision for each finding, redactions by hand (spans of text, areas of a picture),
undo, approval through the gate, and why an item cannot be approved yet.

The Review page and `workbench review` call only this module for all of it. The rules are
below it, in `core/review` (ARCHITECTURE.md §5): which decisions a finding allows
(`choices`), the image box rule (`redact_area`), what taking a finding back does
(`take_back`), and the gate (`ReviewItem.blockers`, `approve`). A front end shows what these
functions return and offers only what they allow; the functions refuse the rest anyway.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.atomic import atomic_write
from workbench.core.errors import BadInputError, coded, os_reason
from workbench.core.ingest.artifacts import ArtifactKind, ArtifactState
from workbench.core.ingest.chat import placeholder_kind
from workbench.core.messages import t
from workbench.core.pii.findings import shown_detector
from workbench.core.pii.script import dominant_language
from workbench.core.progress import CancelToken, ProgressCallback, no_progress
from workbench.core.review import decisions, gate, scan, targets
from workbench.core.review.decisions import (
    MIN_BOX,
    AutoReviewSummary,
    Decision,
    NotApprovable,
    TakenBack,
    Undone,
    Unresolved,
)
from workbench.core.review.gate import Blocker, Rule
from workbench.core.review.redact import (
    RedactedArtifact,
    RedactedSegment,
    RedactionContext,
    SweptSpan,
    paint_boxes,
    picture_boxes,
    picture_size,
    read_picture,
    redact_artifact,
    swept_spans,
    upright_picture,
)
from workbench.core.review.scan import (
    cached_scan_key,
    cached_sender_keys,
    current_scan_key,
    sender_keys,
)
from workbench.core.workspace import ArtifactRow, ArtifactSummary, StoredFinding, Workspace

if TYPE_CHECKING:
    from PIL import Image

__all__ = [
    "MIN_BOX",
    "ArtifactKind",
    "ArtifactRow",
    "ArtifactState",
    "ArtifactSummary",
    "AutoReviewSummary",
    "Blocker",
    "Choice",
    "Decision",
    "FindingChoices",
    "NotApprovable",
    "Place",
    "PolicyResult",
    "RedactedArtifact",
    "RedactedSegment",
    "ReviewItem",
    "ReviewProgress",
    "Rule",
    "ShownItem",
    "StoredFinding",
    "SweptSpan",
    "TakenBack",
    "Undone",
    "Unresolved",
    "Workspace",
    "apply_default_policy",
    "approve",
    "approve_ready",
    "auto_review",
    "check_picture_out",
    "choices",
    "decide",
    "exclude",
    "find_item",
    "find_items",
    "is_chat_stand_in",
    "item_states",
    "items",
    "known_self_senders",
    "open_item",
    "painted_picture",
    "picture",
    "place_of",
    "prepare_gate",
    "preview",
    "progress_so_far",
    "redact_area",
    "redact_text",
    "review_version",
    "segment_starts",
    "self_senders",
    "short_id",
    "show",
    "shown_detector",
    "sign_pending",
    "take_back",
    "undo",
    "unresolved",
    "write_painted_picture",
]


# -- what there is to review ------------------------------------------------------------------

def item_states(ws: Workspace) -> list[tuple[str, ArtifactState]]:
    """Every item's id and review state, in workspace order (one small query)."""
    return ws.artifact_states()


def items(ws: Workspace, state: str = "all") -> list[ArtifactSummary]:
    """Every item in `state` ("pending", "approved", "excluded"), or all of them."""
    return [a for a in ws.artifact_summaries() if state == "all" or str(a.state) == state]


def unresolved(ws: Workspace) -> list[Unresolved]:
    """Pending items and why each is not approved yet (the gate's reasons)."""
    return decisions.unresolved(ws)


def find_item(ws: Workspace, ref: str) -> ArtifactSummary:
    """The one item `ref` names (its id, a unique id prefix, or its title)."""
    return targets.find_artifact(ws, ref)


def find_items(ws: Workspace, refs: list[str]) -> list[ArtifactSummary]:
    """Every named item, each once, in the order given; an error if any name fails."""
    return targets.find_artifacts(ws, refs)


def short_id(artifact_id: str) -> str:
    """An item's id as the command line lists it."""
    return targets.short_id(artifact_id)


def review_version(ws: Workspace) -> int | None:
    """A number that moves on with every change to findings, decisions, people or aliases
    (None when the database cannot be trusted to keep it: read everything again)."""
    return ws.review_version()


@dataclass(frozen=True)
class ReviewProgress:
    """How far review has come, from what is stored (what an interrupted run kept)."""

    scanned: int
    total: int
    approved: int


def progress_so_far(ws: Workspace) -> ReviewProgress:
    scanned, total = scan.scan_state(ws)
    return ReviewProgress(scanned, total, ws.status().by_state.get("approved", 0))


# -- one item ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    """Where a finding or a swept value is: in the item's text (offsets as `--redact --span`
    takes them) or in its title (offsets into the title)."""

    part: str  # "text" or "title"
    start: int
    end: int

    def __str__(self) -> str:
        if self.part == "title":
            return t("review.place-title", self.start, self.end)
        return f"{self.start}:{self.end}"


def place_of(artifact: ArtifactRow, start: int, end: int) -> Place:
    """The place of finding offsets: a title of its own lies just before the text, ending at
    -1 (`ArtifactRow.span_text`)."""
    if start >= 0:
        return Place("text", start, end)
    origin = len(artifact.title) + 1
    return Place("title", start + origin, end + origin)


@dataclass(frozen=True)
class ReviewItem:
    """One item as review shows it, read from what is stored."""

    artifact: ArtifactRow
    findings: tuple[StoredFinding, ...]
    language: str  # "zh" or "en": the item's own, as its export is written
    aliases: Mapping[str, str]  # person key -> the alias the export gives them, in `language`
    # Everything the gate says stops approving the item now; None while the scan key the gate
    # compares with is not worked out (`prepare_gate` works it out, slowly).
    blockers: tuple[Blocker, ...] | None

    @property
    def undecided(self) -> int:
        return sum(1 for f in self.findings if f.decision == Decision.PENDING)

    @property
    def blocked_besides_deciding(self) -> tuple[Blocker, ...] | None:
        """What stops approval once every finding is decided (None: not known yet)."""
        if self.blockers is None:
            return None
        return tuple(b for b in self.blockers if b.rule is not Rule.UNDECIDED)

    @property
    def is_picture(self) -> bool:
        return self.artifact.kind is ArtifactKind.IMAGE and self.artifact.image_blob is not None

    def alias_of(self, finding: StoredFinding) -> str | None:
        return self.aliases.get(finding.person_key) if finding.person_key else None


def open_item(ws: Workspace, artifact_id: str, *, wait: bool = True) -> ReviewItem:
    """The item, its findings, its aliases and the gate's answer. Without `wait` the gate's
    answer is None when the scan key must first be worked out (a window asks for it with
    `prepare_gate` off its UI thread, then opens the item again)."""
    artifact = ws.artifact(artifact_id)
    findings = ws.findings(artifact_id)
    language = dominant_language(artifact.text or artifact.title)
    aliases = RedactionContext.aliases_only(ws.pseudonym_ordinals())
    named = {key: aliases.alias_for(key, language) or "" for key in aliases.aliases}
    key = current_scan_key(ws) if wait else cached_scan_key(ws)
    blockers = None if key is None else tuple(gate.approval_blockers(
        ws, artifact_id, by_hand=True, context=gate.GateContext(key), findings=findings))
    return ReviewItem(artifact, tuple(findings), language, named, blockers)


def prepare_gate(ws: Workspace) -> None:
    """Work out the scan key the gate compares with (it transliterates every name seen, a
    while after the people changed): so that `open_item(..., wait=False)` has the answer."""
    current_scan_key(ws)


def known_self_senders(ws: Workspace) -> frozenset[str] | None:
    """The chat senders who are the employee, if already worked out (else None: ask
    `self_senders`, which takes a while, off a UI thread)."""
    known = cached_sender_keys(ws)
    return None if known is None else frozenset(n for n, k in known.items() if k == "self")


def self_senders(ws: Workspace) -> frozenset[str]:
    """The chat senders who are the employee (their messages are drawn as their own)."""
    return frozenset(n for n, k in sender_keys(ws).items() if k == "self")


def segment_starts(artifact: ArtifactRow) -> list[int | None]:
    """Each segment's offset into the item's text, as findings count it (None: a stand-in
    such as "[图片]", which is not reviewable text)."""
    offsets = iter(offset for offset, _text in scan.segment_spans(artifact))
    return [None if s.placeholder is not None else next(offsets) for s in artifact.segments]


def is_chat_stand_in(text: str) -> bool:
    """A chat's own stand-in for what it did not export ("[图片]", "[撤回了一条消息]"): never
    a redaction, though it looks like one."""
    return placeholder_kind(text) is not None


@dataclass(frozen=True)
class ShownItem:
    """`review --show`: an item with its findings and every place the export's sweep also
    redacts (a value redacted elsewhere), so that review shows all that leaves redacted."""

    artifact: ArtifactRow
    findings: tuple[StoredFinding, ...]
    swept: tuple[SweptSpan, ...]
    picture_size: tuple[int, int] | None  # (width, height) upright, for a picture

    def place(self, start: int, end: int) -> Place:
        return place_of(self.artifact, start, end)


def show(ws: Workspace, artifact_id: str) -> ShownItem:
    artifact = ws.artifact(artifact_id)
    findings = ws.findings(artifact_id)
    swept = swept_spans(artifact, findings, RedactionContext.of(ws))
    size = None
    if artifact.kind is ArtifactKind.IMAGE:
        size = read_picture(ws, artifact, picture_size)
    return ShownItem(artifact, tuple(findings), tuple(swept), size)


def preview(ws: Workspace, artifact_id: str) -> RedactedArtifact:
    """The item exactly as it will be exported (undecided findings shown unchanged)."""
    return redact_artifact(ws.artifact(artifact_id), ws.findings(artifact_id),
                           RedactionContext.of(ws))


def picture(ws: Workspace, artifact_id: str) -> Image.Image:
    """The item's picture upright (EXIF orientation applied), as review draws boxes on it."""
    return read_picture(ws, ws.artifact(artifact_id), upright_picture)


def painted_picture(ws: Workspace, artifact_id: str,
                    upright: Image.Image | None = None) -> Image.Image:
    """The picture as it will be exported: redacted areas black, an alias written over a
    colleague's name. `upright` is the picture from `picture`, if the caller kept it."""
    artifact = ws.artifact(artifact_id)
    if upright is None:
        upright = read_picture(ws, artifact, upright_picture)
    language = dominant_language(artifact.text or artifact.title)
    placed = picture_boxes(artifact, ws.findings(artifact_id), RedactionContext.of(ws),
                           language)
    return paint_boxes(upright, placed.boxes)


def check_picture_out(out: Path, force: bool = False) -> Path:
    """Where `write_painted_picture` may write, refused before any work is done: an existing
    file only with `force` (it may be a picture the user kept)."""
    from workbench.core.package.bundle import check_output

    return check_output(out, force=force, suffix=".png")


def write_painted_picture(ws: Workspace, artifact_id: str, out: Path,
                          force: bool = False) -> Path:
    """`painted_picture` as a PNG file, written whole or not at all."""
    out = check_picture_out(out, force)
    data = io.BytesIO()
    painted_picture(ws, artifact_id).convert("RGB").save(data, format="PNG")
    try:
        atomic_write(out, data.getvalue())
    except OSError as exc:
        raise BadInputError(t("error.cannot_write", path=out,
                              reason=os_reason(exc))) from exc
    return out


# -- deciding --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Choice:
    """One decision for one finding: whether it may be made, and if not, why."""

    decision: Decision
    allowed: bool
    reason: str  # why not, in the reader's language ("" when allowed)


@dataclass(frozen=True)
class FindingChoices:
    """What may be done with a finding: the three decisions, and whether taking it back
    removes it (a span or box the user made) or only decides it "keep" (the detector's)."""

    redact: Choice
    pseudonymise: Choice
    keep: Choice
    removable: bool


def choices(finding: StoredFinding) -> FindingChoices:
    """The choices `decide` accepts for this finding, with the reason for each it refuses."""
    def choice(decision: Decision) -> Choice:
        reason = decisions.refusal(finding, decision)
        return Choice(decision, reason is None, "" if reason is None else reason.text())

    return FindingChoices(choice(Decision.REDACT), choice(Decision.PSEUDONYMISE),
                          choice(Decision.KEEP), finding.detector == "manual")


def decide(ws: Workspace, finding_id: int, decision: Decision | str,
           everywhere: bool = False) -> int:
    """Decide one finding, or with `everywhere` every finding of the same value; returns how
    many. Refused (RefusedError) where `choices` says no."""
    if decision not in (Decision.REDACT, Decision.PSEUDONYMISE, Decision.KEEP):
        raise coded(BadInputError, "review.unknown-decision", str(decision))
    return decisions.decide(ws, finding_id, Decision(decision), everywhere)


def redact_text(ws: Workspace, artifact_id: str, start: int, end: int,
                everywhere: bool = False) -> list[int]:
    """Redact a span of the item's text by hand (the blanks at its ends left out); with
    `everywhere`, the same text in every item's text and title. Returns the new findings."""
    return decisions.redact_span(ws, artifact_id, start, end, everywhere)


def redact_area(ws: Workspace, artifact_id: str, box: tuple[int, int, int, int]) -> list[int]:
    """Cover an area (x, y, width, height in pixels of the upright picture) by the image box
    rule: only on a picture, wholly inside it, at least `MIN_BOX` pixels each way; anything
    else is refused (BadInputError) and nothing is covered."""
    return decisions.redact_box(ws, artifact_id, box)


def take_back(ws: Workspace, finding_id: int) -> TakenBack:
    """Take a finding back: one made by hand is removed, the detector's is decided "keep"."""
    return decisions.take_back(ws, finding_id)


def undo(ws: Workspace) -> Undone:
    """Undo the last review step; returns what it took back (`count` 0: nothing to undo)."""
    return decisions.undo(ws)


@dataclass(frozen=True)
class PolicyResult:
    """What applying the default policy did: `decided` findings, or nothing at all while
    the items named in `unscanned` are not scanned (a policy applied to nothing would look
    like a finished review)."""

    decided: int
    unscanned: tuple[str, ...]


def apply_default_policy(ws: Workspace) -> PolicyResult:
    """Decide every finding still undecided, in every item, by the default policy (one undo
    step)."""
    missing = gate.unscanned(ws)
    if missing:
        return PolicyResult(0, tuple(b.title for b in missing))
    return PolicyResult(decisions.apply_default_policy(ws, require_scanned=True), ())


# -- approving ---------------------------------------------------------------------------------

def approve(ws: Workspace, artifact_id: str) -> str:
    """Approve the item as it will be exported, by a person who looked at it; returns the
    digest of what leaves. NotApprovable (with the gate's blockers) if the gate refuses."""
    return decisions.approve(ws, artifact_id)


def exclude(ws: Workspace, artifact_id: str) -> None:
    """Leave the item out of the export."""
    decisions.exclude(ws, artifact_id)


def approve_ready(ws: Workspace, progress: ProgressCallback = no_progress,
                  cancel: CancelToken | None = None) -> int:
    """Approve, as one undo step, every item the gate lets through without a person looking
    at each (never a picture); returns how many. A cancel before the end approves none."""
    return decisions.approve_ready(ws, progress, cancel)


def auto_review(ws: Workspace, progress: ProgressCallback = no_progress,
                cancel: CancelToken | None = None, scan: bool = True) -> AutoReviewSummary:
    """Scan what is unscanned or stale, decide by the default policy, approve what the gate
    lets through; pictures stay pending for a person to look at."""
    return decisions.auto_review(ws, progress, cancel, scan)


def sign_pending(ws: Workspace) -> bool:
    """Sign the review's queued ledger events now if the employee's key can be reached
    without asking; otherwise they wait for the next signing step. True when none waits."""
    from workbench.core.workspace.workspace_ledger import try_flush

    return try_flush(ws)
