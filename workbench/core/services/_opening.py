"""How a service reaches a workspace: a front end hands an open workspace or its folder.

A page's worker thread names the folder (SQLite connections belong to one thread, so each
task opens its own); the command line opens the workspace once for a whole command and hands
the handle on. Either way the service closes only what it opened.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from workbench.core.workspace import Workspace

WorkspaceRef = Workspace | Path


@contextlib.contextmanager
def opened(where: WorkspaceRef) -> Iterator[Workspace]:
    """The workspace `where` names, open for the block; a handle given stays open after it."""
    if isinstance(where, Workspace):
        yield where
        return
    with Workspace.open(Path(where)) as ws:
        yield ws
