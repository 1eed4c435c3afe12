"""A package's checks: each with ✓ or ✗, its name, and the core's detail beneath it."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from workbench.core.services.receiving import Check

OK_COLOUR = QColor("#2e7d32")
BAD_COLOUR = QColor("#c62828")


def check_detail(check: Check) -> str:
    """The check's detail in the user's language, from the core's catalogue."""
    return check.text()


class ChecksList(QScrollArea):
    """Every check with ✓ or ✗, its name, and the core's own detail beneath it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setContentsMargins(6, 6, 6, 6)
        self.label.setBackgroundRole(QPalette.ColorRole.Base)
        self.label.setAutoFillBackground(True)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self._texts: list[str] = []

    def set_checks(self, checks: list[Check] | tuple[Check, ...]) -> None:
        self._texts = [f"{'✓' if c.ok else '✗'}  {c.title()} — {check_detail(c)}"
                       for c in checks]
        rows = []
        for check in checks:
            colour = OK_COLOUR.name() if check.ok else BAD_COLOUR.name()
            detail_colour = "#555555" if check.ok else BAD_COLOUR.name()
            rows.append(
                f"<tr><td style='color:{colour}; font-weight:bold; padding-right:6px'>"
                f"{'✓' if check.ok else '✗'}</td><td><b>{html.escape(check.title())}"
                f"</b><br><span style='color:{detail_colour}'>"
                f"{html.escape(check_detail(check))}"
                "</span></td></tr>")
        self.label.setText("<table cellspacing='0' cellpadding='2'>" + "".join(rows)
                           + "</table>")

    def clear(self) -> None:
        self._texts = []
        self.label.clear()

    def texts(self) -> list[str]:
        return list(self._texts)
