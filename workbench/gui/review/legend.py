"""The colour legend: each category with how many findings of it this artifact has, and what
the highlight styles mean."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from workbench.core.workspace import StoredFinding
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
        styles = QLabel(self.tr("Strong colour: needs a decision. Struck through: will be "
                                "redacted. Dashed underline: replaced by an alias. Dotted "
                                "underline: kept as is."))
        styles.setWordWrap(True)
        styles.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(styles)

    def set_findings(self, findings: list[StoredFinding]) -> None:
        counts = Counter(category_of(f).key for f in findings)
        for category in CATEGORIES:
            label = self._counts[category.key]
            n = counts.get(category.key, 0)
            label.setText(self.tr("{0} ({1})").format(category.label(), n) if n
                          else category.label())
            label.setEnabled(bool(n))
