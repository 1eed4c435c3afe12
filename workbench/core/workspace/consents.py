"""The workspace's consent records and the ledger events waiting to be signed."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.errors import (
    BadInputError,
    WorkspaceDamaged,
    coded,
)
from workbench.core.workspace.base import (
    LEDGER,
    StoreBase,
)
from workbench.core.workspace.rows import (
    PendingEvent,
)


class Consents(StoreBase):
    """The workspace's consent records and the ledger events waiting to be signed."""

    @property
    def ledger_path(self) -> Path:
        return self.root / LEDGER

    def record_event(self, event_type: str, body: dict[str, object], time: str) -> None:
        """Queue a ledger event; it is signed when the employee's key is at hand."""
        with self._conn:
            self._queue_event((time, event_type, json.dumps(body, sort_keys=True)))

    def pending_events(self) -> list[PendingEvent]:
        """Queued ledger events; one the app did not write is refused, never signed."""
        events = []
        for i, t, ty, b, mac in self._conn.execute(
                "SELECT id, time, type, body, mac FROM pending_events ORDER BY id"):
            if not self._sealer.check_mac(mac, "event", t, ty, b):
                raise coded(WorkspaceDamaged, "workspace.foreign-event", i, ty)
            events.append(PendingEvent(i, t, ty, json.loads(b)))
        return events

    def forget_pending_event(self, event_id: int) -> None:
        with self._conn:
            self._conn.execute("DELETE FROM pending_events WHERE id = ?", (event_id,))

    def save_consent(self, record_id: str, created_at: str, decision: str,
                     envelope: dict[str, object], notice: str) -> None:
        with self._conn:
            self._conn.execute(
                "INSERT INTO consents(record_id, created_at, decision, envelope, notice) "
                "VALUES (?, ?, ?, ?, ?)",
                (record_id, created_at, decision,
                 self._seal(json.dumps(envelope, sort_keys=True), "consents.envelope",
                            record_id),
                 self._seal(notice, "consents.notice", record_id)))

    def consent_notice(self, record_id: str) -> str:
        row = self._conn.execute("SELECT notice FROM consents WHERE record_id = ?",
                                 (record_id,)).fetchone()
        if row is None:
            raise coded(BadInputError, "workspace.no-record", record_id)
        return self._open(row[0], "consents.notice", record_id)

    def mark_withdrawn(self, record_id: str, at: str) -> bool:
        """Mark a consent record withdrawn; False when it already was (or is unknown)."""
        with self._conn:
            return bool(self._conn.execute(
                "UPDATE consents SET withdrawn_at = ? WHERE record_id = ? "
                "AND withdrawn_at IS NULL", (at, record_id)).rowcount)

    def withdrawals(self) -> dict[str, str]:
        """record id -> when it was withdrawn, for withdrawn records."""
        return dict(self._conn.execute(
            "SELECT record_id, withdrawn_at FROM consents WHERE withdrawn_at IS NOT NULL"))

    def consent_envelopes(self) -> list[dict[str, object]]:
        """Every signed consent record, oldest first; the last is the one in force."""
        return [json.loads(self._open(e, "consents.envelope", r)) for e, r in self._conn.execute(
            "SELECT envelope, record_id FROM consents ORDER BY rowid")]

