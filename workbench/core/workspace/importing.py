"""Storing an import: originals, artifacts and people, each file whole or not at all."""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from workbench.core import clock, logs
from workbench.core.atomic import atomic_file, atomic_write
from workbench.core.errors import (
    ImportFailed,
    WorkspaceDamaged,
    coded,
    os_reason,
)
from workbench.core.ingest import ImportContext, ImportedSource, extract_all, plan_import
from workbench.core.ingest.artifacts import (
    Artifact,
    Person,
    bytes_digest,
)
from workbench.core.messages import t as text
from workbench.core.progress import CancelToken, ProgressCallback, no_progress
from workbench.core.workspace.base import (
    StoreBase,
    _placeholder_meta,
    log,
)
from workbench.core.workspace.rows import (
    ImportSummary,
)


class Importing(StoreBase):
    """Storing an import: originals, artifacts and people, each file whole or not at all."""

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
        plan = plan_import([Path(p) for p in paths], keep_going=keep_going)
        failures: list[ImportFailed] | None = list(plan.failed) if keep_going else None
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
        if not self.people_hold():
            # Storing people now would seal a list someone shortened outside the app.
            raise coded(WorkspaceDamaged, "workspace.people-altered")
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
                self._seal_people()
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
            raise ImportFailed(path, text("workspace.unreadable-file", os_reason(exc),
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

