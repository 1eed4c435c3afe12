"""The Export page: what still blocks the package, and once nothing does, exporting the
encrypted, signed package for HR to countersign."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.core.services import exporting
from workbench.core.services.exporting import Blocker, ExportCheck, ExportResult
from workbench.gui.blockers import export_reason
from workbench.gui.context import AppContext
from workbench.gui.pages.base import Page
from workbench.gui.qt_types import clear_layout
from workbench.gui.tasks import Task
from workbench.gui.widgets.fingerprint import group4
from workbench.gui.widgets.labels import banner, heading, note


def blocker_row(blocker: Blocker) -> tuple[str, list[str], str | None]:
    """A blocker as the sentence shown, the pages that fix it and the item to open there
    (all three named by the service, never read from the sentence)."""
    return export_reason(blocker), list(blocker.pages), blocker.item


class ExportPage(Page):
    key = "export"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.blockers: list[Blocker] = []
        self.check: ExportCheck | None = None
        self.task: Task | None = None
        self.result: ExportResult | None = None
        self.stale = True
        self.checking = False  # a check of what blocks the export is running
        self._generation = 0

        # Page 0: no workspace.
        self.no_workspace = QLabel(self.tr("Open a workspace to start. When its material is "
                                           "reviewed and you have consented, you export it "
                                           "here."))
        self.no_workspace.setWordWrap(True)
        self.no_workspace.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        # Page 1: what still blocks the export.
        self.blockers_box = QWidget()
        self.blockers_layout = QVBoxLayout(self.blockers_box)
        self.blockers_layout.setContentsMargins(0, 0, 0, 0)
        blockers_scroll = QScrollArea()
        blockers_scroll.setWidgetResizable(True)
        blockers_scroll.setFrameShape(QFrame.Shape.NoFrame)
        blockers_scroll.setWidget(self.blockers_box)
        blocked = QWidget()
        blocked_layout = QVBoxLayout(blocked)
        blocked_layout.setContentsMargins(0, 0, 0, 0)
        blocked_layout.addWidget(heading(self.tr("Before you can export"), 1.1))
        blocked_layout.addWidget(note(self.tr("Each item below stops the export. Fix it on "
                                              "the page its button opens, then come back.")))
        blocked_layout.addWidget(blockers_scroll, 1)

        # Page 2: ready — summary, Export…, progress, result.
        self.summary = QFormLayout()
        self.summary.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.summary.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_button.setToolTip(self.tr("Save the encrypted package (Ctrl+Shift+E)"))
        self.export_button.clicked.connect(self.choose_file)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.step = QLabel()
        self.step.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.export_button.setMinimumWidth(160)
        self.export_button.setDefault(True)
        run_row = QHBoxLayout()
        run_row.addWidget(self.export_button)
        run_row.addWidget(self.progress, 1)
        run_row.addWidget(self.step)
        run_row.addWidget(self.cancel_button)
        run_row.addStretch()

        self.done = note("")
        self.done.setVisible(False)
        self.done.setTextFormat(Qt.TextFormat.PlainText)
        self.show_button = QPushButton(self.tr("Show in folder"))
        self.show_button.clicked.connect(self.show_in_folder)
        self.deadlines_button = QPushButton(self.tr("Go to Deadlines"))
        self.deadlines_button.clicked.connect(lambda: self.ctx.page_requested.emit("deadlines"))
        done_row = QHBoxLayout()
        done_row.addWidget(self.show_button)
        done_row.addWidget(self.deadlines_button)
        done_row.addStretch()
        self.done_buttons = QWidget()
        self.done_buttons.setLayout(done_row)
        self.done_buttons.setVisible(False)

        ready = QWidget()
        ready_layout = QVBoxLayout(ready)
        ready_layout.setContentsMargins(0, 0, 0, 0)
        ready_layout.addWidget(heading(self.tr("Ready to export"), 1.1))
        ready_layout.addWidget(note(self.tr(
            "The package is encrypted so only the recipients below can open it, and signed "
            "by you. HR countersigns it before the recipients can open it.")))
        summary_box = QGroupBox(self.tr("What you are about to send"))
        summary_box.setLayout(self.summary)
        ready_layout.addWidget(summary_box)
        ready_layout.addSpacing(8)
        ready_layout.addLayout(run_row)
        ready_layout.addWidget(self.done)
        ready_layout.addWidget(self.done_buttons)
        ready_layout.addStretch()

        self.stack = QStackedWidget()
        for widget in (self.no_workspace, blocked, ready):
            self.stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title()))
        layout.addWidget(self.stack, 1)

        self.ctx.workspace_changed.connect(self._workspace_changed)
        self.ctx.data_changed.connect(self.refresh_when_shown)
        self.ctx.identities_changed.connect(self.refresh_when_shown)
        self.refresh()

    def title(self) -> str:
        return self.tr("Export")

    def _workspace_changed(self, _path: object) -> None:
        self.result = None
        self.refresh_when_shown()

    # -- what blocks, what is ready ------------------------------------------------------------

    def refresh(self) -> None:
        """Ask the core what blocks an export. The check reads every decision and approval
        (the gate, from stored state), so it runs off the UI thread; the page shows the
        answer when it comes."""
        self.stale = False
        if self.ctx.workspace_path is None:
            self.stack.setCurrentIndex(0)
            return
        if self.task is not None:
            return  # an export is running; its result decides what to show
        path, now = self.ctx.workspace_path, self.ctx.now()
        self._generation += 1
        generation = self._generation

        def work(_progress: Any, _cancel: Any) -> ExportCheck:
            return exporting.check_export(path, now)

        self.checking = True
        self.ctx.run_task(work, self.tr("Checking what would leave…"),
                          lambda check: self._checked(generation, check),
                          lambda message: self._check_failed(generation, message))

    def _checked(self, generation: int, check: ExportCheck) -> None:
        if generation != self._generation:
            return  # an older check: a newer one is on its way
        self.checking = False
        self.check, self.blockers = check, list(check.blockers)
        if self.blockers:
            self._show_blockers([blocker_row(b) for b in self.blockers])
            self.stack.setCurrentIndex(1)
        else:
            self._show_summary(check)
            self.stack.setCurrentIndex(2)

    def _check_failed(self, generation: int, message: str) -> None:
        """The check itself could not run (a damaged workspace): nothing may leave, and the
        page says why, with nothing to open."""
        if generation != self._generation:
            return
        self.checking = False
        self.check, self.blockers = None, []
        self._show_blockers([(message, [], None)])
        self.stack.setCurrentIndex(1)

    def _show_blockers(self, targets: list[tuple[str, list[str], str | None]]) -> None:
        clear_layout(self.blockers_layout)
        buttons = {"review": self.tr("Go to Review"), "consent": self.tr("Go to Consent"),
                   "keys": self.tr("Go to Keys")}
        self.fix_buttons: list[QPushButton] = []
        for text, pages, item in targets:
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            row = QHBoxLayout(frame)
            label = QLabel("•  " + text)
            label.setWordWrap(True)
            row.addWidget(label, 1)
            for page in pages:
                button = QPushButton(buttons[page])
                button.clicked.connect(lambda _=False, p=page, i=item: self._fix(p, i))
                row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
                self.fix_buttons.append(button)
            self.blockers_layout.addWidget(frame)
        self.blockers_layout.addStretch()

    def _fix(self, page: str, item: str | None) -> None:
        """Open the page that fixes a blocker; on Review, at the item it names."""
        if page == "review" and item is not None:
            self.ctx.artifact_requested.emit(item)
        self.ctx.page_requested.emit(page)

    def _show_summary(self, check: ExportCheck) -> None:
        while self.summary.rowCount():
            self.summary.removeRow(0)
        current = check.consent
        assert current is not None  # no consent is a blocker
        recipients = "\n".join(f"{r.name}  ·  {group4(r.fingerprint)}"
                               for r in current.recipients)
        hr = current.countersigner
        values = [
            (self.tr("Recipients"), recipients),
            (self.tr("To be countersigned by"), f"{hr.name}  ·  {group4(hr.fingerprint)}"),
            (self.tr("Purposes"), "\n".join(current.purposes)),
            (self.tr("Delete by"), self.tr("{0} (%n day(s) from today)", "",
                                           check.days_left).format(current.delete_by)),
            (self.tr("Material"), self.tr("%n approved item(s)", "", check.approved)),
        ]
        for label, value in values:
            field = QLabel(value)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.summary.addRow(f"<b>{label}</b>", field)

    # -- exporting -----------------------------------------------------------------------------

    def choose_file(self) -> None:
        if self.task is not None or self.ctx.workspace_path is None:
            return
        default = self.ctx.workspace_path.parent / f"{self.ctx.workspace_path.name}.cwpkg"
        out, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the package"), str(default),
            self.tr("Consent Workbench packages (*.cwpkg)"))
        if not out:
            return
        target = Path(out) if out.endswith(".cwpkg") else Path(out + ".cwpkg")
        # The file dialog asked about the name it returned; a name we completed is asked here.
        if target.exists() and str(target) != out and not self.confirm_replace(target):
            return
        self.start_export(target, force=target.exists())

    def confirm_replace(self, target: Path) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Replace the package?"),
                          self.tr("{0} already exists. Replace it with the new package?")
                          .format(target.name), parent=self)
        replace = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is replace

    def start_export(self, out: Path, force: bool = False) -> None:
        root, now = self.ctx.workspace_path, self.ctx.now()
        assert root is not None

        def work(progress: Any, cancel: Any) -> ExportResult:
            return exporting.export(root, out, now, progress=progress, cancel=cancel,
                                    force=force)

        self.result = None
        self.done.setVisible(False)
        self.done_buttons.setVisible(False)
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        for widget in (self.progress, self.step, self.cancel_button):
            widget.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.step.setText(self.tr("Starting…"))
        task = self.ctx.run_task(work, self.tr("Exporting {0}").format(out.name),
                                 self._exported, self._failed)
        self.task = task
        task.signals.progress.connect(self._progress)
        task.signals.cancelled.connect(self._cancelled)

    def _progress(self, done: int, total: int, label: str) -> None:
        steps = {"skill folder": self.tr("Building the skill folder…"),
                 "encrypting": self.tr("Encrypting…"), "signing": self.tr("Signing…"),
                 "writing": self.tr("Writing the package…")}
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if label:
            self.step.setText(steps.get(label, label))
        self.cancel_button.setEnabled(done <= exporting.LAST_CANCELLABLE_STEP)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.step.setText(self.tr("Cancelling…"))

    def _finish(self) -> None:
        self.task = None
        for widget in (self.progress, self.step, self.cancel_button):
            widget.setVisible(False)
        self.export_button.setEnabled(True)

    def _exported(self, result: ExportResult) -> None:
        self._finish()
        self.result = result
        current = self.check.consent if self.check is not None else None
        hr = current.countersigner.name if current else ""
        recipients = ", ".join(r.name for r in current.recipients) if current else ""
        banner(self.done, self.tr(
            "Exported ✓  {0} files, saved to {1}\nPackage id: {2}\n\nNext: send this file to "
            "{3} (HR) to countersign. After that the recipients ({4}) can open it; they must "
            "delete it by {5}. You can follow it under Deadlines.").format(
            result.files, result.path, result.package, hr, recipients,
            current.delete_by if current else ""), True)
        self.done_buttons.setVisible(True)
        self.ctx.data_changed.emit()

    def _failed(self, message: str) -> None:
        self._finish()
        self.ctx.show_error(message)
        self.refresh()

    def _cancelled(self) -> None:
        self._finish()
        banner(self.done, self.tr("Export cancelled; no package was written."), None)

    def show_in_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path.parent)))
