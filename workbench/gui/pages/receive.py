"""The recipient's page: check and open a package into custody, see what is held, purge it
with a signed receipt for the employee, and import the employee's revocations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
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

from workbench.core.messages import t
from workbench.core.package import custody, deadlines
from workbench.core.package.bundle import Bundle
from workbench.core.trust import keys
from workbench.gui.charts import STATUS_COLOURS
from workbench.gui.charts.timeline import status_label
from workbench.gui.context import AppContext
from workbench.gui.pages.base import Page
from workbench.gui.pages.countersign import (
    ChecksList,
    PackageChooser,
    PackageDrops,
    PageTasks,
    banner,
    heading,
    identity_or_none,
    note,
    read_only_table,
    short_package,
    terms_html,
)
from workbench.gui.widgets.confirm import confirm

NOT_DONE = ("active", "due soon", "overdue", "withdrawn (due now)")


def first_refusal(checked: Bundle) -> str:
    """The core's reason `open` would refuse, most fundamental first (as open reports it)."""
    failed = {c.name: c for c in checked.failed()}
    for name in (*custody.REFUSAL_ORDER, *failed):
        if name in failed:
            return t("check.line", failed[name].title(), failed[name].text())
    return ""


def import_revocation_dialog(page: Page, done: Callable[[], None]) -> None:
    """Pick a .revocation file from the employee and import it (shared with Deadlines)."""
    path, _ = QFileDialog.getOpenFileName(
        page, QCoreApplication.translate("Revocations", "Import a revocation"), str(Path.home()),
        QCoreApplication.translate("Revocations",
                                   "Revocations (*.revocation *.json);;All files (*)"))
    if not path:
        return

    def imported(result: custody.RevocationResult) -> None:
        employee = custody.shown(result.body.get("principal", {}).get("name", ""))
        short = short_package(result.package)
        if result.already:
            text = QCoreApplication.translate(
                "Revocations", "This revocation by {0} for package {1} was already imported; "
                "nothing was changed.")
        elif result.held:
            text = QCoreApplication.translate(
                "Revocations", "Revocation imported: {0} withdrew consent for package {1}. It "
                "can no longer be opened, and every opened copy must be purged now.")
        else:
            text = QCoreApplication.translate(
                "Revocations", "Revocation kept: {0} withdrew consent for package {1}, which "
                "you have not opened. It will be refused if it arrives from {0}.")
        page.ctx.show_info(text.format(employee, short))
        page.ctx.data_changed.emit()
        done()

    page.ctx.run_task(lambda progress, cancel: custody.import_revocation(Path(path)),
                      QCoreApplication.translate("Revocations", "Importing the revocation"),
                      imported)


class ReceivePage(PackageDrops, Page):
    key = "receive"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.path: Path | None = None
        self.checked: Bundle | None = None
        self.card: keys.IdentityCard | None = None
        self.entries: list[dict[str, Any]] = []
        self.tasks = PageTasks(ctx, self._update_buttons)
        self.opened: custody.OpenResult | None = None
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
        self.card, reason = identity_or_none(keys.Role.RECIPIENT)
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

        def work(progress: Any, cancel: Any) -> Bundle:
            card = keys.my_identity(keys.Role.RECIPIENT)
            return custody.verify_for_recipient(path, now, card)

        self._run(work, self.tr("Checking {0}").format(self.path.name), self._show_checked,
                  self._show_unreadable)

    def _show_checked(self, checked: Bundle) -> None:
        self.checked = checked
        self.checks_list.set_checks(checked.checks)
        self.terms.setHtml(terms_html(checked))
        delete_by = date.fromisoformat(checked.record["retention"]["delete_by"])
        days = (delete_by - self.ctx.now().date()).days
        self.delete_by.setText(self.tr("Delete by {0} · {1} days from today").format(
            delete_by.isoformat(), days) if days >= 0 else
            self.tr("Delete by {0} · passed {1} days ago").format(delete_by.isoformat(), -days))
        refusal = first_refusal(checked)
        if refusal:
            banner(self.verdict, self.tr("This package cannot be opened. {0}").format(refusal),
                   False)
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
        self._run(lambda progress, cancel: custody.open_package(path, Path(folder), card, now),
                  self.tr("Opening {0}").format(path.name), self._opened)

    def _opened(self, result: custody.OpenResult) -> None:
        self.opened = result
        days = (date.fromisoformat(result.delete_by) - self.ctx.now().date()).days
        banner(self.opened_label, self.tr(
            "Opened into {0}. Delete it by {1} ({2} days from today): purge it below when the "
            "work is done, and send the receipt to the employee.").format(
            result.folder, result.delete_by, days), True)
        self.show_folder_button.setVisible(True)
        self.ctx.data_changed.emit()
        self.refresh()

    def show_opened_folder(self) -> None:
        if self.opened is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.opened.folder)))

    # -- packages held -------------------------------------------------------------------------

    def _load_held(self) -> None:
        try:
            self.entries = deadlines.load(deadlines.custody_path())
        except Exception as exc:  # a damaged register must not take the page down
            self.entries = []
            self.table_empty.setText(str(exc))
        today = self.ctx.now().date()
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            status = deadlines.status_of(entry, today)
            folders = [c["folder"] for c in custody.copies_of(entry)]
            cells = [short_package(entry["package"]),
                     custody.shown(entry.get("principal", {}).get("name", "")),
                     entry["delete_by"], status_label(status),
                     self.tr("deleted {0} · receipt: {1}").format(
                         str(entry["deleted_at"])[:10], entry.get("receipt", ""))
                     if entry.get("deleted_at") else "; ".join(folders)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(entry["package"] if column == 0 else text)
                if column == 3:
                    item.setForeground(STATUS_COLOURS.get(status, item.foreground().color()))
                self.table.setItem(row, column, item)
        self.table_stack.setCurrentIndex(1 if self.entries else 0)

    def selected_entry(self) -> dict[str, Any] | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.entries[rows.pop()] if len(rows) == 1 else None

    def confirm_purge(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.get("deleted_at") or self.busy:
            return
        short = short_package(entry["package"])
        employee = entry.get("principal", {}).get("name", "")
        if not confirm(self, self.tr("Purge"), self.tr(
                "Delete package {0} from {1} for good?\n\nThis removes every opened copy ({2}), "
                "the stored copy and the package file, and destroys its key. You then get a "
                "signed receipt to send to {1}.").format(
                short, employee, len(custody.copies_of(entry))), self.tr("Purge")):
            return
        out, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the deletion receipt"),
            str(Path.home() / f"{short}.receipt.json"),
            self.tr("Deletion receipts (*.receipt.json *.json)"))
        if not out:
            return
        package, now = entry["package"], self.ctx.now()
        self._run(lambda progress, cancel: custody.purge(package, now, Path(out)),
                  self.tr("Purging {0}").format(short), lambda r: self._purged(r, employee))

    def _purged(self, result: custody.PurgeResult, employee: str) -> None:
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
        openable = (self.checked is not None and not self.checked.failed()
                    and self.card is not None and self.opened is None)
        self.open_button.setEnabled(idle)
        self.drop_zone.setEnabled(idle)
        self.extract_button.setEnabled(idle and openable)
        entry = self.selected_entry()
        self.purge_button.setEnabled(idle and entry is not None
                                     and deadlines.status_of(entry, self.ctx.now().date())
                                     in NOT_DONE)
        self.revocation_button.setEnabled(idle)
