"""The Deadlines page (both sides): every package exported or held, its delete-by date and
status, a timeline, and the receipts, revocations and withdrawals that change them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core import clock
from workbench.core.errors import reason_of
from workbench.core.services import deadlines, receiving
from workbench.core.services.deadlines import FINISHED, DeadlineRow, Withdrawn
from workbench.core.services.receiving import ReceiptImported, short_package
from workbench.gui.charts import STATUS_COLOURS, TimelineBar, TimelineChart
from workbench.gui.charts.timeline import status_label
from workbench.gui.context import AppContext
from workbench.gui.dialogs.import_revocation import import_revocation_dialog
from workbench.gui.page_tasks import PageTasks
from workbench.gui.pages.base import Page
from workbench.gui.widgets.labels import banner, heading, note
from workbench.gui.widgets.read_only_table import read_only_table


class DeadlinesPage(Page):
    key = "deadlines"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[DeadlineRow] = []
        self.tasks = PageTasks(ctx, self._update_buttons)
        self.stale = True

        self.table = read_only_table([
            self.tr("Package"), self.tr("Direction"), self.tr("With"), self.tr("Delete by"),
            self.tr("Days left"), self.tr("Status")], stretch=2)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty = QLabel(self.tr(
            "No packages yet. Packages you export, and packages you open as a recipient, "
            "appear here with the date by which they must be deleted."))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.empty)
        self.table_stack.addWidget(self.table)

        self.chart = TimelineChart()
        chart_scroll = QScrollArea()
        chart_scroll.setWidgetResizable(True)
        chart_scroll.setWidget(self.chart)
        chart_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.chart_heading = heading(self.tr("Timeline"), 1.1)

        self.receipt_button = QPushButton(self.tr("Import receipt…"))
        self.receipt_button.setToolTip(self.tr("A recipient's signed deletion receipt marks "
                                               "your export deleted ✓"))
        self.receipt_button.clicked.connect(self.choose_receipt)
        self.revocation_button = QPushButton(self.tr("Import revocation…"))
        self.revocation_button.setToolTip(self.tr("An employee's revocation: the package can "
                                                  "no longer be opened and is due now"))
        self.revocation_button.clicked.connect(
            lambda: import_revocation_dialog(self, self.refresh))
        self.withdraw_button = QPushButton(self.tr("Withdraw consent…"))
        self.withdraw_button.setToolTip(self.tr("Select one of your exports, then write a "
                                                "signed revocation to send to its recipients"))
        self.withdraw_button.clicked.connect(self.confirm_withdraw)
        self.result = note("")
        self.result.setVisible(False)
        actions = QHBoxLayout()
        actions.addWidget(self.receipt_button)
        actions.addWidget(self.revocation_button)
        actions.addWidget(self.withdraw_button)
        actions.addStretch()

        self.limit = note(self.tr("Copies taken outside Consent Workbench are beyond its "
                                  "reach."))
        self.limit.setStyleSheet("QLabel { color: palette(placeholder-text); }")

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title()))
        layout.addWidget(note(self.tr(
            "Every package you exported or hold, and the date by which it must be deleted. "
            "A package is deleted ✓ once its recipients' signed receipts are imported.")))
        layout.addWidget(self.table_stack, 3)
        layout.addLayout(actions)
        layout.addWidget(self.result)
        layout.addWidget(self.chart_heading)
        layout.addWidget(chart_scroll, 2)
        layout.addWidget(self.limit)
        self.ctx.data_changed.connect(self.refresh_when_shown)
        self.refresh()

    def title(self) -> str:
        return self.tr("Deadlines")

    # -- the list and the chart ----------------------------------------------------------------

    def refresh(self) -> None:
        self.stale = False
        try:
            self.rows = deadlines.deadlines(self.ctx.now())
        except Exception as exc:  # a damaged register is reported, not fatal to the page
            self.rows = []
            self.empty.setText(str(reason_of(exc)))
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            cells = [short_package(row.package), self.direction(row), row.counterpart,
                     row.delete_by, self.days_text(row), status_label(row.status)]
            colour = STATUS_COLOURS.get(row.status)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(row.package if column == 0 else text)
                if column in (4, 5) and colour is not None:
                    item.setForeground(colour)
                if column == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(index, column, item)
        self.table_stack.setCurrentIndex(1 if self.rows else 0)
        # The list takes the height of its rows; the timeline gets the rest of the page.
        self.table.resizeRowsToContents()
        fit = (self.table.horizontalHeader().height() + 2 * self.table.frameWidth() + 2
               + sum(self.table.rowHeight(i) for i in range(len(self.rows))))
        self.table_stack.setMaximumHeight(max(fit, 90) if self.rows else 16777215)
        today = clock.local_date(self.ctx.now())
        self.chart.set_bars([
            TimelineBar(f"{short_package(r.package)[:8]} · {r.counterpart}",
                        date.fromisoformat(r.delete_by), r.status,
                        self.tr("{0} — delete by {1} ({2})").format(
                            r.counterpart, r.delete_by, status_label(r.status)))
            for r in self.rows], today)
        self._update_buttons()

    def direction(self, row: DeadlineRow) -> str:
        return self.tr("Sent") if row.side == "export" else self.tr("Received")

    def days_text(self, row: DeadlineRow) -> str:
        if row.status == "deleted ✓":
            return "—"
        if row.status == "withdrawn (due now)":
            return self.tr("due now")
        if row.days_left < 0:
            return self.tr("%n day(s) overdue", "", -row.days_left)
        if row.days_left == 0:
            return self.tr("today")
        return self.tr("%n day(s)", "", row.days_left)

    def selected_row(self) -> DeadlineRow | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.rows[rows.pop()] if len(rows) == 1 else None

    def _update_buttons(self) -> None:
        row = self.selected_row()
        idle = not self.busy
        self.receipt_button.setEnabled(idle)
        self.revocation_button.setEnabled(idle)
        self.withdraw_button.setEnabled(idle and row is not None and row.side == "export"
                                        and row.status not in FINISHED)

    # -- receipts ------------------------------------------------------------------------------

    def choose_receipt(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a deletion receipt"), str(Path.home()),
            self.tr("Deletion receipts (*.receipt.json *.json);;All files (*)"))
        if path:
            self.import_receipt(Path(path))

    def import_receipt(self, path: Path) -> None:
        self._run(lambda progress, cancel: receiving.import_receipt(path),
                  self.tr("Checking the receipt"), self._receipt_imported)

    def _receipt_imported(self, result: ReceiptImported) -> None:
        self._say((self.tr("This receipt was already imported: {0} deleted package {1} on "
                           "{2}. Nothing was changed.") if result.already else
                   self.tr("Receipt verified: {0} deleted package {1} on {2}.")).format(
            result.recipient, short_package(result.package), result.deleted_at[:10]))
        self.ctx.data_changed.emit()
        self.refresh()

    # -- withdrawing consent (employee side) ---------------------------------------------------

    def confirm_withdraw(self) -> None:
        row = self.selected_row()
        if row is None or row.side != "export" or self.busy:
            return
        try:
            export = deadlines.export_to_withdraw(row.package)
        except Exception as exc:  # no identity, or the register lost the entry
            self.ctx.show_error(str(reason_of(exc)))
            return
        bundle_path = export.bundle
        if not export.present:
            # The exported file was moved: ask for it rather than give up.
            found, _ = QFileDialog.getOpenFileName(
                self, self.tr("Where is the exported package {0}?").format(
                    short_package(row.package)), str(Path.home()),
                self.tr("Consent Workbench packages (*.cwpkg)"))
            if not found:
                return
            bundle_path = Path(found)
        answer = QMessageBox.question(self, self.tr("Withdraw consent"), self.tr(
            "Withdraw your consent for package {0} sent to {1}?\n\nYou will save a signed "
            "revocation file. Send it to the recipients: once they import it the package "
            "can no longer be opened and must be deleted. This cannot be undone.").format(
            short_package(row.package), row.counterpart))
        if answer != QMessageBox.StandardButton.Yes:
            return
        out, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the revocation"),
            str(bundle_path.with_name(f"{short_package(row.package)}.revocation")),
            self.tr("Revocations (*.revocation)"))
        if not out:
            return
        target = Path(out) if out.endswith(".revocation") else Path(out + ".revocation")
        now, package = self.ctx.now(), row.package
        self._run(lambda progress, cancel: deadlines.withdraw(bundle_path, target, now,
                                                              package=package),
                  self.tr("Withdrawing consent"),
                  lambda result: self._withdrawn(result, row.counterpart))

    def _withdrawn(self, result: Withdrawn, recipients: str) -> None:
        if result.already:
            text = self.tr("Consent was already withdrawn on {0}; the same revocation was "
                           "saved again as {1} for you to resend to {2}. Nothing new was "
                           "recorded.").format(result.withdrawn_at[:10], result.path,
                                               recipients)
        else:
            text = self.tr("Consent withdrawn. Send {0} to {1}; they must delete the "
                           "package and send you a receipt.").format(result.path,
                                                                     recipients)
        # Consent is withdrawn per record: say that every export under it ends too.
        self._say(text if result.scope is None else f"{text}\n{result.scope.text()}")
        self.ctx.data_changed.emit()
        self.refresh()

    # -- plumbing ------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        banner(self.result, text, True)

    @property
    def busy(self) -> bool:
        return self.tasks.busy

    def _run(self, work: Any, label: str, on_success: Any) -> None:
        self.tasks.run(work, label, on_success)
