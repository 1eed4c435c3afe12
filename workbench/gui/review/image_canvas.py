"""A picture scaled to fit, with its finding boxes drawn over it: click a box to select it,
drag to draw a new one, Delete to take the selected one away."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from workbench.core.services.reviewing import MIN_BOX, StoredFinding
from workbench.gui.review.categories import category_of

if TYPE_CHECKING:
    from PIL import Image

Box = tuple[int, int, int, int]
MARGIN = 12
MIN_DRAG = 5  # pixels on screen before a press becomes a drawn box
MAX_UPSCALE = 2.0


def to_qimage(image: Image.Image) -> QImage:
    rgba = image.convert("RGBA")
    data = rgba.tobytes("raw", "RGBA")
    qimage = QImage(data, rgba.width, rgba.height, rgba.width * 4,
                    QImage.Format.Format_RGBA8888)
    return qimage.copy()  # own the pixels: `data` goes away with this frame


@dataclass(frozen=True)
class CanvasBox:
    id: int
    box: Box
    color: QColor
    decision: str


def canvas_boxes(findings: list[StoredFinding]) -> list[CanvasBox]:
    return [CanvasBox(f.id, f.box, category_of(f).strong, f.decision)
            for f in findings if f.box is not None]


class ImageCanvas(QWidget):
    box_drawn = Signal(object)  # (x, y, w, h) in image pixels
    box_clicked = Signal(int)  # finding id, -1 for the picture itself
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 150)
        self.image = QImage()
        self.boxes: list[CanvasBox] = []
        self.selected: int | None = None
        self.drawing_enabled = True
        self.message = ""
        self._scaled: QPixmap | None = None
        self._press: QPoint | None = None
        self._drag: QPoint | None = None

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    def set_image(self, image: QImage, message: str = "") -> None:
        self.image = image
        self.message = message
        self._scaled = None
        self.update()

    def set_boxes(self, boxes: list[CanvasBox], selected: int | None) -> None:
        self.boxes = boxes
        self.selected = selected
        self.update()

    # -- geometry ----------------------------------------------------------------------------

    def image_rect(self) -> QRectF:
        """Where the picture is drawn: centred, fitted, never blown up past 2×."""
        if self.image.isNull():
            return QRectF()
        area = self.rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        scale = min(area.width() / self.image.width(), area.height() / self.image.height(),
                    MAX_UPSCALE)
        scale = max(scale, 0.01)
        w, h = self.image.width() * scale, self.image.height() * scale
        return QRectF(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2,
                      w, h)

    def _scale(self) -> float:
        rect = self.image_rect()
        return rect.width() / self.image.width() if not self.image.isNull() else 1.0

    def to_image(self, point: QPointF) -> QPointF:
        rect, scale = self.image_rect(), self._scale()
        x = min(max((point.x() - rect.x()) / scale, 0), self.image.width())
        y = min(max((point.y() - rect.y()) / scale, 0), self.image.height())
        return QPointF(x, y)

    def to_screen(self, box: Box) -> QRectF:
        rect, scale = self.image_rect(), self._scale()
        x, y, w, h = box
        return QRectF(rect.x() + x * scale, rect.y() + y * scale, w * scale, h * scale)

    def box_at(self, point: QPointF) -> int | None:
        """The smallest box under the point, so a box inside a box can be picked."""
        hits = [b for b in self.boxes if self.to_screen(b.box).contains(point)]
        if not hits:
            return None
        return min(hits, key=lambda b: b.box[2] * b.box[3]).id

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        if self.image.isNull():
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter
                             | Qt.TextFlag.TextWordWrap, self.message)
            return
        rect = self.image_rect()
        if self._scaled is None or self._scaled.size() != rect.size().toSize():
            self._scaled = QPixmap.fromImage(self.image.scaled(
                rect.size().toSize(), Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        painter.drawPixmap(rect.topLeft(), self._scaled)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for box in self.boxes:
            self._paint_box(painter, box)
        if self._press is not None and self._drag is not None:
            pen = QPen(QColor("#1a73e8"), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(QColor(26, 115, 232, 40))
            painter.drawRect(QRect(self._press, self._drag).normalized())

    def _paint_box(self, painter: QPainter, box: CanvasBox) -> None:
        screen = self.to_screen(box.box)
        selected = box.id == self.selected
        fill = QColor(box.color)
        # What will happen shows in the fill: dark for redacted, pale for an alias, none
        # for kept, the category colour while undecided.
        if box.decision == "redact":
            fill = QColor(0, 0, 0, 110)
        elif box.decision == "pseudonymise":
            fill = QColor(255, 255, 255, 150)
        elif box.decision == "keep":
            fill = QColor(0, 0, 0, 0)
        else:
            fill.setAlpha(70)
        pen = QPen(QColor("#1a73e8") if selected else box.color.darker(130),
                   3 if selected else 2,
                   Qt.PenStyle.DotLine if box.decision == "keep" else Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRect(screen)

    # -- mouse and keys ------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() == Qt.MouseButton.LeftButton and not self.image.isNull():
            self._press = event.position().toPoint()
            self._drag = None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and self.drawing_enabled:
            point = event.position().toPoint()
            if self._drag is not None or (point - self._press).manhattanLength() >= MIN_DRAG:
                self._drag = point
                self.update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, drag = self._press, self._drag
        self._press = self._drag = None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        end = event.position().toPoint()
        if drag is None and (end - press).manhattanLength() >= MIN_DRAG:
            drag = end  # a release far from the press is a drag even without move events
        if drag is not None and self.drawing_enabled:
            self.update()
            a, b = self.to_image(QPointF(press)), self.to_image(QPointF(end))
            x, y = int(min(a.x(), b.x())), int(min(a.y(), b.y()))
            w, h = round(abs(b.x() - a.x())), round(abs(b.y() - a.y()))
            # The drag is held to the picture (`to_image`), and a box too small for the image
            # box rule is a click that slipped, not a request to refuse.
            if w >= MIN_BOX and h >= MIN_BOX:
                self.box_drawn.emit((x, y, w, h))
            return
        hit = self.box_at(QPointF(end))
        self.box_clicked.emit(-1 if hit is None else hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
                and self.selected is not None):
            self.delete_requested.emit(self.selected)
            return
        super().keyPressEvent(event)
