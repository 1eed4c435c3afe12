"""Choosing a package on the HR and recipient pages: who you act as, a button and a drop zone
to pick a .cwpkg file, and dropping one on the page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from workbench.gui.pages.base import Page


def dropped_package(mime: QMimeData) -> Path | None:
    """The one local file being dragged, if there is exactly one."""
    files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return files[0] if len(files) == 1 and files[0].is_file() else None


class PackageDrops:
    """For a page that takes one package file dropped on it while it is not busy: it has
    `busy` and `load(path)`."""

    @property
    def busy(self) -> bool:
        raise NotImplementedError

    def load(self, path: Path) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_package(event.mimeData()) is not None and not self.busy:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_package(event.mimeData())
        if path is not None and not self.busy:
            event.acceptProposedAction()
            self.load(path)


class DropZone(QLabel):
    """A dashed box that says a package can be dropped here; clicking it opens the picker."""

    clicked = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumHeight(56)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("QLabel { border: 2px dashed palette(mid); border-radius: 8px; "
                           "padding: 10px; color: palette(text); }")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class PackageChooser:
    """The top of the HR and recipient pages: who you act as (with a way to the Keys page),
    and a button and drop zone to choose a package. Texts come translated from the page."""

    def __init__(self, page: Page, open_text: str, open_tip: str, keys_text: str,
                 drop_text: str, choose: Callable[[], None]) -> None:
        self.identity_note = QLabel()
        self.identity_note.setWordWrap(True)
        self.keys_button = QPushButton(keys_text)
        self.keys_button.clicked.connect(lambda: page.ctx.page_requested.emit("keys"))
        self.identity_row = QHBoxLayout()
        self.identity_row.addWidget(self.identity_note, 1)
        self.identity_row.addWidget(self.keys_button)
        self.open_button = QPushButton(open_text)
        self.open_button.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_button.setToolTip(open_tip)
        self.open_button.clicked.connect(choose)
        self.drop_zone = DropZone(drop_text)
        self.drop_zone.clicked.connect(choose)
        self.open_row = QHBoxLayout()
        self.open_row.addWidget(self.open_button)
        self.open_row.addWidget(self.drop_zone, 1)
