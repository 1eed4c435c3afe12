"""The side panel for one finding — what it is, whom it is about, the decision buttons — and
the list of all findings in the artifact."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workbench.core.services.reviewing import StoredFinding, choices
from workbench.gui.qt_types import layout_of
from workbench.gui.review.categories import (
    category_of,
    decision_label,
    detector_label,
    entity_label,
    party_label,
)

MAX_VALUE = 160
SHOWN_VALUE = 36


_chips: dict[str, QIcon] = {}


def _chip(color: QColor) -> QIcon:
    """A square of the category's colour, made once per colour (a list has hundreds)."""
    name = color.name()
    if name not in _chips:
        pixmap = QPixmap(12, 12)
        pixmap.fill(color)
        _chips[name] = QIcon(pixmap)
    return _chips[name]


def _short(value: str, limit: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


class FindingPanel(QWidget):
    decide_requested = Signal(str, bool)  # decision, all occurrences
    remove_requested = Signal()
    finding_chosen = Signal(int)
    all_occurrences: QCheckBox  # made after the buttons whose clicks read it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding: StoredFinding | None = None
        self._findings: dict[int, StoredFinding] = {}
        self._alias_of: Callable[[StoredFinding], str | None] = lambda _f: None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        box = QGroupBox(self.tr("Selected finding"))
        box_layout = QVBoxLayout(box)
        self.hint = QLabel(self.tr("Click a coloured passage in the text, or a box on a "
                                   "picture, to see what was found and decide what happens "
                                   "to it."))
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop)
        # Shown or hidden rather than stacked: a stacked page with wrapped labels was given
        # less height than it needs.
        self.details = self._details()
        box_layout.addWidget(self.hint)
        box_layout.addWidget(self.details)
        layout.addWidget(box)

        found = QGroupBox(self.tr("Findings in this item"))
        found_layout = QVBoxLayout(found)
        self.summary = QLabel()
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.itemClicked.connect(lambda item: self.finding_chosen.emit(
            int(item.data(Qt.ItemDataRole.UserRole))))
        self.list.itemActivated.connect(lambda item: self.finding_chosen.emit(
            int(item.data(Qt.ItemDataRole.UserRole))))
        found_layout.addWidget(self.summary)
        found_layout.addWidget(self.list, 1)
        layout.addWidget(found, 1)
        self.show_finding(None, None)

    def _details(self) -> QWidget:
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setMinimumHeight(round(self.title.fontMetrics().lineSpacing() * 1.35))
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        # One line, shortened (the whole value is in the tooltip and in the text itself): a
        # wrapping label here made the layout squeeze the rows below it.
        self.value = QLabel()
        self.value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.value.setMinimumHeight(round(self.value.fontMetrics().lineSpacing() * 1.35) + 8)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value.setStyleSheet("padding: 4px; background: palette(alternate-base);")
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(3)
        # One line each: word-wrapped labels in a form get squeezed and clipped.
        self.about = QLabel()
        self.score = QLabel()
        self.detector = QLabel()
        self.decision = QLabel()
        # Chinese glyphs come from a fallback font taller than the UI font's metrics say:
        # reserve that height, or the rows are clipped.
        row_height = round(self.about.fontMetrics().lineSpacing() * 1.35)
        for label, field in ((self.tr("About:"), self.about),
                             (self.tr("Confidence:"), self.score),
                             (self.tr("Found by:"), self.detector),
                             (self.tr("Decision:"), self.decision)):
            name = QLabel(label)
            for row_widget in (name, field):
                row_widget.setMinimumHeight(row_height)
            form.addRow(name, field)

        buttons = QHBoxLayout()
        self.redact = QPushButton(self.tr("Redact"))
        self.redact.setToolTip(self.tr("Hide it behind a placeholder such as [PHONE]."))
        self.alias = QPushButton(self.tr("Use alias"))
        self.keep = QPushButton(self.tr("Keep"))
        self.group = QButtonGroup(self)
        for decision, button in (("redact", self.redact), ("pseudonymise", self.alias),
                                 ("keep", self.keep)):
            button.setCheckable(True)
            self.group.addButton(button)
            button.clicked.connect(lambda _=False, d=decision: self.decide_requested.emit(
                d, self.all_occurrences.isChecked()))
            buttons.addWidget(button)
        self.all_occurrences = QCheckBox(self.tr("Apply to every occurrence"))
        self.all_occurrences.setToolTip(self.tr("Decide the same for this value wherever it "
                                                "appears in the workspace."))
        self.remove = QPushButton(self.tr("Remove this redaction"))
        self.remove.setToolTip(self.tr("Remove a redaction you made by mistake (Delete)."))
        self.remove.clicked.connect(self.remove_requested)

        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.all_occurrences)
        layout.addWidget(self.remove)
        return widget

    def show_finding(self, finding: StoredFinding | None, alias: str | None) -> None:
        self.finding = finding
        self.hint.setVisible(finding is None)
        self.details.setVisible(finding is not None)
        if finding is None:
            return
        category = category_of(finding)
        self.title.setText(f"■ {entity_label(finding.entity)}")
        self.title.setStyleSheet(f"color: {category.strong.darker(140).name()};")
        if finding.box is not None and not finding.value:
            x, y, w, h = finding.box
            self.value.setText(self.tr("Area of the picture: {0}×{1} at ({2}, {3})")
                               .format(w, h, x, y))
            self.value.setToolTip("")
        else:
            self.value.setText(_short(finding.value, SHOWN_VALUE))
            self.value.setToolTip(_short(finding.value, MAX_VALUE))
        self.about.setText(party_label(finding.party, alias))
        self.score.setText(f"{finding.score:.0%}")
        self.detector.setText(detector_label(finding.detector, finding.value))
        self.decision.setText(decision_label(finding.decision))
        # The choices the review service allows for this finding, and why it refuses others.
        allowed = choices(finding)
        self.keep.setEnabled(allowed.keep.allowed)
        self.keep.setToolTip(allowed.keep.reason or self.tr("Leave it as it is in the export."))
        self.alias.setEnabled(allowed.pseudonymise.allowed)
        self.alias.setToolTip(
            allowed.pseudonymise.reason
            or self.tr("Replace it with an alias such as Colleague A, the same everywhere."))
        self.redact.setEnabled(allowed.redact.allowed)
        self.group.setExclusive(False)
        for decision, button in (("redact", self.redact), ("pseudonymise", self.alias),
                                 ("keep", self.keep)):
            button.setChecked(finding.decision == decision)
        self.group.setExclusive(True)
        # A drawn box or a selection can be taken back; a detector's finding is decided.
        self.remove.setVisible(allowed.removable)
        # An explicit minimum: the height-for-width pass otherwise squeezes the form rows.
        self.details.setMinimumHeight(layout_of(self.details).minimumSize().height())

    def set_findings(self, findings: list[StoredFinding], selected: int | None,
                     alias_of: Callable[[StoredFinding], str | None]) -> None:
        """Fill the list (once per change of findings) and show the selected one."""
        self._alias_of = alias_of
        self._findings = {f.id: f for f in findings}
        self.list.blockSignals(True)
        self.list.clear()
        pending = 0
        bold = QFont(self.list.font())
        bold.setBold(True)
        for finding in findings:
            value = finding.value or self.tr("area of the picture")
            item = QListWidgetItem(_chip(category_of(finding).strong),
                                   self.tr("{0}: {1} — {2}").format(
                                       entity_label(finding.entity), _short(value, 40),
                                       decision_label(finding.decision)))
            item.setData(Qt.ItemDataRole.UserRole, finding.id)
            item.setToolTip(_short(finding.value, MAX_VALUE))
            if finding.decision == "pending":
                pending += 1
                item.setFont(bold)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if not findings:
            self.summary.setText(self.tr("Nothing was found here."))
        elif pending:
            self.summary.setText(self.tr("{0} found, {1} still need a decision.")
                                 .format(len(findings), pending))
        else:
            self.summary.setText(self.tr("{0} found, all decided.").format(len(findings)))
        self.select(selected)

    def select(self, finding_id: int | None) -> None:
        finding = self._findings.get(finding_id) if finding_id is not None else None
        self.list.blockSignals(True)
        self.list.clearSelection()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if finding is not None and item.data(Qt.ItemDataRole.UserRole) == finding.id:
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)
                break
        self.list.blockSignals(False)
        self.show_finding(finding, self._alias_of(finding) if finding else None)
