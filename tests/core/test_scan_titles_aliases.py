"""Titles and subjects are scanned and redacted like bodies; one alias per person (issue 18)."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.review import decisions as review
from workbench.core.review import scan
from workbench.core.review.decisions import Decision
from workbench.core.review.redact import RedactionContext, redact_artifact
from workbench.core.workspace import Workspace

EML = """From: Wang Fang <wang.fang@xinghe.example.com>
To: Lina Li <lina.li@xinghe.example.com>
Subject: =?utf-8?b?{subject}?=
Date: Mon, 04 Mar 2024 10:00:00 +0800
Message-ID: <sick-1@xinghe.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

发布那天我不在，文档交接给 Tom。
"""

# A Feishu export (shape of tests/fixtures/feishu/chat_export.json) naming people every way
# chat does.
MESSAGES = [
    ("Kevin Zhou", "大家好，我是 Kevin Zhou，负责对接支付"),
    ("李娜", "Kevin 明天到，Zhou总也会来"),
    ("李娜", "欧阳建国和欧阳都在群里，@欧阳建国 请看一下"),
    ("欧阳建国", "收到。陈建华陈总那边我去说"),
    ("李娜", "陈总的意见是先灰度。赵敏的微信 zhaomin_1990，有事找她"),
]


def _feishu(path: Path) -> Path:
    messages = [{"message_id": f"om_{i:04d}", "chat_name": "对接群", "sender_name": sender,
                 "create_time": str(1709515800000 + i * 60000), "content": text}
                for i, (sender, text) in enumerate(MESSAGES)]
    path.write_text(json.dumps({"chat_name": "对接群", "messages": messages},
                               ensure_ascii=False), encoding="utf-8")
    return path


def _eml(path: Path, subject: str) -> Path:
    import base64

    encoded = base64.b64encode(subject.encode()).decode()
    path.write_text(EML.replace("{subject}", encoded), encoding="utf-8")
    return path


def test_sensitive_subject_is_found_and_its_decision_reaches_the_title(workspace: Workspace,
                                                                         tmp_path: Path):
    workspace.import_paths([_eml(tmp_path / "sick.eml", "我下周请病假做手术")])
    scan.scan_workspace(workspace)
    (mail,) = workspace.artifacts()
    subject_findings = [f for f in workspace.findings(mail.id)
                        if f.entity == "SENSITIVE_HEALTH" and "病假" in f.value]
    assert subject_findings
    for f in workspace.findings(mail.id):
        review.decide(workspace, f.id, Decision.REDACT)
    redacted = redact_artifact(workspace.artifact(mail.id), workspace.findings(mail.id),
                               RedactionContext.of(workspace))
    assert "病假" not in redacted.title and "手术" not in redacted.title
    assert redacted.title in ("[HEALTH INFORMATION]", "[健康信息]")


def test_file_name_is_scanned_and_redacted(workspace: Workspace, tmp_path: Path):
    doc = tmp_path / "张伟_13812345678_交接.md"
    doc.write_text("交接说明：见附件。\n", encoding="utf-8")
    workspace.import_paths([doc])
    scan.scan_workspace(workspace)
    (artifact,) = workspace.artifacts()
    title = artifact.title
    found = {(f.entity, f.value) for f in workspace.findings(artifact.id)}
    assert ("PHONE_NUMBER", "13812345678") in found
    for f in workspace.findings(artifact.id):
        if f.start < 0:  # a title finding: offsets just before the text, ending at -1
            start = f.start + len(title) + 1
            assert title[start:start + len(f.value)] == f.value
        review.decide(workspace, f.id, Decision.REDACT)
    redacted = redact_artifact(workspace.artifact(artifact.id),
                               workspace.findings(artifact.id), RedactionContext.of(workspace))
    assert "13812345678" not in redacted.title and "张伟" not in redacted.title
    assert redacted.title.endswith("_交接.md")


def test_pending_title_finding_blocks_approval(workspace: Workspace, tmp_path: Path):
    from workbench.core.review import gate

    doc = tmp_path / "13812345678.md"
    doc.write_text("nothing here\n", encoding="utf-8")
    workspace.import_paths([doc])
    scan.scan_workspace(workspace)
    (artifact,) = workspace.artifacts()
    assert [f.value for f in workspace.findings(artifact.id)] == ["13812345678"]
    assert gate.approval_blockers(workspace, artifact.id, by_hand=True)


def test_one_alias_per_person(workspace: Workspace, tmp_path: Path):
    workspace.import_paths([_feishu(tmp_path / "chat_export.json")])
    scan.scan_workspace(workspace)
    keys: dict[str, set[str | None]] = {}
    for f in workspace.findings():
        if f.entity in ("PERSON", "WECHAT_ID"):
            keys.setdefault(f.value, set()).add(f.person_key)
    people = [
        {"Kevin Zhou", "Kevin", "Zhou总"},
        {"欧阳建国", "欧阳"},
        {"陈建华", "陈总"},
        {"赵敏", "zhaomin_1990"},
    ]
    for variants in people:
        assert variants <= set(keys), (variants, keys)
        found = set().union(*(keys[v] for v in variants))
        assert len(found) == 1, (variants, found)
    ordinals = workspace.pseudonym_ordinals()
    linked = {next(iter(keys[next(iter(v))])) for v in people}
    assert all(key in ordinals for key in linked)
    # Every alias stands for a different person: no two of these share one, and none has two.
    assert len({ordinals[k] for k in linked}) == len(people)


def test_alias_sweep_never_replaces_part_of_a_file_name_or_identifier():
    from workbench.core.review.redact import RedactionContext, sweep_of, sweep_text
    from workbench.core.workspace import StoredFinding

    def finding(value: str, key: str) -> StoredFinding:
        return StoredFinding(1, "a", "PERSON", 0, len(value), 0.7, "test", value,
                             "third_party", key, "pseudonymise")

    context = RedactionContext(
        aliases={"person:runbook": 11, "person:zhaomin": 2},
        sweep=sweep_of([finding("Runbook", "person:runbook"),
                      finding("zhaomin", "person:zhaomin")]),
        sender_keys={})
    text = "see recon_Runbook.md, ops/Runbook, Runbook-v2 and zhaomin_1990; Runbook said hi."
    swept = sweep_text(text, context, "en")
    assert "recon_Runbook.md" in swept and "ops/Runbook" in swept
    assert "Runbook-v2" in swept and "zhaomin_1990" in swept
    assert "Colleague L said hi." in swept


def test_people_table_variants_are_one_person(workspace: Workspace, monkeypatch):
    # Slack shows "Kevin", mail shows "Kevin Zhou": one colleague, one key.
    from workbench.core.ingest.artifacts import Person

    seen = [Person(name="Kevin", email=None, source="slack"),
            Person(name="Kevin Zhou", email="kevin.zhou@x.example.com", source="email"),
            Person(name="Wang Fang", email=None, source="email")]
    monkeypatch.setattr(workspace, "people", lambda: seen)
    people = scan.known_people(workspace)
    by_name = {name: p.key for p in people for name in p.names}
    assert by_name["Kevin"] == by_name["Kevin Zhou"]
    assert by_name["Wang Fang"] != by_name["Kevin Zhou"]
