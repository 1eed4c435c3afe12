"""The open workspace: creating, unlocking, upgrading and closing it. What it stores and reads
is split by concern: `importing`, `scans`, `decisions`, `consents`, `queries` (on `base`)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import uuid
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from workbench.core import clock
from workbench.core.atomic import atomic_file
from workbench.core.errors import (
    BadInputError,
    NotAWorkspace,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceExists,
    WorkspaceLocked,
    WorkspaceTooNew,
    coded,
)
from workbench.core.pii.profile import SelfProfile
from workbench.core.trust import sealing
from workbench.core.trust.sealing import Sealer
from workbench.core.workspace import lock as workspace_lock
from workbench.core.workspace.base import (
    BLOBS,
    DB_NAME,
    KEY_CHECK_PEOPLE,
    SEALED_V2_PREFIX,
    log,
)
from workbench.core.workspace.consents import Consents
from workbench.core.workspace.decisions import Decisions
from workbench.core.workspace.importing import Importing
from workbench.core.workspace.migrations import (
    PEOPLE_SEALED_SINCE,
    ROW_BOUND_SINCE,
    SCHEMA_VERSION,
    SEALED_SINCE,
    current_version,
    migrate,
)
from workbench.core.workspace.scans import Scans


def local_timezone_name(environ: Mapping[str, str] | None = None,
                        localtime: Path = Path("/etc/localtime"),
                        timezone_file: Path = Path("/etc/timezone"),
                        offset: timedelta | None = None) -> str:
    """The machine's IANA zone name: TZ, then where /etc/localtime points, then
    /etc/timezone; failing those, a fixed zone with the machine's current offset (so a
    09:30 +08:00 message still reads 09:30), and UTC only where the offset is zero."""
    environ = os.environ if environ is None else environ
    candidates = [environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        target = os.path.realpath(localtime)
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    with contextlib.suppress(OSError, UnicodeDecodeError):
        candidates.append(timezone_file.read_text(encoding="utf-8").strip())
    for name in candidates:
        if name:
            try:
                ZoneInfo(name)
                return name
            except (ZoneInfoNotFoundError, ValueError):
                continue
    if offset is None:
        offset = clock.now_local().utcoffset() or timedelta(0)
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if offset and not rest and -12 <= hours <= 14:
        return f"Etc/GMT{-hours:+d}"  # POSIX-style names: Etc/GMT-8 is eight hours east
    return "UTC"


class Workspace(Importing, Scans, Decisions, Consents):
    """One open workspace. Not shared across threads: each task opens its own.

    What people wrote and who they are is sealed with the workspace key (see `sealing`):
    values are sealed on the way in and opened on the way out, here and nowhere else."""

    @classmethod
    def create(cls, root: Path, profile: SelfProfile, timezone: str | None = None) -> Workspace:
        root = Path(root)
        if (root / DB_NAME).exists():
            raise WorkspaceExists(root)
        timezone = timezone or local_timezone_name()
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise coded(BadInputError, "workspace.bad-timezone", timezone) from exc
        workspace_id = str(uuid.uuid4())
        made = not root.exists()
        try:
            root.mkdir(parents=True, exist_ok=True, mode=0o700)
            (root / BLOBS).mkdir(exist_ok=True, mode=0o700)
        except OSError as exc:
            raise coded(WorkspaceError, "workspace.cannot-create", root, exc) from exc
        workspace_lock.acquire(root)
        try:
            if (root / DB_NAME).exists():  # another process made it while we were checking
                raise WorkspaceExists(root)
            # The key is in the key store before anything is written that only it can open.
            sealer = sealing.create_key(workspace_id)
            conn = _connect(root / DB_NAME)
        except BaseException:
            workspace_lock.release(root)
            if made:  # leave no half-made folder behind (e.g. the passphrase was refused)
                shutil.rmtree(root, ignore_errors=True)
            raise
        sealer.install(conn)
        ws = cls(root, conn, sealer)
        migrate(conn)
        settings = {
            "name": profile.name,
            "created_at": clock.iso(),
            "timezone": timezone,
            "self_profile": json.dumps(profile.as_json(), ensure_ascii=False),
        }
        with ws._conn:
            ws._conn.execute("BEGIN")
            ws._conn.execute("INSERT INTO settings(key, value) VALUES ('workspace_id', ?)",
                             (workspace_id,))
            ws._conn.executemany(
                "INSERT INTO settings(key, value) VALUES (?, ?)",
                [(k, ws._seal(v, f"settings.{k}", k)) for k, v in settings.items()])
        ws._enter_people_era()
        # No names in the ledger: it travels with the skill and must carry no personal data.
        ws.record_event("workspace.created", {"workspace": workspace_id,
                                              "schema": SCHEMA_VERSION}, clock.iso())
        return ws

    @classmethod
    def open(cls, root: Path) -> Workspace:
        root = Path(root)
        if not (root / DB_NAME).is_file():
            raise NotAWorkspace(root)
        # One process at a time (its threads share the hold); released by `close`.
        workspace_lock.acquire(root)
        try:
            conn = _connect(root / DB_NAME)
        except BaseException:
            workspace_lock.release(root)
            raise
        try:
            try:
                found = current_version(conn)
            except sqlite3.DatabaseError as exc:
                raise coded(WorkspaceError, "workspace.damaged-db", root / DB_NAME, exc) from exc
            if found > SCHEMA_VERSION:
                raise WorkspaceTooNew(root, found, SCHEMA_VERSION)
            _refuse_downgrade(root, conn, found)
            sealer = _unlock(root, conn, found)
            migrate(conn)
            if found < SCHEMA_VERSION:
                log.info("workspace.migrated schema_from=%d schema_to=%d", found,
                         SCHEMA_VERSION)
        except BaseException:
            conn.close()
            workspace_lock.release(root)
            raise
        ws = cls(root, conn, sealer)
        if found < SEALED_SINCE:
            ws._finish_sealing()
        if found < ROW_BOUND_SINCE:
            ws._finish_row_binding()
        if found < PEOPLE_SEALED_SINCE:
            ws._enter_people_era()
        return ws

    def _finish_row_binding(self) -> None:
        """After schema 6: MACs for the review records and queued events the workspace
        already had (its scans and approvals carry none and are made again)."""
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            self._seal_reviews([a for (a,) in self._conn.execute("SELECT id FROM artifacts")])
            for i, t, ty, b in self._conn.execute(
                    "SELECT id, time, type, body FROM pending_events").fetchall():
                self._conn.execute("UPDATE pending_events SET mac = ? WHERE id = ?",
                                   (self._sealer.mac("event", t, ty, b), i))

    def _finish_sealing(self) -> None:
        """After a workspace from before encryption at rest was sealed in place: encrypt its
        originals and drop the pages that held the plain text."""
        for path in sorted((self.root / BLOBS).glob("*/*")):
            if path.name.startswith(".tmp-"):
                continue
            with path.open("rb") as source:
                if source.read(len(sealing.AGE_HEADER)) == sealing.AGE_HEADER:
                    continue  # sealed by an earlier, interrupted attempt
                source.seek(0)
                with atomic_file(path) as target:
                    self._sealer.seal_stream(source, target)
        self._conn.execute("VACUUM")
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self._conn.close()
        if not self._released:
            self._released = True
            workspace_lock.release(self.root)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def key_for_child_process(self) -> tuple[str, str]:
        """(workspace id, key) for a child process this one starts, sent over a pipe."""
        return str(self.setting("workspace_id")), sealing.exported_identity(self._sealer)



def _refuse_downgrade(root: Path, conn: sqlite3.Connection, version: int) -> None:
    """A workspace says which schema it has; one that claims an older schema than the values
    it holds was edited to make the app seal text written into it: refused."""
    if version >= ROW_BOUND_SINCE or version == 0:
        return
    marker = SEALED_V2_PREFIX if version >= SEALED_SINCE else None
    for table, column in (("artifacts", "title"), ("artifacts", "segments"),
                          ("findings", "value"), ("settings", "value")):
        query = f"SELECT 1 FROM {table} WHERE typeof({column}) = 'blob'"
        if marker is not None:
            query += f" AND substr({column}, 1, 1) = x'{marker}'"
        if conn.execute(query + " LIMIT 1").fetchone():
            raise coded(WorkspaceDamaged, "workspace.downgraded", root / DB_NAME, version)


def _unlock(root: Path, conn: sqlite3.Connection, version: int) -> Sealer:
    """The workspace's key, checked against the value sealed with it when it was made."""
    row = conn.execute("SELECT value FROM settings WHERE key = 'workspace_id'").fetchone() \
        if version else None
    if row is None:
        raise coded(WorkspaceError, "workspace.no-id", root / DB_NAME)
    workspace_id = str(row[0])
    if version < SEALED_SINCE:
        # Written before encryption at rest: it gets a key now and is sealed in place.
        try:
            sealer = sealing.load_key(workspace_id, root)
        except WorkspaceLocked:
            sealer = sealing.create_key(workspace_id)
        sealer.install(conn)
        return sealer
    sealer = sealing.load_key(workspace_id, root)
    sealer.install(conn)
    check = conn.execute("SELECT value FROM settings WHERE key = 'key_check'").fetchone()
    try:
        if version < ROW_BOUND_SINCE:
            opened = sealer.open_v1(check[0] if check else None, "settings.key_check")
        else:
            opened = sealer.open(check[0] if check else None, "settings.key_check", "key_check")
    except WorkspaceDamaged as exc:
        raise coded(WorkspaceLocked, "workspace.wrong-key", root) from exc
    if check is None:
        raise coded(WorkspaceDamaged, "workspace.no-key-check", root / DB_NAME)
    if (opened == KEY_CHECK_PEOPLE) != (version >= PEOPLE_SEALED_SINCE):
        # A schema number set back (or forward) by hand: the sealed check says otherwise.
        raise coded(WorkspaceDamaged, "workspace.schema-edited", root / DB_NAME, version)
    return sealer


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        # Deleted or rewritten rows leave no old bytes in the file, sorts never spill to disk.
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
    except sqlite3.DatabaseError as exc:
        raise coded(WorkspaceError, "workspace.damaged-db", path, exc) from exc
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
    return conn
