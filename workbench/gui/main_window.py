"""The main window: navigation between pages, the open workspace, and background work."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.core.progress import CancelToken, ProgressCallback
from workbench.gui.context import AppContext
from workbench.gui.pages.artifacts import ArtifactsPage
from workbench.gui.pages.base import Page
from workbench.gui.pages.consent import ConsentPage
from workbench.gui.pages.countersign import CountersignPage
from workbench.gui.pages.deadlines import DeadlinesPage
from workbench.gui.pages.export import ExportPage
from workbench.gui.pages.keys import KeysPage
from workbench.gui.pages.receive import ReceivePage
from workbench.gui.pages.review import ReviewPage
from workbench.gui.tasks import Task, Work

# In the order of the flow: the employee's pages first, then HR's and the receiving team's.
# Imported by name, so a page that cannot be imported stops the start with its own error
# instead of silently leaving the window without it.
PAGES: tuple[type[Page], ...] = (ArtifactsPage, ReviewPage, ConsentPage, ExportPage,
                                 DeadlinesPage, CountersignPage, ReceivePage, KeysPage)

if TYPE_CHECKING:
    from workbench.core.services.workspaces import ReviewCounts
    from workbench.gui.widgets.keyring_banner import KeyringBanner

log = logging.getLogger(__name__)


# The roles a page is for (None: everyone). Employees come first in PAGES, so a person
# with several roles lands on their own material.
_EMPLOYEE, _HR, _RECIPIENT = "employee", "hr", "recipient"
PAGE_ROLES: dict[str, frozenset[str] | None] = {
    "artifacts": frozenset({_EMPLOYEE}), "review": frozenset({_EMPLOYEE}),
    "consent": frozenset({_EMPLOYEE}), "export": frozenset({_EMPLOYEE}),
    "deadlines": frozenset({_EMPLOYEE, _RECIPIENT}), "countersign": frozenset({_HR}),
    "receive": frozenset({_RECIPIENT}), "keys": None,
}


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext | None = None) -> None:
        super().__init__()
        self.ctx = ctx or AppContext(self)
        self.ctx.window = self
        self.setWindowTitle(self.tr("Consent Workbench"))
        self.resize(1280, 760)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(200)
        self.nav.setStyleSheet("QListWidget#navigation { font-size: 11pt; }"
                               "QListWidget#navigation::item { padding: 7px 10px; }")
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        for page_class in PAGES:
            page = page_class(self.ctx)
            self.pages[page.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(page.title())
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._show_row)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        self.banner = self._keyring_banner()
        if self.banner is not None:
            column.addWidget(self.banner)
        column.addLayout(body, 1)
        self.setCentralWidget(central)

        self.counts = QLabel()
        self._counting: set[Task] = set()
        self._diagnostics: Task | None = None
        self._count_again = False  # the data changed while it was being counted
        self.task_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_tasks)
        for widget in (self.task_label, self.progress, self.cancel_button):
            widget.hide()
            self.statusBar().addPermanentWidget(widget)
        self.statusBar().addPermanentWidget(self.counts)
        self._build_menus()

        if self.banner is not None:
            # The main window's banner is the one shown on every page.
            self.ctx.identities_changed.connect(self.banner.refresh)
            self.ctx.workspace_changed.connect(lambda _path: self.banner.refresh())
        self.ctx.page_requested.connect(self.show_page)
        self.ctx.workspace_changed.connect(self._workspace_changed)
        self.ctx.data_changed.connect(self._update_counts)
        self.ctx.task_started.connect(self._task_started)
        self.ctx.task_finished.connect(self._task_finished)
        self.ctx.status_message.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.ctx.identities_changed.connect(self.apply_roles)
        self.apply_roles()
        self._workspace_changed(None)

    # -- structure ------------------------------------------------------------------------------

    def _keyring_banner(self) -> KeyringBanner | None:
        try:
            from workbench.gui.widgets.keyring_banner import KeyringBanner
        except ModuleNotFoundError:
            return None
        return KeyringBanner()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        new_action = QAction(self.tr("&New workspace…"), self)
        new_action.setShortcut(QKeySequence.StandardKey.New)
        new_action.triggered.connect(self.new_workspace)
        open_action = QAction(self.tr("&Open workspace…"), self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.choose_workspace)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.insertAction(self.recent_menu.menuAction(), new_action)
        file_menu.insertAction(self.recent_menu.menuAction(), open_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        language = settings_menu.addMenu(self.tr("&Language"))
        for code, label in (("system", self.tr("System language")), ("en", "English"),
                            ("zh_CN", "中文（简体）")):
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(QSettings().value("language", "system") == code)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            language.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        diagnostics_action = QAction(self.tr("Copy &diagnostics"), self)
        diagnostics_action.setToolTip(self.tr(
            "Copy versions, platform, key store and the last log lines, for a bug report. "
            "Nothing about you or your material is included."))
        diagnostics_action.triggered.connect(self.copy_diagnostics)
        help_menu.addAction(diagnostics_action)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.ctx.recent_workspaces()
        if not recent:
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)
        for path in recent:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.ctx.open_workspace(p))

    def copy_diagnostics(self) -> Task:
        """Collected off the UI thread (asking the system keyring which backend it has can
        take a while), then put on the clipboard; the status bar says so."""
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        from workbench.core.diagnostics import report

        extra = {"qt": qVersion(), "pyside6": pyside_version}

        def collect(_progress: ProgressCallback, _cancel: CancelToken) -> str:
            return report(extra)

        def copied(text: str) -> None:
            QGuiApplication.clipboard().setText(text)
            log.info("diagnostics.copied lines=%d", text.count("\n"))
            self.ctx.status_message.emit(self.tr(
                "Diagnostics copied to the clipboard: versions, platform, key store and the "
                "last log lines, nothing about you or your material."))

        # A Task of its own, not ctx.run_task: the window clears the status bar when its
        # tasks end, which would take the "copied" message away as it appears.
        task = Task(collect)
        task.signals.succeeded.connect(copied)
        task.signals.failed.connect(self.ctx.show_error)
        self._diagnostics = task  # kept alive until it reports
        return task.start()

    def set_language(self, code: str) -> None:
        QSettings().setValue("language", code)
        QMessageBox.information(self, self.tr("Language"),
                                self.tr("The new language is used from the next start."))

    # -- pages ----------------------------------------------------------------------------------

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        page.refresh()

    def apply_roles(self) -> None:
        """Show the pages of the roles this person holds, and land on their role's first:
        HR starts at countersigning, a recipient at receiving; nobody is shown another
        role's page (which could only tell them to make that role's identity). With no
        identity yet, every page shows."""
        from workbench.core.services import identities

        try:
            roles: frozenset[str] = identities.roles_held()
        except Exception:  # an unreadable card must not keep the window from opening
            roles = frozenset()
        for row in range(self.nav.count()):
            needs = PAGE_ROLES.get(self.nav.item(row).data(Qt.ItemDataRole.UserRole))
            self.nav.item(row).setHidden(bool(roles) and needs is not None
                                         and not roles & needs)
        current = self.nav.currentRow()
        if current < 0 or self.nav.item(current).isHidden():
            first = next((r for r in range(self.nav.count())
                          if not self.nav.item(r).isHidden()), 0)
            self.nav.setCurrentRow(first)

    def show_page(self, key: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)
                return

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    # -- workspace ------------------------------------------------------------------------------

    def choose_workspace(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Open a workspace folder"))
        if path:
            self.ctx.open_workspace(Path(path))

    def new_workspace(self) -> None:
        try:
            from workbench.gui.dialogs.welcome import NewWorkspaceWizard
        except ModuleNotFoundError:
            return
        NewWorkspaceWizard(self.ctx, self).exec()

    def load_workspace(self, path: Path) -> None:
        self.ctx.open_workspace(Path(path))

    def _workspace_changed(self, path: Path | None) -> None:
        if path is None:
            self.setWindowTitle(self.tr("Consent Workbench"))
        else:
            with self.ctx.workspace() as ws:
                self.setWindowTitle(self.tr("Consent Workbench — {0}").format(ws.name))
        self._update_counts()
        if self.stack.count():
            self.current_page().refresh()

    def _update_counts(self) -> None:
        """Counted off the UI thread: it runs after every change, at any size. One count at a
        time: changes that come meanwhile (fifty approvals in a row) are counted once, when
        it ends."""
        path = self.ctx.workspace_path
        if path is None:
            self.counts.setText(self.tr("No workspace open"))
            return
        if self._counting:
            self._count_again = True
            return
        self._count_again = False
        from workbench.core.services import workspaces

        def work(_progress: ProgressCallback, _cancel: CancelToken) -> ReviewCounts:
            return workspaces.review_counts(path)

        def ended() -> None:
            self._counting.discard(task)
            if self._count_again:
                self._update_counts()

        def counted(counts: ReviewCounts) -> None:
            if path == self.ctx.workspace_path:
                self._show_counts(counts)
            ended()

        task = Task(work)
        task.signals.succeeded.connect(counted)
        task.signals.failed.connect(lambda _message: ended())
        self._counting.add(task)  # kept alive until it reports
        task.start()

    def _show_counts(self, counts: ReviewCounts) -> None:
        self.counts.setText(self.tr("{0} of {1} reviewed · {2} approved · {3} excluded").format(
            counts.reviewed, counts.total, counts.approved, counts.excluded))

    # -- background work --------------------------------------------------------------------------

    def run_task(self, work: Work, message: str, on_success: Callable[[Any], None]) -> Task:
        return self.ctx.run_task(work, message, on_success)

    def open_demo(self, target: Path) -> Task:
        """Prepare the demo (parties, workspace imported and scanned) in the background, then
        act as its employee and open the workspace, ready to review."""
        from workbench.core.demo import DemoLayout, act_as, prepare_review_demo

        def opened(layout: DemoLayout) -> None:
            act_as(layout, "employee")
            self.ctx.identities_changed.emit()
            self.ctx.open_workspace(layout.workspace)

        return self.ctx.run_task(
            lambda progress, cancel: prepare_review_demo(target,
                                                         lambda line: progress(0, 0, line)),
            self.tr("Preparing the demo workspace…"), opened)

    def _task_started(self, task: Task, label: str) -> None:
        task.signals.progress.connect(self._task_progress)
        self.task_label.setText(label)
        self.progress.setRange(0, 0)
        for widget in (self.task_label, self.progress, self.cancel_button):
            widget.show()

    def _task_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 0))
        if total:
            self.progress.setValue(done)
        if label:
            self.statusBar().showMessage(label)

    def _task_finished(self, _task: Task) -> None:
        if not self.ctx.tasks:
            for widget in (self.task_label, self.progress, self.cancel_button):
                widget.hide()
            self.statusBar().clearMessage()
        else:
            self.task_label.setText(self.ctx.tasks[-1].label)

    def cancel_tasks(self) -> None:
        for task in list(self.ctx.tasks):
            task.cancel()

    def show_error(self, message: str) -> None:
        self.ctx.show_error(message)
