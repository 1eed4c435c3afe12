"""Ctrl-C on the command line: a real SIGINT to a scanning child process stops it, says exactly
what was kept, exits 130, prints no noise; and an interrupt Python swallows is not lost."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.cli import main

DAYS, PER_DAY = 160, 8


def _chat_export(path: Path) -> None:
    """A Feishu export of DAYS days with PER_DAY messages each: one artifact per day."""
    start = 1_704_067_200  # 2024-01-01 00:00 UTC
    names = ["张伟", "王芳", "Tom Baker", "李娜"]
    messages = [{"message_id": f"om_{day}_{i}", "sender_name": names[i % 4],
                 "create_time": str((start + day * 86_400 + 3_600 + i * 60) * 1000),
                 "content": f"第{day}天第{i}条：请联系 Tom Baker，电话 1381234{day % 10000:04d}，"
                            f"邮箱 tom{i}@xinghe.example.com"}
                for day in range(DAYS) for i in range(PER_DAY)]
    path.write_text(json.dumps({"chat_name": "发布群", "messages": messages},
                               ensure_ascii=False), encoding="utf-8")


def _saved_scans(ws: Path) -> int:
    conn = sqlite3.connect(f"file:{ws / 'workspace.sqlite'}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute("SELECT COUNT(*) FROM scans").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def test_ctrl_c_during_a_scan_keeps_what_was_saved_and_says_so(
    tmp_path: Path, fixtures: Path, capsys, shared_key_store
):
    ws = tmp_path / "ws"
    chat = tmp_path / "chat.json"
    _chat_export(chat)
    assert main(["init", str(ws), "--profile", str(fixtures / "self.json"),
                 "--timezone", "UTC"]) == 0
    assert main(["import", str(ws), str(chat), "-q"]) == 0
    capsys.readouterr()

    # Its own session, so the SIGINT goes to the whole group as a terminal's Ctrl-C does
    # (worker processes included).
    child = subprocess.Popen([sys.executable, "-m", "workbench", "scan", str(ws),
                              "--processes", "2"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True,
                             env={**os.environ, "PYTHONWARNINGS": "ignore"})
    deadline = time.monotonic() + 240
    while _saved_scans(ws) == 0:
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < deadline, "the scan saved nothing in time"
        time.sleep(0.05)
    os.killpg(child.pid, signal.SIGINT)
    _out, err = child.communicate(timeout=120)

    kept = _saved_scans(ws)
    assert child.returncode == 130, err
    assert 0 < kept < DAYS
    assert (f"Interrupted: {kept} of {DAYS} items are scanned and saved; run `workbench scan "
            f"{ws}` again to finish the other {DAYS - kept}.") in err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert "KeyboardInterrupt" not in err

    assert main(["scan", str(ws), "--format", "json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["scanned"] == DAYS - kept and done["unchanged"] == kept


def test_an_interrupt_python_swallows_in_a_destructor_still_stops_the_command(capsys):
    from workbench.core.errors import Cancelled
    from workbench.terminal.interrupt import interruptible

    class Freed:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(10_000):  # the handler runs here, inside __del__
                pass

    before = signal.getsignal(signal.SIGINT)  # SIG_IGN when the suite runs as a background job
    with interruptible() as token:
        Freed()  # freed at once: its __del__ gets the KeyboardInterrupt, and Python drops it
        assert token.cancelled
        with pytest.raises(Cancelled):
            token.check("The scan")
    err = capsys.readouterr().err
    assert "Exception ignored" not in err and "Stopping" in err
    assert signal.getsignal(signal.SIGINT) is before


def test_a_swallowed_interrupt_ends_a_finished_command_with_130(capsys, monkeypatch):
    import workbench.cli as cli

    def handler(args):  # type: ignore[no-untyped-def]
        class Freed:
            def __del__(self) -> None:
                os.kill(os.getpid(), signal.SIGINT)
                for _ in range(10_000):
                    pass

        Freed()
        print("done")
        return 0

    monkeypatch.setattr(cli, "_deadlines", handler)
    assert cli.main(["deadlines"]) == 130
    out, err = capsys.readouterr()
    assert out == "done\n" and "Exception ignored" not in err


def test_ctrl_c_during_a_purge_lets_it_finish_and_a_finished_purge_exits_0(capsys,
                                                                         monkeypatch):
    import workbench.cli as cli
    from workbench.core.package import custody

    finished = []

    def purge_due(now, receipts, cancel, force=False):  # type: ignore[no-untyped-def]
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(10_000):  # a KeyboardInterrupt would land here, halfway through
            pass
        finished.append(True)
        return []

    monkeypatch.setattr(custody, "purge_due", purge_due)
    monkeypatch.setattr(cli, "_warn_if_fallback", lambda: None)
    # The whole purge was done (nothing else is due): the command succeeded, and says when
    # the interrupt came.
    assert main(["purge", "--due"]) == 0
    out, err = capsys.readouterr()
    assert finished == [True] and out == "Nothing is due.\n"
    assert "Finishing this step first" in err and "after the work was done" in err
    assert "Traceback" not in err


def test_ctrl_c_during_purge_due_stops_between_packages_and_says_what_is_left(capsys,
                                                                              monkeypatch):
    import workbench.cli as cli
    from workbench.core.package import custody, deadlines

    purged: list[str] = []
    entries = [{"package": "sha256:" + c * 64} for c in "ab"]

    def purge(package, now, receipt_out, reason, force=False):  # type: ignore[no-untyped-def]
        os.kill(os.getpid(), signal.SIGINT)  # deferred: the token only, this one finishes
        for _ in range(10_000):
            pass
        purged.append(package)
        return custody.PurgeResult(package, Path("r.json"), ())

    monkeypatch.setattr(custody, "due", lambda now: [e for e in entries
                                                     if e["package"] not in purged])
    monkeypatch.setattr(deadlines, "due", custody.due)
    monkeypatch.setattr(custody, "purge", purge)
    monkeypatch.setattr(cli, "_warn_if_fallback", lambda: None)
    assert main(["purge", "--due"]) == 130
    out, err = capsys.readouterr()
    assert purged == [entries[0]["package"]] and f"Deleted package {purged[0]}" in out
    assert "Interrupted: 1 package purged" in err and "1 still due" in err


def test_an_interrupt_while_the_command_is_still_loading_is_one_line_and_130(
        capsys, monkeypatch):
    """New-user trial: Ctrl-C at start-up printed a traceback from the module being imported."""
    import types

    from workbench.__main__ import run

    class Loading(types.ModuleType):
        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            raise KeyboardInterrupt  # what a Ctrl-C during `import workbench.cli` looks like

    monkeypatch.setitem(sys.modules, "workbench.cli", Loading("workbench.cli"))
    assert run(["status", "x"]) == 130
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "Interrupted; nothing was changed." in err
