"""Importing: files, folders and exports into the workspace, with a summary of what came in.

One import, with progress and cancel, keeps going past a file it cannot read and says, file by
file, what was passed over, left out or refused (`ImportSummary`, re-exported here).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from workbench.core.progress import CancelToken, ProgressCallback, no_progress
from workbench.core.workspace import ImportSummary, Workspace
from workbench.core.workspace.workspace_ledger import try_flush

__all__ = ["ImportSummary", "import_paths", "summary_json"]


def import_paths(root: Path, paths: Iterable[Path], progress: ProgressCallback = no_progress,
                 cancel: CancelToken | None = None, *,
                 sign_events: bool = False) -> ImportSummary:
    """Import `paths` (a folder file by file) into the workspace at `root`; a file that
    cannot be imported is reported in the summary and the others still go in. With
    `sign_events`, the import's ledger events are signed now if the employee's key is at hand
    (the command line; the app signs them at its next signing step)."""
    with Workspace.open(Path(root)) as ws:
        summary = ws.import_paths([Path(p) for p in paths], progress, cancel, keep_going=True)
        if sign_events:
            try_flush(ws)
    return summary


def summary_json(summary: ImportSummary) -> dict[str, object]:
    """The summary for scripts: counts, and each file passed over, refused or trimmed."""
    return {"added": summary.added, "already_present": summary.already_present,
            "added_by_kind": dict(summary.added_by_kind),
            "people_added": summary.people_added,
            "skipped": [{"path": str(p), "reason": why} for p, why in summary.skipped],
            "failed": [{"path": str(p), "reason": why} for p, why in summary.failed],
            "notes": [{"path": str(p), "note": note} for p, note in summary.notes]}
