"""The typed rows the workspace store returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from workbench.core.ingest.artifacts import (
    ArtifactKind,
    ArtifactState,
    Segment,
)


@dataclass(frozen=True)
class ImportSummary:
    added: int
    already_present: int
    added_by_kind: dict[str, int]
    people_added: int
    # (file, why) for each file in a folder that was passed over (not a format the
    # workbench imports, a tool's settings or summary beside an export).
    skipped: tuple[tuple[Path, str], ...] = ()
    # (file, why) for each file that could not be imported; the others were.
    failed: tuple[tuple[Path, str], ...] = ()
    # (file, note) for what a file's importer left out, e.g. a damaged message in a mailbox.
    notes: tuple[tuple[Path, str], ...] = ()


@dataclass(frozen=True)
class WorkspaceStatus:
    name: str
    artifacts: int
    by_kind_and_state: dict[str, dict[str, int]]
    by_state: dict[str, int]
    people: int
    extra: dict[str, object] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {
            "workspace": self.name,
            "artifacts": self.artifacts,
            "by_state": self.by_state,
            "by_kind": self.by_kind_and_state,
            "people": self.people,
            **self.extra,
        }


@dataclass(frozen=True)
class ArtifactSummary:
    """An artifact without its content: what a list of thousands needs, cheaply."""

    id: str
    kind: ArtifactKind
    title: str
    state: ArtifactState
    started_at: str | None
    findings: int
    sensitive: bool


@dataclass(frozen=True)
class StoredFinding:
    """A finding as stored: offsets into its artifact's text, who it is about, the decision."""

    id: int
    artifact_id: str
    entity: str
    start: int
    end: int
    score: float
    detector: str
    value: str
    party: str
    person_key: str | None
    decision: str
    box: tuple[int, int, int, int] | None = None  # image findings: x, y, width, height


@dataclass(frozen=True)
class NewFinding:
    """A finding about to be stored by a scan."""

    entity: str
    start: int
    end: int
    score: float
    detector: str
    value: str
    party: str
    person_key: str | None
    box: tuple[int, int, int, int] | None = None


@dataclass(frozen=True)
class ArtifactRow:
    """An artifact as stored: its content plus where it came from and its review state."""

    id: str
    kind: ArtifactKind
    title: str
    source_format: str
    source_path: str
    state: ArtifactState
    started_at: str | None
    ended_at: str | None
    encoding: str | None
    segments: tuple[Segment, ...]
    meta: dict[str, object]
    image_blob: str | None

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.segments if s.placeholder is None)

    def span_text(self, start: int, end: int) -> str:
        """The text a finding's offsets cover: in the item's text, or at negative offsets in
        its title, which findings place just before the text so that the title ends at -1
        (`review.scan.title_span`)."""
        if start >= 0:
            return self.text[start:end]
        origin = len(self.title) + 1
        return self.title[max(start + origin, 0):max(end + origin, 0)]



class ScanRecord(NamedTuple):
    """An artifact's last scan: the key it was scanned with (detector version + people) and
    the workspace's MAC over what it found."""

    key: str
    mac: str


class PendingEvent(NamedTuple):
    """A ledger event waiting for the employee's signature."""

    id: int
    time: str
    type: str
    body: dict[str, object]


class UndoneChange(NamedTuple):
    """One change an undo reverted: what it was, on which artifact, and the value restored."""

    action: str
    artifact_id: str | None
    old: str | None
