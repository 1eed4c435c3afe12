"""Encryption at rest: nothing people wrote, and nobody's name or address, is readable in the
workspace folder without the workspace key; a missing, wrong or altered key or value is
refused with its own message."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.conftest import keyring_entries
from workbench.core.demo import DemoLayout, as_party
from workbench.core.pii.profile import SelfProfile
from workbench.core.trust import sealing, secrets_store
from workbench.core.trust.sealing import WorkspaceDamaged, WorkspaceLocked
from workbench.core.workspace import Workspace
from workbench.core.workspace.migrations import MIGRATIONS


def sensitive_values(ws: Workspace) -> set[str]:
    """Everything the workspace knows that must not be readable on disk: finding values,
    people, the employee's profile, titles, and every line of every artifact."""
    values = {f.value for f in ws.findings()}
    for person in ws.people():
        values |= {person.name or "", person.email or ""}
    profile = ws.profile
    values |= {profile.name, *profile.aliases, *profile.emails, *profile.phones, *profile.ids,
               *profile.bank_cards}
    for artifact in ws.artifacts():
        values.add(artifact.title)
        values |= {line for s in artifact.segments for line in s.text.splitlines()}
    # Six bytes (two Chinese characters) or more: shorter strings occur by chance in any
    # file of random-looking bytes.
    return {v.strip() for v in values if len(v.strip().encode()) >= 6}


def test_the_workspace_folder_holds_no_personal_data_in_clear(headless_demo):
    code, root, _out = headless_demo
    assert code == 0
    layout = DemoLayout(root)
    with as_party(layout, "employee"), Workspace.open(layout.workspace) as ws:
        values = sensitive_values(ws)
        originals = [ws.read_blob(p.name) for p in (ws.root / "blobs").glob("*/*")]
    assert len(values) > 100 and {"张伟", "13912345678", "lina.li@xinghe.example.com"} <= values
    files = [p for p in layout.workspace.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"workspace.sqlite", "ledger.jsonl"}
    assert len(originals) > 10
    for path in files:
        data = path.read_bytes()
        found = sorted(v for v in values if v.encode() in data)
        assert not found, f"{path.relative_to(layout.root)} holds {found[:5]} in clear"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in [layout.workspace, *(p for p in layout.workspace.rglob("*") if p.is_dir())]:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    # The originals are intact behind the encryption (a PNG, a docx zip, a PDF among them).
    assert any(o.startswith(b"\x89PNG") for o in originals)
    assert any(o.startswith(b"%PDF") for o in originals)


def test_the_workspace_key_lives_in_the_key_store(workspace: Workspace, memory_keyring):
    workspace_id = workspace.setting("workspace_id")
    home = f"{secrets_store.data_dir()}::"
    stored = [name for name in keyring_entries(memory_keyring)
              if name.startswith(home) and "workspace:" in name]
    assert stored == [f"{home}workspace:{workspace_id}"]
    secret = secrets_store.secret_store().get(sealing.secret_name(str(workspace_id)))
    assert secret is not None and secret.startswith(b"AGE-SECRET-KEY-1")
    for path in workspace.root.rglob("*"):
        if path.is_file():
            assert secret not in path.read_bytes() and secret.lower() not in path.read_bytes()


def test_a_missing_key_is_named_and_nothing_is_lost(workspace: Workspace, fixtures: Path):
    workspace.import_paths([fixtures / "feishu"])
    workspace_id = str(workspace.setting("workspace_id"))
    root = workspace.root
    workspace.close()
    store = secrets_store.secret_store()
    key = store.get(sealing.secret_name(workspace_id))
    store.delete(sealing.secret_name(workspace_id))
    sealing.forget_keys()
    with pytest.raises(WorkspaceLocked, match="not in this computer's key store"):
        Workspace.open(root)
    assert key is not None
    store.set(sealing.secret_name(workspace_id), key)
    with Workspace.open(root) as ws:
        assert ws.status().artifacts > 0


def test_another_key_under_the_same_name_does_not_unlock(workspace: Workspace):
    import pyrage

    workspace_id = str(workspace.setting("workspace_id"))
    workspace.close()
    secrets_store.secret_store().set(sealing.secret_name(workspace_id),
                                     str(pyrage.x25519.Identity.generate()).encode())
    sealing.forget_keys()
    with pytest.raises(WorkspaceLocked, match="does not unlock"):
        Workspace.open(workspace.root)


def test_an_altered_value_or_original_is_refused(workspace: Workspace, fixtures: Path):
    workspace.import_paths([fixtures / "docs/handover_notes.md", fixtures / "feishu"])
    (first,) = [a for a in workspace.artifacts() if a.kind == "document"]
    conn = sqlite3.connect(workspace.root / "workspace.sqlite")
    (sealed,) = conn.execute("SELECT title FROM artifacts WHERE id = ?", (first.id,)).fetchone()
    flipped = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with conn:
        conn.execute("UPDATE artifacts SET title = ? WHERE id = ?", (flipped, first.id))
    # A sealed value moved to another column is refused too: the column is bound to it.
    other, segments = conn.execute("SELECT id, segments FROM artifacts WHERE id != ? LIMIT 1",
                                   (first.id,)).fetchone()
    with conn:
        conn.execute("UPDATE artifacts SET meta = ? WHERE id = ?", (segments, other))
    conn.close()
    with pytest.raises(WorkspaceDamaged, match=r"artifacts\.title"):
        workspace.artifact(first.id)
    with pytest.raises(WorkspaceDamaged, match="altered"):
        workspace.search("anything")
    with pytest.raises(WorkspaceDamaged, match=r"artifacts\.meta"):
        workspace.artifact(other)
    blob = next((workspace.root / "blobs").glob("*/*"))
    data = bytearray(blob.read_bytes())
    data[-5] ^= 1
    blob.write_bytes(bytes(data))
    with pytest.raises(WorkspaceDamaged, match="does not decrypt"):
        workspace.read_blob(blob.name)


def test_search_still_finds_text_inside_sealed_artifacts(workspace: Workspace, fixtures: Path):
    workspace.import_paths([fixtures / "feishu"])
    by_text = {a.id for a in workspace.artifacts() if "灰度" in a.text}
    assert by_text and workspace.search("灰度") == by_text
    assert workspace.search("ROLLBACK.sh") == {a.id for a in workspace.artifacts()
                                               if "rollback.sh" in a.text}
    assert workspace.search("no such words anywhere") == set()


def _legacy_workspace(root: Path, original: bytes) -> tuple[str, str]:
    """A workspace as schema 4 wrote it, before encryption at rest: everything in clear."""
    import hashlib

    root.mkdir()
    conn = sqlite3.connect(root / "workspace.sqlite")
    for number, script in enumerate(MIGRATIONS[:4], start=1):
        conn.executescript(f"BEGIN; {script} PRAGMA user_version = {number}; COMMIT;")
    digest = hashlib.sha256(original).hexdigest()
    (root / "blobs" / digest[:2]).mkdir(parents=True)
    (root / "blobs" / digest[:2] / digest).write_bytes(original)
    profile = json.dumps(SelfProfile("李娜", emails=("lina.li@xinghe.example.com",)).as_json(),
                         ensure_ascii=False)
    segments = json.dumps([{"text": "张伟的电话是13812345678"}], ensure_ascii=False)
    removed = json.dumps(["sha256:a", "PERSON", 0, 2, 1.0, "manual", "张伟", "third_party",
                          "phone_number:13812345678", "redact", ""], ensure_ascii=False)
    with conn:
        conn.executescript(f"""
            INSERT INTO settings VALUES ('workspace_id', 'legacy-1'), ('name', '李娜'),
                ('timezone', 'UTC'), ('created_at', '2026-01-01'),
                ('self_profile', '{profile}');
            INSERT INTO imports VALUES (1, '2026-01-01', '["/home/lina/张伟.md"]', 1);
            INSERT INTO blobs VALUES ('{digest}', {len(original)}, '张伟.md', 1);
            INSERT INTO artifacts(id, kind, title, source_format, source_path, blob, segments,
                                  meta, import_id, position)
                VALUES ('sha256:a', 'document', '张伟.md', 'document', '/home/lina/张伟.md',
                        '{digest}', '{segments}', '{{}}', 1, 0);
            INSERT INTO people(name, email, name_key, email_key, sources)
                VALUES ('张伟', 'zhang.wei@example.com', '张伟', 'zhang.wei@example.com',
                        '["feishu"]');
            INSERT INTO findings(artifact_id, entity, start, "end", score, detector, value,
                                 party, person_key)
                VALUES ('sha256:a', 'PHONE_NUMBER', 5, 16, 0.9, 'phone', '13812345678',
                        'third_party', 'phone_number:13812345678');
            INSERT INTO pseudonyms VALUES ('phone_number:13812345678', 0);
            INSERT INTO review_history(at, action, batch, finding_id, artifact_id, old_value)
                VALUES ('2026-01-01', 'remove', 1, 99, 'sha256:a', '{removed}');
        """)
    conn.close()
    return digest, "13812345678"


def test_a_workspace_from_before_encryption_is_sealed_in_place(tmp_path: Path):
    original = "# 张伟的交接\n电话 13812345678\n".encode()
    root = tmp_path / "old"
    digest, phone = _legacy_workspace(root, original)
    with Workspace.open(root) as ws:
        assert ws.profile.name == "李娜" and ws.name == "李娜"
        (artifact,) = ws.artifacts()
        assert artifact.title == "张伟.md" and artifact.text == "张伟的电话是13812345678"
        assert [p.email for p in ws.people()] == ["zhang.wei@example.com"]
        (finding,) = ws.findings()
        assert finding.value == phone
        assert ws.pseudonym_ordinals() == {finding.person_key: 0}
        assert finding.person_key == ws.blind_person_key(f"phone_number:{phone}")
        assert ws.read_blob(digest) == original
        # The undo of the old "remove" restores the finding with its value and blinded key.
        ws.undo()
        restored = ws.finding(99)
        assert restored.value == "张伟" and restored.person_key == finding.person_key
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for value in ("张伟", phone, "zhang.wei@example.com", "李娜", "/home/lina"):
                assert value.encode() not in data, f"{value} still in clear in {path.name}"
    # Opening again finds it sealed and needs nothing more.
    with Workspace.open(root) as ws:
        assert ws.artifacts()[0].title == "张伟.md"
