"""One page's background work, one task at a time, with the page told when it is idle again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbench.gui.context import AppContext
from workbench.gui.tasks import Task


class PageTasks:
    """Runs one page's background work one task at a time and says when the page is idle
    again. Completion goes through run_task's own callbacks, which are connected before the
    task starts, so a task that finishes at once is never missed."""

    def __init__(self, ctx: AppContext, changed: Callable[[], None]) -> None:
        self.ctx = ctx
        self.changed = changed
        self.busy = False
        self._current: object = None

    def run(self, work: Any, label: str, on_success: Callable[[Any], None],
            on_failure: Callable[[str], None] | None = None) -> Task:
        token = object()
        self._current, self.busy = token, True
        self.changed()

        def succeeded(result: Any) -> None:
            self._done(token)
            on_success(result)  # may start the next task

        def failed(message: str) -> None:
            self._done(token)
            (on_failure or self.ctx.show_error)(message)

        return self.ctx.run_task(work, label, succeeded, failed)

    def _done(self, token: object) -> None:
        if token is self._current:
            self.busy = False
            self.changed()
