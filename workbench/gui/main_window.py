"""The main window: the open workspace's artifacts, and the status of background work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.workspace import Workspace
from workbench.gui.artifact_model import ArtifactModel
from workbench.gui.tasks import Task, Work


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Consent Workbench"))
        self.resize(1100, 700)
        self.workspace_path: Path | None = None
        self.model = ArtifactModel(self)
        self.tasks: list[Task] = []

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        busy = QWidget()
        busy_layout = QVBoxLayout(busy)
        busy_layout.addStretch()
        busy_layout.addWidget(self.busy_label)
        busy_layout.addWidget(self.busy_bar)
        busy_layout.addStretch()

        self.empty_label = QLabel(self.tr("No workspace is open."))
        self.stack = QStackedWidget()
        for widget in (self.empty_label, busy, self.table):
            self.stack.addWidget(widget)
        self.setCentralWidget(self.stack)
        self.statusBar().showMessage(self.tr("Ready"))

    def run_task(self, work: Work, message: str, on_success) -> Task:  # type: ignore[no-untyped-def]
        """Show progress while `work` runs on the pool; errors become a dialog."""
        self.busy_label.setText(message)
        self.busy_bar.setRange(0, 0)
        self.stack.setCurrentIndex(1)
        task = Task(work)
        task.signals.progress.connect(self._on_progress)
        task.signals.succeeded.connect(on_success)
        task.signals.failed.connect(self.show_error)
        task.signals.failed.connect(lambda _msg: self.stack.setCurrentIndex(0))
        task.signals.succeeded.connect(lambda _r, t=task: self.tasks.remove(t))
        task.signals.failed.connect(lambda _m, t=task: self.tasks.remove(t))
        self.tasks.append(task)
        return task.start()

    def _on_progress(self, done: int, total: int, label: str) -> None:
        self.busy_bar.setRange(0, max(total, 1))
        self.busy_bar.setValue(done)
        if label:
            self.statusBar().showMessage(label)

    def load_workspace(self, path: Path) -> None:
        try:
            with Workspace.open(path) as ws:
                rows = ws.artifacts()
                status = ws.status()
        except WorkbenchError as err:
            self.show_error(str(err))
            return
        self.workspace_path = Path(path)
        self.model.set_rows(rows)
        self.stack.setCurrentIndex(2)
        self.setWindowTitle(self.tr("Consent Workbench — {0}").format(status.name))
        self.statusBar().showMessage(
            self.tr("{0} artifacts · {1} pending review · {2} people").format(
                status.artifacts, status.by_state["pending"], status.people
            )
        )

    def open_demo(self, target: Path) -> Task:
        """Run the demo flow in the background, then show its workspace."""
        from workbench.core.demo import run_demo

        return self.run_task(
            lambda progress, cancel: run_demo(target, lambda _line: None),
            self.tr("Preparing the demo workspace…"),
            self.load_workspace,
        )

    def show_error(self, message: str) -> None:
        QMessageBox.critical(self, self.tr("Consent Workbench"), message)
