"""The recipient's page: check and open a package into custody, see what is held, purge it
with a signed receipt for the employee, and import the employee's revocations. What may be
opened or purged, and which refusal is shown, come from core/services/receiving."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.core import clock
from workbench.core.errors import reason_of
from workbench.core.messages import t
from workbench.core.services import identities, receiving
from workbench.core.services.receiving import (
    HeldPackage,
    IdentityCard,
    OpenResult,
    PurgeResult,
    ReceivedPackage,
    short_package,
)
from workbench.gui.charts import STATUS_COLOURS
from workbench.gui.charts.timeline import status_label
from workbench.gui.context import AppContext
from workbench.gui.dialogs.import_revocation import import_revocation_dialog
from workbench.gui.page_tasks import PageTasks
from workbench.gui.pages.base import Page
from workbench.gui.widgets.checks_list import ChecksList
from workbench.gui.widgets.confirm import confirm
from workbench.gui.widgets.labels import banner, heading, note
from workbench.gui.widgets.package_chooser import PackageChooser, PackageDrops
from workbench.gui.widgets.package_terms import terms_html
from workbench.gui.widgets.read_only_table import read_only_table


class ReceivePage(PackageDrops, Page):
    key = "receive"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.path: Path | None = None
        self.checked: ReceivedPackage | None = None
        self.card: IdentityCard | None = None
        self.entries: list[HeldPackage] = []
        self.tasks = PageTasks(ctx, self._update_buttons)
        self.opened: OpenResult | None = None
        self.last_receipt: Path | None = None
        self.setAcceptDrops(True)

        # -- top: one package being checked / opened --
        chooser = PackageChooser(
            self, self.tr("Check a package…"), self.tr("Choose a package to check (Ctrl+Shift+O)"),
            self.tr("Go to Keys"), self.tr("Drop a .cwpkg package here, or click to choose one."),
            self.choose_package)
        self.identity_note, self.keys_button = chooser.identity_note, chooser.keys_button
        self.open_button, self.drop_zone = chooser.open_button, chooser.drop_zone
        identity_row, open_row = chooser.identity_row, chooser.open_row

        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.delete_by = QLabel()
        font = QFont(self.delete_by.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.delete_by.setFont(font)
        self.extract_button = QPushButton(self.tr("Open…"))
        self.extract_button.setToolTip(self.tr("Decrypt the package into a folder you choose"))
        self.extract_button.clicked.connect(self.choose_folder)
        self.show_folder_button = QPushButton(self.tr("Show folder"))
        self.show_folder_button.clicked.connect(self.show_opened_folder)
        self.show_folder_button.setVisible(False)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.delete_by, 1)
        deadline_row.addWidget(self.extract_button)
        deadline_row.addWidget(self.show_folder_button)
        self.opened_label = note("")
        self.opened_label.setVisible(False)

        self.checks_list = ChecksList()
        self.terms = QTextBrowser()
        self.terms.setOpenLinks(False)
        details = QSplitter(Qt.Orientation.Horizontal)
        details.addWidget(self.checks_list)
        details.addWidget(self.terms)
        details.setChildrenCollapsible(False)
        details.setSizes([380, 620])
        self.checks_list.setMinimumWidth(260)

        self.loaded = loaded = QWidget()
        loaded_layout = QVBoxLayout(loaded)
        loaded_layout.setContentsMargins(0, 0, 0, 0)
        loaded_layout.addWidget(self.verdict)
        loaded_layout.addLayout(deadline_row)
        loaded_layout.addWidget(self.opened_label)
        loaded_layout.addWidget(details, 1)
        self.empty = empty = QLabel(self.tr(
            "Check a package here before you open it: both signatures, the deadline and "
            "whether you are one of its recipients. Opening decrypts it into a folder you "
            "choose; you must purge it by its delete-by date."))
        empty.setWordWrap(True)
        empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.package_stack = QStackedWidget()
        self.package_stack.addWidget(empty)
        self.package_stack.addWidget(loaded)
        self.top = top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(open_row)
        top_layout.addWidget(self.package_stack, 1)

        # -- bottom: packages held --
        self.table = read_only_table([self.tr("Package"), self.tr("From"), self.tr("Delete by"),
                                      self.tr("Status"), self.tr("Where")], stretch=4)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table_empty = QLabel(self.tr("You hold no packages. Packages you open appear "
                                          "here with their delete-by dates."))
        self.table_empty.setWordWrap(True)
        self.table_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table_empty)
        self.table_stack.addWidget(self.table)
        self.purge_button = QPushButton(self.tr("Purge…"))
        self.purge_button.setToolTip(self.tr("Delete the selected package for good and write "
                                             "a signed receipt for the employee"))
        self.purge_button.clicked.connect(self.confirm_purge)
        self.revocation_button = QPushButton(self.tr("Import revocation…"))
        self.revocation_button.clicked.connect(
            lambda: import_revocation_dialog(self, self.refresh))
        self.purge_result = note("")
        self.purge_result.setVisible(False)
        held_actions = QHBoxLayout()
        held_actions.addWidget(self.purge_button)
        held_actions.addWidget(self.revocation_button)
        held_actions.addStretch()
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(heading(self.tr("Packages you hold"), 1.1))
        bottom_layout.addWidget(self.table_stack, 1)
        bottom_layout.addWidget(self.purge_result)
        bottom_layout.addLayout(held_actions)


        self.main_layout = layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title()))
        layout.addLayout(identity_row)
        layout.addWidget(top, 3)
        layout.addWidget(bottom, 2)
        layout.addWidget(note(self.tr("Copies taken outside Consent Workbench are beyond its "
                                      "reach.")))
        self.ctx.identities_changed.connect(self.refresh)
        self.ctx.data_changed.connect(self.refresh_if_visible)
        self._show_package(False)
        self.refresh()

    def title(self) -> str:
        return self.tr("Receive (recipient)")

    def refresh(self) -> None:
        self.card, reason = identities.identity_or_reason("recipient")
        if self.card is None:
            self.identity_note.setText(self.tr(
                "You need a recipient identity to open packages. {0}").format(reason))
        else:
            self.identity_note.setText(self.tr("You receive as {0} · fingerprint {1}").format(
                self.card.name, self.card.short))
        self.keys_button.setVisible(self.card is None)
        self._load_held()
        self._update_buttons()

    # -- checking one package ------------------------------------------------------------------

    def _show_package(self, loaded: bool) -> None:
        """A loaded package takes most of the page; the short intro sentence takes little."""
        self.package_stack.setCurrentIndex(1 if loaded else 0)
        # A hidden page with an Ignored policy does not count towards the stack's size.
        shown, hidden = QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored
        self.loaded.setSizePolicy(shown if loaded else hidden, shown if loaded else hidden)
        self.empty.setSizePolicy(hidden if loaded else shown, hidden if loaded else shown)
        self.main_layout.setStretchFactor(self.top, 3 if loaded else 0)

    def choose_package(self) -> None:
        if self.busy:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Check a package"), str(self.path.parent if self.path else Path.home()),
            self.tr("Consent Workbench packages (*.cwpkg);;All files (*)"))
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        self.path = Path(path)
        self.checked = None
        self.opened = None
        self.opened_label.setVisible(False)
        self.show_folder_button.setVisible(False)
        self.delete_by.clear()
        self.checks_list.clear()
        self.terms.clear()
        banner(self.verdict, self.tr("Checking {0}…").format(self.path.name), None)
        self._show_package(True)
        now = self.ctx.now()

        def work(progress: Any, cancel: Any) -> ReceivedPackage:
            return receiving.verify_package(path, now)

        self._run(work, self.tr("Checking {0}").format(self.path.name), self._show_checked,
                  self._show_unreadable)

    def _show_checked(self, checked: ReceivedPackage) -> None:
        self.checked = checked
        self.checks_list.set_checks(checked.checks)
        self.terms.setHtml(terms_html(checked.terms))
        delete_by = date.fromisoformat(checked.terms.delete_by)
        days = (delete_by - clock.local_date(self.ctx.now())).days
        self.delete_by.setText(self.tr("Delete by {0} · %n day(s) from today", "", days).format(
            delete_by.isoformat()) if days >= 0 else
            self.tr("Delete by {0} · passed %n day(s) ago", "", -days).format(
                delete_by.isoformat()))
        refusal = checked.refusal  # the one `open` would refuse with
        if refusal is not None:
            banner(self.verdict, self.tr("This package cannot be opened. {0}").format(
                t("check.line", refusal.title(), refusal.text())), False)
        else:
            banner(self.verdict, self.tr("Every check passed. You may open it; it stays in "
                                         "your custody until you purge it."), True)
        self._update_buttons()

    def _show_unreadable(self, message: str) -> None:
        self.checked = None
        banner(self.verdict, message, False)
        self._update_buttons()
        self.ctx.show_error(message)

    # -- opening -------------------------------------------------------------------------------

    def choose_folder(self) -> None:
        if self.checked is None or self.path is None or self.busy or self.card is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose where to open the package"), str(self.path.parent))
        if not folder:
            return
        path, card, now = self.path, self.card, self.ctx.now()
        self._run(lambda progress, cancel: receiving.open_package(
                      path, Path(folder), now, card.fingerprint, progress, cancel),
                  self.tr("Opening {0}").format(path.name), self._opened)

    def _opened(self, result: OpenResult) -> None:
        self.opened = result
        days = (date.fromisoformat(result.delete_by) - clock.local_date(self.ctx.now())).days
        banner(self.opened_label, self.tr(
            "Opened into {0}. Delete it by {1} (%n day(s) from today): purge it below when the "
            "work is done, and send the receipt to the employee.", "", days).format(
            result.folder, result.delete_by), True)
        self.show_folder_button.setVisible(True)
        self.ctx.data_changed.emit()
        self.refresh()

    def show_opened_folder(self) -> None:
        if self.opened is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.opened.folder)))

    # -- packages held -------------------------------------------------------------------------

    def _load_held(self) -> None:
        try:
            self.entries = receiving.held_packages(self.ctx.now())
        except Exception as exc:  # a damaged register must not take the page down
            self.entries = []
            self.table_empty.setText(str(reason_of(exc)))
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            cells = [short_package(entry.package), entry.employee, entry.delete_by,
                     status_label(entry.status),
                     self.tr("deleted {0} · receipt: {1}").format(entry.deleted_at[:10],
                                                                  entry.receipt)
                     if entry.deleted_at else "; ".join(entry.folders)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(entry.package if column == 0 else text)
                if column == 3:
                    item.setForeground(STATUS_COLOURS.get(entry.status,
                                                          item.foreground().color()))
                self.table.setItem(row, column, item)
        self.table_stack.setCurrentIndex(1 if self.entries else 0)

    def selected_entry(self) -> HeldPackage | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.entries[rows.pop()] if len(rows) == 1 else None

    def confirm_purge(self) -> None:
        entry = self.selected_entry()
        if entry is None or not entry.purgeable or self.busy:
            return
        short = short_package(entry.package)
        employee = entry.employee
        if not confirm(self, self.tr("Purge"), self.tr(
                "Delete package {0} from {1} for good?\n\nThis removes every opened copy ({2}), "
                "the stored copy and the package file, and destroys its key. You then get a "
                "signed receipt to send to {1}.").format(
                short, employee, len(entry.folders)), self.tr("Purge")):
            return
        out, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the deletion receipt"),
            str(Path.home() / f"{short}.receipt.json"),
            self.tr("Deletion receipts (*.receipt.json *.json)"))
        if not out:
            return
        package, now = entry.package, self.ctx.now()
        # The save dialog asked before replacing a file there.
        self._run(lambda progress, cancel: receiving.purge(package, now, Path(out), progress,
                                                           force=True),
                  self.tr("Purging {0}").format(short), lambda r: self._purged(r, employee))

    def _purged(self, result: PurgeResult, employee: str) -> None:
        self.last_receipt = result.receipt
        banner(self.purge_result, self.tr(
            "Deleted package {0}. The signed receipt is at {1} — send it to {2} so they can "
            "see it is gone.").format(short_package(result.package), result.receipt, employee),
            True)
        if self.checked is not None and self.checked.package == result.package:
            # The package file went with the purge: nothing is left to show above.
            self.checked, self.opened, self.path = None, None, None
            self._show_package(False)
        self.ctx.data_changed.emit()
        self.refresh()

    # -- plumbing ------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.tasks.busy

    def _run(self, work: Any, label: str, on_success: Any, on_failure: Any = None) -> None:
        self.tasks.run(work, label, on_success, on_failure)

    def _update_buttons(self) -> None:
        idle = not self.busy
        openable = (self.checked is not None and self.checked.openable
                    and self.card is not None and self.opened is None)
        self.open_button.setEnabled(idle)
        self.drop_zone.setEnabled(idle)
        self.extract_button.setEnabled(idle and openable)
        entry = self.selected_entry()
        self.purge_button.setEnabled(idle and entry is not None and entry.purgeable)
        self.revocation_button.setEnabled(idle)
