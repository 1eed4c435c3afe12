"""The app context: the UI thread's own connection to the workspace it shows."""

from __future__ import annotations

import threading
from pathlib import Path

from workbench.core.pii.profile import SelfProfile
from workbench.core.workspace import Workspace
from workbench.gui.context import AppContext


def test_the_ui_thread_reads_through_one_connection_kept_while_the_workspace_is_shown(
        qtbot, workspace: Workspace, fixtures: Path, tmp_path: Path):
    ctx = AppContext()
    assert ctx.open_workspace(workspace.root)
    with ctx.workspace() as first:
        pass
    with ctx.workspace() as second:
        assert second is first  # not opened (and closed, checkpointing) for every read
        assert second.artifact_states() == []
    workspace.import_paths([fixtures / "email/handover.eml"])
    with ctx.workspace() as ws:
        assert len(ws.artifact_states()) == len(workspace.artifact_states()) > 0  # and what
        # other connections wrote
    others: list[Workspace] = []

    def elsewhere() -> None:
        with ctx.workspace() as ws:  # a pool thread gets a connection of its own
            others.append(ws)
            ws.artifact_states()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert others and others[0] is not first
    other = Workspace.create(tmp_path / "other", SelfProfile.from_file(fixtures / "self.json"),
                             "Asia/Shanghai")
    other.close()
    assert ctx.open_workspace(tmp_path / "other")
    with ctx.workspace() as ws:
        assert ws is not first and ws.root == tmp_path / "other"
    assert ctx._connection is not None
    ctx.release_workspace()
    assert ctx._connection is None
