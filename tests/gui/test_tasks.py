"""Background tasks: a result that arrives after its context is gone is dropped quietly."""

from __future__ import annotations

import threading

import shiboken6

from workbench.gui.context import AppContext


def test_a_task_finishing_after_the_window_closed_raises_nothing(qtbot):
    ctx = AppContext()
    release, results = threading.Event(), []
    ctx.run_task(lambda _p, _c: release.wait(5), "waiting", results.append)
    shiboken6.delete(ctx)  # the window, and its context with it, closed mid-task
    release.set()
    qtbot.waitUntil(lambda: bool(results), timeout=5_000)
    qtbot.wait(50)  # the context's own bookkeeping signal is delivered after the result
    assert results == [True]


def test_a_failed_task_is_logged_with_its_frames_but_not_its_message(qtbot):
    from workbench.core import logs

    path = logs.setup()
    assert path is not None
    try:
        ctx, failures = AppContext(), []

        def work(_progress, _cancel):
            raise ValueError("张伟's phone is 13812345678")

        ctx.run_task(work, "failing", on_failure=failures.append)
        qtbot.waitUntil(lambda: bool(failures), timeout=5_000)
        text = path.read_text(encoding="utf-8")
    finally:
        logs.close()
    assert "ERROR workbench.gui.tasks task.failed " in text
    assert "task=test_a_failed_task_is_logged_with_its_frames_but_not_its_message.<locals>.work" \
        in text
    assert 'File "tests/gui/test_tasks.py"' in text and "in work" in text
    assert "ValueError (message withheld)" in text
    assert "张伟" not in text and "13812345678" not in text


def test_a_task_that_fails_in_the_system_says_why_in_the_readers_language(
        qtbot, monkeypatch):
    """A full disk in Chinese is 磁盘已满, not "No space left on device"; an unknown error
    names its class only, never its text (which can quote a file)."""
    import errno

    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    ctx, failures = AppContext(), []

    def full(_progress, _cancel):
        raise OSError(errno.ENOSPC, "No space left on device")

    def odd(_progress, _cancel):
        raise ValueError("张伟's phone is 13812345678")

    ctx.run_task(full, "full", on_failure=failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5_000)
    ctx.run_task(odd, "odd", on_failure=failures.append)
    qtbot.waitUntil(lambda: len(failures) == 2, timeout=5_000)
    assert "磁盘已满" in failures[0] and "No space" not in failures[0]
    assert "ValueError" in failures[1] and "13812345678" not in failures[1]
