"""The texts of the package pages: a bold heading, a selectable note, and a coloured banner
that says whether something passed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel


def heading(text: str, size: float = 1.35) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * size)
    font.setBold(True)
    label.setFont(font)
    return label


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def banner(label: QLabel, text: str, ok: bool | None) -> None:
    """A calm coloured line: green when fine, red when refused, plain otherwise."""
    colours = {True: ("#e8f5e9", "#1b5e20"), False: ("#ffebee", "#b71c1c"),
               None: ("#eceff1", "#263238")}
    background, foreground = colours[ok]
    label.setStyleSheet(f"QLabel {{ background: {background}; color: {foreground}; "
                        "border-radius: 4px; padding: 8px; }")
    label.setText(text)
    label.setVisible(bool(text))
