"""The artifacts page: the workspace's material, filters and search, import and scan."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.services import importing, workspaces
from workbench.core.services.workspaces import ArtifactKind, ArtifactState, ArtifactSummary
from workbench.gui.artifact_model import AnyIndex, ArtifactModel, kind_label, state_label
from workbench.gui.pages.base import Page
from workbench.gui.tasks import Task

if TYPE_CHECKING:
    from workbench.core.progress import CancelToken, ProgressCallback
    from workbench.core.services.importing import ImportSummary
    from workbench.core.services.scanning import ScanSummary
    from workbench.gui.context import AppContext

# The window scans in a child process: it never imports the models or runs the detector.
SCAN_PROCESSES = 2
SEARCH_DELAY_MS = 250


class ArtifactFilter(QSortFilterProxyModel):
    """State, kind, "has sensitive findings" and free-text search over title and text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.state: str | None = None
        self.kind: str | None = None
        self.sensitive_only = False
        self.matches: set[str] | None = None  # ids matching the search, None: no search

    def update(self, **changes: Any) -> None:
        self.beginFilterChange()
        for name, value in changes.items():
            setattr(self, name, value)
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ArtifactModel)
        row = model.row_at(source_row)
        if self.state and row.state.value != self.state:
            return False
        if self.kind and row.kind.value != self.kind:
            return False
        if self.sensitive_only and not model.sensitive.get(row.id):
            return False
        return self.matches is None or row.id in self.matches


class ArtifactsPage(Page):
    key = "artifacts"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setAcceptDrops(True)
        self.loading = False  # the list is being read
        self._generation = 0
        self._shown_for: Path | None = None  # whose list the table shows
        self.model = ArtifactModel(self)
        self.proxy = ArtifactFilter(self)
        self.proxy.setSourceModel(self.model)

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.import_files_button = QPushButton(self.tr("Import files…"))
        self.import_folder_button = QPushButton(self.tr("Import folder…"))
        self.scan_button = QPushButton(self.tr("Scan for personal data"))
        self.import_files_button.clicked.connect(self._choose_files)
        self.import_folder_button.clicked.connect(self._choose_folder)
        self.scan_button.clicked.connect(self.scan)
        actions = QHBoxLayout()
        actions.addWidget(self.heading, 1)
        for button in (self.import_files_button, self.import_folder_button, self.scan_button):
            actions.addWidget(button)

        self.state_filter = QComboBox()
        self.state_filter.addItem(self.tr("All states"), None)
        for state in ArtifactState:
            self.state_filter.addItem(state_label(state.value), state.value)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("All kinds"), None)
        for kind in ArtifactKind:
            self.kind_filter.addItem(kind_label(kind.value), kind.value)
        self.sensitive_filter = QCheckBox(self.tr("Has sensitive information"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search titles and text"))
        self.search.setClearButtonEnabled(True)
        self.state_filter.currentIndexChanged.connect(
            lambda: self.proxy.update(state=self.state_filter.currentData()))
        self.kind_filter.currentIndexChanged.connect(
            lambda: self.proxy.update(kind=self.kind_filter.currentData()))
        self.sensitive_filter.toggled.connect(lambda on: self.proxy.update(sensitive_only=on))
        # Texts are sealed in the workspace, so a search opens each one: it runs on the pool,
        # a moment after typing stops, and a result for an older text is dropped.
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(lambda: self._search(self.search.text()))
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self._search_task: Task | None = None
        self._searching: set[Task] = set()
        filters = QHBoxLayout()
        for widget in (self.state_filter, self.kind_filter, self.sensitive_filter):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        # In the workspace's order until a column is clicked: sorting calls data() for every
        # comparison, which a list of thousands feels on each change.
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Widths from the labels a column can hold, not measured over every row: measuring
        # asks each cell of thousands for its size after every change.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        cells, titles = self.table.fontMetrics(), header.fontMetrics()
        for column, texts in self.model.widest_texts().items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(max(cells.horizontalAdvance(t) for t in texts),
                                             titles.horizontalAdvance(title) + 16) + 24)
        self.table.doubleClicked.connect(self._open_row)

        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.body = QStackedWidget()
        self.body.addWidget(self.empty)
        self.body.addWidget(self.table)

        hint = QLabel(self.tr("Drop files or folders here to import them. Double-click an item "
                              "to review it."))
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addLayout(filters)
        layout.addWidget(self.body, 1)
        layout.addWidget(hint)
        ctx.workspace_changed.connect(lambda _path: self.refresh())
        ctx.data_changed.connect(self.refresh_when_shown)

    def title(self) -> str:
        return self.tr("Materials")

    def refresh(self) -> None:
        """Read the list (summaries only, no text) off the UI thread, then bring the table
        to it row by row; an older reading that arrives last is dropped."""
        self.stale = False
        path = self.ctx.workspace_path
        has_workspace = path is not None
        for button in (self.import_files_button, self.import_folder_button, self.scan_button):
            button.setEnabled(has_workspace)
        self._generation += 1
        generation = self._generation
        if path is None:
            self.loading = False
            self._shown_for = None
            self.heading.setText(self.tr("No workspace is open"))
            self.empty.setText(self.tr("Open or create a workspace to start: File ▸ Open "
                                       "workspace, or File ▸ New workspace."))
            self.model.set_rows([], {}, {})
            self.body.setCurrentWidget(self.empty)
            return
        if self._shown_for != path:
            # Another workspace: nothing of the last one stays on screen while this one loads.
            self.model.set_rows([], {}, {})
            self.heading.setText("")
            self.empty.setText(self.tr("Reading the list…"))
            self.body.setCurrentWidget(self.empty)

        def work(_progress: Any, _cancel: Any) -> workspaces.ArtifactList:
            return workspaces.artifact_list(path)

        def failed(message: str) -> None:
            if generation == self._generation:
                self.loading = False
                self.ctx.show_error(message)

        self.loading = True
        self.ctx.run_task(work, self.tr("Reading the list…"),
                          lambda listed: self._listed(generation, path, listed.rows,
                                                      listed.name), failed)

    def _listed(self, generation: int, path: Path, rows: list[ArtifactSummary],
                name: str) -> None:
        if generation != self._generation:
            return  # an older reading: a newer one is on its way
        self.loading = False
        self._shown_for = path
        self.model.update_rows(rows)
        self._search(self.search.text())
        self.heading.setText(self.tr("Workspace of {0}").format(name))
        if rows:
            self.body.setCurrentWidget(self.table)
        else:
            self.empty.setText(self.tr("Nothing imported yet. Drop chat exports, emails, "
                                       "documents or screenshots here, or use Import."))
            self.body.setCurrentWidget(self.empty)

    def _search(self, text: str) -> None:
        needle, root = text.strip(), self.ctx.workspace_path
        if not needle or root is None:
            self._search_task = None
            self.proxy.update(matches=None)
            return

        def work(_progress: Any, _cancel: Any) -> set[str]:
            return workspaces.search(root, needle)

        task = Task(work)
        task.signals.succeeded.connect(lambda ids: self._found(task, ids))
        task.signals.failed.connect(lambda message: self._search_failed(task, message))
        self._searching.add(task)  # alive until it reports, even once overtaken
        self._search_task = task.start()

    def _found(self, task: Task, ids: set[str]) -> None:
        self._searching.discard(task)
        if task is self._search_task:  # not overtaken by a newer search
            self.proxy.update(matches=ids)

    def _search_failed(self, task: Task, message: str) -> None:
        self._searching.discard(task)
        if task is self._search_task:
            self.ctx.show_error(message)

    # -- import and scan ----------------------------------------------------------------------

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import files"))
        if paths:
            self.import_paths([Path(p) for p in paths])

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Import a folder"))
        if path:
            self.import_paths([Path(path)])

    def import_paths(self, paths: list[Path]) -> Task | None:
        """Import in the background; then scan what is new."""
        root = self.ctx.workspace_path
        if root is None:
            return None

        def work(progress: ProgressCallback, cancel: CancelToken) -> ImportSummary:
            return importing.import_paths(root, paths, progress, cancel)

        def done(summary: ImportSummary) -> None:
            self.ctx.data_changed.emit()
            skipped = len(summary.skipped)
            message = self.tr("Imported %n new item(s) ({0} were already here).", "",
                              summary.added).format(summary.already_present)
            if skipped:
                message += " " + self.tr("%n file(s) were passed over.", "", skipped)
            if summary.notes:
                message += " " + self.tr("{0} damaged parts were left out (for example in {1}: "
                                         "{2}).").format(len(summary.notes),
                                                         summary.notes[0][0].name,
                                                         summary.notes[0][1])
            self.ctx.status_message.emit(message)
            if summary.failed:
                self.ctx.show_error(self.import_report(summary, message))
            elif summary.skipped:
                self.ctx.show_info(self.import_report(summary, message))
            if summary.added:
                self.scan()

        return self.ctx.run_task(work, self.tr("Importing…"), done)

    def import_report(self, summary: ImportSummary, message: str) -> str:
        """One summary of a partial import: what came in, and each file that did not, why."""
        lines = [message]
        if summary.failed:
            lines += ["", self.tr("These files could not be imported; everything else was:")]
            lines += [self.tr("• {0}: {1}").format(path.name, why)
                      for path, why in summary.failed]
        if summary.notes:
            lines += ["", self.tr("Left out of files that were imported:")]
            lines += [self.tr("• {0}: {1}").format(path.name, note)
                      for path, note in summary.notes]
        if summary.skipped:
            lines += ["", self.tr("Passed over:")]
            lines += [self.tr("• {0}: {1}").format(path.name, why)
                      for path, why in summary.skipped]
        return "\n".join(lines)

    def scan(self) -> Task | None:
        # Imported when first used: the scan's modules take a while to load at start.
        from workbench.core.services import scanning

        root = self.ctx.workspace_path
        if root is None:
            return None
        loading = self.tr("Loading the detectors…")

        def work(progress: ProgressCallback, cancel: CancelToken) -> ScanSummary:
            progress(0, 0, loading)
            return scanning.scan_in_subprocess(root, progress, cancel, SCAN_PROCESSES)

        def done(summary: ScanSummary) -> None:
            self.ctx.data_changed.emit()
            self.ctx.status_message.emit(self.tr("Scanned %n item(s):", "", summary.scanned)
                                         + " " + self.tr("%n finding(s).", "", summary.findings))

        task = self.ctx.run_task(work, self.tr("Scanning for personal data…"), done)
        self.ctx.mark_scan(task)
        return task

    def _open_row(self, index: QModelIndex) -> None:
        row = self.model.row_at(self.proxy.mapToSource(index).row())
        self.ctx.artifact_requested.emit(row.id)
        self.ctx.page_requested.emit("review")

    # -- drag and drop --------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.ctx.workspace_path is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)
