"""Scanning a workspace: findings stored, cached by digest and detector, parties, aliases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.core.ingest.chat import SELF_SENDER
from workbench.core.pii.pseudonyms import alias, letters
from workbench.core.review import scan
from workbench.core.workspace import Workspace

SAMPLES = ["feishu", "collector", "slack", "email", "docs", "colleague_skill"]


@pytest.fixture
def scanned(workspace: Workspace, fixtures: Path) -> Workspace:
    workspace.import_paths([fixtures / s for s in SAMPLES])
    scan.scan_workspace(workspace)
    return workspace


def by_value(ws: Workspace) -> dict[str, set[tuple[str, str, str | None]]]:
    out: dict[str, set[tuple[str, str, str | None]]] = {}
    for f in ws.findings():
        out.setdefault(f.value, set()).add((f.entity, f.party, f.person_key))
    return out


def test_findings_are_stored_with_offsets_into_the_artifact_text(scanned: Workspace):
    artifacts = {a.id: a for a in scanned.artifacts()}
    findings = scanned.findings()
    assert len(findings) > 40
    for f in findings:
        artifact = artifacts[f.artifact_id]
        if f.start < 0:  # in the title, which ends just before the text (at -1)
            shift = len(artifact.title) + 1
            assert artifact.title[f.start + shift:f.end + shift] == f.value
        else:
            assert artifact.text[f.start:f.end] == f.value


def test_every_sample_secret_phone_and_id_is_found(scanned: Workspace):
    values = by_value(scanned)
    for value in ["13812345678", "AKIAIOSFODNN7EXAMPLE", "6222021001123456789",
                  "110105199003071239", "310115198811124517", "+1 415 555 0132",
                  "xoxb-0000000000-0000000000000-EXAMPLEEXAMPLEEXAMPLE1234", "10.20.30.40",
                  "(415) 555-0199", "tombaker77@mail.example.net", "010-62345678",
                  "chen.zong@client.example.org", "Xh#2024!ro",
                  "北京市海淀区中关村大街27号3单元502"]:
        assert value in values, value


def test_self_and_third_parties_are_told_apart(scanned: Workspace):
    values = by_value(scanned)
    assert {p for _, p, _ in values["13912345678"]} == {"self"}
    assert {p for _, p, _ in values["lina.li@xinghe.example.com"]} == {"self"}
    assert {p for _, p, _ in values["110105199003071239"]} == {"self"}
    assert {p for _, p, _ in values["13812345678"]} == {"third_party"}
    assert {p for _, p, _ in values["AKIAIOSFODNN7EXAMPLE"]} == {"none"}


def test_same_person_gets_the_same_key_in_every_form(scanned: Workspace):
    values = by_value(scanned)
    (zhang,) = {k for _, _, k in values["张伟"]}
    assert {k for _, _, k in values["Zhang Wei"]} == {zhang}
    (tom,) = {k for _, _, k in values["Tom Baker"]}
    assert {k for _, _, k in values["tom.baker@xinghe.example.com"]} == {tom}
    ordinals = scanned.pseudonym_ordinals()
    assert len(set(ordinals.values())) == len(ordinals)
    assert zhang in ordinals and tom in ordinals


def test_unchanged_artifacts_are_not_scanned_again(scanned: Workspace):
    before = [(f.id, f.value) for f in scanned.findings()]
    again = scan.scan_workspace(scanned)
    assert again.scanned == 0 and again.skipped_unchanged == len(scanned.artifacts())
    assert [(f.id, f.value) for f in scanned.findings()] == before


def test_new_people_or_a_new_detector_version_rescan(scanned: Workspace, fixtures: Path,
                                                     monkeypatch):
    from workbench.core.pii import version

    monkeypatch.setattr(version, "DETECTOR_VERSION", "test-next")
    assert scan.scan_workspace(scanned).scanned == len(scanned.artifacts())


def test_aliases():
    assert [letters(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]
    assert alias(0, "zh") == "同事A" and alias(1, "en") == "Colleague B"


def test_status_counts_findings_by_entity(scanned: Workspace):
    counts = scanned.status().as_json()["findings"]
    assert counts["SECRET"] >= 4 and counts["PHONE_NUMBER"] >= 8
    json.dumps(counts)


@pytest.mark.slow
def test_worker_process_scan_matches_in_process_scan(workspace: Workspace, fixtures: Path):
    workspace.import_paths([fixtures / "feishu", fixtures / "slack"])
    scan.scan_workspace(workspace)
    here = [(f.artifact_id, f.entity, f.start, f.end, f.party) for f in workspace.findings()]
    again = scan.scan_workspace(workspace, processes=2, force=True)
    assert again.scanned == 3
    there = [(f.artifact_id, f.entity, f.start, f.end, f.party) for f in workspace.findings()]
    assert there == here


def test_sender_keys_follow_the_people_seen(workspace: Workspace, fixtures: Path):
    workspace.import_paths([fixtures / "collector/messages.txt"])
    before = scan.sender_keys(workspace)
    assert before["李娜"] == "self" and before["张伟"] != "self"
    assert scan.sender_keys(workspace) == before  # worked out once, then reused
    workspace.import_paths([fixtures / "feishu/chat_export.json"])
    after = scan.sender_keys(workspace)
    assert set(after) > set(before)
    # Still exactly what the people table says, name by name, and the exporters' "我".
    expected = {SELF_SENDER: "self"}
    for person in scan.known_people(workspace):
        for name in person.names:
            expected.setdefault(name, person.key)
    assert after == expected


def test_a_scan_keeps_the_people_it_worked_out_sealed_for_while_they_stay(
        scanned: Workspace, fixtures: Path, monkeypatch):
    """The window asks for the people (the gate's scan key, the chat senders) without
    transliterating every name again: what the scan worked out is kept in the workspace,
    sealed, and used only while the people, the profile and the detector are the same."""
    import sqlite3

    worked_out = scan._work_out_people(scanned)
    assert scan.known_people(scanned) == worked_out

    def no_pinyin(_name: str) -> list[str]:
        raise AssertionError("the kept people should have been used")

    monkeypatch.setattr(scan, "pinyin_forms", no_pinyin)
    assert scan.known_people(scanned) == worked_out
    with sqlite3.connect(scanned.root / "workspace.sqlite") as raw:
        (stored,) = raw.execute("SELECT value FROM settings WHERE key = ?",
                                (scan.KNOWN_PEOPLE_SETTING,)).fetchone()
    assert "李娜".encode() not in bytes(stored) and b"self" not in bytes(stored)
    monkeypatch.undo()
    scanned.import_paths([fixtures / "wechat"])  # people seen again: worked out again
    assert scan._remembered_people(scanned) is None
    assert scan.known_people(scanned) == scan._work_out_people(scanned)


def test_messages_an_exporter_marks_as_sent_by_me_are_the_employees(workspace: Workspace,
                                                                     tmp_path: Path):
    """A MemoTrace row with IsSender=1 is the employee's own: drawn as hers and kept as hers
    in the export, never a colleague with an alias or a [name] placeholder."""
    from workbench.core.review import redact

    path = tmp_path / "王芳_utf8.csv"
    path.write_text(
        "\ufefflocalId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,"
        "Remark,NickName,Sender\r\n"
        "1,7,1,0,0,1709602200,2,明天评审,2024-03-05 09:30:00,王芳,Fang W,wxid_wf01\r\n"
        "2,7,1,0,1,1709602320,2,好的,2024-03-05 09:32:00,,小娜🌙,wxid_me01\r\n",
        encoding="utf-8")
    workspace.import_paths([path])
    scan.scan_workspace(workspace)
    keys = scan.sender_keys(workspace)
    assert keys[SELF_SENDER] == "self" and keys["王芳"] != "self"
    assert "小娜🌙" not in keys
    (artifact,) = workspace.artifacts()
    context = redact.RedactionContext.of(workspace)
    shown = redact.redact_artifact(artifact, workspace.findings(), context)
    assert [s.sender for s in shown.segments] == [alias(0, "zh"), SELF_SENDER]
