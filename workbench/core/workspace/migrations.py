"""The workspace schema as numbered migrations; `PRAGMA user_version` is the applied number."""

from __future__ import annotations

import sqlite3


def _review_state_trigger(table: str, event: str) -> tuple[str, str]:
    name = f"review_state_{table}_{event.lower()}"
    when = {"INSERT": " WHEN NEW.key = 'self_profile'",
            "UPDATE": " WHEN OLD.key = 'self_profile' OR NEW.key = 'self_profile'",
            "DELETE": " WHEN OLD.key = 'self_profile'"}[event] if table == "settings" else ""
    return name, (f"CREATE TRIGGER {name} AFTER {event} ON {table}{when}"
                  " BEGIN UPDATE review_state SET version = version + 1; END")


# Every trigger a workspace has, (name, SQL as SQLite keeps it): each change to the findings,
# the aliases, the people or the employee's profile moves `review_state.version` on. The store
# trusts that version only while these, and no others, are in place (`Workspace.review_version`).
REVIEW_STATE_TRIGGERS: tuple[tuple[str, str], ...] = tuple(
    _review_state_trigger(table, event)
    for table in ("findings", "pseudonyms", "people", "settings")
    for event in ("INSERT", "UPDATE", "DELETE"))


MIGRATIONS: tuple[str, ...] = (
    # 1: settings, originals, artifacts, their links, people, imports.
    """
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE imports (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        paths       TEXT NOT NULL,
        added       INTEGER NOT NULL
    );
    CREATE TABLE blobs (
        sha256        TEXT PRIMARY KEY,
        size          INTEGER NOT NULL,
        original_name TEXT NOT NULL,
        import_id     INTEGER NOT NULL REFERENCES imports(id)
    );
    CREATE TABLE artifacts (
        id            TEXT PRIMARY KEY,
        kind          TEXT NOT NULL,
        title         TEXT NOT NULL,
        source_format TEXT NOT NULL,
        source_path   TEXT NOT NULL,
        blob          TEXT REFERENCES blobs(sha256),
        image_blob    TEXT REFERENCES blobs(sha256),
        encoding      TEXT,
        started_at    TEXT,
        ended_at      TEXT,
        segments      TEXT NOT NULL,
        meta          TEXT NOT NULL DEFAULT '{}',
        state         TEXT NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'approved', 'excluded')),
        import_id     INTEGER NOT NULL REFERENCES imports(id),
        position      INTEGER NOT NULL
    );
    CREATE INDEX artifacts_by_kind_state ON artifacts(kind, state);
    CREATE TABLE artifact_links (
        parent_id TEXT NOT NULL REFERENCES artifacts(id),
        child_id  TEXT NOT NULL REFERENCES artifacts(id),
        relation  TEXT NOT NULL,
        PRIMARY KEY (parent_id, child_id, relation)
    );
    CREATE TABLE people (
        id        INTEGER PRIMARY KEY,
        name      TEXT,
        email     TEXT,
        name_key  TEXT NOT NULL,
        email_key TEXT NOT NULL,
        sources   TEXT NOT NULL,
        UNIQUE (name_key, email_key)
    );
    """,
    # 2: detector findings, which artifacts were scanned by which detector, pseudonyms.
    """
    CREATE TABLE findings (
        id          INTEGER PRIMARY KEY,
        artifact_id TEXT NOT NULL REFERENCES artifacts(id),
        entity      TEXT NOT NULL,
        start       INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        score       REAL NOT NULL,
        detector    TEXT NOT NULL,
        value       TEXT NOT NULL,
        party       TEXT NOT NULL CHECK (party IN ('self', 'third_party', 'none')),
        person_key  TEXT,
        decision    TEXT NOT NULL DEFAULT 'pending'
                    CHECK (decision IN ('redact', 'pseudonymise', 'keep', 'pending')),
        box         TEXT NOT NULL DEFAULT '',
        UNIQUE (artifact_id, entity, start, "end", detector, box)
    );
    CREATE INDEX findings_by_artifact ON findings(artifact_id);
    CREATE INDEX findings_by_person ON findings(person_key);
    CREATE TABLE scans (
        artifact_id TEXT PRIMARY KEY REFERENCES artifacts(id),
        scan_key    TEXT NOT NULL,
        scanned_at  TEXT NOT NULL
    );
    CREATE TABLE pseudonyms (
        person_key TEXT PRIMARY KEY,
        ordinal    INTEGER NOT NULL UNIQUE
    );
    """,
    # 3: consent records, and ledger events waiting for the employee's signature.
    """
    CREATE TABLE consents (
        record_id   TEXT PRIMARY KEY,
        created_at  TEXT NOT NULL,
        decision    TEXT NOT NULL CHECK (decision IN ('given', 'declined')),
        envelope    TEXT NOT NULL,
        notice      TEXT NOT NULL
    );
    CREATE TABLE pending_events (
        id    INTEGER PRIMARY KEY,
        time  TEXT NOT NULL,
        type  TEXT NOT NULL,
        body  TEXT NOT NULL
    );
    """,
    # 4: every review action, so any of them can be undone.
    """
    CREATE TABLE review_history (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        action      TEXT NOT NULL CHECK (action IN ('decide', 'add', 'remove', 'state')),
        batch       INTEGER NOT NULL,
        finding_id  INTEGER,
        artifact_id TEXT,
        old_value   TEXT,
        new_value   TEXT
    );
    """,
    # 5: encryption at rest. Needs the workspace's SQL functions (sealing.Sealer.install):
    # text that holds people's words or identifiers is sealed, lookup keys become blind
    # indexes. On a new workspace the tables are empty and only the key check is written.
    """
    UPDATE settings SET value = seal(value, 'settings.' || key) WHERE key != 'workspace_id';
    INSERT INTO settings(key, value) VALUES
        ('key_check', seal('consent-workbench', 'settings.key_check'));
    UPDATE imports SET paths = seal(paths, 'imports.paths');
    UPDATE blobs SET original_name = seal(original_name, 'blobs.original_name');
    UPDATE artifacts SET title = seal(title, 'artifacts.title'),
                         source_path = seal(source_path, 'artifacts.source_path'),
                         segments = seal(segments, 'artifacts.segments'),
                         meta = seal(meta, 'artifacts.meta');
    UPDATE people SET name = seal(name, 'people.name'), email = seal(email, 'people.email'),
                      name_key = blind(name_key), email_key = blind(email_key),
                      sources = seal(sources, 'people.sources');
    UPDATE findings SET value = seal(value, 'findings.value'),
                        person_key = blind_key(person_key);
    UPDATE pseudonyms SET person_key = blind_key(person_key);
    UPDATE consents SET envelope = seal(envelope, 'consents.envelope'),
                        notice = seal(notice, 'consents.notice');
    UPDATE review_history
       SET old_value = json_set(old_value, '$[8]', blind_key(json_extract(old_value, '$[8]')))
     WHERE action = 'remove';
    UPDATE review_history SET old_value = seal(old_value, 'review_history.old_value'),
                              new_value = seal(new_value, 'review_history.new_value');
    """,
    # 6: fail closed. Every sealed value is sealed again bound to its row, so a value copied
    # or swapped between rows no longer opens; scans and approvals carry a keyed MAC (made by
    # the app, checked by the gate); a withdrawn consent is marked on its record.
    """
    UPDATE settings SET value = reseal(value, 'settings.' || key, key)
     WHERE key != 'workspace_id';
    UPDATE imports SET paths = reseal(paths, 'imports.paths', id);
    UPDATE blobs SET original_name = reseal(original_name, 'blobs.original_name', sha256);
    UPDATE artifacts SET title = reseal(title, 'artifacts.title', id),
                         source_path = reseal(source_path, 'artifacts.source_path', id),
                         segments = reseal(segments, 'artifacts.segments', id),
                         meta = reseal(meta, 'artifacts.meta', id);
    UPDATE people SET name = reseal(name, 'people.name', name_key || '|' || email_key),
                      email = reseal(email, 'people.email', name_key || '|' || email_key),
                      sources = reseal(sources, 'people.sources', name_key || '|' || email_key);
    UPDATE findings SET value = reseal(value, 'findings.value',
        artifact_id || '|' || entity || '|' || start || '|' || "end" || '|' || detector
        || '|' || box);
    UPDATE consents SET envelope = reseal(envelope, 'consents.envelope', record_id),
                        notice = reseal(notice, 'consents.notice', record_id);
    UPDATE review_history
       SET old_value = reseal(old_value, 'review_history.old_value', id || '|' || batch || '|'
                              || action || '|' || COALESCE(finding_id, '') || '|'
                              || COALESCE(artifact_id, '')),
           new_value = reseal(new_value, 'review_history.new_value', id || '|' || batch || '|'
                              || action || '|' || COALESCE(finding_id, '') || '|'
                              || COALESCE(artifact_id, ''));
    ALTER TABLE scans ADD COLUMN mac TEXT NOT NULL DEFAULT '';
    ALTER TABLE pending_events ADD COLUMN mac TEXT NOT NULL DEFAULT '';
    CREATE TABLE reviews (
        artifact_id TEXT PRIMARY KEY REFERENCES artifacts(id),
        mac         TEXT NOT NULL
    );
    CREATE TABLE approvals (
        artifact_id TEXT PRIMARY KEY REFERENCES artifacts(id),
        approved_at TEXT NOT NULL,
        mac         TEXT NOT NULL
    );
    ALTER TABLE consents ADD COLUMN withdrawn_at TEXT;
    """,
    # 7: a version of everything workspace-wide redaction depends on, kept by triggers (see
    # REVIEW_STATE_TRIGGERS), so approving an item need not hash every finding to know that
    # the redaction context it has is still the current one; and the undo steps by number,
    # so each review action finds the next one (and undo the last) without reading them all.
    """
    CREATE INDEX review_history_by_batch ON review_history(batch);
    CREATE TABLE review_state (
        id      INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL
    );
    INSERT INTO review_state(id, version) VALUES (1, 0);
    """ + "".join(f"{sql};\n" for _name, sql in REVIEW_STATE_TRIGGERS),
    # 8: the people the workspace knows carry the workspace's MAC (`people_mac` in settings),
    # renewed by every change the app makes; its key check says so, so a workspace cannot be
    # passed off as older to have a shortened people list trusted again. Written in Python
    # (it needs the key): see `Workspace.open`.
    "",
)

# The first schema whose workspaces are encrypted at rest.
SEALED_SINCE = 5
# The first schema whose sealed values are bound to their rows and whose review records carry
# a MAC; scans made before it carry none and are done again.
ROW_BOUND_SINCE = 6
# The first schema whose people list carries a MAC (and whose key check says so).
PEOPLE_SEALED_SINCE = 8

SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> None:
    """Apply every migration newer than the database, each in its own transaction."""
    for number in range(current_version(conn) + 1, SCHEMA_VERSION + 1):
        script = MIGRATIONS[number - 1]
        try:
            conn.executescript(f"BEGIN; {script} PRAGMA user_version = {number}; COMMIT;")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.rollback()
            raise
