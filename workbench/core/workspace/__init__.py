"""The employee's workspace: a folder with `workspace.sqlite` (WAL) and `blobs/` of originals.

May import the foundation, trust (sealing, the ledger), ingest and pii; never review or package.
"""

from workbench.core.workspace.rows import (
    ArtifactRow,
    ArtifactSummary,
    ImportSummary,
    NewFinding,
    StoredFinding,
    WorkspaceStatus,
)
from workbench.core.workspace.store import Workspace, local_timezone_name

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
