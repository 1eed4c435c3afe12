"""The artifact's text with every finding highlighted in its category colour; reports clicks
on characters and turns the mouse selection into artifact-text offsets."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit, QWidget

from workbench.core.services.reviewing import StoredFinding
from workbench.gui.review.categories import category_of
from workbench.gui.review.document import TextMap

SELECTED_TEXT = QColor("#ffffff")
SELECTED_BACKGROUND = QColor("#1a73e8")
PREVIEW_MARK = QColor("#ffe9a8")


def finding_format(finding: StoredFinding, selected: bool) -> QTextCharFormat:
    """Strong colour: still to decide. Decided ones turn light and show what will happen:
    struck through (redacted), dashed underline (alias), dotted underline (kept)."""
    category = category_of(finding)
    fmt = QTextCharFormat()
    if selected:
        fmt.setBackground(SELECTED_BACKGROUND)
        fmt.setForeground(SELECTED_TEXT)
        return fmt
    if finding.decision == "pending":
        fmt.setBackground(category.strong)
    elif finding.decision == "keep":
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(category.strong.darker(150))
    else:
        fmt.setBackground(category.light)
        if finding.decision == "redact":
            fmt.setFontStrikeOut(True)
        else:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(category.strong.darker(160))
    return fmt


class FindingView(QTextEdit):
    """Read-only; selectable. The document is set once per artifact; highlights are extra
    selections, so a new decision repaints without rebuilding the text."""

    char_clicked = Signal(int)  # document position of the character under a click

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setUndoRedoEnabled(False)
        self.text_map = TextMap()
        self._highlighted: dict[int, list[tuple[int, int]]] = {}
        self._press: QPoint | None = None
        self._own: QTextDocument | None = None

    def show_document(self, document: QTextDocument, text_map: TextMap | None) -> None:
        self.setExtraSelections([])
        self._highlighted = {}
        old, self._own = self._own, document
        document.setParent(self)  # ours, so the text control does not delete it
        self.setDocument(document)
        if old is not None and old is not document:
            old.deleteLater()
        self.text_map = text_map or TextMap()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def highlight(self, findings: list[StoredFinding], selected: int | None) -> None:
        """Longest first, so a name inside a highlighted sensitive sentence stays visible."""
        selections = []
        self._highlighted = {}
        for finding in sorted(findings, key=lambda f: (f.id == selected, f.start - f.end)):
            ranges = self.text_map.to_doc(finding.start, finding.end)
            if not ranges:
                continue
            self._highlighted[finding.id] = ranges
            fmt = finding_format(finding, finding.id == selected)
            for start, end in ranges:
                selections.append(self._selection(start, end, fmt))
        self.setExtraSelections(selections)

    def mark(self, ranges: list[tuple[int, int]]) -> None:
        """Preview: a pale mark under what was replaced (placeholders, aliases)."""
        fmt = QTextCharFormat()
        fmt.setBackground(PREVIEW_MARK)
        self._highlighted = {}
        self.setExtraSelections([self._selection(s, e, fmt) for s, e in ranges])

    def highlighted_ids(self) -> set[int]:
        return set(self._highlighted)

    def reveal(self, finding_id: int) -> None:
        ranges = self._highlighted.get(finding_id)
        if not ranges:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(ranges[0][0])
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def doc_position_of(self, finding_id: int) -> int | None:
        ranges = self._highlighted.get(finding_id)
        return ranges[0][0] if ranges else None

    def selection_span(self) -> tuple[int, int] | None:
        """The selection in artifact offsets, or None when it holds no artifact text."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.text_map.to_artifact(cursor.selectionStart(), is_end=False)
        end = self.text_map.to_artifact(cursor.selectionEnd(), is_end=True)
        if start is None or end is None or end <= start:
            return None
        return start, end

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    # -- clicks ------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        point = event.position().toPoint()
        if (event.button() != Qt.MouseButton.LeftButton or press is None
                or (point - press).manhattanLength() > 4 or self.textCursor().hasSelection()):
            return
        self.char_clicked.emit(self.char_position_at(point))

    def char_position_at(self, point: QPoint) -> int:
        """The character under the point (a cursor position lies between two characters:
        pick the one on the side that was clicked)."""
        cursor = self.cursorForPosition(point)
        rect = self.cursorRect(cursor)
        position = cursor.position()
        if point.x() < rect.x() and position > 0:
            return position - 1
        return position
