"""Long work off the UI thread: a QRunnable on the global pool that reports through signals."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from workbench.core.errors import Cancelled, WorkbenchError, unexpected_reason
from workbench.core.logs import describe, elapsed_ms
from workbench.core.messages import t
from workbench.core.progress import CancelToken, ProgressCallback

log = logging.getLogger(__name__)

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

    @property
    def name(self) -> str:
        """The work's function (e.g. `ArtifactsPage.scan.<locals>.work`): code, for the log."""
        return str(getattr(self.work, "__qualname__", type(self.work).__qualname__))

    def run(self) -> None:
        started = time.monotonic()
        log.debug("task.start task=%s", self.name)
        try:
            result = self.work(self.signals.progress.emit, self.cancel_token)
        except Cancelled:
            log.info("task.cancelled task=%s duration_ms=%d", self.name, elapsed_ms(started))
            self.signals.cancelled.emit()
        except WorkbenchError as err:
            log.info("task.refused task=%s error=%s duration_ms=%d", self.name, describe(err),
                     elapsed_ms(started))
            self.signals.failed.emit(str(err))
        except Exception as exc:
            # With its traceback: frames and class only (core/logs.py says why).
            log.error("task.failed task=%s duration_ms=%d", self.name, elapsed_ms(started),
                      exc_info=True)
            self.signals.failed.emit(t("error.unexpected", reason=unexpected_reason(exc)))
        else:
            log.debug("task.done task=%s duration_ms=%d", self.name, elapsed_ms(started))
            self.signals.succeeded.emit(result)

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def start(self, pool: QThreadPool | None = None) -> Task:
        (pool or QThreadPool.globalInstance()).start(self)
        return self
