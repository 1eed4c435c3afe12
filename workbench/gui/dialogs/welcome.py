"""First run: who you are here, your identity and keys, and (for employees) a first workspace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.services import identities, workspaces
from workbench.core.services.identities import IdentityCard, Role
from workbench.core.services.workspaces import SelfProfile
from workbench.gui.context import AppContext
from workbench.gui.dialogs.passphrase import install_gui_passphrase_prompt
from workbench.gui.qt_types import layout_of


def role_choices() -> list[tuple[Role, str, str]]:
    """Each role with a short title and one plain sentence, as people would say it."""
    return [
        (Role.EMPLOYEE,
         QCoreApplication.translate("RoleChoices", "An employee preparing my materials"),
         QCoreApplication.translate(
             "RoleChoices", "You collect your chats, emails and documents, decide what is "
             "removed, and give or decline consent before anything is shared.")),
        (Role.HR,
         QCoreApplication.translate("RoleChoices", "HR, countersigning consent"),
         QCoreApplication.translate(
             "RoleChoices", "You check an employee's signed consent and add the company's "
             "signature before the package goes to the receiving team.")),
        (Role.RECIPIENT,
         QCoreApplication.translate("RoleChoices", "A team receiving packages"),
         QCoreApplication.translate(
             "RoleChoices", "You open the encrypted packages addressed to you, use them "
             "within the agreed terms and delete them by the deadline.")),
    ]


def role_name(role: Role | str) -> str:
    """The short translated name of a role, for tables and combo boxes."""
    names = {"employee": QCoreApplication.translate("RoleChoices", "Employee"),
             "hr": QCoreApplication.translate("RoleChoices", "HR"),
             "recipient": QCoreApplication.translate("RoleChoices", "Receiving team")}
    return names.get(str(role), str(role))


def key_storage_text() -> str:
    """Where private keys are (or, before the first identity, will be) kept."""
    try:
        store = identities.key_store()
    except WorkbenchError as exc:
        return str(exc)
    if store.secure:
        return QCoreApplication.translate(
            "KeyStorage", "Your private keys stay on this computer, in the system keyring (the "
            "password store that your login protects). Only the public part, your identity "
            "card, is ever shared.")
    where = store.where
    if store.file_exists:
        return QCoreApplication.translate(
            "KeyStorage", "Your private keys are kept in a passphrase-protected file ({0}), "
            "because this computer has no system keyring. Keep the passphrase safe: nobody can "
            "recover it.").format(where)
    return QCoreApplication.translate(
        "KeyStorage", "This computer has no system keyring, so your private keys are kept in a "
        "passphrase-protected file ({0}). You choose the passphrase when the keys are first "
        "made; keep it safe, nobody can recover it. Only the public part, your identity card, "
        "is ever shared.").format(where)


def fingerprint_font(point_size: int = 16) -> QFont:
    """Large monospace, so a fingerprint can be read aloud group by group."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(point_size)
    font.setBold(True)
    return font


def heading(text: str, size: int = 16) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSize(size)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class WelcomeDialog(QDialog):
    """Asks the role, name and email, makes the identity, and says where the keys are."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.card: IdentityCard | None = None
        self.setWindowTitle(self.tr("Welcome to Consent Workbench"))
        self.setMinimumWidth(640)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_form())
        self.done_page = self._build_done()
        self.stack.addWidget(self.done_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.name_edit.setFocus()

    # -- page 1: who are you ----------------------------------------------------------------

    def _build_form(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Welcome to Consent Workbench")))
        layout.addWidget(wrapped(self.tr(
            "Consent Workbench lets people check, clean up and agree to how work materials are "
            "used before they become an AI skill, and makes sure the copies are deleted on "
            "time. First, tell it who you are here.")))

        roles = QGroupBox(self.tr("Who are you here?"))
        roles_layout = QVBoxLayout(roles)
        self.role_group = QButtonGroup(self)
        self.role_buttons: dict[Role, QRadioButton] = {}
        for index, (role, title, sentence) in enumerate(role_choices()):
            button = QRadioButton(title)
            font = button.font()
            font.setBold(True)
            button.setFont(font)
            self.role_group.addButton(button, index)
            self.role_buttons[role] = button
            explanation = wrapped(sentence)
            explanation.setContentsMargins(24, 0, 0, 6)
            explanation.setStyleSheet("color: palette(dark);")
            roles_layout.addWidget(button)
            roles_layout.addWidget(explanation)
        self.role_buttons[Role.EMPLOYEE].setChecked(True)
        layout.addWidget(roles)

        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. 李娜 or Lina Li"))
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText(self.tr("name@company.com (optional)"))
        form.addRow(self.tr("Your name:"), self.name_edit)
        form.addRow(self.tr("Work email:"), self.email_edit)
        layout.addLayout(form)

        keys_box = QGroupBox(self.tr("Your keys"))
        keys_layout = QVBoxLayout(keys_box)
        keys_layout.addWidget(wrapped(self.tr(
            "Consent Workbench makes a personal signing key for you, so others can tell that "
            "what you sign really comes from you.")))
        self.storage_label = wrapped(key_storage_text())
        keys_layout.addWidget(self.storage_label)
        layout.addWidget(keys_box)

        self.busy_label = QLabel(self.tr("Creating your keys…"))
        self.busy_label.hide()
        layout.addWidget(self.busy_label)
        layout.addStretch()

        buttons = QHBoxLayout()
        self.later_button = QPushButton(self.tr("Not now"))
        # Enter on the filled form creates the identity; it never throws the form away.
        self.later_button.setAutoDefault(False)
        self.later_button.clicked.connect(self.reject)
        self.create_button = QPushButton(self.tr("Create my identity"))
        self.create_button.setDefault(True)
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self.create_identity)
        self.name_edit.textChanged.connect(
            lambda text: self.create_button.setEnabled(bool(text.strip())))
        buttons.addWidget(self.later_button)
        buttons.addStretch()
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)
        return page

    def selected_role(self) -> Role:
        return role_choices()[max(self.role_group.checkedId(), 0)][0]

    def create_identity(self) -> None:
        role, name, email = self.selected_role(), self.name_edit.text(), self.email_edit.text()
        self.create_button.setEnabled(False)
        self.busy_label.show()
        # A task: with the passphrase file, encrypting the new keys takes a second or two.
        self.ctx.run_task(lambda _progress, _cancel: identities.create_identity(role, name,
                                                                                email),
                          self.tr("Creating your keys…"), self._created, self._failed)

    def _failed(self, message: str) -> None:
        self.busy_label.hide()
        self.create_button.setEnabled(bool(self.name_edit.text().strip()))
        self.ctx.show_error(message)

    def _created(self, card: IdentityCard) -> None:
        self.card = card
        self.busy_label.hide()
        self.ctx.identities_changed.emit()
        self.done_title.setText(self.tr("Your identity is ready, {0}").format(card.name))
        self.done_role.setText(self.tr("Role: {0}").format(role_name(card.role)))
        self.fingerprint_label.setText(card.short)
        # Read aloud group by group: every group must show, so the dialog widens to fit.
        self.fingerprint_label.setMinimumWidth(
            self.fingerprint_label.fontMetrics().horizontalAdvance(card.short)
            + 2 * self.fingerprint_label.margin() + 4)
        margins = [layout_of(self).contentsMargins(),
                   layout_of(self.done_page).contentsMargins()]
        wide = self.fingerprint_label.minimumWidth() + sum(m.left() + m.right() for m in margins)
        if wide > self.minimumWidth():
            self.setMinimumWidth(wide)
            self.resize(max(self.width(), wide), self.height())
        self.done_storage.setText(key_storage_text())
        employee = card.role == Role.EMPLOYEE
        self.next_label.setText(
            self.tr("Next, set up the workspace where you will collect and review your "
                    "materials.") if employee else
            self.tr("Next, import the identity cards of the people you work with on the Keys & "
                    "contacts page, and send them yours."))
        self.continue_button.setText(self.tr("Set up my workspace") if employee
                                     else self.tr("Start"))
        self.stack.setCurrentIndex(1)
        self.continue_button.setFocus()

    # -- page 2: done -------------------------------------------------------------------

    def _build_done(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.done_title = heading("")
        self.done_role = QLabel()
        layout.addWidget(self.done_title)
        layout.addWidget(self.done_role)
        layout.addSpacing(8)
        layout.addWidget(QLabel(self.tr("Your fingerprint:")))
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setFont(fingerprint_font(20))
        self.fingerprint_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.fingerprint_label)
        layout.addWidget(wrapped(self.tr(
            "When someone imports your identity card, they will ask you to read this "
            "fingerprint aloud, by phone or in person, to be sure the card is really yours.")))
        layout.addSpacing(8)
        self.done_storage = wrapped("")
        layout.addWidget(self.done_storage)
        layout.addSpacing(4)
        layout.addWidget(wrapped(self.tr(
            "You can add another role later, and export your identity card, from the Keys & "
            "contacts page.")))
        layout.addSpacing(8)
        self.next_label = wrapped("")
        layout.addWidget(self.next_label)
        layout.addStretch()
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.continue_button = QPushButton()
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self.accept)
        buttons.addWidget(self.continue_button)
        layout.addLayout(buttons)
        return page


def default_workspace_folder() -> Path:
    """Under the user's Documents, with a number added if a workspace is already there."""
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    base = Path(documents) / "Consent Workbench"
    candidate, number = base, 2
    while (candidate / "workspace.sqlite").exists():
        candidate = base.with_name(f"{base.name} {number}")
        number += 1
    return candidate


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]


class NewWorkspaceWizard(QDialog):
    """A new workspace: where it lives, and who "you" are, so your own data is recognised."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, name: str = "",
                 email: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: Path | None = None
        self.setWindowTitle(self.tr("New workspace"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Set up your workspace")))
        layout.addWidget(wrapped(self.tr(
            "A workspace is a folder on this computer that holds the materials you import, "
            "what you decide about them and your consent. Nothing leaves it until you export "
            "a package.")))

        folder_row = QHBoxLayout()
        self.folder_edit = QLineEdit(str(default_workspace_folder()))
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self.choose_folder)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)
        folder_form = QFormLayout()
        folder_form.addRow(self.tr("Folder:"), folder_row)
        layout.addLayout(folder_form)

        about = QGroupBox(self.tr("About you — so your own data is recognised as yours"))
        about_layout = QVBoxLayout(about)
        about_layout.addWidget(wrapped(self.tr(
            "Your own name, email and phone are told apart from your colleagues': colleagues "
            "are replaced by aliases such as \"Colleague A\", while your name stays and your "
            "phone number is removed. Give every way you are written.")))
        form = QFormLayout()
        self.name_edit = QLineEdit(name)
        self.aliases_edit = QPlainTextEdit()
        self.aliases_edit.setPlaceholderText(self.tr("One per line, Chinese and pinyin, e.g.\n"
                                                     "娜娜\nLina Li"))
        self.emails_edit = QPlainTextEdit(email)
        self.emails_edit.setPlaceholderText(self.tr("One per line"))
        self.phones_edit = QPlainTextEdit()
        self.phones_edit.setPlaceholderText(self.tr("One per line, e.g. 139 1234 5678"))
        for edit in (self.aliases_edit, self.emails_edit, self.phones_edit):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(72)
        form.addRow(self.tr("Your name:"), self.name_edit)
        form.addRow(self.tr("Other names:"), self.aliases_edit)
        form.addRow(self.tr("Emails:"), self.emails_edit)
        form.addRow(self.tr("Phones:"), self.phones_edit)
        about_layout.addLayout(form)
        layout.addWidget(about)
        layout.addStretch()

        buttons = QHBoxLayout()
        skip = QPushButton(self.tr("Skip for now"))
        skip.clicked.connect(self.reject)
        self.create_button = QPushButton(self.tr("Create workspace"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_workspace)
        buttons.addWidget(skip)
        buttons.addStretch()
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)

    def choose_folder(self) -> None:
        current = Path(self.folder_edit.text().strip() or str(default_workspace_folder()))
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the workspace"),
                                                  str(current.parent))
        if chosen:
            # A workspace gets a folder of its own inside the chosen one.
            self.folder_edit.setText(str(Path(chosen) / current.name))

    def profile(self) -> SelfProfile:
        return workspaces.make_profile(self.name_edit.text(), _lines(self.aliases_edit),
                                       _lines(self.emails_edit), _lines(self.phones_edit))

    def create_workspace(self) -> None:
        text = self.folder_edit.text().strip()
        if not text:
            self.ctx.show_error(self.tr("Choose a folder for the workspace."))
            return
        path = Path(text).expanduser()
        try:
            # Creating is a handful of small writes: fine on the UI thread.
            workspaces.create_workspace(path, self.profile())
        except WorkbenchError as exc:
            self.ctx.show_error(str(exc))
            return
        self.created = path
        self.ctx.open_workspace(path)
        self.accept()


def first_run_needed() -> bool:
    """True when this home has no identity of its own yet."""
    return identities.first_run_needed()


def run_first_run(ctx: AppContext, parent: QWidget | None = None) -> bool:
    """Welcome, identity and (for an employee) the first workspace. True if an identity was
    made; the workspace may still have been skipped."""
    install_gui_passphrase_prompt(parent)
    welcome = WelcomeDialog(ctx, parent)
    if welcome.exec() != QDialog.DialogCode.Accepted or welcome.card is None:
        return False
    card = welcome.card
    if card.role == Role.EMPLOYEE:
        NewWorkspaceWizard(ctx, parent, card.name, card.email).exec()
    return True
