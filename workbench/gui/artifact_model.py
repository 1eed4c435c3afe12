"""The table model behind the artifact list: kind, title, date and review state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from workbench.core.workspace import ArtifactRow, ArtifactSummary

# What Qt passes as a model index to the methods a model overrides.
AnyIndex = QModelIndex | QPersistentModelIndex


def kind_label(kind: str) -> str:
    labels = {
        "chat": QCoreApplication.translate("ArtifactModel", "Chat"),
        "email": QCoreApplication.translate("ArtifactModel", "Email"),
        "attachment": QCoreApplication.translate("ArtifactModel", "Attachment"),
        "document": QCoreApplication.translate("ArtifactModel", "Document"),
        "image": QCoreApplication.translate("ArtifactModel", "Image"),
        "skill-file": QCoreApplication.translate("ArtifactModel", "Skill file"),
    }
    return labels.get(kind, kind)


def state_label(state: str) -> str:
    labels = {
        "pending": QCoreApplication.translate("ArtifactModel", "Pending"),
        "approved": QCoreApplication.translate("ArtifactModel", "Approved"),
        "excluded": QCoreApplication.translate("ArtifactModel", "Excluded"),
    }
    return labels.get(state, state)


class ArtifactModel(QAbstractTableModel):
    COLUMNS = ("kind", "title", "date", "findings", "state")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ArtifactRow | ArtifactSummary] = []
        self.findings: dict[str, int] = {}
        self.sensitive: dict[str, bool] = {}

    def set_rows(self, rows: list[ArtifactRow] | list[ArtifactSummary],
                 findings: dict[str, int] | None = None,
                 sensitive: dict[str, bool] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.findings = findings or {}
        self.sensitive = sensitive or {}
        self.endResetModel()

    def row_at(self, row: int) -> ArtifactRow | ArtifactSummary:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Kind"), self.tr("Title"), self.tr("Date"), self.tr("Findings"),
            self.tr("State"),
        )[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and column == "state":
            return {"approved": QColor("#1b7f3b"), "excluded": QColor("#8a8a8a")}.get(
                row.state.value)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == "findings":
            count = self.findings.get(row.id, 0)
            mark = " ⚠" if self.sensitive.get(row.id) else ""
            return f"{count}{mark}" if count else ""
        if column == "kind":
            return kind_label(row.kind.value)
        if column == "title":
            return row.title
        if column == "date":
            return (row.started_at or "")[:16].replace("T", " ")
        return state_label(row.state.value)
