"""The employee's workspace: a folder with `workspace.sqlite` (WAL) and `blobs/` of originals."""

from workbench.core.workspace.store import (
    ArtifactRow,
    ArtifactSummary,
    ImportSummary,
    NewFinding,
    StoredFinding,
    Workspace,
    WorkspaceStatus,
    local_timezone_name,
)

__all__ = [
    "ArtifactRow",
    "ArtifactSummary",
    "ImportSummary",
    "NewFinding",
    "StoredFinding",
    "Workspace",
    "WorkspaceStatus",
    "local_timezone_name",
]
