"""What every part of the workspace store shares: connection, sealing, settings, MACs."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from workbench.core.errors import (
    WorkspaceDamaged,
    coded,
)
from workbench.core.ingest.artifacts import (
    Artifact,
)
from workbench.core.pii.profile import SelfProfile
from workbench.core.trust import sealing
from workbench.core.trust.sealing import Sealer
from workbench.core.workspace.migrations import (
    REVIEW_STATE_TRIGGERS,
)
from workbench.core.workspace.records import review_digest_of_rows

log = logging.getLogger(__name__)
# A row as sqlite3 returns it: its columns' types are the schema's, which Python cannot see.
Row = tuple[Any, ...]
_TRIGGERS_IN_PLACE = sorted(REVIEW_STATE_TRIGGERS)
DB_NAME = "workspace.sqlite"
# What the key check holds, sealed: from schema 8 it also says the people list has a MAC.
KEY_CHECK = "consent-workbench"
KEY_CHECK_PEOPLE = "consent-workbench|people-sealed"
SEALED_V2_PREFIX = "02"  # the first byte of a value sealed to its row (sealing.SEALED_V2)
LEDGER = "ledger.jsonl"
BLOBS = "blobs"
_PEOPLE_STATE = (
    """SELECT group_concat(id || ',' || hex(substr(name, 1, 13)) || ','
              || hex(substr(email, 1, 13)), ';') FROM (SELECT * FROM people ORDER BY id)""",
    "SELECT hex(value) FROM settings WHERE key = 'self_profile'",
)


class StoreBase:
    """What every part of the workspace store shares: connection, sealing, settings, MACs."""

    def __init__(self, root: Path, conn: sqlite3.Connection, sealer: Sealer) -> None:
        self.root = root
        self._conn = conn
        self._sealer = sealer
        self._released = False  # the process's hold on the workspace, given back by close

    @property
    def id(self) -> str:
        """The workspace's random id (kept in the clear: it names the key): for the log."""
        return str(self.setting("workspace_id"))

    def _seal(self, value: str | None, where: str, row: str) -> bytes | None:
        return self._sealer.seal(value, where, row)

    def _open(self, value: object, where: str, row: str) -> str:
        return self._sealer.open(value, where, row) or ""

    def _count(self, table: str) -> int:
        return int(self._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def setting(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        if key in sealing.PLAIN_SETTINGS:
            return str(row[0])
        return self._open(row[0], f"settings.{key}", key)

    def set_setting(self, key: str, value: str) -> None:
        """A sealed setting, bound to its key (see `sealing`)."""
        with self._conn:
            self._conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                               (key, self._seal(value, f"settings.{key}", key)))

    @property
    def name(self) -> str:
        return self.setting("name") or self.root.name

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.setting("timezone") or "UTC")

    @property
    def profile(self) -> SelfProfile:
        return SelfProfile.from_json(json.loads(self.setting("self_profile") or "{}"))

    def mac(self, purpose: str, *parts: str) -> str:
        """A keyed digest only this workspace's key makes (see `sealing.Sealer.mac`)."""
        return self._sealer.mac(purpose, *parts)

    def check_mac(self, expected: object, purpose: str, *parts: str) -> bool:
        return self._sealer.check_mac(expected, purpose, *parts)

    def exported_id(self, digest: str) -> str:
        """An artifact's id as a package names it (see `sealing.Sealer.exported_id`)."""
        return self._sealer.exported_id(digest)

    def _queue_event(self, event: tuple[str, str, str]) -> None:
        """Queue (time, type, body) for the ledger with the workspace's MAC: only the app's
        own events are ever signed with the employee's key."""
        time, event_type, body = event
        self._conn.execute("INSERT INTO pending_events(time, type, body, mac) VALUES (?, ?, ?, ?)",
                           (time, event_type, body,
                            self._sealer.mac("event", time, event_type, body)))

    def _seal_reviews(self, artifact_ids: Iterable[str]) -> None:
        """Inside a transaction that changed findings: the workspace's MAC over each of these
        artifacts' findings and decisions as the app left them (`reviews`). The gate compares
        it with what is stored, so a decision flipped or a redaction deleted outside the app
        is caught before approval too, not only after."""
        for artifact_id in dict.fromkeys(artifact_ids):
            self._conn.execute(
                "INSERT OR REPLACE INTO reviews(artifact_id, mac) VALUES (?, ?)",
                (artifact_id, self._sealer.mac("review", artifact_id,
                                               self._review_digest(artifact_id))))

    def _review_digest(self, artifact_id: str) -> str:
        rows = self._conn.execute(
            'SELECT entity, start, "end", detector, box, decision, person_key FROM findings '
            "WHERE artifact_id = ?", (artifact_id,)).fetchall()
        return review_digest_of_rows(rows)

    def review_holds(self, artifact_id: str) -> bool:
        """The findings and decisions stored now are the ones the app last wrote."""
        row = self._conn.execute("SELECT mac FROM reviews WHERE artifact_id = ?",
                                 (artifact_id,)).fetchone()
        return self._sealer.check_mac(row[0] if row else None, "review", artifact_id,
                                      self._review_digest(artifact_id))

    def _enter_people_era(self) -> None:
        """Schema 8 (on creation, or once on upgrade): the people list gets its MAC and the key
        check says the workspace has one, so it cannot pass for older to be trusted again."""
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            self._seal_people()
            self._conn.execute("UPDATE settings SET value = ? WHERE key = 'key_check'",
                               (self._seal(KEY_CHECK_PEOPLE, "settings.key_check", "key_check"),))

    def _seal_people(self) -> None:
        """Inside the transaction that changed the people or the profile (or that made the
        workspace): the workspace's MAC over who it knows. A scan refuses a people list the
        app did not leave, since a person deleted outside the app would go undetected."""
        self._conn.execute(
            "INSERT OR REPLACE INTO settings(key, value) VALUES ('people_mac', ?)",
            (self._sealer.mac("people", self.people_fingerprint()),))

    def people_hold(self) -> bool:
        """The people and the profile stored now are the ones the app last wrote."""
        row = self._conn.execute(
            "SELECT value FROM settings WHERE key = 'people_mac'").fetchone()
        return self._sealer.check_mac(row[0] if row else None, "people",
                                      self.people_fingerprint())

    def people_fingerprint(self) -> str:
        """Like `review_fingerprint`, for the people seen and the employee's profile only."""
        digest = hashlib.sha256()
        for query in _PEOPLE_STATE:
            (value,) = self._conn.execute(query).fetchone()
            digest.update(str(value).encode() + b"\0")
        return digest.hexdigest()

    def blob_path(self, digest: str) -> Path:
        """Where an original is stored, encrypted: read it with `read_blob`."""
        return self.root / BLOBS / digest[:2] / digest

    def read_blob(self, digest: str) -> bytes:
        """An original file's bytes, decrypted in memory."""
        return self._sealer.open_blob(self.blob_path(digest))

    def blind_person_key(self, key: str) -> str:
        """A person key as the workspace stores it (addresses and numbers blinded)."""
        return str(self._sealer.blind_person_key(key))


def _inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just added (sqlite sets it after every insert)."""
    if cursor.lastrowid is None:
        raise coded(WorkspaceDamaged, "workspace.no-row-id")
    return cursor.lastrowid


def finding_row(artifact_id: str, entity: str, start: int, end: int, detector: str,
                box: str) -> str:
    """A finding's identity for sealing its value: what it is and where. A value moved to
    another finding, or a finding whose class or span was edited, no longer opens."""
    return f"{artifact_id}|{entity}|{start}|{end}|{detector}|{box}"


def history_row(entry: int, batch: int, action: str, finding_id: int | None,
                artifact_id: str | None) -> str:
    """An undo entry's identity for sealing its values: which step it belongs to and what it
    acts on, so an entry re-pointed at another finding no longer opens."""
    return f"{entry}|{batch}|{action}|{finding_id or ''}|{artifact_id or ''}"


def _box_text(box: tuple[int, int, int, int] | None) -> str:
    return json.dumps([int(v) for v in box]) if box else ""


def _placeholder_meta(artifact: Artifact) -> dict[str, object]:
    counts = artifact.placeholder_counts()
    return {"placeholders": counts} if counts else {}

