"""Irreversible actions ask with the action's own name, and Cancel is the default."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.gui.widgets.confirm import confirm, confirm_box


def test_the_action_is_named_and_cancel_is_the_default(qtbot):
    box, go = confirm_box(None, "Purge", "Delete it for good?", "Purge")
    qtbot.addWidget(box)
    assert go.text() == "Purge"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert box.escapeButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Yes) is None


def _answer(qtbot, key: Qt.Key | None, click_action: bool = False) -> bool:
    def press() -> None:
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible())
        if click_action:
            next(b for b in box.buttons() if b.text() == "Purge").click()
        else:
            qtbot.keyClick(box, key)

    QTimer.singleShot(200, press)
    return confirm(None, "Purge", "Delete it for good?", "Purge")


def test_enter_and_escape_cancel_only_the_button_goes_ahead(qtbot):
    assert _answer(qtbot, Qt.Key.Key_Return) is False
    assert _answer(qtbot, Qt.Key.Key_Escape) is False
    assert _answer(qtbot, None, click_action=True) is True
