"""The colour legend: each category with how many findings of it this artifact has, and what
the highlight styles mean."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from workbench.core.services.reviewing import StoredFinding
from workbench.gui.review.categories import CATEGORIES, category_of


class Legend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self._counts: dict[str, QLabel] = {}
        for index, category in enumerate(CATEGORIES):
            row, column = divmod(index, 2)
            chip = QLabel()
            chip.setFixedSize(14, 14)
            chip.setStyleSheet(f"background: {category.strong.name()}; border-radius: 3px;")
            name = QLabel(category.label())
            name.setToolTip(category.label())
            self._counts[category.key] = name
            grid.addWidget(chip, row, column * 2)
            grid.addWidget(name, row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout.addLayout(grid)
        # Two short unwrapped lines: a wrapping label makes the side panel's layout give the
        # finding box less height than it needs.
        for text in (self.tr("Bright: needs a decision · Struck out: redacted"),
                     self.tr("Dashed underline: alias · Dotted: kept")):
            line = QLabel(text)
            line.setToolTip(text)
            line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            line.setStyleSheet("color: palette(placeholder-text);")
            layout.addWidget(line)

    def set_findings(self, findings: list[StoredFinding]) -> None:
        counts = Counter(category_of(f).key for f in findings)
        for category in CATEGORIES:
            label = self._counts[category.key]
            n = counts.get(category.key, 0)
            label.setText(self.tr("{0} ({1})").format(category.label(), n) if n
                          else category.label())
            label.setEnabled(bool(n))
