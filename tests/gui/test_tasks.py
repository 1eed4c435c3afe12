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
