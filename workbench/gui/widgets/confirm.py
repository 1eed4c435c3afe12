"""Asking before something that cannot be undone: the action named on its button, Cancel the
default, so Enter or Escape never destroys anything."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


def confirm_box(parent: QWidget | None, title: str, text: str,
                action: str) -> tuple[QMessageBox, QPushButton]:
    """The question, with a button named after the action and Cancel as the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    go.setAutoDefault(False)
    return box, go


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """True only when the action's own button was clicked."""
    box, go = confirm_box(parent, title, text, action)
    box.exec()
    return box.clickedButton() is go
