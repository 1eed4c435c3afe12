"""The table model behind the artifact list: kind, title, date and review state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from workbench.core.services.workspaces import ArtifactRow, ArtifactSummary

# What Qt passes as a model index to the methods a model overrides.
AnyIndex = QModelIndex | QPersistentModelIndex

# Sources for the translations, looked up once per label: data() runs thousands of times
# while a long list sorts and lays out.
_KINDS = {
    "chat": QT_TRANSLATE_NOOP("ArtifactModel", "Chat"),
    "email": QT_TRANSLATE_NOOP("ArtifactModel", "Email"),
    "attachment": QT_TRANSLATE_NOOP("ArtifactModel", "Attachment"),
    "document": QT_TRANSLATE_NOOP("ArtifactModel", "Document"),
    "image": QT_TRANSLATE_NOOP("ArtifactModel", "Image"),
    "skill-file": QT_TRANSLATE_NOOP("ArtifactModel", "Skill file"),
}
_STATES = {
    "pending": QT_TRANSLATE_NOOP("ArtifactModel", "Pending"),
    "approved": QT_TRANSLATE_NOOP("ArtifactModel", "Approved"),
    "excluded": QT_TRANSLATE_NOOP("ArtifactModel", "Excluded"),
}


def kind_label(kind: str) -> str:
    source = _KINDS.get(kind)
    return QCoreApplication.translate("ArtifactModel", str(source)) if source else kind


def state_label(state: str) -> str:
    source = _STATES.get(state)
    return QCoreApplication.translate("ArtifactModel", str(source)) if source else state


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

    def update_rows(self, rows: list[ArtifactSummary]) -> None:
        """Bring the list to `rows` with the least work for the views: rows whose summary
        changed report it, rows added at the end are inserted, and only a list that changed
        otherwise (an item removed or moved) is reset. A reset sorts and measures every row
        again, which takes long at thousands of items."""
        old = self._rows
        if [r.id for r in rows[:len(old)]] != [r.id for r in old]:
            self.set_rows(rows, {r.id: r.findings for r in rows},
                          {r.id: r.sensitive for r in rows})
            return
        changed = [i for i, (before, after) in enumerate(zip(old, rows, strict=False))
                   if before != after]
        for i in changed:
            old[i] = rows[i]
        self.findings = {r.id: r.findings for r in rows}
        self.sensitive = {r.id: r.sensitive for r in rows}
        last = self.columnCount() - 1
        for first, end in _runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(end, last))
        if len(rows) > len(old):
            self.beginInsertRows(QModelIndex(), len(old), len(rows) - 1)
            old.extend(rows[len(old):])
            self.endInsertRows()

    def widest_texts(self) -> dict[int, list[str]]:
        """Every text the narrow columns can show (the title column stretches)."""
        return {
            self.COLUMNS.index("kind"): [kind_label(k) for k in _KINDS],
            self.COLUMNS.index("date"): ["0000-00-00 00:00"],
            self.COLUMNS.index("findings"): ["00000 ⚠"],
            self.COLUMNS.index("state"): [state_label(s) for s in _STATES],
        }

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


def _runs(indexes: list[int]) -> list[tuple[int, int]]:
    """Sorted indexes as (first, last) of each run of consecutive ones."""
    runs: list[tuple[int, int]] = []
    for i in indexes:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs
