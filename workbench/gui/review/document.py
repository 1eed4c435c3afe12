"""An artifact as a QTextDocument — chat bubbles, an email header card, plain text — built once
per artifact, with the map between artifact-text offsets and document positions."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

from workbench.core.services.reviewing import ArtifactRow, segment_starts

# Email fields shown in the header card, in the order the importer stores them.
HEADER_FIELDS = ("subject", "from", "to", "cc", "bcc", "reply-to", "date")
# A bubble's inner margin: Qt paints a block's background only under its text, so each line
# starts with this character instead of padding.
PAD = "\u2002"
SELF_BUBBLE = QColor("#dcf1e2")
OTHER_BUBBLE = QColor("#eef1f5")
HEADER_CARD = QColor("#f3f4f6")
MUTED = QColor("#5f6368")


class SegmentLike(Protocol):
    # Read-only members, so frozen dataclasses (Segment, RedactedSegment) match.
    @property
    def text(self) -> str: ...
    @property
    def sender(self) -> str | None: ...
    @property
    def time(self) -> str | None: ...
    @property
    def field(self) -> str | None: ...
    @property
    def placeholder(self) -> str | None: ...


def utf16_len(text: str) -> int:
    """QTextDocument counts UTF-16 code units; Python counts code points (emoji differ)."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF) if has_astral(text) \
        else len(text)


def has_astral(text: str) -> bool:
    """Any character beyond U+FFFF (two UTF-16 units)? Asked of every message of a chat
    drawn, so compared in C (`max` of a str), not character by character in Python."""
    return bool(text) and max(text) > "\uffff"


def _utf16_index(text: str, index: int, astral: bool) -> int:
    return utf16_len(text[:index]) if astral else index


def _code_point_index(text: str, units: int, astral: bool) -> int:
    if not astral:
        return units
    count = 0
    for i, c in enumerate(text):
        if count >= units:
            return i
        count += 2 if ord(c) > 0xFFFF else 1
    return len(text)


def qt_safe(text: str) -> str:
    """Same length, but nothing QTextCursor.insertText would merge or turn into a frame
    ("\\r\\n" counts as one paragraph break there), so positions stay countable."""
    return (text.replace("\r", " ").replace("\ufdd0", "\ufffd").replace("\ufdd1", "\ufffd"))


@dataclass(frozen=True)
class Piece:
    start: int  # offset into the artifact's text (code points)
    doc: int  # document position of its first character (UTF-16 units)
    text: str
    astral: bool

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def doc_end(self) -> int:
        return self.doc + utf16_len(self.text) if self.astral else self.doc + len(self.text)


@dataclass
class TextMap:
    """Pieces of the artifact text in the order they appear in the document (both orders
    agree), so either side is found by bisection."""

    pieces: list[Piece] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _docs: list[int] = field(default_factory=list)

    def add(self, start: int, doc: int, text: str) -> None:
        self.pieces.append(Piece(start, doc, text, has_astral(text)))
        self._starts.append(start)
        self._docs.append(doc)

    def to_doc(self, start: int, end: int) -> list[tuple[int, int]]:
        """Document ranges that show artifact text [start, end) — several when it spans
        messages or lines."""
        ranges = []
        index = max(bisect_right(self._starts, start) - 1, 0)
        for piece in self.pieces[index:]:
            if piece.start >= end:
                break
            a, b = max(start, piece.start), min(end, piece.end)
            if a < b:
                ranges.append((piece.doc + _utf16_index(piece.text, a - piece.start,
                                                        piece.astral),
                               piece.doc + _utf16_index(piece.text, b - piece.start,
                                                        piece.astral)))
        return ranges

    def char_at(self, position: int) -> int | None:
        """The artifact offset of the character at a document position (None: a sender line,
        a field label, a placeholder)."""
        index = bisect_right(self._docs, position) - 1
        if index < 0:
            return None
        piece = self.pieces[index]
        if position >= piece.doc_end:
            return None
        return piece.start + _code_point_index(piece.text, position - piece.doc, piece.astral)

    def to_artifact(self, position: int, is_end: bool) -> int | None:
        """A selection edge in artifact offsets; an edge outside the text moves inwards to the
        nearest text (the next piece for a start, the previous one for an end)."""
        index = bisect_right(self._docs, position) - 1
        if index >= 0:
            piece = self.pieces[index]
            if position <= piece.doc_end:
                return piece.start + _code_point_index(piece.text, position - piece.doc,
                                                       piece.astral)
            if is_end:
                return piece.end
        if is_end:
            return None
        return self.pieces[index + 1].start if index + 1 < len(self.pieces) else None


@dataclass
class Rendered:
    document: QTextDocument
    map: TextMap


def _time_label(time: str | None) -> str:
    # ISO times from the importers: "2024-03-04T09:30:00+08:00" → "09:30".
    if not time:
        return ""
    return time[11:16] if len(time) >= 16 and time[10] == "T" else time


def field_label(name: str) -> str:
    labels = {
        "subject": QCoreApplication.translate("ReviewDocument", "Subject"),
        "from": QCoreApplication.translate("ReviewDocument", "From"),
        "to": QCoreApplication.translate("ReviewDocument", "To"),
        "cc": QCoreApplication.translate("ReviewDocument", "Cc"),
        "bcc": QCoreApplication.translate("ReviewDocument", "Bcc"),
        "reply-to": QCoreApplication.translate("ReviewDocument", "Reply to"),
        "date": QCoreApplication.translate("ReviewDocument", "Date"),
    }
    if name.startswith("page "):
        return QCoreApplication.translate("ReviewDocument", "Page {0}").format(name[5:])
    return labels.get(name, name.capitalize())


class _Builder:
    """Writes segments into a document through one cursor, recording where text lands."""

    def __init__(self, base_font: QFont | None = None) -> None:
        self.document = QTextDocument()
        self.document.setDocumentMargin(14)
        if base_font is not None:
            self.document.setDefaultFont(base_font)
        self.map = TextMap()
        self.cursor = QTextCursor(self.document)
        self._first_block = True
        self._in_card = False
        self.plain = QTextCharFormat()
        self.muted = QTextCharFormat()
        self.muted.setForeground(MUTED)
        small = self.document.defaultFont().pointSizeF()
        self.sender = QTextCharFormat()
        self.sender.setFontWeight(QFont.Weight.DemiBold)
        self.sender.setForeground(MUTED)
        if small > 0:
            self.muted.setFontPointSize(small * 0.9)
            self.sender.setFontPointSize(small * 0.9)
        self.label = QTextCharFormat()
        self.label.setFontWeight(QFont.Weight.DemiBold)
        self.label.setForeground(MUTED)
        self.placeholder = QTextCharFormat()
        self.placeholder.setFontItalic(True)
        self.placeholder.setForeground(MUTED)
        self.bold = QTextCharFormat()
        self.bold.setFontWeight(QFont.Weight.Bold)
        # Block formats made once, not per message.
        self.heads: dict[bool, QTextBlockFormat] = {}
        self.bubbles: dict[bool, QTextBlockFormat] = {}
        for mine in (False, True):
            head = QTextBlockFormat()
            head.setTopMargin(6)
            if mine:
                head.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.heads[mine] = head
            body = QTextBlockFormat()
            body.setBackground(SELF_BUBBLE if mine else OTHER_BUBBLE)
            # Proportional line height: room above and below each line of the bubble.
            body.setLineHeight(135, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            body.setLeftMargin(96 if mine else 0)
            body.setRightMargin(0 if mine else 96)
            self.bubbles[mine] = body
        self.card = QTextBlockFormat()
        self.card.setBackground(HEADER_CARD)
        self.card.setLineHeight(130, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        self.card.setTabPositions([QTextOption.Tab(96, QTextOption.TabType.LeftTab)])
        self.card_first = QTextBlockFormat(self.card)
        self.card_first.setTopMargin(4)
        self.heading = QTextBlockFormat()
        self.heading.setTopMargin(10)
        self.line = QTextBlockFormat()

    def block(self, fmt: QTextBlockFormat | None = None) -> None:
        fmt = fmt or QTextBlockFormat()
        if self._first_block:
            self.cursor.setBlockFormat(fmt)
            self._first_block = False
        else:
            self.cursor.insertBlock(fmt, self.plain)

    def text(self, text: str, fmt: QTextCharFormat, start: int | None, prefix: str = "") -> None:
        """Insert `prefix` (not artifact text) and `text` in one call: every Qt call counts
        when a chat has thousands of messages."""
        if start is not None:
            self.map.add(start, self.cursor.position() + utf16_len(prefix), text)
        self.cursor.insertText(prefix + qt_safe(text), fmt)

    # -- the three shapes of segment -------------------------------------------------------

    def bubble(self, segment: SegmentLike, start: int | None, mine: bool) -> None:
        self._leave_card()
        self.block(self.heads[mine])
        name = segment.sender or QCoreApplication.translate("ReviewDocument", "Unknown sender")
        self.cursor.insertText(name, self.sender)
        time = _time_label(segment.time)
        if time:
            self.cursor.insertText(f"  {time}", self.muted)
        self.block(self.bubbles[mine])
        if segment.placeholder is not None:
            self.cursor.insertText(PAD + segment.text, self.placeholder)
            return
        # One block per message (lines break with U+2028) so the bubble stays one piece.
        for i, line in enumerate(segment.text.split("\n")):
            self.text(line, self.plain, start, "\u2028" + PAD if i else PAD)
            if start is not None:
                start += len(line) + 1

    def header_row(self, segment: SegmentLike, start: int | None) -> None:
        self.block(self.card if self._in_card else self.card_first)
        self._in_card = True
        self.cursor.insertText(f"{PAD}{field_label(segment.field or '')}\t", self.label)
        fmt = self.bold if segment.field == "subject" else self.plain
        for i, line in enumerate(segment.text.split("\n")):
            self.text(line, fmt, start, "\u2028\t" if i else "")
            if start is not None:
                start += len(line) + 1

    def lines(self, segment: SegmentLike, start: int | None, heading: str | None) -> None:
        self._leave_card()
        if heading:
            self.block(self.heading)
            self.cursor.insertText(heading, self.label)
        if segment.placeholder is not None:
            self.block(self.line)
            self.cursor.insertText(segment.text, self.placeholder)
            return
        for line in segment.text.split("\n"):
            self.block(self.line)
            self.text(line, self.plain, start)
            if start is not None:
                start += len(line) + 1

    def _leave_card(self) -> None:
        if self._in_card:
            self._in_card = False
            spacer = QTextBlockFormat()
            spacer.setTopMargin(4)
            self.block(spacer)


def build(segments: Sequence[SegmentLike], starts: Iterable[int | None], mine: Sequence[bool],
          base_font: QFont | None = None) -> Rendered:
    """Lay out the segments; `starts` gives each one's offset into the artifact text (None
    for segments that carry none: placeholders, or a preview where offsets mean nothing);
    `mine` says which messages are the employee's (drawn on the right)."""
    builder = _Builder(base_font)
    builder.cursor.beginEditBlock()
    single = len(segments) == 1
    for segment, start, own in zip(segments, starts, mine, strict=True):
        if segment.sender is not None or (segment.placeholder is not None
                                          and segment.field is None):
            builder.bubble(segment, start, own)
        elif segment.field in HEADER_FIELDS:
            builder.header_row(segment, start)
        else:
            heading = None
            if segment.field and segment.field != "body" and not single:
                heading = field_label(segment.field)
            builder.lines(segment, start, heading)
    builder.cursor.endEditBlock()
    builder.document.setModified(False)
    return Rendered(builder.document, builder.map)


def render_artifact(artifact: ArtifactRow, self_senders: set[str],
                    base_font: QFont | None = None) -> Rendered:
    mine = [s.sender in self_senders for s in artifact.segments]
    return build(artifact.segments, segment_starts(artifact), mine, base_font)


def render_preview(segments: Sequence[SegmentLike], mine: Sequence[bool],
                   base_font: QFont | None = None) -> QTextDocument:
    """The export as it will read (sender names there are already aliases, so which
    messages are the employee's comes from the original artifact)."""
    return build(segments, [None] * len(segments), mine, base_font).document
