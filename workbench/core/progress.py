"""Progress reporting and cancellation for long operations, shared by the CLI and the GUI."""

from __future__ import annotations

import threading
from collections.abc import Callable

from workbench.core.errors import Cancelled

# (done, total, what is being worked on now)
ProgressCallback = Callable[[int, int, str], None]


def no_progress(done: int, total: int, label: str) -> None:
    """The callback used when nobody is watching."""


class CancelToken:
    """Set from any thread; long operations call `check()` between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self, what: str = "The operation") -> None:
        if self._event.is_set():
            raise Cancelled(what)
