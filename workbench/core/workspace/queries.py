"""Reading the workspace: artifacts, findings, people and the digests of their state."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter

from workbench.core.errors import (
    BadInputError,
    WorkspaceDamaged,
    coded,
)
from workbench.core.ingest.artifacts import (
    ArtifactKind,
    ArtifactState,
    Person,
    Segment,
)
from workbench.core.workspace.base import (
    _PEOPLE_STATE,
    _TRIGGERS_IN_PLACE,
    Row,
    StoreBase,
    finding_row,
    log,
)
from workbench.core.workspace.rows import (
    ArtifactRow,
    ArtifactSummary,
    StoredFinding,
    WorkspaceStatus,
)


class Queries(StoreBase):
    """Reading the workspace: artifacts, findings, people and the digests of their state."""

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

    def artifact_kinds(self) -> list[tuple[str, ArtifactKind, ArtifactState]]:
        """(id, kind, state) of every artifact in order: nothing to decrypt."""
        return [(i, ArtifactKind(kind), ArtifactState(state)) for i, kind, state in
                self._conn.execute("SELECT id, kind, state FROM artifacts ORDER BY position, id")]

    def sensitive_decisions(self) -> list[tuple[str, str, str]]:
        """(artifact id, entity, decision) of every sensitive-category finding, from the plain
        columns: no value is opened."""
        return list(self._conn.execute(
            "SELECT artifact_id, entity, decision FROM findings WHERE substr(entity, 1, 10) = "
            "'SENSITIVE_' ORDER BY artifact_id, id"))

    def text_segment_counts(self, kind: ArtifactKind) -> dict[str, int]:
        """artifact id -> how many of its segments carry text (placeholders aside), for the
        artifacts of one kind: only their segments are opened, and no Segment is built."""
        return {artifact_id: sum(1 for s in json.loads(self._open(segments,
                                                                  "artifacts.segments",
                                                                  artifact_id))
                                 if s.get("placeholder") is None)
                for artifact_id, segments in self._conn.execute(
                    "SELECT id, segments FROM artifacts WHERE kind = ?", (str(kind),))}

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

