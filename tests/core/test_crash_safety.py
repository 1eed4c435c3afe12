"""A process killed (SIGKILL) in the middle of an import or of a run of review decisions
leaves a workspace that opens, passes SQLite's integrity check, and holds every decision
that was committed before the kill."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from workbench.core.pii.profile import SelfProfile
from workbench.core.workspace import Workspace

pytestmark = [pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX"),
              pytest.mark.usefixtures("shared_key_store")]


def integrity(root: Path) -> str:
    conn = sqlite3.connect(root / "workspace.sqlite")
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def start(script: str) -> subprocess.Popen[str]:
    # Same WORKBENCH_HOME and passphrase-file key store as this test: the child needs the
    # workspace key.
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)],
                            env=dict(os.environ), stdout=subprocess.PIPE, text=True)


def test_killed_during_a_long_import(tmp_path: Path):
    root = tmp_path / "ws"
    Workspace.create(root, SelfProfile("李娜"), "UTC").close()
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(400):
        (folder / f"note-{i:03d}.md").write_text(f"第{i}条笔记，电话 1381234{i:04d}\n" * 50,
                                                 encoding="utf-8")
    process = start(f"""
        from pathlib import Path
        from workbench.core.workspace import Workspace
        print("started", flush=True)
        with Workspace.open(Path({str(root)!r})) as ws:
            ws.import_paths([Path({str(folder)!r})])
        print("finished", flush=True)
    """)
    assert process.stdout.readline().strip() == "started"
    time.sleep(0.3)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert integrity(root) == "ok"
    with Workspace.open(root) as ws:
        # All or nothing: the import either finished before the kill or left no trace.
        assert ws.status().artifacts in (0, 400)
        summary = ws.import_paths([folder])
        assert ws.status().artifacts == 400
        assert summary.added in (0, 400)


def test_killed_during_review_decisions_keeps_every_committed_one(tmp_path: Path,
                                                                  fixtures: Path):
    root = tmp_path / "ws"
    with Workspace.create(root, SelfProfile("李娜"), "UTC") as ws:
        ws.import_paths([fixtures / "collector/docs.txt"])
        (artifact,) = ws.artifacts()
        # Many manual findings to decide, one committed transaction each.
        ws.add_manual_findings([(artifact.id, i, i + 1, "MANUAL", "pending")
                                for i in range(0, 120)])
    process = start(f"""
        from pathlib import Path
        from workbench.core.review import decisions as review
        from workbench.core.workspace import Workspace
        with Workspace.open(Path({str(root)!r})) as ws:
            for finding in ws.findings():
                review.decide(ws, finding.id, review.Decision.REDACT)
                print(finding.id, flush=True)
    """)
    committed = [int(process.stdout.readline()) for _ in range(40)]
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert integrity(root) == "ok"
    with Workspace.open(root) as ws:
        decided = {f.id for f in ws.findings() if f.decision == "redact"}
    assert set(committed) <= decided
