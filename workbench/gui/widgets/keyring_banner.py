"""The warning strip shown while private keys live in the passphrase file, not a keyring."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from workbench.core.errors import WorkbenchError
from workbench.core.services import identities


class KeyringBanner(QFrame):
    """Visible only while the secret store is the passphrase file by fall-back, not choice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KeyringBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Amber, not red: nothing is wrong, but the user should know and keep the passphrase.
        self.setStyleSheet("#KeyringBanner { background: #fff4ce; border: 1px solid #e0b100;"
                           " border-radius: 4px; } #KeyringBanner QLabel { color: #3d2f00; }")
        icon = QLabel("⚠")
        icon.setStyleSheet("font-size: 18px;")
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(icon)
        layout.addWidget(self.label, 1)
        # Read once, it need not take room on every page: dismissed for this key file.
        self.dismiss_button = QPushButton(self.tr("Got it"))
        self.dismiss_button.setToolTip(self.tr("Hide this notice; it comes back if the keys "
                                               "move to another file."))
        self.dismiss_button.clicked.connect(self.dismiss)
        layout.addWidget(self.dismiss_button)
        self._where = ""
        self.refresh()

    def dismiss(self) -> None:
        QSettings().setValue("keyring_banner_dismissed", self._where)
        self.hide()

    def refresh(self) -> None:
        """Check the store again (WORKBENCH_HOME or the keyring may have changed)."""
        try:
            store = identities.key_store()
        except WorkbenchError:
            self.hide()
            return
        if not store.fallback:  # a keyring, or a passphrase file the user chose
            self.hide()
            return
        where = store.where
        self._where = where
        if QSettings().value("keyring_banner_dismissed", "") == self._where:
            self.hide()
            return
        self.label.setText(self.tr(
            "No system keyring: your private keys and workspace keys are kept in a "
            "passphrase-protected file ({0}). You will be asked for the passphrase when you "
            "open a workspace, sign or open packages; keep it safe, because nobody can recover "
            "the keys, or the workspace, without it.").format(where))
        self.show()
