import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from workbench.core.errors import (
    Cancelled,
    ImportFailed,
    NotAWorkspace,
    WorkspaceExists,
    WorkspaceTooNew,
)
from workbench.core.ingest.artifacts import ArtifactKind
from workbench.core.pii.profile import SelfProfile
from workbench.core.progress import CancelToken
from workbench.core.workspace import Workspace
from workbench.core.workspace.migrations import SCHEMA_VERSION

GOOD_SAMPLES = ["feishu", "collector", "slack", "email", "docs", "images", "colleague_skill"]
# Per sample source: artifacts it must yield (ARCHITECTURE.md §3 units).
EXPECTED_COUNTS = {
    "feishu/chat_export.json": {"chat": 1},
    "feishu/chat_export_list.json": {"chat": 1},
    "collector/messages.txt": {"chat": 1},
    "collector/docs.txt": {"document": 1},
    "slack": {"chat": 1},
    "email/handover.eml": {"email": 1, "attachment": 1},
    "email/inbox.mbox": {"email": 3},
    "docs/handover_notes.md": {"document": 1},
    "docs/onboarding.docx": {"document": 1},
    "docs/runbook.pdf": {"document": 1},
    "images/chat_screenshot.png": {"image": 1},
    "images/whiteboard_photo.jpg": {"image": 1},
    "colleague_skill": {"skill-file": 5},
}


def snapshot(ws: Workspace) -> tuple[list[str], list[str]]:
    """Every row of every table, and every blob file: 'exactly as it was' means equal."""
    conn = sqlite3.connect(ws.root / "workspace.sqlite")
    rows = []
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        rows += [f"{table}:{row}" for row in conn.execute(f"SELECT * FROM {table}")]
    conn.close()
    blobs = sorted(str(p.relative_to(ws.root)) for p in (ws.root / "blobs").rglob("*"))
    return sorted(rows), blobs


def test_init_creates_wal_database_with_schema_version_and_blobs(workspace: Workspace):
    conn = sqlite3.connect(workspace.root / "workspace.sqlite")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert (workspace.root / "blobs").is_dir()
    assert workspace.profile.name == "李娜"
    assert "娜娜" in workspace.profile.aliases
    assert workspace.setting("timezone") == "Asia/Shanghai"


def test_init_refuses_an_existing_workspace(workspace: Workspace):
    with pytest.raises(WorkspaceExists):
        Workspace.create(workspace.root, SelfProfile("x"))


def test_open_refuses_a_folder_that_is_not_a_workspace(tmp_path: Path):
    with pytest.raises(NotAWorkspace, match="not a Consent Workbench workspace"):
        Workspace.open(tmp_path)


def test_open_refuses_a_workspace_from_a_newer_version(workspace: Workspace):
    conn = sqlite3.connect(workspace.root / "workspace.sqlite")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(WorkspaceTooNew, match="newer Consent Workbench"):
        Workspace.open(workspace.root)


@pytest.mark.parametrize("sample", sorted(EXPECTED_COUNTS))
def test_every_sample_imports_with_its_artifact_counts(
    workspace: Workspace, fixtures: Path, sample: str
):
    summary = workspace.import_paths([fixtures / sample])
    assert summary.added_by_kind == EXPECTED_COUNTS[sample]
    assert workspace.status().artifacts == sum(EXPECTED_COUNTS[sample].values())


def test_all_samples_together_and_originals_copied_to_blobs(workspace: Workspace, fixtures: Path):
    summary = workspace.import_paths([fixtures / s for s in GOOD_SAMPLES])
    # The two Feishu files share no day-conversation (different conversation names).
    assert summary.added == sum(sum(c.values()) for c in EXPECTED_COUNTS.values())
    status = workspace.status()
    assert status.by_state["pending"] == summary.added
    assert status.by_kind_and_state["skill-file"] == {"pending": 5}
    for original in [fixtures / "docs/onboarding.docx", fixtures / "slack/users.json"]:
        digest = hashlib.sha256(original.read_bytes()).hexdigest()
        assert workspace.read_blob(digest) == original.read_bytes()
        assert workspace.blob_path(digest).read_bytes().startswith(b"age-encryption.org/v1")


def test_artifact_ids_are_content_digests(workspace: Workspace, fixtures: Path):
    workspace.import_paths([fixtures / "collector/docs.txt"])
    (row,) = workspace.artifacts()
    from workbench.core.ingest.artifacts import content_digest

    assert row.id == content_digest(
        {"kind": "document", "title": "docs.txt", "segments": [s.as_json() for s in row.segments]}
    )


def test_importing_the_same_material_twice_adds_nothing(workspace: Workspace, fixtures: Path):
    first = workspace.import_paths([fixtures / s for s in GOOD_SAMPLES])
    before = snapshot(workspace)
    second = workspace.import_paths([fixtures / s for s in GOOD_SAMPLES])
    assert second.added == 0 and second.already_present == first.added
    assert second.people_added == 0
    assert snapshot(workspace) == before


@pytest.mark.parametrize(
    "bad", ["binary.eml", "empty.mbox", "not_really.docx", "truncated.json", "wrong_shape.json"]
)
def test_bad_input_leaves_the_workspace_exactly_as_it_was(
    workspace: Workspace, fixtures: Path, tmp_path: Path, bad: str
):
    workspace.import_paths([fixtures / "feishu/chat_export.json"])
    before = snapshot(workspace)
    # A good file listed first must not be half-imported either.
    with pytest.raises(ImportFailed) as err:
        workspace.import_paths([fixtures / "docs/onboarding.docx", fixtures / "bad" / bad])
    assert bad in str(err.value)
    assert snapshot(workspace) == before


def test_a_bad_file_inside_a_folder_fails_the_whole_folder(workspace: Workspace, fixtures: Path):
    before = snapshot(workspace)
    with pytest.raises(ImportFailed):
        workspace.import_paths([fixtures / "bad"])
    assert snapshot(workspace) == before


def test_cancelled_import_changes_nothing(workspace: Workspace, fixtures: Path):
    before = snapshot(workspace)
    token = CancelToken()
    seen = []

    def progress(done: int, total: int, label: str) -> None:
        seen.append((done, total))
        if done == 2:
            token.cancel()

    with pytest.raises(Cancelled):
        workspace.import_paths([fixtures / s for s in GOOD_SAMPLES], progress, token)
    assert seen[0][0] == 0 and seen[0][1] > 2
    assert snapshot(workspace) == before


def test_people_table_merges_names_and_addresses(workspace: Workspace, fixtures: Path):
    workspace.import_paths([fixtures / s for s in GOOD_SAMPLES])
    people = {(p.name, p.email) for p in workspace.people()}
    assert ("Tom Baker", "tom.baker@xinghe.example.com") in people
    assert ("张伟", None) in people
    assert ("王芳", "wang.fang@xinghe.example.com") in people
    assert not any(name == "Tom Baker" and email is None for name, email in people)


def test_attachment_is_linked_to_its_email(workspace: Workspace, fixtures: Path):
    workspace.import_paths([fixtures / "email/handover.eml"])
    (mail,) = workspace.artifacts(ArtifactKind.EMAIL)
    (attachment,) = workspace.artifacts(ArtifactKind.ATTACHMENT)
    assert workspace.attachments_of(mail.id) == [attachment.id]


def test_an_outlook_data_file_is_stored_with_its_attachment_linked(
    workspace: Workspace, fixtures: Path
):
    summary = workspace.import_paths([fixtures / "outlook/mailbox.pst"])
    assert summary.added_by_kind == {"email": 4, "attachment": 1, "chat": 1}
    assert not summary.notes
    mail = next(a for a in workspace.artifacts(ArtifactKind.EMAIL)
                if a.title == "支付网关灰度发布安排")
    (attachment,) = workspace.artifacts(ArtifactKind.ATTACHMENT)
    assert workspace.attachments_of(mail.id) == [attachment.id]
    assert workspace.import_paths([fixtures / "outlook/mailbox.pst"]).added == 0


def test_folder_import_skips_unsupported_files_and_says_so(workspace: Workspace, tmp_path: Path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "notes.md").write_text("hello", encoding="utf-8")
    (folder / "tool.exe").write_bytes(b"MZ")
    summary = workspace.import_paths([folder])
    assert summary.added == 1
    assert [p.name for p, _ in summary.skipped] == ["tool.exe"]


def test_artifact_states_list_every_artifact_in_order_without_opening_it(
    workspace: Workspace, fixtures: Path
):
    from workbench.core.ingest.artifacts import ArtifactState

    workspace.import_paths([fixtures / "feishu", fixtures / "email"])
    rows = workspace.artifacts()
    workspace.set_artifact_state(rows[1].id, ArtifactState.EXCLUDED)
    states = workspace.artifact_states()
    assert [i for i, _ in states] == [a.id for a in rows]
    assert [s for _, s in states].count(ArtifactState.EXCLUDED) == 1
    assert states[1] == (rows[1].id, ArtifactState.EXCLUDED)


def test_keep_going_imports_every_good_file_and_lists_each_bad_one(
    workspace: Workspace, fixtures: Path, tmp_path: Path
):
    import shutil

    folder = tmp_path / "mixed"
    shutil.copytree(fixtures / "bad", folder / "bad")
    shutil.copy(fixtures / "docs/handover_notes.md", folder)
    # A DingTalk export is not a format the workbench reads yet: it must not stop the rest.
    (folder / "dingtalk.json").write_text(json.dumps({"conversationTitle": "发布群", "msgs": [
        {"senderNick": "张伟", "msgType": "text", "content": {"text": "明天灰度"},
         "createAt": 1709513400000}]}, ensure_ascii=False), encoding="utf-8")
    (folder / "tool.exe").write_bytes(b"MZ")
    summary = workspace.import_paths([folder], keep_going=True)
    assert summary.added == 2  # the notes and the Latin-1 text
    failed = {path.name: why for path, why in summary.failed}
    skipped = {path.name for path, _ in summary.skipped}
    assert {"binary.eml", "empty.mbox", "not_really.docx", "truncated.json"} <= set(failed)
    assert all(failed.values())
    # JSON of no known shape is failed with its reason, or passed over as not a chat export.
    assert set(failed) | skipped == {"binary.eml", "empty.mbox", "not_really.docx",
                                     "truncated.json", "wrong_shape.json", "dingtalk.json",
                                     "tool.exe"}
    assert "tool.exe" in skipped and "tool.exe" not in failed
    assert {a.title for a in workspace.artifacts()} >= {"handover_notes.md"}


def test_a_file_that_fails_while_stored_leaves_no_trace_and_the_others_stay(
    workspace: Workspace, fixtures: Path, monkeypatch
):
    from workbench.core.workspace import store

    before = snapshot(workspace)
    original = store.Workspace._store_artifact
    seen = []

    def fail_on_the_mailbox_second_message(self, artifact, source, *args, **kwargs):
        if source.path.name == "inbox.mbox":
            seen.append(artifact.id)
            if len(seen) == 2:
                raise ImportFailed(source.path, "the disk is full")
        yield from original(self, artifact, source, *args, **kwargs)

    monkeypatch.setattr(store.Workspace, "_store_artifact", fail_on_the_mailbox_second_message)
    summary = workspace.import_paths([fixtures / "email/inbox.mbox",
                                      fixtures / "docs/handover_notes.md"], keep_going=True)
    assert [(p.name, why) for p, why in summary.failed] == [("inbox.mbox", "the disk is full")]
    assert [a.title for a in workspace.artifacts()] == ["handover_notes.md"]
    monkeypatch.undo()
    # Importing only the notes into the earlier state gives exactly this state: no row or
    # blob of the mailbox is left behind.
    after = snapshot(workspace)
    assert len([r for r in after[0] if r.startswith("blobs:")]) == \
        len([r for r in before[0] if r.startswith("blobs:")]) + 1
    mailbox_blob = hashlib.sha256((fixtures / "email/inbox.mbox").read_bytes()).hexdigest()
    assert not any(mailbox_blob in blob for blob in after[1])
    files = [p for p in (workspace.root / "blobs").rglob("*") if p.is_file()]
    assert [p.name for p in files] == [hashlib.sha256(
        (fixtures / "docs/handover_notes.md").read_bytes()).hexdigest()]


def test_the_default_time_zone_is_the_machines(tmp_path: Path):
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from workbench.core.workspace import local_timezone_name

    nowhere = tmp_path / "missing"
    copied = tmp_path / "localtime"  # a copy of the zone file, not a link into zoneinfo
    copied.write_bytes(b"TZif")
    named = tmp_path / "timezone"
    named.write_text("Asia/Shanghai\n")
    assert local_timezone_name({"TZ": ":Europe/Berlin"}, nowhere, nowhere) == "Europe/Berlin"
    assert local_timezone_name({}, copied, named) == "Asia/Shanghai"
    # Nothing names the zone: the machine's offset still keeps 09:30 +08:00 at 09:30.
    zone = local_timezone_name({}, copied, nowhere, offset=timedelta(hours=8))
    shown = datetime(2024, 3, 5, 1, 30, tzinfo=UTC).astimezone(ZoneInfo(zone))
    assert shown.strftime("%H:%M") == "09:30"
    assert local_timezone_name({}, copied, nowhere, offset=timedelta(0)) == "UTC"


def test_the_next_undo_step_is_found_without_reading_every_review_action(
        workspace: Workspace):
    """Every review action numbers its undo step after the last one: with thousands of
    decisions behind it, that must be a look-up, not a scan of the history."""
    conn = sqlite3.connect(workspace.root / "workspace.sqlite")
    plan = " ".join(row[3] for row in conn.execute(
        "EXPLAIN QUERY PLAN SELECT COALESCE(MAX(batch), 0) + 1 FROM review_history"))
    conn.close()
    assert "USING COVERING INDEX review_history_by_batch" in plan
