"""Long work off the UI thread: a QRunnable on the global pool that reports through signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from workbench.core.errors import Cancelled, WorkbenchError
from workbench.core.messages import t
from workbench.core.progress import CancelToken, ProgressCallback

# The work receives a progress callback and a cancel token, and returns its result.
Work = Callable[[ProgressCallback, CancelToken], Any]


class TaskSignals(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Task(QRunnable):
    """Runs `work` on a pool thread; results and errors arrive as queued signals."""

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = TaskSignals()
        self.cancel_token = CancelToken()
        self.label = ""

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit, self.cancel_token)
        except Cancelled:
            self.signals.cancelled.emit()
        except WorkbenchError as err:
            self.signals.failed.emit(str(err))
        except Exception as exc:
            self.signals.failed.emit(t("error.unexpected", reason=f"{exc!r}"))
        else:
            self.signals.succeeded.emit(result)

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def start(self, pool: QThreadPool | None = None) -> Task:
        (pool or QThreadPool.globalInstance()).start(self)
        return self
