"""Workspace storage: creating and opening it, storing imports atomically, and queries."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from workbench.core import clock, logs
from workbench.core.artifacts import (
    Artifact,
    ArtifactKind,
    ArtifactState,
    Person,
    Segment,
    bytes_digest,
)
from workbench.core.atomic import atomic_file, atomic_write
from workbench.core.errors import (
    BadInputError,
    ImportFailed,
    NotAWorkspace,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceExists,
    WorkspaceLocked,
    WorkspaceTooNew,
    coded,
)
from workbench.core.ingest import ImportContext, ImportedSource, extract_all, plan_import
from workbench.core.messages import t as text
from workbench.core.profile import SelfProfile
from workbench.core.progress import CancelToken, ProgressCallback, no_progress
from workbench.core.workspace import lock as workspace_lock
from workbench.core.workspace import sealing
from workbench.core.workspace.migrations import (
    REVIEW_STATE_TRIGGERS,
    ROW_BOUND_SINCE,
    SCHEMA_VERSION,
    SEALED_SINCE,
    current_version,
    migrate,
)
from workbench.core.workspace.records import review_digest_of_rows, scan_digest
from workbench.core.workspace.sealing import Sealer

DB_NAME = "workspace.sqlite"
SEALED_V2_PREFIX = "02"  # the first byte of a value sealed to its row (sealing.SEALED_V2)
log = logging.getLogger(__name__)

# A row as sqlite3 returns it: its columns' types are the schema's, which Python cannot see.
Row = tuple[Any, ...]

LEDGER = "ledger.jsonl"
BLOBS = "blobs"


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


@dataclass(frozen=True)
class ImportSummary:
    added: int
    already_present: int
    added_by_kind: dict[str, int]
    people_added: int
    # (file, why) for each file in a folder that was passed over (not a format the
    # workbench imports, a tool's settings or summary beside an export).
    skipped: tuple[tuple[Path, str], ...] = ()
    # (file, why) for each file that could not be imported; the others were.
    failed: tuple[tuple[Path, str], ...] = ()
    # (file, note) for what a file's importer left out, e.g. a damaged message in a mailbox.
    notes: tuple[tuple[Path, str], ...] = ()


@dataclass(frozen=True)
class WorkspaceStatus:
    name: str
    artifacts: int
    by_kind_and_state: dict[str, dict[str, int]]
    by_state: dict[str, int]
    people: int
    extra: dict[str, object] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {
            "workspace": self.name,
            "artifacts": self.artifacts,
            "by_state": self.by_state,
            "by_kind": self.by_kind_and_state,
            "people": self.people,
            **self.extra,
        }


@dataclass(frozen=True)
class ArtifactSummary:
    """An artifact without its content: what a list of thousands needs, cheaply."""

    id: str
    kind: ArtifactKind
    title: str
    state: ArtifactState
    started_at: str | None
    findings: int
    sensitive: bool


@dataclass(frozen=True)
class StoredFinding:
    """A finding as stored: offsets into its artifact's text, who it is about, the decision."""

    id: int
    artifact_id: str
    entity: str
    start: int
    end: int
    score: float
    detector: str
    value: str
    party: str
    person_key: str | None
    decision: str
    box: tuple[int, int, int, int] | None = None  # image findings: x, y, width, height


@dataclass(frozen=True)
class NewFinding:
    """A finding about to be stored by a scan."""

    entity: str
    start: int
    end: int
    score: float
    detector: str
    value: str
    party: str
    person_key: str | None
    box: tuple[int, int, int, int] | None = None


@dataclass(frozen=True)
class ArtifactRow:
    """An artifact as stored: its content plus where it came from and its review state."""

    id: str
    kind: ArtifactKind
    title: str
    source_format: str
    source_path: str
    state: ArtifactState
    started_at: str | None
    ended_at: str | None
    encoding: str | None
    segments: tuple[Segment, ...]
    meta: dict[str, object]
    image_blob: str | None

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.segments if s.placeholder is None)


class Workspace:
    """One open workspace. Not shared across threads: each task opens its own.

    What people wrote and who they are is sealed with the workspace key (see `sealing`):
    values are sealed on the way in and opened on the way out, here and nowhere else."""

    def __init__(self, root: Path, conn: sqlite3.Connection, sealer: Sealer) -> None:
        self.root = root
        self._conn = conn
        self._sealer = sealer
        self._released = False  # the process's hold on the workspace, given back by close

    def _seal(self, value: str | None, where: str, row: str) -> bytes | None:
        return self._sealer.seal(value, where, row)

    def _open(self, value: object, where: str, row: str) -> str:
        return self._sealer.open(value, where, row) or ""

    # -- creating and opening -------------------------------------------------------------

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

    # -- settings -------------------------------------------------------------------------

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
    def id(self) -> str:
        """The workspace's random id (kept in the clear: it names the key): for the log."""
        return str(self.setting("workspace_id"))

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.setting("timezone") or "UTC")

    @property
    def profile(self) -> SelfProfile:
        return SelfProfile.from_json(json.loads(self.setting("self_profile") or "{}"))

    # -- importing ------------------------------------------------------------------------

    def import_paths(
        self,
        paths: list[Path],
        progress: ProgressCallback = no_progress,
        cancel: CancelToken | None = None,
        *,
        keep_going: bool = False,
    ) -> ImportSummary:
        """Extract everything first, then store it in one transaction: all or nothing. With
        `keep_going`, each file is all or nothing instead: the good ones are imported and the
        summary lists each one that failed, and why."""
        started = time.monotonic()
        plan = plan_import([Path(p) for p in paths])
        failures: list[ImportFailed] | None = [] if keep_going else None
        sources = extract_all(plan, ImportContext(self.timezone), progress, cancel, failures)
        if cancel:
            cancel.check("The import")
        summary = self._store(paths, sources, tuple(plan.skipped), failures)
        formats = Counter(getattr(importer, "__module__", "?").rsplit(".", 1)[-1]
                          for _path, importer in plan.items)
        log.info("import.done workspace=%s files=%d formats=%s added=%d kinds=%s present=%d "
                 "people_added=%d skipped=%d failed=%d notes=%d duration_ms=%d", self.id,
                 len(plan.items), logs.counts(formats), summary.added,
                 logs.counts(summary.added_by_kind), summary.already_present,
                 summary.people_added, len(summary.skipped), len(summary.failed),
                 len(summary.notes), logs.elapsed_ms(started))
        return summary

    def _store(
        self, paths: list[Path], sources: list[ImportedSource],
        skipped: tuple[tuple[Path, str], ...],
        failures: list[ImportFailed] | None = None,
    ) -> ImportSummary:
        written: list[Path] = []
        added: Counter[str] = Counter()
        present = 0
        people_before = self._count("people")
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                import_id = int(self._conn.execute(
                    "INSERT INTO imports(at, paths, added) VALUES (?, x'', 0)", (clock.iso(),),
                ).lastrowid or 0)
                self._conn.execute(
                    "UPDATE imports SET paths = ? WHERE id = ?",
                    (self._seal(json.dumps([str(p) for p in paths], ensure_ascii=False),
                                "imports.paths", str(import_id)), import_id))
                position = self._count("artifacts")
                for source in sources:
                    # A savepoint per source: a file that fails here leaves no trace.
                    self._conn.execute("SAVEPOINT source")
                    mark = len(written)
                    try:
                        source_added, source_present = self._store_source(
                            source, import_id, position, written)
                    except ImportFailed as exc:
                        if failures is None:
                            raise
                        self._conn.execute("ROLLBACK TO source")
                        for path in written[mark:]:
                            path.unlink(missing_ok=True)
                        del written[mark:]
                        failures.append(exc)
                    else:
                        added.update(source_added)
                        present += source_present
                        position += sum(source_added.values())
                    self._conn.execute("RELEASE source")
                total = sum(added.values())
                if total:
                    self._conn.execute("UPDATE imports SET added = ? WHERE id = ?",
                                       (total, import_id))
                    new_ids = [row[0] for row in self._conn.execute(
                        "SELECT id FROM artifacts WHERE import_id = ? ORDER BY position",
                        (import_id,))]
                    self._queue_event((clock.iso(), "artifact.imported", json.dumps(
                            {"artifacts": total, "by_kind": dict(sorted(added.items())),
                             "digests": new_ids}, sort_keys=True)))
                else:
                    # Nothing new: leave no trace of a no-op import.
                    self._conn.execute("DELETE FROM blobs WHERE import_id = ?", (import_id,))
                    self._conn.execute("DELETE FROM imports WHERE id = ?", (import_id,))
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
        return ImportSummary(
            added=sum(added.values()),
            already_present=present,
            added_by_kind=dict(added),
            people_added=self._count("people") - people_before,
            skipped=skipped,
            failed=tuple((f.path, f.problem) for f in failures or ()),
            notes=tuple((source.path, note) for source in sources for note in source.notes),
        )

    def _store_source(self, source: ImportedSource, import_id: int, position: int,
                      written: list[Path]) -> tuple[Counter[str], int]:
        """One source's originals, artifacts and people: (new artifacts by kind, already
        present)."""
        added: Counter[str] = Counter()
        present = 0
        blobs = [self._store_file(p, import_id, written) for p in source.originals]
        primary = blobs[0] if len(blobs) == 1 else None
        for artifact in source.artifacts:
            for stored, was_new in self._store_artifact(
                artifact, source, primary, import_id, position, written
            ):
                if was_new:
                    added[str(stored.kind)] += 1
                    position += 1
                else:
                    present += 1
        for person in source.people:
            self._store_person(person)
        return added, present

    def _store_artifact(
        self,
        artifact: Artifact,
        source: ImportedSource,
        blob: str | None,
        import_id: int,
        position: int,
        written: list[Path],
        parent: str | None = None,
    ) -> Iterator[tuple[Artifact, bool]]:
        image_blob = None
        if artifact.image_bytes is not None:
            image_blob = self._store_blob(artifact.image_bytes, artifact.title, import_id,
                                          written)
        cursor = self._conn.execute(
            """INSERT OR IGNORE INTO artifacts(id, kind, title, source_format, source_path, blob,
                   image_blob, encoding, started_at, ended_at, segments, meta, import_id,
                   position)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                artifact.id, str(artifact.kind),
                self._seal(artifact.title, "artifacts.title", artifact.id),
                artifact.source_format,
                self._seal(str(source.path), "artifacts.source_path", artifact.id),
                blob, image_blob, artifact.encoding, artifact.started_at, artifact.ended_at,
                self._seal(json.dumps([s.as_json() for s in artifact.segments],
                                      ensure_ascii=False), "artifacts.segments", artifact.id),
                self._seal(json.dumps({**artifact.meta, **_placeholder_meta(artifact)},
                                      ensure_ascii=False), "artifacts.meta", artifact.id),
                import_id, position,
            ),
        )
        yield artifact, cursor.rowcount == 1
        if parent:
            self._conn.execute(
                "INSERT OR IGNORE INTO artifact_links(parent_id, child_id, relation) "
                "VALUES (?, ?, 'attachment')",
                (parent, artifact.id),
            )
        for child in artifact.children:
            yield from self._store_artifact(
                child, source, blob, import_id, position + 1, written, parent=artifact.id
            )

    def _store_blob(self, data: bytes, name: str, import_id: int, written: list[Path]) -> str:
        digest = bytes_digest(data)
        target = self.blob_path(digest)
        if not target.exists():
            atomic_write(target, self._sealer.seal_bytes(data))
            written.append(target)
        return self._record_blob(digest, len(data), name, import_id)

    def _store_file(self, path: Path, import_id: int, written: list[Path]) -> str:
        """An original as a blob, hashed and encrypted as a stream: never whole in memory."""
        try:
            with path.open("rb") as source:
                digest = hashlib.file_digest(source, "sha256").hexdigest()
                target = self.blob_path(digest)
                if not target.exists():
                    source.seek(0)
                    with atomic_file(target) as sealed:
                        self._sealer.seal_stream(source, sealed)
                    written.append(target)
            size = path.stat().st_size
        except OSError as exc:
            raise ImportFailed(path, text("workspace.unreadable-file", exc.strerror or exc,
                                          lang="en")) from exc
        return self._record_blob(digest, size, path.name, import_id)

    def _record_blob(self, digest: str, size: int, name: str, import_id: int) -> str:
        self._conn.execute(
            "INSERT OR IGNORE INTO blobs(sha256, size, original_name, import_id) "
            "VALUES (?, ?, ?, ?)",
            (digest, size, self._seal(name, "blobs.original_name", digest), import_id),
        )
        return digest

    def _store_person(self, person: Person) -> None:
        """Add someone seen, merging with a known entry that agrees on name or address."""
        name_key, email_key = self._blind_keys(person)
        if not name_key and not email_key:
            return
        row = self._conn.execute(
            """SELECT id, name, email, sources, name_key || '|' || email_key FROM people
               WHERE (name_key = ? AND email_key = ?)
                  OR (? = '' AND email_key = ?) OR (? = '' AND name_key = ?)
                  OR (name_key = ? AND email_key = '') OR (name_key = '' AND email_key = ?)
               ORDER BY (name_key = ? AND email_key = ?) DESC, id LIMIT 1""",
            (name_key, email_key, name_key, email_key, email_key, name_key, name_key,
             email_key, name_key, email_key),
        ).fetchone()
        if row is None:
            self._conn.execute(
                "INSERT INTO people(name, email, sources, name_key, email_key) "
                "VALUES (?, ?, ?, ?, ?)",
                (*self._sealed_person(person.name, person.email, [person.source],
                                      name_key, email_key),),
            )
            return
        person_id, known_name, known_email, sources, row_key = row
        known_name = self._sealer.open(known_name, "people.name", row_key)
        known_email = self._sealer.open(known_email, "people.email", row_key)
        known_sources = json.loads(self._open(sources, "people.sources", row_key))
        name, email = known_name or person.name, known_email or person.email
        sources = sorted({*known_sources, person.source})
        if (name, email, sources) == (known_name, known_email, known_sources):
            return  # sealing again would change the bytes of an unchanged row
        self._conn.execute(
            "UPDATE OR IGNORE people SET name = ?, email = ?, sources = ?, name_key = ?, "
            "email_key = ? WHERE id = ?",
            (*self._sealed_person(name, email, sources, *self._blind_keys(Person(name, email))),
             person_id),
        )

    def _sealed_person(self, name: str | None, email: str | None, sources: list[str],
                       name_key: str, email_key: str) -> tuple[object, ...]:
        """(name, email, sources) sealed to the row's blind keys, then the keys."""
        row = f"{name_key}|{email_key}"
        return (self._seal(name, "people.name", row), self._seal(email, "people.email", row),
                self._seal(json.dumps(sources), "people.sources", row), name_key, email_key)

    def _blind_keys(self, person: Person) -> tuple[str, str]:
        name_key, email_key = person.key()
        return self._sealer.blind(name_key), self._sealer.blind(email_key)

    # -- queries --------------------------------------------------------------------------

    def _count(self, table: str) -> int:
        return int(self._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def status(self) -> WorkspaceStatus:
        by_kind: dict[str, dict[str, int]] = {}
        by_state: Counter[str] = Counter()
        for kind, state, count in self._conn.execute(
            "SELECT kind, state, COUNT(*) FROM artifacts GROUP BY kind, state"
        ):
            by_kind.setdefault(kind, {})[state] = count
            by_state[state] += count
        return WorkspaceStatus(
            name=self.name,
            artifacts=self._count("artifacts"),
            by_kind_and_state=by_kind,
            by_state={s.value: by_state.get(s.value, 0) for s in ArtifactState},
            people=self._count("people"),
            extra={"findings": self.findings_by_entity()},
        )

    def artifacts(self, kind: ArtifactKind | None = None) -> list[ArtifactRow]:
        query = """SELECT id, kind, title, source_format, source_path, state, started_at,
                          ended_at, encoding, segments, meta, image_blob FROM artifacts"""
        args: tuple[str, ...] = ()
        if kind is not None:
            query += " WHERE kind = ?"
            args = (str(kind),)
        rows = self._conn.execute(query + " ORDER BY position, id", args).fetchall()
        return [self._artifact_row(row) for row in rows]

    def artifact_states(self) -> list[tuple[str, ArtifactState]]:
        """(id, state) of every artifact in order: nothing to decrypt, cheap at any size."""
        return [(i, ArtifactState(state)) for i, state in self._conn.execute(
            "SELECT id, state FROM artifacts ORDER BY position, id")]

    def artifact_summaries(self) -> list[ArtifactSummary]:
        rows = self._conn.execute(
            """SELECT a.id, a.kind, a.title, a.state, a.started_at, COUNT(f.id),
                      COALESCE(MAX(substr(f.entity, 1, 10) = 'SENSITIVE_'), 0)
               FROM artifacts a LEFT JOIN findings f ON f.artifact_id = a.id
               GROUP BY a.id ORDER BY a.position, a.id""").fetchall()
        return [ArtifactSummary(r[0], ArtifactKind(r[1]),
                                self._open(r[2], "artifacts.title", r[0]),
                                ArtifactState(r[3]), r[4], int(r[5]), bool(r[6])) for r in rows]

    def artifact_kinds(self) -> list[tuple[str, ArtifactKind, ArtifactState]]:
        """(id, kind, state) of every artifact in order: nothing to decrypt."""
        return [(i, ArtifactKind(kind), ArtifactState(state)) for i, kind, state in
                self._conn.execute("SELECT id, kind, state FROM artifacts ORDER BY position, id")]

    def text_segment_counts(self, kind: ArtifactKind) -> dict[str, int]:
        """artifact id -> how many of its segments carry text (placeholders aside), for the
        artifacts of one kind: only their segments are opened, and no Segment is built."""
        return {artifact_id: sum(1 for s in json.loads(self._open(segments,
                                                                  "artifacts.segments",
                                                                  artifact_id))
                                 if s.get("placeholder") is None)
                for artifact_id, segments in self._conn.execute(
                    "SELECT id, segments FROM artifacts WHERE kind = ?", (str(kind),))}

    def sensitive_decisions(self) -> list[tuple[str, str, str]]:
        """(artifact id, entity, decision) of every sensitive-category finding, from the plain
        columns: no value is opened."""
        return list(self._conn.execute(
            "SELECT artifact_id, entity, decision FROM findings WHERE substr(entity, 1, 10) = "
            "'SENSITIVE_' ORDER BY artifact_id, id"))

    def artifact_state(self, artifact_id: str) -> ArtifactState | None:
        row = self._conn.execute("SELECT state FROM artifacts WHERE id = ?",
                                 (artifact_id,)).fetchone()
        return ArtifactState(row[0]) if row else None

    def artifact_summary(self, artifact_id: str) -> ArtifactSummary:
        row = self._conn.execute(
            """SELECT a.id, a.kind, a.title, a.state, a.started_at, COUNT(f.id),
                      COALESCE(MAX(substr(f.entity, 1, 10) = 'SENSITIVE_'), 0)
               FROM artifacts a LEFT JOIN findings f ON f.artifact_id = a.id
               WHERE a.id = ? GROUP BY a.id""", (artifact_id,)).fetchone()
        if row is None:
            raise coded(BadInputError, "workspace.no-artifact", artifact_id)
        return ArtifactSummary(row[0], ArtifactKind(row[1]),
                               self._open(row[2], "artifacts.title", row[0]),
                               ArtifactState(row[3]), row[4], int(row[5]), bool(row[6]))

    def search(self, needle: str) -> set[str]:
        """Ids of artifacts whose title or text contains `needle` (case-insensitive for
        Latin letters), matched inside SQLite as each sealed value is opened."""
        escaped = needle.replace("!", "!!").replace("%", "!%").replace("_", "!_")
        pattern = f"%{escaped}%"
        try:
            return {r[0] for r in self._conn.execute(
                "SELECT id FROM artifacts WHERE unseal(title, 'artifacts.title', id) LIKE ? "
                "ESCAPE '!' OR unseal(segments, 'artifacts.segments', id) LIKE ? ESCAPE '!'",
                (pattern, pattern))}
        except sqlite3.OperationalError as exc:
            raise coded(WorkspaceDamaged, "workspace.search-damaged") from exc

    def artifact(self, artifact_id: str) -> ArtifactRow:
        row = self._conn.execute(
            """SELECT id, kind, title, source_format, source_path, state, started_at, ended_at,
                      encoding, segments, meta, image_blob FROM artifacts WHERE id = ?""",
            (artifact_id,),
        ).fetchone()
        if row is None:
            raise coded(BadInputError, "workspace.no-artifact", artifact_id)
        return self._artifact_row(row)

    def attachments_of(self, artifact_id: str) -> list[str]:
        return [r[0] for r in self._conn.execute(
            "SELECT child_id FROM artifact_links WHERE parent_id = ? ORDER BY child_id",
            (artifact_id,),
        )]

    def people(self) -> list[Person]:
        return [
            Person(name=self._sealer.open(name, "people.name", row),
                   email=self._sealer.open(email, "people.email", row),
                   source=",".join(json.loads(self._open(sources, "people.sources", row))))
            for name, email, sources, row in self._conn.execute(
                "SELECT name, email, sources, name_key || '|' || email_key FROM people "
                "ORDER BY id"
            )
        ]

    # -- findings -------------------------------------------------------------------------

    def scan_record(self, artifact_id: str) -> tuple[str, str] | None:
        """(scan key, MAC) of an artifact's last scan, or None when it was never scanned."""
        row = self._conn.execute("SELECT scan_key, mac FROM scans WHERE artifact_id = ?",
                                 (artifact_id,)).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def scan_records(self) -> dict[str, tuple[str, str]]:
        return {a: (k, m) for a, k, m in self._conn.execute(
            "SELECT artifact_id, scan_key, mac FROM scans")}

    def mac(self, purpose: str, *parts: str) -> str:
        """A keyed digest only this workspace's key makes (see `sealing.Sealer.mac`)."""
        return self._sealer.mac(purpose, *parts)

    def check_mac(self, expected: object, purpose: str, *parts: str) -> bool:
        return self._sealer.check_mac(expected, purpose, *parts)

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
            self._assign_pseudonyms(sender_keys or [])

    def _assign_pseudonyms(self, sender_keys: list[str]) -> None:
        """Give every third party a stable ordinal, in order of first appearance."""
        next_ordinal = self._conn.execute(
            "SELECT COALESCE(MAX(ordinal) + 1, 0) FROM pseudonyms").fetchone()[0]
        new_keys = [key for (key,) in self._conn.execute(
            """SELECT f.person_key FROM findings f JOIN artifacts a ON a.id = f.artifact_id
               WHERE f.party = 'third_party' AND f.person_key LIKE 'person:%'
                 AND f.person_key NOT IN (SELECT person_key FROM pseudonyms)
               GROUP BY f.person_key ORDER BY MIN(a.position * 1000000 + f.start)""")]
        known = {k for (k,) in self._conn.execute("SELECT person_key FROM pseudonyms")}
        senders = [str(self._sealer.blind_person_key(k)) for k in sender_keys]
        new_keys = list(dict.fromkeys([*new_keys, *(k for k in senders if k not in known)]))
        self._conn.executemany(
            "INSERT INTO pseudonyms(person_key, ordinal) VALUES (?, ?)",
            [(key, next_ordinal + i) for i, key in enumerate(new_keys)],
        )

    # -- review ----------------------------------------------------------------------------

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
            texts = {}
            for artifact_id, start, end, entity, decision in spans:
                if artifact_id not in texts:
                    texts[artifact_id] = self.artifact(artifact_id).text
                cursor = self._conn.execute(
                    """INSERT OR IGNORE INTO findings(artifact_id, entity, start, "end", score,
                           detector, value, party, person_key, decision)
                       VALUES (?, ?, ?, ?, 1.0, 'manual', ?, 'none', NULL, ?)""",
                    (artifact_id, entity, start, end,
                     self._seal(texts[artifact_id][start:end], "findings.value",
                                finding_row(artifact_id, entity, start, end, "manual", "")),
                     decision))
                if cursor.rowcount:
                    ids.append(_inserted_id(cursor))
                    self._history("add", batch, finding_id=_inserted_id(cursor),
                                  artifact_id=artifact_id)
            self._seal_reviews(texts)
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

    def undo(self) -> list[tuple[str, str | None, str | None]]:
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
            for _id, action, finding_id, artifact_id, old in entries:
                if action == "decide":
                    found = self._conn.execute("SELECT artifact_id FROM findings WHERE id = ?",
                                               (finding_id,)).fetchone()
                    touched.extend(found or ())
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
            return [(action, artifact_id, old) for _id, action, _f, artifact_id, old in entries]

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

    def finding(self, finding_id: int) -> StoredFinding:
        row = self._conn.execute(
            """SELECT id, artifact_id, entity, start, "end", score, detector, value, party,
                      person_key, decision, box FROM findings WHERE id = ?""", (finding_id,)
        ).fetchone()
        if row is None:
            raise coded(BadInputError, "workspace.no-finding", finding_id)
        return self._stored_finding(row)

    def findings(self, artifact_id: str | None = None) -> list[StoredFinding]:
        query = """SELECT id, artifact_id, entity, start, "end", score, detector, value, party,
                          person_key, decision, box FROM findings"""
        args: tuple[str, ...] = ()
        if artifact_id is not None:
            query += " WHERE artifact_id = ?"
            args = (artifact_id,)
        return [self._stored_finding(row) for row in
                self._conn.execute(query + ' ORDER BY artifact_id, start, "end", id', args)]

    def review_fingerprint(self) -> str:
        """A digest that changes whenever anything workspace-wide redaction depends on
        changes: any finding added, removed, rescanned or decided, any person or alias, the
        employee's profile. Sealed values carry a fresh random nonce each time they are
        written, so their nonce stands in for the value without opening it. Cheap: nothing
        is decrypted, and the hashing happens inside SQLite's aggregate."""
        return self._fingerprint((
            """SELECT group_concat(id || ',' || artifact_id || ',' || entity || ',' || start
                      || ',' || "end" || ',' || decision || ',' || COALESCE(person_key, '')
                      || ',' || COALESCE(box, '') || ',' || hex(substr(value, 1, 13)), ';')
               FROM (SELECT * FROM findings ORDER BY id)""",
            """SELECT group_concat(person_key || ',' || ordinal, ';')
               FROM (SELECT * FROM pseudonyms ORDER BY person_key)""",
            *_PEOPLE_STATE))

    def review_version(self) -> int | None:
        """A number that moves on whenever anything `review_fingerprint` covers changes, at
        the cost of one small query: kept by triggers in the database, so every writer, this
        process's or another's, moves it. None (ask `review_fingerprint`) unless exactly the
        triggers this version of the app makes are in place: a database whose triggers were
        dropped, changed or joined by another (one that puts the number back, say) is not
        trusted to keep it."""
        version, triggers = self._conn.execute(
            """SELECT (SELECT version FROM review_state WHERE id = 1),
                      (SELECT json_group_array(json_array(name, sql)) FROM
                         (SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
                           ORDER BY name))""").fetchone()
        if version is None or sorted(map(tuple, json.loads(triggers))) != _TRIGGERS_IN_PLACE:
            log.warning("workspace.review_state_untrusted")
            return None
        return int(version)

    def people_fingerprint(self) -> str:
        """Like `review_fingerprint`, for the people seen and the employee's profile only."""
        return self._fingerprint(_PEOPLE_STATE)

    def _fingerprint(self, queries: tuple[str, ...]) -> str:
        digest = hashlib.sha256()
        for query in queries:
            (value,) = self._conn.execute(query).fetchone()
            digest.update(str(value).encode() + b"\0")
        return digest.hexdigest()

    def pseudonym_ordinals(self) -> dict[str, int]:
        return dict(self._conn.execute("SELECT person_key, ordinal FROM pseudonyms"))

    def findings_by_entity(self) -> dict[str, int]:
        return dict(self._conn.execute(
            "SELECT entity, COUNT(*) FROM findings GROUP BY entity ORDER BY entity"))

    # -- ledger and consent ------------------------------------------------------------------

    @property
    def ledger_path(self) -> Path:
        return self.root / LEDGER

    def record_event(self, event_type: str, body: dict[str, object], time: str) -> None:
        """Queue a ledger event; it is signed when the employee's key is at hand."""
        with self._conn:
            self._queue_event((time, event_type, json.dumps(body, sort_keys=True)))

    def _queue_event(self, event: tuple[str, str, str]) -> None:
        """Queue (time, type, body) for the ledger with the workspace's MAC: only the app's
        own events are ever signed with the employee's key."""
        time, event_type, body = event
        self._conn.execute("INSERT INTO pending_events(time, type, body, mac) VALUES (?, ?, ?, ?)",
                           (time, event_type, body,
                            self._sealer.mac("event", time, event_type, body)))

    def pending_events(self) -> list[tuple[int, str, str, dict[str, object]]]:
        """Queued ledger events; one the app did not write is refused, never signed."""
        events = []
        for i, t, ty, b, mac in self._conn.execute(
                "SELECT id, time, type, body, mac FROM pending_events ORDER BY id"):
            if not self._sealer.check_mac(mac, "event", t, ty, b):
                raise coded(WorkspaceDamaged, "workspace.foreign-event", i, ty)
            events.append((i, t, ty, json.loads(b)))
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

    def blob_path(self, digest: str) -> Path:
        """Where an original is stored, encrypted: read it with `read_blob`."""
        return self.root / BLOBS / digest[:2] / digest

    def read_blob(self, digest: str) -> bytes:
        """An original file's bytes, decrypted in memory."""
        return self._sealer.open_blob(self.blob_path(digest))

    def key_for_child_process(self) -> tuple[str, str]:
        """(workspace id, key) for a child process this one starts, sent over a pipe."""
        return str(self.setting("workspace_id")), sealing.exported_identity(self._sealer)

    def blind_person_key(self, key: str) -> str:
        """A person key as the workspace stores it (addresses and numbers blinded)."""
        return str(self._sealer.blind_person_key(key))

    def _stored_finding(self, row: Row) -> StoredFinding:
        box = tuple(json.loads(row[11])) if row[11] else None
        value = self._open(row[7], "findings.value",
                           finding_row(row[1], row[2], row[3], row[4], row[6], row[11] or ""))
        return StoredFinding(id=row[0], artifact_id=row[1], entity=row[2], start=row[3],
                             end=row[4], score=row[5], detector=row[6], value=value,
                             party=row[8], person_key=row[9], decision=row[10], box=box)

    def _artifact_row(self, row: Row) -> ArtifactRow:
        return ArtifactRow(
            id=row[0], kind=ArtifactKind(row[1]),
            title=self._open(row[2], "artifacts.title", row[0]),
            source_format=row[3],
            source_path=self._open(row[4], "artifacts.source_path", row[0]),
            state=ArtifactState(row[5]), started_at=row[6], ended_at=row[7], encoding=row[8],
            segments=tuple(Segment.from_json(s) for s in
                           json.loads(self._open(row[9], "artifacts.segments", row[0]))),
            meta=json.loads(self._open(row[10], "artifacts.meta", row[0])), image_blob=row[11],
        )


_TRIGGERS_IN_PLACE = sorted(REVIEW_STATE_TRIGGERS)

_PEOPLE_STATE = (
    """SELECT group_concat(id || ',' || hex(substr(name, 1, 13)) || ','
              || hex(substr(email, 1, 13)), ';') FROM (SELECT * FROM people ORDER BY id)""",
    "SELECT hex(value) FROM settings WHERE key = 'self_profile'",
)


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


def _inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just added (sqlite sets it after every insert)."""
    if cursor.lastrowid is None:
        raise WorkspaceDamaged("The workspace did not report the id of a row it just added.")
    return cursor.lastrowid


def _box_text(box: tuple[int, int, int, int] | None) -> str:
    return json.dumps([int(v) for v in box]) if box else ""


def _placeholder_meta(artifact: Artifact) -> dict[str, object]:
    counts = artifact.placeholder_counts()
    return {"placeholders": counts} if counts else {}


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
        raise WorkspaceError(f"{root / DB_NAME} is damaged or not a workspace (it has no id).")
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
            sealer.open_v1(check[0] if check else None, "settings.key_check")
        else:
            sealer.open(check[0] if check else None, "settings.key_check", "key_check")
    except WorkspaceDamaged as exc:
        raise WorkspaceLocked(f"The key in the key store does not unlock the workspace {root}: "
                              "it belongs to another workspace with the same id, or the key "
                              "store entry was replaced.") from exc
    if check is None:
        raise WorkspaceDamaged(f"{root / DB_NAME} is damaged: its key check is missing.")
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
        raise WorkspaceError(f"{path} is damaged or not a workspace ({exc}).") from exc
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
    return conn


