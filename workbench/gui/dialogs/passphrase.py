"""The passphrase dialog for the key file, and the prompt the secret store calls from any thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.core.services import identities


class PassphraseDialog(QDialog):
    """Asks for the passphrase of the key file; twice, to confirm it, when the file is new."""

    def __init__(self, creating: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.creating = creating
        self.setWindowTitle(self.tr("Passphrase for your private keys"))
        self.setMinimumWidth(520)

        if creating and _keyring_available():
            text = self.tr(
                "Your private keys will be kept in a file protected by a passphrase, as you "
                "chose. Choose the passphrase now; you will be asked for it when you sign or "
                "open packages. Keep it safe: without it the keys cannot be recovered and "
                "nobody can reset it.")
        elif creating:
            text = self.tr(
                "This computer has no system keyring, so Consent Workbench keeps your private "
                "keys in a file protected by a passphrase. Choose a passphrase now; you will be "
                "asked for it when you sign or open packages. Keep it safe: without it the keys "
                "cannot be recovered and nobody can reset it.")
        else:
            text = self.tr(
                "Your private keys are kept in a passphrase-protected file because this "
                "computer has no system keyring. Enter the passphrase to unlock them for this "
                "session.")
        explanation = QLabel(text)
        explanation.setWordWrap(True)

        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase:"), self.first)
        if creating:
            form.addRow(self.tr("Repeat it:"), self.second)
        else:
            self.second.hide()

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Set passphrase") if creating else self.tr("Unlock"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.first.setFocus()

    def passphrase(self) -> str:
        return self.first.text()

    def accept(self) -> None:
        # Only the entry is checked here; whether it unlocks the file is the store's business.
        if not self.first.text():
            self._show_problem(self.tr("Enter a passphrase."))
            return
        if self.creating:
            if self.first.text() != self.second.text():
                self._show_problem(self.tr("The two passphrases do not match."))
                self.second.clear()
                self.second.setFocus()
                return
            # The key store's rule, the same as on the command line; refused, not warned.
            weakness = identities.passphrase_weakness(self.first.text())
            if weakness is not None:
                self._show_problem(self.tr(
                    "This passphrase is too short: use at least {0} characters (a few "
                    "unrelated words are easy to remember).").format(
                        identities.MIN_PASSPHRASE_LENGTH) if weakness == "short" else
                    self.tr("This passphrase is too easy to guess (common words, names, dates "
                            "or patterns): add more unrelated words."))
                self.first.setFocus()
                return
        super().accept()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()


def _keyring_available() -> bool:
    try:
        return identities.keyring_available()
    except Exception:  # no keyring module state to ask: treat as none
        return False


def ask_passphrase(creating: bool, parent: QWidget | None = None) -> str:
    """Show the dialog (on the calling thread, which must be the UI thread)."""
    dialog = PassphraseDialog(creating, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            raise identities.passphrase_cancelled()
        return dialog.passphrase()
    finally:
        dialog.deleteLater()


class _PromptBridge(QObject):
    """Lives in the UI thread; worker threads reach it through a blocking queued signal."""

    requested = Signal(bool, object)  # creating, the dict that receives the answer

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.dialog_parent = parent if isinstance(parent, QWidget) else None
        # Workers ask one at a time, so two dialogs never stack up.
        self.lock = threading.Lock()
        self.requested.connect(self._ask, Qt.ConnectionType.BlockingQueuedConnection)

    @Slot(bool, object)
    def _ask(self, creating: bool, reply: dict[str, object]) -> None:
        try:
            reply["answer"] = ask_passphrase(creating, self.dialog_parent)
        except Exception as exc:  # handed back to the asking thread, which raises it
            reply["error"] = exc

    def prompt(self, creating: bool) -> str:
        reply: dict[str, object] = {}
        if QThread.currentThread() is self.thread():
            self._ask(creating, reply)  # a queued call to ourselves would deadlock
        else:
            with self.lock:
                self.requested.emit(creating, reply)  # returns once the dialog is closed
        error = reply.get("error")
        if isinstance(error, Exception):
            raise error
        return str(reply.get("answer", ""))


_bridge: _PromptBridge | None = None


def install_gui_passphrase_prompt(parent: QWidget | None) -> None:
    """Make the secret store ask with `PassphraseDialog`. Call it on the UI thread."""
    global _bridge
    bridge = _PromptBridge(parent)
    _bridge = bridge  # kept alive even without a Qt parent

    def prompt(creating: bool) -> str:
        try:
            return bridge.prompt(creating)
        except RuntimeError as exc:  # the window that owned the bridge is gone
            raise identities.passphrase_unavailable() from exc

    identities.set_passphrase_prompt(prompt)
