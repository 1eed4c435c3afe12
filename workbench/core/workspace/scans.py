"""Storing scans: findings replaced per artifact under a MAC, aliases given, approvals read."""

from __future__ import annotations

import json

from workbench.core import clock
from workbench.core.workspace.base import (
    StoreBase,
    _box_text,
    finding_row,
)
from workbench.core.workspace.records import scan_digest
from workbench.core.workspace.rows import (
    NewFinding,
    ScanRecord,
)


class Scans(StoreBase):
    """Storing scans: findings replaced per artifact under a MAC, aliases given, approvals read."""

    def scan_record(self, artifact_id: str) -> ScanRecord | None:
        """(scan key, MAC) of an artifact's last scan, or None when it was never scanned."""
        row = self._conn.execute("SELECT scan_key, mac FROM scans WHERE artifact_id = ?",
                                 (artifact_id,)).fetchone()
        return ScanRecord(str(row[0]), str(row[1])) if row else None

    def scan_records(self) -> dict[str, ScanRecord]:
        return {a: ScanRecord(k, m) for a, k, m in self._conn.execute(
            "SELECT artifact_id, scan_key, mac FROM scans")}

    def approval_mac(self, artifact_id: str) -> str | None:
        row = self._conn.execute("SELECT mac FROM approvals WHERE artifact_id = ?",
                                 (artifact_id,)).fetchone()
        return str(row[0]) if row else None

    def approval_macs(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT artifact_id, mac FROM approvals"))

    def reopen(self, artifact_ids: list[str], reason: str) -> None:
        """Approved artifacts whose review changed go back to pending (not undoable: an
        approval stands only for what was approved)."""
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            for artifact_id in artifact_ids:
                changed = self._conn.execute(
                    "UPDATE artifacts SET state = 'pending' WHERE id = ? AND state = 'approved'",
                    (artifact_id,)).rowcount
                self._conn.execute("DELETE FROM approvals WHERE artifact_id = ?",
                                   (artifact_id,))
                if changed:
                    self._queue_event((clock.iso(), "artifact.reviewed", json.dumps(
                            {"artifact": artifact_id, "decision": f"reopened:{reason}"},
                            sort_keys=True)))

    def save_scan(self, results: dict[str, list[NewFinding]], scan_key: str,
                  sender_keys: list[str] | None = None) -> None:
        """Replace detector findings of these artifacts in one transaction. Decisions already
        made on a span survive a rescan; manual findings are never touched."""
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            for artifact_id, found in results.items():
                decided = {
                    (entity, start, end): decision
                    for entity, start, end, decision in self._conn.execute(
                        'SELECT entity, start, "end", decision FROM findings '
                        "WHERE artifact_id = ? AND decision != 'pending'", (artifact_id,))
                }
                self._conn.execute(
                    "DELETE FROM findings WHERE artifact_id = ? AND detector != 'manual'",
                    (artifact_id,),
                )
                self._conn.executemany(
                    """INSERT OR IGNORE INTO findings(artifact_id, entity, start, "end", score,
                           detector, value, party, person_key, decision, box)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    [(artifact_id, f.entity, f.start, f.end, f.score, f.detector,
                      self._seal(f.value, "findings.value",
                                 finding_row(artifact_id, f.entity, f.start, f.end, f.detector,
                                             _box_text(f.box))), f.party,
                      self._sealer.blind_person_key(f.person_key),
                      decided.get((f.entity, f.start, f.end), "pending"), _box_text(f.box))
                     for f in found],
                )
                self._conn.execute(
                    "INSERT OR REPLACE INTO scans(artifact_id, scan_key, scanned_at, mac) "
                    "VALUES (?, ?, ?, ?)",
                    (artifact_id, scan_key, clock.iso(),
                     self._sealer.mac("scan", artifact_id, scan_key, scan_digest(found))),
                )
            self._seal_reviews(results)
            self._assign_pseudonyms(list(results), sender_keys or [])

    def _assign_pseudonyms(self, artifact_ids: list[str], sender_keys: list[str]) -> None:
        """Give every third party a stable ordinal, in order of first appearance. Only these
        artifacts' findings can name someone new (every save gives its people theirs), so
        saving one item costs the same in a workspace of any size."""
        next_ordinal = self._conn.execute(
            "SELECT COALESCE(MAX(ordinal) + 1, 0) FROM pseudonyms").fetchone()[0]
        new_keys = [key for (key,) in self._conn.execute(
            """SELECT f.person_key FROM findings f JOIN artifacts a ON a.id = f.artifact_id
               WHERE f.artifact_id IN (SELECT value FROM json_each(?))
                 AND f.party = 'third_party' AND f.person_key LIKE 'person:%'
                 AND f.person_key NOT IN (SELECT person_key FROM pseudonyms)
               GROUP BY f.person_key ORDER BY MIN(a.position * 1000000 + f.start)""",
            (json.dumps(artifact_ids),))]
        known = {k for (k,) in self._conn.execute("SELECT person_key FROM pseudonyms")}
        senders = [str(self._sealer.blind_person_key(k)) for k in sender_keys]
        new_keys = list(dict.fromkeys([*new_keys, *(k for k in senders if k not in known)]))
        self._conn.executemany(
            "INSERT INTO pseudonyms(person_key, ordinal) VALUES (?, ?)",
            [(key, next_ordinal + i) for i, key in enumerate(new_keys)],
        )

