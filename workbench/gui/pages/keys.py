"""The Keys & contacts page: own identities, other parties' cards, export and import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core import clock
from workbench.core.display import visible
from workbench.core.errors import WorkbenchError
from workbench.core.services import identities
from workbench.core.services.identities import (
    MIN_CHECK_DIGITS,
    Contact,
    IdentityCard,
    Moved,
    Role,
    Verification,
)
from workbench.gui.context import AppContext
from workbench.gui.dialogs.welcome import (
    fingerprint_font,
    heading,
    key_storage_text,
    role_choices,
    role_name,
    wrapped,
)
from workbench.gui.pages.base import Page
from workbench.gui.widgets.confirm import confirm


class CreateIdentityDialog(QDialog):
    """Role, name and email for a new identity of this person."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Create an identity"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(self.tr(
            "An identity is a pair of keys for one role. Make one for each role you have in "
            "this process.")))
        self.group = QButtonGroup(self)
        roles_box = QGroupBox(self.tr("Role"))
        roles_layout = QVBoxLayout(roles_box)
        self.roles = role_choices()
        for index, (_role, title, sentence) in enumerate(self.roles):
            button = QRadioButton(title)
            self.group.addButton(button, index)
            explanation = wrapped(sentence)
            explanation.setContentsMargins(24, 0, 0, 4)
            roles_layout.addWidget(button)
            roles_layout.addWidget(explanation)
        self.group.button(0).setChecked(True)
        layout.addWidget(roles_box)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText(self.tr("optional"))
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Email:"), self.email_edit)
        layout.addLayout(form)
        layout.addWidget(wrapped(key_storage_text()))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create"))
        ok.setEnabled(False)
        self.name_edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def values(self) -> tuple[Role, str, str]:
        role = self.roles[max(self.group.checkedId(), 0)][0]
        return role, self.name_edit.text(), self.email_edit.text()


class ConfirmContactDialog(QDialog):
    """Shows a card's fingerprint large and asks for the fingerprint its owner reads out.

    Only typing it (all of it, or its last groups) and pressing the verify button, which is
    never the default, marks the contact verified; Enter answers "not verified" (a new card
    is added unverified) or Cancel (a verification, or a card replacing a known party's)."""

    NEW, VERIFY, REPLACE = "new", "verify", "replace"

    def __init__(self, card: IdentityCard, mode: str = NEW,
                 known: IdentityCard | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card, self.mode = card, mode
        self.choice: str | None = None  # "verified", "unverified", or None (cancelled)
        self.setWindowTitle(self.tr("Check the fingerprint"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        who = f"{card.name} <{card.email}>" if card.email else card.name
        layout.addWidget(heading(self.tr("{0} — {1}").format(visible(who),
                                                              role_name(card.role)), 13))
        self.warning = wrapped("")
        self.warning.setStyleSheet("color: #b00020; font-weight: bold;")
        if known is not None:
            self.warning.setText(self.tr(
                "{0} already has a different key — this may be someone pretending to be them. "
                "Replace their card only if they tell you, by phone or in person, that they "
                "made a new key, and the fingerprint they read out matches this one.")
                .format(visible(known.name)))
        self.warning.setVisible(known is not None)
        layout.addWidget(self.warning)
        layout.addWidget(wrapped(self.tr(
            "Call {0} or meet in person and ask them to read their fingerprint to you. It must "
            "be exactly this:").format(visible(card.name))))
        fingerprint = QLabel(card.short)
        fingerprint.setFont(fingerprint_font(22))
        fingerprint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        fingerprint.setContentsMargins(0, 12, 0, 12)
        layout.addWidget(fingerprint)
        form = QFormLayout()
        self.typed = QLineEdit()
        self.typed.setFont(fingerprint_font(14))
        self.typed.setPlaceholderText(self.tr("e.g. {0}").format(
            " ".join(["0000"] * (MIN_CHECK_DIGITS // 4))))
        self.typed.setToolTip(self.tr(
            "Type what they read to you: the whole fingerprint, or at least its last {0} "
            "groups. Spaces and capitals do not matter.").format(MIN_CHECK_DIGITS // 4))
        form.addRow(self.tr("What they read to you:"), self.typed)
        layout.addLayout(form)
        self.status = wrapped("")
        layout.addWidget(self.status)
        layout.addWidget(wrapped(self.tr(
            "If it differs, do not add the card: someone else may have made it. Packages and "
            "signatures are only as trustworthy as this check.")))
        buttons = QDialogButtonBox()
        verify_text = {self.NEW: self.tr("&Verify and add"),
                       self.VERIFY: self.tr("&Mark verified"),
                       self.REPLACE: self.tr("&Verify and replace")}[mode]
        self.verify_button = QPushButton(verify_text)
        # Never the default, never taken by Enter: trust needs this very button pressed.
        self.verify_button.setAutoDefault(False)
        self.verify_button.setDefault(False)
        self.verify_button.setEnabled(False)
        self.verify_button.clicked.connect(lambda: self._finish("verified"))
        buttons.addButton(self.verify_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.unverified_button: QPushButton | None = None
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.clicked.connect(self.reject)
        if mode == self.NEW:
            self.unverified_button = QPushButton(self.tr("&Add as not verified"))
            self.unverified_button.setToolTip(self.tr(
                "Add the card now and check its fingerprint later with the Verify button."))
            self.unverified_button.clicked.connect(lambda: self._finish("unverified"))
            buttons.addButton(self.unverified_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)
        # Only once the buttons are in the dialog does it keep this as its default.
        (self.unverified_button or cancel).setDefault(True)
        self.typed.textChanged.connect(self._check)
        self._check("")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Typing comes first; a focused Cancel would also take the default from "not verified".
        self.typed.setFocus()

    def _check(self, text: str) -> None:
        """Say, as the user types, whether it matches; only a match enables verifying."""
        check = identities.check_fingerprint(self.card, text)
        if check.outcome == "empty":
            message, colour = self.tr("Not checked yet."), ""
        elif check.outcome == "differs":
            message, colour = self.tr(
                "This does not match the card's fingerprint: the card may not be "
                "theirs."), "#b00020"
        elif check.outcome == "unusable":
            message, colour = self.tr(
                "Type the whole fingerprint, or at least its last {0} groups (digits 0-9 "
                "and letters a-f).").format(MIN_CHECK_DIGITS // 4), ""
        else:
            message, colour = ((self.tr("It matches the whole fingerprint.")
                                if check.compared == "full" else
                                self.tr("It matches the last {0} digits.").format(
                                    check.compared.removeprefix("last-"))), "#1b5e20")
        self.status.setText(message)
        self.status.setStyleSheet(f"color: {colour};" if colour else "")
        self.verify_button.setEnabled(check.matches)

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def fingerprint(self) -> str | None:
        """What the user typed, when they chose to verify with it."""
        return self.typed.text() if self.choice == "verified" else None


class CardTable(QTableWidget):
    """Role, name, email and a large fingerprint per card; for contacts, whether the user
    has checked the fingerprint with its owner."""

    def __init__(self, parent: QWidget | None = None, show_verified: bool = False) -> None:
        super().__init__(0, 5 if show_verified else 4, parent)
        self.cards: list[IdentityCard] = []
        self.marks: dict[str, Verification | None] = {}
        self.show_verified = show_verified
        labels = [self.tr("Role"), self.tr("Name"), self.tr("Email"),
                  self.tr("Fingerprint (read it aloud to check)")]
        self.setHorizontalHeaderLabels(labels + ([self.tr("Checked")] if show_verified else []))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in range(2, self.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def set_cards(self, cards: list[IdentityCard],
                  marks: dict[str, Verification | None] | None = None) -> None:
        """`marks`: for contacts, each card's verified mark (None: not verified)."""
        self.cards = list(cards)
        self.marks = dict(marks or {})
        self.setRowCount(len(cards))
        big = fingerprint_font(14)
        for row, card in enumerate(cards):
            fingerprint = QTableWidgetItem(card.short)
            fingerprint.setFont(big)
            items = [QTableWidgetItem(role_name(card.role)), QTableWidgetItem(visible(card.name)),
                     QTableWidgetItem(visible(card.email)), fingerprint]
            if self.show_verified:
                items.append(self._verified_item(self.marks.get(card.fingerprint)))
            for column, item in enumerate(items):
                self.setItem(row, column, item)
        if cards:
            self.selectRow(0)

    def _verified_item(self, mark: Verification | None) -> QTableWidgetItem:
        if mark is None:
            item = QTableWidgetItem(self.tr("⚠ Not verified"))
            item.setForeground(QColor("#b00020"))
            item.setToolTip(self.tr(
                "You have not compared this fingerprint with its owner. Until you do, the card "
                "is only as genuine as the way it reached you."))
        else:
            when = clock.parse_iso(mark.verified_at).astimezone()
            item = QTableWidgetItem(self.tr("✓ Verified {0}").format(when.strftime("%Y-%m-%d")))
            item.setForeground(QColor("#1b5e20"))
            item.setToolTip(self.tr("You compared {0} with its owner on {1}.").format(
                mark.describe(), when.strftime("%Y-%m-%d %H:%M")))
        return item

    def selected_card(self) -> IdentityCard | None:
        rows = {index.row() for index in self.selectionModel().selectedRows()}
        return self.cards[min(rows)] if rows else None

    def selected_mark(self) -> Verification | None:
        card = self.selected_card()
        return self.marks.get(card.fingerprint) if card is not None else None


class KeysPage(Page):
    """Lists identities and contacts; creates identities; exports and imports cards."""

    key = "keys"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Keys & contacts")))
        layout.addWidget(wrapped(self.tr(
            "Your identity lets others check that what you sign comes from you. Contacts are "
            "the people you exchange packages with: import their identity card, then check its "
            "fingerprint with them by phone or in person.")))
        self.workspace_note = wrapped("")
        layout.addWidget(self.workspace_note)

        own_box = QGroupBox(self.tr("Your identities"))
        own_layout = QVBoxLayout(own_box)
        self.own_table = CardTable()
        self.own_empty = wrapped(self.tr(
            "You have no identity yet. Create one to sign consent, countersign or open "
            "packages."))
        own_layout.addWidget(self.own_table)
        own_layout.addWidget(self.own_empty)
        own_buttons = QHBoxLayout()
        self.create_button = QPushButton(self.tr("&Create identity…"))
        self.create_button.clicked.connect(self.create_identity)
        self.export_button = QPushButton(self.tr("&Export card…"))
        self.export_button.setToolTip(self.tr(
            "Save the selected identity's public card to send to the other parties."))
        self.export_button.clicked.connect(self.export_card)
        own_buttons.addWidget(self.create_button)
        own_buttons.addWidget(self.export_button)
        own_buttons.addStretch()
        own_layout.addLayout(own_buttons)
        layout.addWidget(own_box, 1)

        contacts_box = QGroupBox(self.tr("Contacts"))
        contacts_layout = QVBoxLayout(contacts_box)
        self.contacts_table = CardTable(show_verified=True)
        self.contacts_table.itemSelectionChanged.connect(self._contact_selected)
        self.contacts_empty = wrapped(self.tr(
            "No contacts yet. Ask HR and the receiving team for their identity card "
            "(a .wbid.json file) and import it here."))
        contacts_layout.addWidget(self.contacts_table)
        contacts_layout.addWidget(self.contacts_empty)
        contact_buttons = QHBoxLayout()
        self.import_button = QPushButton(self.tr("&Import card…"))
        self.import_button.clicked.connect(self.import_card)
        contact_buttons.addWidget(self.import_button)
        self.verify_button = QPushButton(self.tr("&Verify fingerprint…"))
        self.verify_button.setToolTip(self.tr(
            "Compare the selected contact's fingerprint with the one its owner reads to you, "
            "and mark it verified."))
        self.verify_button.clicked.connect(self.verify_contact)
        contact_buttons.addWidget(self.verify_button)
        contact_buttons.addStretch()
        contacts_layout.addLayout(contact_buttons)
        layout.addWidget(contacts_box, 1)

        store_box = QGroupBox(self.tr("Where your private keys are kept"))
        store_layout = QVBoxLayout(store_box)
        self.store_label = wrapped("")
        self.store_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        store_layout.addWidget(self.store_label)
        store_buttons = QHBoxLayout()
        self.move_button = QPushButton()
        self.move_button.clicked.connect(self.move_keys)
        self.keep_file_button = QPushButton(self.tr("&Keep them in the passphrase file"))
        self.keep_file_button.setToolTip(self.tr(
            "Say that the passphrase file is your choice: the warning about the missing "
            "keyring is no longer shown."))
        self.keep_file_button.clicked.connect(lambda: self.move_keys("file"))
        store_buttons.addWidget(self.move_button)
        store_buttons.addWidget(self.keep_file_button)
        store_buttons.addStretch()
        store_layout.addLayout(store_buttons)
        layout.addWidget(store_box)

        ctx.identities_changed.connect(self.refresh)
        ctx.workspace_changed.connect(lambda _path: self.refresh())
        self.refresh()

    def title(self) -> str:
        return self.tr("Keys & contacts")

    def refresh(self) -> None:
        contacts: list[Contact]
        try:
            own, contacts = identities.own_identities(), identities.contacts()
        except WorkbenchError as exc:
            # A damaged card must not hide the page; say which file it is.
            own, contacts = [], []
            self.own_empty.setText(str(exc))
        self.own_table.set_cards(own)
        self.contacts_table.set_cards([c.card for c in contacts],
                                      {c.card.fingerprint: c.verified for c in contacts})
        self.own_table.setVisible(bool(own))
        self.own_empty.setVisible(not own)
        self.export_button.setEnabled(bool(own))
        self.contacts_table.setVisible(bool(contacts))
        self.contacts_empty.setVisible(not contacts)
        self._contact_selected()
        self._show_workspace_key()
        self._show_key_store()

    def _show_key_store(self) -> None:
        """The store and backend in use, and the one action that moves the keys."""
        self.move_target: str | None = None
        try:
            store = identities.key_store()
        except WorkbenchError as exc:
            self.store_label.setText(str(exc))
            self.move_button.hide()
            self.keep_file_button.hide()
            return
        if store.kind == "keyring":
            text = self.tr("The system keyring ({0}).").format(store.backend_name)
        elif store.chosen:
            text = self.tr("A passphrase-protected file ({0}), as you chose.").format(store.where)
        else:
            text = self.tr("A passphrase-protected file ({0}), because no system keyring "
                           "was found.").format(store.where)
        self.move_target = store.move_target
        if store.move_target == "file":
            self.move_button.setText(self.tr("&Move keys to a passphrase file…"))
        elif store.move_target == "keyring":
            self.move_button.setText(self.tr("&Move keys to the system keyring…"))
        self.store_label.setText(text)
        self.move_button.setVisible(self.move_target is not None)
        self.keep_file_button.setVisible(store.kind == "file" and not store.chosen)

    def move_keys(self, target: str | None = None) -> None:
        """Move every private key of this home to the other store, in the background."""
        from PySide6.QtWidgets import QMessageBox

        target = target or self.move_target
        if target is None:
            return
        try:
            store = identities.key_store()
        except WorkbenchError as exc:
            self.ctx.show_error(str(exc))
            return
        if store.kind != target:
            question = (self.tr(
                "Move all private keys and workspace keys of this computer account to a "
                "passphrase-protected file? You will choose the passphrase next; keep it safe, "
                "nobody can recover it.") if target == "file" else self.tr(
                "Move all private keys and workspace keys into the system keyring? The "
                "passphrase file is deleted once every key reads back from the keyring."))
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Move keys"), question,
                              QMessageBox.StandardButton.NoButton, self)
            move = box.addButton(self.tr("Move"), QMessageBox.ButtonRole.AcceptRole)
            cancel = box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(cancel)
            box.exec()
            if box.clickedButton() is not move:
                return
        self.move_button.setEnabled(False)
        self.keep_file_button.setEnabled(False)
        self.ctx.run_task(lambda _progress, _cancel: identities.move_key_store(target),
                          self.tr("Moving keys…"), self._moved, self._move_failed)

    def _moved(self, moved: Moved) -> None:
        self.move_button.setEnabled(True)
        self.keep_file_button.setEnabled(True)
        self.ctx.identities_changed.emit()  # refreshes this page and the keyring banner
        target = (self.tr("the system keyring") if moved.target.kind == "keyring"
                  else self.tr("the passphrase-protected file"))
        self.ctx.show_info(self.tr("Moved %n key(s) to {0}; they are kept there from now "
                                   "on.", "", moved.names).format(target))

    def _move_failed(self, message: str) -> None:
        self.move_button.setEnabled(True)
        self.keep_file_button.setEnabled(True)
        self.ctx.show_error(message)

    def _show_workspace_key(self) -> None:
        path = self.ctx.workspace_path
        self.workspace_note.setVisible(path is not None)
        if path is None:
            return
        try:
            secure = identities.key_store().secure
        except WorkbenchError as exc:
            self.workspace_note.setText(str(exc))
            return
        where = (self.tr("the system keyring") if secure
                 else self.tr("the passphrase-protected file"))
        self.workspace_note.setText(self.tr(
            "The open workspace ({0}) is encrypted on this computer. Its key is kept with your "
            "private keys, in {1}: the workspace opens only under this user account.")
            .format(path.name, where))

    # -- actions ----------------------------------------------------------------------------

    def create_identity(self) -> None:
        dialog = CreateIdentityDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        role, name, email = dialog.values()
        same = identities.look_alike_identity(role, name, email)
        # Two identities alike make it easy to sign with one that never consented: only on
        # purpose.
        if same is not None and not confirm(
                self, self.tr("Create identity"),
                self.tr("You already have the identity {0}. A second one with the same role "
                        "and name or email is easily mistaken for it. Create a second one "
                        "anyway?").format(visible(same.label())),
                self.tr("Create a second one")):
            return
        another = same is not None
        self.create_button.setEnabled(False)
        # A task: the passphrase file may need unlocking and re-encrypting (seconds).
        self.ctx.run_task(lambda _progress, _cancel: identities.create_identity(role, name,
                                                                                email, another),
                          self.tr("Creating keys for {0}…").format(name.strip()),
                          self._created, self._create_failed)

    def _created(self, card: IdentityCard) -> None:
        self.create_button.setEnabled(True)
        self.ctx.identities_changed.emit()  # refreshes this page too
        self.ctx.show_info(self.tr(
            "Created the identity {0} ({1}). Its fingerprint is {2}. Export its card and send "
            "it to the people you work with.").format(card.name, role_name(card.role),
                                                      card.short))

    def _create_failed(self, message: str) -> None:
        self.create_button.setEnabled(True)
        self.ctx.show_error(message)

    def export_card(self) -> None:
        card = self.own_table.selected_card()
        if card is None:
            self.ctx.show_error(self.tr("Select the identity whose card you want to export."))
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save identity card"),
            str(Path(folder) / identities.card_file_name(card)),
            self.tr("Identity cards (*.wbid.json)"))
        if not path:
            return
        try:
            target = identities.export_card(card, Path(path))
        except WorkbenchError as exc:
            self.ctx.show_error(str(exc))
            return
        self.ctx.show_info(self.tr(
            "Saved your identity card to {0}. Send it to the other parties; when they import "
            "it, read them your fingerprint: {1}").format(target, card.short))

    def import_card(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import an identity card"), "",
            self.tr("Identity cards (*.wbid.json);;All files (*)"))
        if not path:
            return
        try:
            # Verifies the card before anyone looks at it; refuses one of your own.
            preview = identities.preview_card(Path(path))
        except WorkbenchError as exc:
            self.ctx.show_error(str(exc))
            return
        known = preview.replaces
        mode = ConfirmContactDialog.REPLACE if known else ConfirmContactDialog.NEW
        dialog = ConfirmContactDialog(preview.card, mode, known[0] if known else None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
            return
        try:
            identities.import_contact(Path(path), replace=bool(known),
                                      fingerprint=dialog.fingerprint())
        except WorkbenchError as exc:
            self.ctx.show_error(str(exc))
            return
        self.ctx.identities_changed.emit()

    def _contact_selected(self) -> None:
        card = self.contacts_table.selected_card()
        self.verify_button.setEnabled(card is not None)
        verified = self.contacts_table.selected_mark() is not None
        self.verify_button.setText(self.tr("&Verify fingerprint…") if not verified
                                   else self.tr("&Verify again…"))

    def verify_contact(self) -> None:
        card = self.contacts_table.selected_card()
        if card is None:
            return
        dialog = ConfirmContactDialog(card, ConfirmContactDialog.VERIFY, parent=self)
        typed = dialog.fingerprint() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if typed is None:
            return
        try:
            identities.verify_contact(card.fingerprint, typed)
        except WorkbenchError as exc:
            self.ctx.show_error(str(exc))
            return
        self.ctx.identities_changed.emit()
