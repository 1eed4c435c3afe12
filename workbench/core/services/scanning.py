"""Scanning: finding personal data in the workspace (in this process or a child) or in a file.

A scan keeps what it has done: cancelled or interrupted, the items already scanned stay saved,
and the error says how many are left (`scan.interrupted`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.core.errors import Cancelled, Interrupted, coded
from workbench.core.progress import CancelToken, ProgressCallback, no_progress
from workbench.core.review import scan
from workbench.core.review.scan import ScanSummary
from workbench.core.workspace import Workspace

__all__ = ["ScanSummary", "WorkspaceScan", "scan_file", "scan_in_subprocess", "scan_workspace"]


@dataclass(frozen=True)
class WorkspaceScan:
    scanned: int
    unchanged: int  # not scanned again: nothing changed since their last scan
    findings: int
    by_entity: dict[str, int]  # every finding stored in the workspace, by entity

    def as_json(self) -> dict[str, object]:
        return {"scanned": self.scanned, "unchanged": self.unchanged,
                "findings": self.findings, "by_entity": dict(self.by_entity)}


def scan_workspace(root: Path, progress: ProgressCallback = no_progress,
                   cancel: CancelToken | None = None, processes: int = 1) -> WorkspaceScan:
    """Scan every item whose content, detector or known people changed since its last scan.
    Stopped (cancel, Ctrl-C): `Interrupted`, saying how many are saved and how many left."""
    with Workspace.open(Path(root)) as ws:
        try:
            summary = scan.scan_workspace(ws, progress=progress, cancel=cancel,
                                          processes=processes)
        except (KeyboardInterrupt, Cancelled):
            done, total = scan.scan_state(ws)
            raise coded(Interrupted, "scan.interrupted", done, total, total - done,
                        root) from None
        return WorkspaceScan(summary.scanned, summary.skipped_unchanged, summary.findings,
                             ws.findings_by_entity())


def scan_in_subprocess(root: Path, progress: ProgressCallback = no_progress,
                       cancel: CancelToken | None = None, processes: int = 2) -> ScanSummary:
    """`scan_workspace` in a child process, for the app: its own process never loads the
    models. Cancelling stops the child (`Cancelled`); what it saved stays saved."""
    return scan.scan_in_subprocess(Path(root), progress, cancel, processes)


def scan_file(path: Path, lang: str = "auto") -> dict[str, Any]:
    """Findings in one file (not stored anywhere): {"findings": [...]} or, for a file of
    several items, {"artifacts": [{"title", "findings"}, ...]}, each finding with start, end,
    entity, score, text and detector."""
    return scan.scan_file(Path(path), lang)
