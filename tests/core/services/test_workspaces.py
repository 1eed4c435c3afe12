"""The workspaces, importing and scanning services: create, hold, import, scan, counts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from workbench.core.errors import Interrupted, WorkspaceExists, WorkspaceInUse
from workbench.core.progress import CancelToken
from workbench.core.services import importing, scanning, workspaces


@pytest.fixture
def root(tmp_path: Path) -> Path:
    profile = workspaces.make_profile("李娜", ["Lina Li"], ["lina.li@xinghe.example.com"])
    created = workspaces.create_workspace(tmp_path / "ws", profile, "Asia/Shanghai")
    assert created.name == "李娜" and created.timezone == "Asia/Shanghai"
    assert "keyring" in created.key_store
    return created.root


def test_creating_over_a_workspace_is_refused(root: Path):
    with pytest.raises(WorkspaceExists):
        workspaces.create_workspace(root, workspaces.make_profile("李娜"))


def test_the_import_summary_counts_what_came_in_and_each_file_that_did_not(
        root: Path, tmp_path: Path):
    folder = tmp_path / "mixed"
    shutil.copytree(FIXTURES / "bad", folder / "bad")
    shutil.copy(FIXTURES / "docs/handover_notes.md", folder)
    (folder / "tool.exe").write_bytes(b"MZ")
    seen: list[tuple[int, int]] = []
    summary = importing.import_paths(root, [folder], lambda d, t, _l: seen.append((d, t)))
    assert summary.added == 2 and summary.already_present == 0
    assert seen  # progress was reported
    assert {"binary.eml", "empty.mbox", "not_really.docx", "truncated.json"} <= {
        path.name for path, _why in summary.failed}
    assert "tool.exe" in {path.name for path, _why in summary.skipped}
    report = json.loads(json.dumps(importing.summary_json(summary)))  # plain data for scripts
    assert report["added"] == 2 and len(report["failed"]) == len(summary.failed)
    again = importing.import_paths(root, [folder / "handover_notes.md"])
    assert again.added == 0 and again.already_present == 1
    counts = workspaces.review_counts(root)
    assert (counts.total, counts.reviewed, counts.pending) == (2, 0, 2)
    listed = workspaces.artifact_list(root)
    assert listed.name == "李娜" and {r.title for r in listed.rows} >= {"handover_notes.md"}
    assert workspaces.search(root, "zzz-not-there") == set()
    assert workspaces.status(root).artifacts == 2


def test_a_held_workspace_is_refused_to_another_process_until_let_go(root: Path):
    import subprocess
    import sys

    probe = ("import sys; from pathlib import Path; from workbench.core.workspace import lock\n"
             "try:\n    lock.acquire(Path(sys.argv[1]))\nexcept Exception:\n    sys.exit(3)\n")
    ws = workspaces.hold(root)
    ws.close()  # the hold outlives the connection
    assert subprocess.run([sys.executable, "-c", probe, str(root)]).returncode == 3
    workspaces.let_go(root)
    assert subprocess.run([sys.executable, "-c", probe, str(root)]).returncode == 0


def test_a_workspace_in_use_is_not_held_twice(root: Path, monkeypatch):
    from workbench.core.workspace import lock

    def in_use(path: Path) -> None:
        raise WorkspaceInUse(path)

    monkeypatch.setattr(lock, "acquire", in_use)
    with pytest.raises(WorkspaceInUse):
        workspaces.hold(root)


def test_a_cancelled_scan_says_what_is_saved_and_what_is_left(root: Path):
    importing.import_paths(root, [FIXTURES / "docs/handover_notes.md"])
    token = CancelToken()
    token.cancel()
    with pytest.raises(Interrupted) as stopped:
        scanning.scan_workspace(root, cancel=token)
    assert stopped.value.code == "scan.interrupted"
    assert "0 of 1" in str(stopped.value) and str(root) in str(stopped.value)
