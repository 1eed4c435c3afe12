"""Storing review decisions: decisions, manual redactions, states, and undo."""

from __future__ import annotations

import json

from workbench.core import clock
from workbench.core.errors import (
    BadInputError,
    coded,
)
from workbench.core.ingest.artifacts import (
    ArtifactState,
)
from workbench.core.workspace.base import (
    _box_text,
    _inserted_id,
    finding_row,
    history_row,
)
from workbench.core.workspace.queries import Queries
from workbench.core.workspace.rows import (
    UndoneChange,
)


class Decisions(Queries):
    """Storing review decisions: decisions, manual redactions, states, and undo."""

    def set_decisions(self, changes: list[tuple[int, str]]) -> None:
        """Set finding decisions in one transaction, remembering the old ones for undo."""
        if not changes:
            return
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            batch = self._next_batch()
            touched: list[str] = []
            for finding_id, decision in changes:
                old, artifact_id = self._conn.execute(
                    "SELECT decision, artifact_id FROM findings WHERE id = ?",
                    (finding_id,)).fetchone()
                if old == decision:
                    continue
                self._conn.execute("UPDATE findings SET decision = ? WHERE id = ?",
                                   (decision, finding_id))
                self._history("decide", batch, finding_id=finding_id, old=old, new=decision)
                touched.append(artifact_id)
            self._seal_reviews(touched)

    def add_manual_findings(self, spans: list[tuple[str, int, int, str, str]]) -> list[int]:
        """(artifact id, start, end, entity, decision) → new finding ids, one undo step."""
        ids = []
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            batch = self._next_batch()
            rows = {}
            for artifact_id, start, end, entity, decision in spans:
                if artifact_id not in rows:
                    rows[artifact_id] = self.artifact(artifact_id)
                cursor = self._conn.execute(
                    """INSERT OR IGNORE INTO findings(artifact_id, entity, start, "end", score,
                           detector, value, party, person_key, decision)
                       VALUES (?, ?, ?, ?, 1.0, 'manual', ?, 'none', NULL, ?)""",
                    (artifact_id, entity, start, end,
                     self._seal(rows[artifact_id].span_text(start, end), "findings.value",
                                finding_row(artifact_id, entity, start, end, "manual", "")),
                     decision))
                if cursor.rowcount:
                    ids.append(_inserted_id(cursor))
                    self._history("add", batch, finding_id=_inserted_id(cursor),
                                  artifact_id=artifact_id)
            self._seal_reviews(rows)
        return ids

    def add_box_findings(self, artifact_id: str, boxes: list[tuple[int, int, int, int]],
                         entity: str = "MANUAL", decision: str = "redact") -> list[int]:
        """Manual redaction boxes on an image (one undo step)."""
        ids = []
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            batch = self._next_batch()
            for box in boxes:
                cursor = self._conn.execute(
                    """INSERT OR IGNORE INTO findings(artifact_id, entity, start, "end", score,
                           detector, value, party, person_key, decision, box)
                       VALUES (?, ?, 0, 0, 1.0, 'manual', ?, 'none', NULL, ?, ?)""",
                    (artifact_id, entity,
                     self._seal("", "findings.value", finding_row(artifact_id, entity, 0, 0,
                                                                 "manual", _box_text(box))),
                     decision, _box_text(box)))
                if cursor.rowcount:
                    ids.append(_inserted_id(cursor))
                    self._history("add", batch, finding_id=_inserted_id(cursor),
                                  artifact_id=artifact_id)
            self._seal_reviews([artifact_id])
        return ids

    def remove_findings(self, finding_ids: list[int]) -> None:
        """Remove manual findings (a box drawn by mistake); detector findings are decided,
        not removed. Undo restores them."""
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            batch = self._next_batch()
            touched: list[str] = []
            for finding_id in finding_ids:
                row = self._conn.execute(
                    """SELECT artifact_id, entity, start, "end", score, detector, value, party,
                              person_key, decision, box FROM findings
                       WHERE id = ? AND detector = 'manual'""", (finding_id,)).fetchone()
                if row is None:
                    raise coded(BadInputError, "workspace.only-manual-removed")
                self._conn.execute("DELETE FROM findings WHERE id = ?", (finding_id,))
                value = self._open(row[6], "findings.value",
                                   finding_row(row[0], row[1], row[2], row[3], row[5], row[10]))
                restorable = [*row[:6], value, *row[7:]]
                self._history("remove", batch, finding_id=finding_id, artifact_id=row[0],
                              old=json.dumps(restorable, ensure_ascii=False))
                touched.append(row[0])
            self._seal_reviews(touched)

    def set_artifact_state(self, artifact_id: str, state: ArtifactState,
                           event: tuple[str, dict[str, object]] | None = None,
                           approval_mac: str | None = None) -> None:
        """Approve, exclude or reopen an artifact; queue its ledger event in the same
        transaction. An approval is stored with the gate's MAC over what was approved."""
        self.set_artifact_states([(artifact_id, state, event, approval_mac)])

    def set_artifact_states(
        self, changes: list[tuple[str, ArtifactState, tuple[str, dict[str, object]] | None,
                                  str | None]],
    ) -> None:
        """Several artifacts' states, each with its ledger event and (for an approval) the
        gate's MAC, in one transaction and one undo step."""
        if not changes:
            return
        if any(state == ArtifactState.APPROVED and mac is None for _a, state, _e, mac in changes):
            # Only the gate approves (review.approve); this is a programming error, not input.
            raise ValueError("An approval needs the gate's MAC (use review.approve).")
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            batch = self._next_batch()
            for artifact_id, state, event, approval_mac in changes:
                if approval_mac is not None:
                    self._conn.execute(
                        "INSERT OR REPLACE INTO approvals(artifact_id, approved_at, mac) "
                        "VALUES (?, ?, ?)", (artifact_id, clock.iso(), approval_mac))
                (old,) = self._conn.execute("SELECT state FROM artifacts WHERE id = ?",
                                            (artifact_id,)).fetchone()
                self._conn.execute("UPDATE artifacts SET state = ? WHERE id = ?",
                                   (str(state), artifact_id))
                if state != ArtifactState.APPROVED:
                    # An approval stands for one approval: never brought back by a state edit.
                    self._conn.execute("DELETE FROM approvals WHERE artifact_id = ?",
                                       (artifact_id,))
                self._history("state", batch, artifact_id=artifact_id, old=old, new=str(state))
                if event is not None:
                    self._queue_event((clock.iso(), event[0],
                                       json.dumps(event[1], sort_keys=True)))

    def undo(self) -> list[UndoneChange]:
        """Revert the most recent review action (all of one batch); returns what was undone
        as (action, artifact id, restored value)."""
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            row = self._conn.execute("SELECT MAX(batch) FROM review_history").fetchone()
            if row[0] is None:
                return []
            entries = [
                (entry_id, action, finding_id, artifact_id,
                 self._sealer.open(old, "review_history.old_value",
                                   history_row(entry_id, row[0], action, finding_id,
                                               artifact_id)))
                for entry_id, action, finding_id, artifact_id, old in self._conn.execute(
                    """SELECT id, action, finding_id, artifact_id, old_value FROM review_history
                       WHERE batch = ? ORDER BY id DESC""", (row[0],))]
            touched: list[str] = []
            decided_in: dict[int, str] = {}  # history entry -> the item its finding is in
            for entry_id, action, finding_id, artifact_id, old in entries:
                if action == "decide":
                    found = self._conn.execute("SELECT artifact_id FROM findings WHERE id = ?",
                                               (finding_id,)).fetchone()
                    if found:
                        touched.append(found[0])
                        decided_in[entry_id] = found[0]
                    self._conn.execute("UPDATE findings SET decision = ? WHERE id = ?",
                                       (old, finding_id))
                elif action == "add":
                    self._conn.execute("DELETE FROM findings WHERE id = ?", (finding_id,))
                elif action == "remove":
                    values = json.loads(old or "[]")
                    values[6] = self._seal(values[6], "findings.value",
                                           finding_row(values[0], values[1], values[2], values[3],
                                                       values[5], values[10]))
                    self._conn.execute(
                        """INSERT INTO findings(id, artifact_id, entity, start, "end", score,
                               detector, value, party, person_key, decision, box)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        (finding_id, *values))
                else:
                    # An approval is not restored by undo (its record went with it): an item
                    # that was approved comes back pending, to be approved again.
                    restored = "pending" if old == "approved" else old
                    self._conn.execute("UPDATE artifacts SET state = ? WHERE id = ?",
                                       (restored, artifact_id))
                    self._conn.execute("DELETE FROM approvals WHERE artifact_id = ?",
                                       (artifact_id,))
                if action in ("add", "remove") and artifact_id:
                    touched.append(artifact_id)
            self._seal_reviews(touched)
            self._conn.execute("DELETE FROM review_history WHERE batch = ?", (row[0],))
            return [UndoneChange(action, artifact_id or decided_in.get(entry_id), old)
                    for entry_id, action, _f, artifact_id, old in entries]

    def _next_batch(self) -> int:
        return int(self._conn.execute(
            "SELECT COALESCE(MAX(batch), 0) + 1 FROM review_history").fetchone()[0])

    def _history(self, action: str, batch: int, *, finding_id: int | None = None,
                 artifact_id: str | None = None, old: str | None = None,
                 new: str | None = None) -> None:
        entry = int(self._conn.execute(
            """INSERT INTO review_history(at, action, batch, finding_id, artifact_id)
               VALUES (?, ?, ?, ?, ?)""",
            (clock.iso(), action, batch, finding_id, artifact_id)).lastrowid or 0)
        where = history_row(entry, batch, action, finding_id, artifact_id)
        self._conn.execute(
            "UPDATE review_history SET old_value = ?, new_value = ? WHERE id = ?",
            (self._seal(old, "review_history.old_value", where),
             self._seal(new, "review_history.new_value", where), entry))

