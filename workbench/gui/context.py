"""What every page of the app shares: the open workspace, background tasks, error dialogs."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QSettings, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from workbench.core import clock
from workbench.core.errors import WorkbenchError, WorkspaceInUse
from workbench.core.services import workspaces
from workbench.core.services.workspaces import Workspace
from workbench.gui.tasks import Task, Work

MAX_RECENT = 8
# How long a pool thread running Python keeps the interpreter once the UI thread asks for it
# (Python's default is 5 ms). Every paint calls into Python many times (a model's data(), a
# slot), and each call waits that long while a task computes: 0.5 ms keeps a busy pool from
# stretching a 20 ms paint into a stall.
UI_SWITCH_INTERVAL_S = 0.0005


def configure_settings() -> None:
    """Keep the app's settings (recent workspaces, language) in its config folder, which
    WORKBENCH_HOME relocates like everything else."""
    from PySide6.QtCore import QCoreApplication

    from workbench.core.paths import config_dir

    QCoreApplication.setOrganizationName("consent-workbench")
    QCoreApplication.setApplicationName("Consent Workbench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(config_dir()))


class AppContext(QObject):
    """Pages talk to each other only through this object's signals; none holds another."""

    workspace_changed = Signal(object)  # Path | None
    data_changed = Signal()  # artifacts, findings or decisions changed
    identities_changed = Signal()
    artifact_requested = Signal(str)  # open this artifact in the review page
    page_requested = Signal(str)  # switch to the page with this key
    task_started = Signal(object, str)  # Task, label
    task_finished = Signal(object)  # Task
    status_message = Signal(str)  # a sentence for the status bar
    scan_state_changed = Signal(bool)  # a scan of the workspace started (True) or ended

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        configure_settings()
        sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
        self.workspace_path: Path | None = None
        self.window: QWidget | None = None
        self.tasks: list[Task] = []
        self._connection: Workspace | None = None  # the UI thread's, for the workspace shown
        self._connection_thread = 0  # SQLite connections belong to the thread that made them
        self._scans: set[int] = set()  # ids of the tasks that scan

    # -- workspace ------------------------------------------------------------------------

    def open_workspace(self, path: Path | None) -> bool:
        """Show `path` (None: no workspace). The window holds the workspace while it shows it,
        so another window or process cannot open it meanwhile (nor this one theirs)."""
        opened: Workspace | None = None
        if path is not None:
            try:
                opened = workspaces.hold(Path(path))
            except WorkspaceInUse:
                self.show_error(self.tr(
                    "The workspace {0} is in use by another window or process. Close it there "
                    "(or wait for that command to finish) and try again.").format(path))
                return False
            except WorkbenchError as exc:
                self.show_error(str(exc))
                return False
            self._remember(Path(path))
        self.release_workspace()
        self.workspace_path = Path(path) if path else None
        self._held = self.workspace_path
        self._connection, self._connection_thread = opened, threading.get_ident()
        self.workspace_changed.emit(self.workspace_path)
        return True

    def release_workspace(self) -> None:
        """Give up the window's hold on the workspace it shows (when it closes), and drop the
        decrypted values cached for redacting it."""
        held, self._held = getattr(self, "_held", None), None
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()
        if held is not None:
            workspaces.let_go(held)

    @contextlib.contextmanager
    def workspace(self) -> Iterator[Workspace]:
        """The workspace for quick reads and single decisions on the UI thread: the window's
        own connection while it shows the workspace. Opening and closing one for each read
        costs milliseconds, and the last connection to close checkpoints the journal, which
        makes every other reader and writer wait meanwhile."""
        if self.workspace_path is None:
            raise RuntimeError("no workspace is open")
        kept = self._connection
        if kept is not None and kept.root == self.workspace_path \
                and threading.get_ident() == self._connection_thread:
            yield kept
            return
        ws = workspaces.open_workspace(self.workspace_path)
        try:
            yield ws
        finally:
            ws.close()

    def recent_workspaces(self) -> list[Path]:
        stored = QSettings().value("recent_workspaces", []) or []
        # The INI format gives one remembered path back as a str, several as a list.
        values = [stored] if isinstance(stored, str) else stored if isinstance(stored, list) \
            else []
        return [Path(v) for v in map(str, values) if (Path(v) / "workspace.sqlite").exists()]

    def _remember(self, path: Path) -> None:
        recent = [str(path.resolve())] + [str(p) for p in self.recent_workspaces()
                                          if p.resolve() != path.resolve()]
        QSettings().setValue("recent_workspaces", recent[:MAX_RECENT])

    # -- background work --------------------------------------------------------------------

    def run_task(self, work: Work, label: str, on_success: Callable[[Any], None] | None = None,
                 on_failure: Callable[[str], None] | None = None,
                 pool: QThreadPool | None = None) -> Task:
        """Run `work(progress, cancel)` on the thread pool (or `pool`: a page's own, to run
        its tasks in order); the window shows progress and a Cancel button; errors become a
        dialog. Nothing here waits."""
        task = Task(work)
        task.label = label
        if on_success is not None:
            task.signals.succeeded.connect(on_success)
        task.signals.failed.connect(on_failure or self.show_error)
        for signal in (task.signals.succeeded, task.signals.failed, task.signals.cancelled):
            signal.connect(lambda *_args, t=task: self._finished(t))
        self.tasks.append(task)
        self.task_started.emit(task, label)
        return task.start(pool)

    def mark_scan(self, task: Task) -> None:
        """This task scans the workspace: approving waits for it (the gate would refuse)."""
        self._scans.add(id(task))
        self.scan_state_changed.emit(True)

    @property
    def scanning(self) -> bool:
        return any(id(t) in self._scans for t in self.tasks)

    def _finished(self, task: Task) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed while the task ran; its result has nowhere to go
        if task in self.tasks:
            self.tasks.remove(task)
            self.task_finished.emit(task)
        if id(task) in self._scans:
            self._scans.discard(id(task))
            self.scan_state_changed.emit(self.scanning)

    # -- messages ---------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        QMessageBox.critical(self.window, self.tr("Consent Workbench"), message)

    def show_info(self, message: str) -> None:
        QMessageBox.information(self.window, self.tr("Consent Workbench"), message)

    @staticmethod
    def now() -> datetime:
        """The real time; the app offers no way to set it (deadlines must hold)."""
        return clock.now_utc()
