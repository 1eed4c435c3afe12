"""Keys & contacts page, the passphrase prompt from any thread, and the keyring banner."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from workbench.core.trust import keys, secrets_store
from workbench.gui.context import AppContext
from workbench.gui.dialogs import passphrase
from workbench.gui.pages import keys as keys_page
from workbench.gui.pages.keys import KeysPage
from workbench.gui.widgets.keyring_banner import KeyringBanner


@pytest.fixture(autouse=True)
def no_leftover_prompt():
    yield
    secrets_store.set_passphrase_prompt(None)


@pytest.fixture
def ctx(qtbot, monkeypatch):
    context = AppContext()
    context.errors, context.infos = [], []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: context.errors.append(a[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: context.infos.append(a[2]))
    yield context
    # A task's own bookkeeping arrives after its result: let it land before the context goes.
    qtbot.waitUntil(lambda: not context.tasks, timeout=15_000)


def make_page(qtbot, ctx) -> KeysPage:
    page = KeysPage(ctx)
    qtbot.addWidget(page)
    return page


def test_empty_page_says_what_to_do(qtbot, ctx):
    page = make_page(qtbot, ctx)
    assert page.own_table.isHidden() and not page.own_empty.isHidden()
    assert page.contacts_table.isHidden() and "import" in page.contacts_empty.text()
    assert not page.export_button.isEnabled()
    assert page.title() == "Keys & contacts"
    assert page.workspace_note.isHidden()


def test_leaving_a_workspace_drops_its_decrypted_redaction_context(qtbot, ctx, tmp_path):
    from workbench.core.pii.profile import SelfProfile
    from workbench.core.review import redact
    from workbench.core.workspace import Workspace

    for name in ("first", "second"):
        Workspace.create(tmp_path / name, SelfProfile("李娜"), "UTC").close()
    assert ctx.open_workspace(tmp_path / "first")
    with ctx.workspace() as ws:
        redact.RedactionContext.of(ws)
    assert redact._cache  # values of the first workspace, decrypted
    assert ctx.open_workspace(tmp_path / "second")
    assert not redact._cache
    ctx.open_workspace(None)


def test_the_open_workspace_is_said_to_be_encrypted_and_where_its_key_is(qtbot, ctx, tmp_path):
    from workbench.core.pii.profile import SelfProfile
    from workbench.core.workspace import Workspace

    Workspace.create(tmp_path / "handover", SelfProfile("李娜"), "UTC").close()
    page = make_page(qtbot, ctx)
    assert ctx.open_workspace(tmp_path / "handover")
    assert not page.workspace_note.isHidden()
    assert "(handover) is encrypted" in page.workspace_note.text()
    assert "the system keyring" in page.workspace_note.text()


def test_create_identity_lists_it_with_a_large_fingerprint(qtbot, ctx, monkeypatch):
    def fake_exec(self):
        self.group.button(1).setChecked(True)  # HR
        self.name_edit.setText("陈静")
        self.email_edit.setText("hr@xinghe.example.com")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(keys_page.CreateIdentityDialog, "exec", fake_exec)
    page = make_page(qtbot, ctx)
    with qtbot.waitSignal(ctx.identities_changed, timeout=15_000):
        page.create_button.click()
    (card,) = keys.own_identities()
    assert (card.role, card.name) == (keys.Role.HR, "陈静")
    assert page.own_table.rowCount() == 1 and not page.own_table.isHidden()
    item = page.own_table.item(0, 3)
    assert item.text() == card.short and item.font().pointSize() >= 14
    assert item.font().fixedPitch() or "mono" in item.font().family().lower()
    assert page.own_table.item(0, 0).text() == "HR"
    assert card.short in ctx.infos[0]


def test_export_then_import_in_another_home_shows_the_contact(qtbot, ctx, monkeypatch,
                                                              tmp_path: Path):
    card = keys.create_identity(keys.Role.RECIPIENT, "Payments AI team")
    saved = tmp_path / "cards" / "payments"  # no suffix: the page adds .wbid.json
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(saved), "Identity cards (*.wbid.json)"))
    page = make_page(qtbot, ctx)
    page.export_button.click()
    exported = tmp_path / "cards" / "payments.wbid.json"
    assert exported.exists() and card.short in ctx.infos[-1]
    assert json.loads(exported.read_text())["fingerprint"] == card.fingerprint

    # Another party's machine: its own home, no identities, no contacts yet.
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "employee-home"))
    secrets_store.forget_stores()
    shown = []

    def confirm(self):
        shown.append(self.findChildren(keys_page.QLabel))
        self.typed.setText(card.short)  # what they read out over the phone
        self.verify_button.click()
        return self.result()

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(exported), ""))
    monkeypatch.setattr(keys_page.ConfirmContactDialog, "exec", confirm)
    other = make_page(qtbot, ctx)
    assert other.contacts_table.isHidden()
    with qtbot.waitSignal(ctx.identities_changed):
        other.import_button.click()
    # The fingerprint was shown big for checking before the contact was added.
    labels = shown[0]
    big = [label for label in labels if label.text() == card.short]
    assert big and big[0].font().pointSize() >= 20
    assert [c.fingerprint for c in keys.contacts()] == [card.fingerprint]
    assert other.contacts_table.rowCount() == 1
    assert other.contacts_table.item(0, 1).text() == "Payments AI team"
    assert other.contacts_table.item(0, 3).text() == card.short
    assert other.contacts_table.item(0, 4).text().startswith("✓ Verified")
    assert keys.verification(card.fingerprint) is not None
    assert not ctx.errors


def test_import_is_not_done_when_the_fingerprint_is_not_confirmed(qtbot, ctx, monkeypatch,
                                                                  tmp_path: Path):
    card = keys.create_identity(keys.Role.HR, "陈静")
    path = tmp_path / "hr.wbid.json"
    path.write_bytes(keys.card_bytes(card))
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "other"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(keys_page.ConfirmContactDialog, "exec",
                        lambda self: QDialog.DialogCode.Rejected)
    page = make_page(qtbot, ctx)
    page.import_button.click()
    assert keys.contacts() == [] and page.contacts_table.isHidden()


def test_a_damaged_card_is_refused_with_a_message(qtbot, ctx, monkeypatch, tmp_path: Path):
    card = keys.create_identity(keys.Role.HR, "陈静")
    data = card.as_json() | {"name": "Mallory"}
    path = tmp_path / "altered.wbid.json"
    path.write_text(json.dumps(data))
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "other"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(keys_page.ConfirmContactDialog, "exec",
                        lambda self: pytest.fail("an altered card must not be offered"))
    page = make_page(qtbot, ctx)
    page.import_button.click()
    assert "self-signature does not verify" in ctx.errors[0]
    assert keys.contacts() == []


# -- the verified mark (issue 17 item 9) ------------------------------------------------------


def card_file(tmp_path: Path, folder: str, role: keys.Role = keys.Role.HR,
              name: str = "陈静", email: str = "hr@xinghe.example.com",
              ) -> tuple[Path, keys.IdentityCard]:
    """A card made in another home and saved to a file, as its owner would send it."""
    from workbench.core.paths import using_home

    with using_home(tmp_path / folder):
        card = keys.create_identity(role, name, email)
    path = tmp_path / f"{folder}.wbid.json"
    path.write_bytes(keys.card_bytes(card))
    return path, card


def press_enter_after(typing: str | None):
    """A stand-in for the dialog's exec: show it, type, press Enter, answer as it closed."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    def fake_exec(self):
        self.show()
        if typing is not None:
            self.typed.setText(typing)
        QTest.keyClick(self.typed, Qt.Key.Key_Return)
        self.hide()
        return self.result()

    return fake_exec


def test_enter_on_the_import_dialog_never_marks_the_contact_verified(qtbot, ctx, monkeypatch,
                                                                    tmp_path: Path):
    path, card = card_file(tmp_path, "hr")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    # Even with the right fingerprint typed, Enter answers "not verified".
    monkeypatch.setattr(keys_page.ConfirmContactDialog, "exec", press_enter_after(card.short))
    page = make_page(qtbot, ctx)
    page.import_button.click()
    assert [c.fingerprint for c in keys.contacts()] == [card.fingerprint]
    assert keys.verification(card.fingerprint) is None
    assert page.contacts_table.item(0, 4).text() == "⚠ Not verified"
    assert page.verify_button.isEnabled() and page.verify_button.text() == "&Verify fingerprint…"

    # Verifying later: Enter again does nothing; only the button, with a match, marks it.
    monkeypatch.setattr(keys_page.ConfirmContactDialog, "exec", press_enter_after(card.short))
    page.verify_button.click()
    assert keys.verification(card.fingerprint) is None

    def type_last_groups_and_verify(self):
        self.typed.setText(" ".join(card.short.split()[-4:]).upper())
        assert "last 16 digits" in self.status.text()
        self.verify_button.click()
        return self.result()

    monkeypatch.setattr(keys_page.ConfirmContactDialog, "exec", type_last_groups_and_verify)
    page.verify_button.click()
    mark = keys.verification(card.fingerprint)
    assert mark is not None and mark.compared == "last-16"
    assert page.contacts_table.item(0, 4).text().startswith("✓ Verified ")
    assert page.verify_button.text() == "&Verify again…" and not ctx.errors


def test_the_dialog_enables_verifying_only_on_a_match(qtbot, tmp_path: Path):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    _path, card = card_file(tmp_path, "hr")
    dialog = keys_page.ConfirmContactDialog(card)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.verify_button.isEnabled() and not dialog.verify_button.isDefault()
    assert not dialog.verify_button.autoDefault()
    assert dialog.unverified_button is not None and dialog.unverified_button.isDefault()
    dialog.typed.setText("0000 " * 8)
    assert "does not match" in dialog.status.text() and not dialog.verify_button.isEnabled()
    dialog.typed.setText(card.short[-4:])
    assert "at least its last 4 groups" in dialog.status.text()
    assert not dialog.verify_button.isEnabled()
    dialog.typed.setText(card.fingerprint.upper())
    assert dialog.status.text() == "It matches the whole fingerprint."
    assert dialog.verify_button.isEnabled()
    # Enter with the focus on the verify button itself still does not verify.
    dialog.verify_button.setFocus()
    QTest.keyClick(dialog.verify_button, Qt.Key.Key_Return)
    assert dialog.choice == "unverified" and dialog.fingerprint() is None


def test_a_lookalike_card_for_a_known_name_is_not_taken_in_silently(qtbot, ctx, monkeypatch,
                                                                   tmp_path: Path):
    """The attacker's case: a card with HR's name and email and another key."""
    real_path, real = card_file(tmp_path, "hr")
    keys.import_contact(real_path, fingerprint=real.fingerprint)
    fake_path, fake = card_file(tmp_path, "impostor")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(fake_path), ""))
    seen = []

    def look_then_enter(self):
        seen.append((self.mode, self.warning.text(), self.unverified_button))
        return press_enter_after(fake.short)(self)

    monkeypatch.setattr(keys_page.ConfirmContactDialog, "exec", look_then_enter)
    page = make_page(qtbot, ctx)
    page.import_button.click()
    ((mode, warning, unverified),) = seen
    assert mode == keys_page.ConfirmContactDialog.REPLACE and unverified is None
    assert "陈静 already has a different key — this may be someone pretending" in warning
    # Enter cancelled: the real card is still the one, still verified.
    assert keys.contacts() == [real] and keys.verification(real.fingerprint) is not None

    def verify_the_new_key(self):
        self.typed.setText(fake.short)
        self.verify_button.click()
        return self.result()

    # HR really made a new key and read its fingerprint out: now it replaces the old card.
    monkeypatch.setattr(keys_page.ConfirmContactDialog, "exec", verify_the_new_key)
    page.import_button.click()
    assert keys.contacts() == [fake] and keys.verification(fake.fingerprint) is not None
    assert page.contacts_table.rowCount() == 1 and not ctx.errors


def test_a_card_with_the_name_of_your_own_identity_is_refused_before_any_dialog(
        qtbot, ctx, monkeypatch, tmp_path: Path):
    keys.create_identity(keys.Role.HR, "陈静", "hr@xinghe.example.com")
    fake_path, _fake = card_file(tmp_path, "impostor")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(fake_path), ""))
    monkeypatch.setattr(keys_page.ConfirmContactDialog, "exec",
                        lambda self: pytest.fail("a card posing as you must not be offered"))
    page = make_page(qtbot, ctx)
    page.import_button.click()
    assert "already has a different key" in ctx.errors[0] and keys.contacts() == []


def test_a_card_named_like_a_contact_in_other_letters_is_never_taken_in(
        qtbot, ctx, monkeypatch, tmp_path: Path):
    """Red team: "НR Team" with a Cyrillic Н was added beside "HR Team" without a word."""
    real_path, real = card_file(tmp_path, "hr", name="HR Team")
    keys.import_contact(real_path)
    fake_path, _fake = card_file(tmp_path, "impostor", name="\u041dR Team")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(fake_path), ""))
    monkeypatch.setattr(keys_page.ConfirmContactDialog, "exec",
                        lambda self: pytest.fail("a forged name must not be offered"))
    page = make_page(qtbot, ctx)
    page.import_button.click()
    assert "looks like your contact HR Team" in ctx.errors[0] and keys.contacts() == [real]
    # Spelt in one alphabet ("АСМЕ HR" in Cyrillic capitals), it is offered only as replacing
    # the known card, with the warning.
    acme_path, acme = card_file(tmp_path, "acme", name="ACME HR", email="hr@acme.example")
    keys.import_contact(acme_path)
    alike_path, _ = card_file(tmp_path, "alike", name="\u0410\u0421\u041c\u0415 HR",
                              email="jobs@acme.example")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(alike_path), ""))
    seen = []

    def look_then_enter(self):
        seen.append((self.mode, self.warning.text()))
        return press_enter_after(None)(self)

    monkeypatch.setattr(keys_page.ConfirmContactDialog, "exec", look_then_enter)
    page.import_button.click()
    ((mode, warning),) = seen
    assert mode == keys_page.ConfirmContactDialog.REPLACE
    assert "ACME HR already has a different key" in warning
    assert {c.fingerprint for c in keys.contacts()} == {real.fingerprint, acme.fingerprint}


# -- passphrase prompt ------------------------------------------------------------------------


@pytest.fixture
def file_store(monkeypatch):
    monkeypatch.setenv("WORKBENCH_KEYRING", "file")
    secrets_store.forget_stores()


def fake_dialog(monkeypatch, answer: str | None, calls: list):
    """Replace the dialog's exec: record who asked and on which thread, then answer."""
    def fake_exec(self):
        calls.append((self.creating, threading.current_thread() is threading.main_thread()))
        if answer is None:
            return QDialog.DialogCode.Rejected
        self.first.setText(answer)
        self.second.setText(answer)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(passphrase.PassphraseDialog, "exec", fake_exec)


def test_prompt_on_the_ui_thread_then_from_a_worker_thread(qtbot, ctx, monkeypatch, file_store):
    calls: list = []
    fake_dialog(monkeypatch, "a long enough passphrase", calls)
    page = make_page(qtbot, ctx)
    passphrase.install_gui_passphrase_prompt(page)
    secrets_store.secret_store().set("probe", b"secret")  # UI thread: the file is new
    assert calls == [(True, True)]

    secrets_store.forget_stores()  # a fresh process: the file must be unlocked again
    results = []
    ctx.run_task(lambda _p, _c: (threading.current_thread() is threading.main_thread(),
                                 secrets_store.secret_store().get("probe")),
                 "reading", results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=15_000)
    on_main, value = results[0]
    assert not on_main and value == b"secret"
    # The worker asked; the dialog still ran on the UI thread.
    assert calls[1] == (False, True)


def test_cancelling_the_prompt_in_a_task_fails_the_task_with_a_message(qtbot, ctx, monkeypatch,
                                                                       file_store):
    calls: list = []
    fake_dialog(monkeypatch, None, calls)
    passphrase.install_gui_passphrase_prompt(None)
    failures = []
    ctx.run_task(lambda _p, _c: keys.create_identity(keys.Role.EMPLOYEE, "李娜"), "creating",
                 on_failure=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=15_000)
    assert "cancelled" in failures[0]
    assert calls == [(True, True)] and keys.own_identities() == []


def test_the_dialog_checks_the_repeated_passphrase(qtbot):
    dialog = passphrase.PassphraseDialog(creating=True)
    qtbot.addWidget(dialog)
    dialog.first.setText("one long passphrase")
    dialog.second.setText("another long passphrase")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.problem.isHidden() and "do not match" in dialog.problem.text()
    dialog.second.setText("one long passphrase")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted


@pytest.mark.parametrize(("weak", "why"), [("short", "too short"),
                                            ("password1234", "too easy to guess")])
def test_a_weak_new_passphrase_is_refused_with_the_key_stores_rule(qtbot, weak: str, why: str):
    dialog = passphrase.PassphraseDialog(creating=True)
    qtbot.addWidget(dialog)
    dialog.first.setText(weak)
    dialog.second.setText(weak)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and why in dialog.problem.text()
    dialog.accept()  # pressing again does not wave it through
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_unlocking_asks_once_without_confirmation(qtbot):
    dialog = passphrase.PassphraseDialog(creating=False)
    qtbot.addWidget(dialog)
    assert dialog.second.isHidden()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted  # empty is refused
    dialog.first.setText("x")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted


# -- keyring banner -------------------------------------------------------------------------


def test_banner_is_hidden_with_a_keyring_and_shown_on_a_fall_back_only(qtbot, monkeypatch):
    import keyring
    from keyring.backends import fail

    banner = KeyringBanner()
    qtbot.addWidget(banner)
    assert banner.isHidden()
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # no system keyring: the automatic fall-back
    secrets_store.forget_stores()
    banner.refresh()
    assert not banner.isHidden()
    assert "No system keyring" in banner.label.text()
    assert "secrets.age" in banner.label.text()
    # Chosen on purpose (WORKBENCH_KEYRING=file or moved there): no warning.
    monkeypatch.setenv("WORKBENCH_KEYRING", "file")
    secrets_store.forget_stores()
    banner.refresh()
    assert banner.isHidden()
    keyring.set_keyring(previous)
    monkeypatch.delenv("WORKBENCH_KEYRING")
    secrets_store.forget_stores()
    banner.refresh()
    assert banner.isHidden()


def test_the_window_shows_the_banner_while_the_fallback_is_used(qtbot, ctx, monkeypatch):
    import keyring
    from keyring.backends import fail

    from workbench.gui.main_window import MainWindow

    keyring.set_keyring(fail.Keyring())  # the memory_keyring fixture restores the previous
    secrets_store.forget_stores()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert not window.banner.isHidden()
    assert QApplication.instance() is not None


def test_a_workspace_whose_key_is_missing_is_refused_in_a_dialog(qtbot, ctx, tmp_path):
    from workbench.core.pii.profile import SelfProfile
    from workbench.core.trust import sealing
    from workbench.core.workspace import Workspace

    with Workspace.create(tmp_path / "handover", SelfProfile("李娜"), "UTC") as ws:
        workspace_id = str(ws.setting("workspace_id"))
    secrets_store.secret_store().delete(sealing.secret_name(workspace_id))
    sealing.forget_keys()
    assert not ctx.open_workspace(tmp_path / "handover")
    assert ctx.workspace_path is None
    (message,) = ctx.errors
    assert "is not in this computer's key store" in message and "handover" in message


# -- where the keys are kept, and moving them ------------------------------------------------


def choose_move(monkeypatch) -> None:
    """Answer the "Move keys?" question with Move."""
    def fake_exec(box):
        box.chosen = next(b for b in box.buttons() if b.text() == "Move")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.chosen)


def test_the_page_names_the_keyring_backend_and_moves_keys_both_ways(qtbot, ctx, monkeypatch,
                                                                      memory_keyring):
    from tests.conftest import TEST_PASSPHRASE

    card = keys.create_identity(keys.Role.EMPLOYEE, "李娜")
    page = make_page(qtbot, ctx)
    name = secrets_store.backend_name(memory_keyring)
    assert f"The system keyring ({name})" in page.store_label.text()
    assert page.move_button.text() == "&Move keys to a passphrase file…"
    assert page.keep_file_button.isHidden()

    calls: list = []
    fake_dialog(monkeypatch, TEST_PASSPHRASE, calls)
    passphrase.install_gui_passphrase_prompt(page)
    choose_move(monkeypatch)
    page.move_button.click()
    qtbot.waitUntil(lambda: bool(ctx.infos), timeout=15_000)
    assert "Moved 2 keys to the passphrase-protected file" in ctx.infos[-1]
    assert calls == [(True, True)]  # the new file's passphrase was chosen in the dialog
    assert "as you chose" in page.store_label.text()
    assert page.move_button.text() == "&Move keys to the system keyring…"
    secrets_store.forget_stores()
    assert keys.LocalSigner(card).keyid == card.fingerprint

    page.move_button.click()
    qtbot.waitUntil(lambda: len(ctx.infos) == 2, timeout=15_000)
    assert "Moved 2 keys to the system keyring" in ctx.infos[-1]
    assert secrets_store.secret_store().kind == "keyring" and not ctx.errors
    secrets_store.forget_stores()
    assert keys.LocalSigner(card).keyid == card.fingerprint


def test_keeping_the_fall_back_file_on_purpose_hides_the_warning(qtbot, ctx, monkeypatch):
    import keyring
    from keyring.backends import fail

    from tests.conftest import TEST_PASSPHRASE

    keyring.set_keyring(fail.Keyring())  # the memory_keyring fixture restores the previous
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", TEST_PASSPHRASE)
    secrets_store.forget_stores()
    page = make_page(qtbot, ctx)
    banner = KeyringBanner()
    qtbot.addWidget(banner)
    ctx.identities_changed.connect(banner.refresh)
    assert "because no system keyring was found" in page.store_label.text()
    assert page.move_button.isHidden() and not page.keep_file_button.isHidden()
    assert not banner.isHidden()
    page.keep_file_button.click()
    qtbot.waitUntil(lambda: bool(ctx.infos), timeout=15_000)
    assert banner.isHidden() and page.keep_file_button.isHidden()
    assert secrets_store.home_choice() == "file"


def test_a_workspace_another_process_holds_is_refused_in_the_window(qtbot, ctx, tmp_path,
                                                                     shared_key_store):
    import os
    import subprocess
    import sys
    import textwrap

    from workbench.core.pii.profile import SelfProfile
    from workbench.core.workspace import Workspace

    root = tmp_path / "handover"
    Workspace.create(root, SelfProfile("李娜"), "UTC").close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from workbench.core.workspace import Workspace
        with Workspace.open(Path({str(root)!r})):
            print("open", flush=True)
            sys.stdin.readline()
    """)], env=dict(os.environ), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        assert not ctx.open_workspace(root)
        assert "in use by another window or process" in ctx.errors[-1]
    finally:
        holder.communicate("\n", timeout=60)
    assert ctx.open_workspace(root)
    # Now this window holds it: another process is refused while it is shown.
    result = subprocess.run([sys.executable, "-m", "workbench", "status", str(root)],
                            env=dict(os.environ), capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "in use by another window or process" in result.stderr
    ctx.open_workspace(None)
    result = subprocess.run([sys.executable, "-m", "workbench", "status", str(root)],
                            env=dict(os.environ), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_a_look_alike_identity_is_made_only_after_confirming(qtbot, ctx, monkeypatch):
    first = keys.create_identity(keys.Role.EMPLOYEE, "李娜", "lina.li@xinghe.example.com")

    def fake_exec(self):
        self.group.button(0).setChecked(True)  # employee
        self.name_edit.setText("李娜")
        self.email_edit.setText("")
        return QDialog.DialogCode.Accepted

    asked: list[str] = []
    answers = iter([False, True])

    def fake_confirm(parent, title, text, action):  # type: ignore[no-untyped-def]
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(keys_page.CreateIdentityDialog, "exec", fake_exec)
    monkeypatch.setattr(keys_page, "confirm", fake_confirm)
    page = make_page(qtbot, ctx)
    page.create_button.click()  # Cancel: nothing is made
    assert len(asked) == 1 and first.fingerprint[:16] in asked[0]
    assert [c.fingerprint for c in keys.own_identities()] == [first.fingerprint]
    with qtbot.waitSignal(ctx.identities_changed, timeout=15_000):
        page.create_button.click()  # on purpose
    assert len(keys.own_identities()) == 2 and not ctx.errors
