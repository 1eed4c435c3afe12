"""First run: the welcome dialog makes an identity; employees go on to a new workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from workbench.core.trust import keys, secrets_store
from workbench.core.workspace import Workspace
from workbench.gui.context import AppContext
from workbench.gui.dialogs import passphrase, welcome


@pytest.fixture(autouse=True)
def no_leftover_prompt():
    yield
    secrets_store.set_passphrase_prompt(None)


@pytest.fixture
def ctx(qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    context = AppContext()
    context.errors = shown
    monkeypatch.setattr(context, "_remember", lambda _path: None)  # keep QSettings untouched
    return context


def create_in(dialog: welcome.WelcomeDialog, qtbot, role: keys.Role, name: str,
              email: str = "") -> keys.IdentityCard:
    dialog.role_buttons[role].setChecked(True)
    dialog.name_edit.setText(name)
    dialog.email_edit.setText(email)
    dialog.create_button.click()
    qtbot.waitUntil(lambda: dialog.card is not None, timeout=15_000)
    return dialog.card


def test_first_run_is_needed_only_without_an_identity():
    assert welcome.first_run_needed()
    keys.create_identity(keys.Role.HR, "陈静")
    assert not welcome.first_run_needed()


def test_welcome_creates_an_employee_identity_and_shows_its_fingerprint(qtbot, ctx):
    dialog = welcome.WelcomeDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.create_button.isEnabled()  # a name is needed first
    with qtbot.waitSignal(ctx.identities_changed, timeout=15_000):
        card = create_in(dialog, qtbot, keys.Role.EMPLOYEE, "李娜", "lina.li@xinghe.example.com")
    assert card.role == keys.Role.EMPLOYEE and card.email == "lina.li@xinghe.example.com"
    assert [c.fingerprint for c in keys.own_identities()] == [card.fingerprint]
    assert dialog.stack.currentIndex() == 1
    assert dialog.fingerprint_label.text() == card.short
    assert "system keyring" in dialog.done_storage.text()
    assert dialog.continue_button.text() == "Set up my workspace"
    assert not ctx.errors


def test_welcome_explains_the_passphrase_file_and_asks_for_it(qtbot, ctx, monkeypatch):
    monkeypatch.setenv("WORKBENCH_KEYRING", "file")
    secrets_store.forget_stores()
    asked = []

    def fake_exec(self):
        asked.append(self.creating)
        self.first.setText("correct horse battery staple")
        self.second.setText("correct horse battery staple")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(passphrase.PassphraseDialog, "exec", fake_exec)
    dialog = welcome.WelcomeDialog(ctx)
    qtbot.addWidget(dialog)
    passphrase.install_gui_passphrase_prompt(dialog)
    assert "passphrase-protected file" in dialog.storage_label.text()
    card = create_in(dialog, qtbot, keys.Role.RECIPIENT, "Payments AI team")
    assert asked == [True]  # a new file: the passphrase is chosen (and confirmed)
    assert "passphrase-protected file" in dialog.done_storage.text()
    assert dialog.continue_button.text() == "Start"
    assert (secrets_store.secret_store().get(f"ed25519:{card.fingerprint}")) is not None


def test_new_workspace_wizard_creates_and_opens_the_workspace(qtbot, ctx, tmp_path: Path):
    wizard = welcome.NewWorkspaceWizard(ctx, None, "李娜", "lina.li@xinghe.example.com")
    qtbot.addWidget(wizard)
    target = tmp_path / "my materials"
    wizard.folder_edit.setText(str(target))
    wizard.aliases_edit.setPlainText("娜娜\n  Lina Li \n\n")
    wizard.phones_edit.setPlainText("13912345678")
    with qtbot.waitSignal(ctx.workspace_changed):
        wizard.create_button.click()
    assert ctx.workspace_path == target and wizard.created == target
    with Workspace.open(target) as ws:
        profile = ws.profile
    assert profile.name == "李娜"
    assert profile.aliases == ("娜娜", "Lina Li")
    assert profile.emails == ("lina.li@xinghe.example.com",)
    assert profile.phones == ("13912345678",)


def test_new_workspace_wizard_refuses_an_existing_workspace(qtbot, ctx, workspace):
    wizard = welcome.NewWorkspaceWizard(ctx, None, "李娜")
    qtbot.addWidget(wizard)
    wizard.folder_edit.setText(str(workspace.root))
    wizard.create_button.click()
    assert ctx.errors and "already holds a workspace" in ctx.errors[0]
    assert ctx.workspace_path is None and wizard.result() != QDialog.DialogCode.Accepted


def test_default_folder_is_under_documents_and_avoids_existing_workspaces(monkeypatch,
                                                                          tmp_path: Path):
    monkeypatch.setattr(welcome.QStandardPaths, "writableLocation", lambda _where: str(tmp_path))
    assert welcome.default_workspace_folder() == tmp_path / "Consent Workbench"
    (tmp_path / "Consent Workbench").mkdir()
    (tmp_path / "Consent Workbench" / "workspace.sqlite").touch()
    assert welcome.default_workspace_folder() == tmp_path / "Consent Workbench 2"


def fake_welcome_exec(qtbot, role: keys.Role, name: str):
    def run(self):
        create_in(self, qtbot, role, name)
        return QDialog.DialogCode.Accepted
    return run


def test_run_first_run_continues_into_the_workspace_for_an_employee(qtbot, ctx, monkeypatch,
                                                                    tmp_path: Path):
    monkeypatch.setattr(welcome.WelcomeDialog, "exec",
                        fake_welcome_exec(qtbot, keys.Role.EMPLOYEE, "李娜"))

    def wizard_exec(self):
        assert self.name_edit.text() == "李娜"
        self.folder_edit.setText(str(tmp_path / "ws"))
        self.create_button.click()
        return self.result()

    monkeypatch.setattr(welcome.NewWorkspaceWizard, "exec", wizard_exec)
    assert welcome.run_first_run(ctx, None)
    assert ctx.workspace_path == tmp_path / "ws"
    assert not welcome.first_run_needed()


def test_run_first_run_for_hr_makes_no_workspace(qtbot, ctx, monkeypatch):
    monkeypatch.setattr(welcome.WelcomeDialog, "exec",
                        fake_welcome_exec(qtbot, keys.Role.HR, "陈静"))
    monkeypatch.setattr(welcome.NewWorkspaceWizard, "exec",
                        lambda self: pytest.fail("HR needs no workspace"))
    assert welcome.run_first_run(ctx, None)
    assert [c.role for c in keys.own_identities()] == [keys.Role.HR]
    assert ctx.workspace_path is None


def test_not_now_creates_nothing(qtbot, ctx, monkeypatch):
    monkeypatch.setattr(welcome.WelcomeDialog, "exec",
                        lambda self: QDialog.DialogCode.Rejected)
    assert not welcome.run_first_run(ctx, None)
    assert welcome.first_run_needed()


def test_enter_on_the_filled_form_creates_the_identity(qtbot, ctx):
    from PySide6.QtCore import Qt

    dialog = welcome.WelcomeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    rejected = []
    dialog.rejected.connect(lambda: rejected.append(True))
    dialog.name_edit.setText("李娜")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.card is not None, timeout=15_000)
    assert not rejected and dialog.isVisible()
    assert dialog.card.name == "李娜"


def test_the_whole_fingerprint_fits_on_the_ready_page(qtbot, ctx):
    dialog = welcome.WelcomeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    card = create_in(dialog, qtbot, keys.Role.EMPLOYEE, "李娜")
    label = dialog.fingerprint_label
    qtbot.waitUntil(lambda: label.isVisible())
    needed = label.fontMetrics().horizontalAdvance(card.short)
    qtbot.waitUntil(lambda: label.mapTo(dialog, label.contentsRect().topLeft()).x() + needed
                    <= dialog.width(), timeout=3_000)
    assert label.contentsRect().width() >= needed, (label.contentsRect().width(), needed)
