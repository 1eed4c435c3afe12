
"""The skill folder: layout, SKILL.md, `agentskills validate`, and the leak test."""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from tests.core.parties import make_parties
from workbench.core.ingest.artifacts import ArtifactKind
from workbench.core.package import consent
from workbench.core.package.skill import build_skill
from workbench.core.pii.profile import SelfProfile
from workbench.core.review import decisions as review
from workbench.core.review import scan
from workbench.core.workspace import Workspace

ALL = ["feishu", "collector", "slack", "email", "docs", "images", "colleague_skill"]


@pytest.fixture
def reviewed(tmp_path: Path, fixtures: Path):
    employee, hr, recipient = make_parties(tmp_path / "homes")
    with employee:
        ws = Workspace.create(tmp_path / "ws", SelfProfile.from_file(fixtures / "self.json"),
                              "Asia/Shanghai")
        ws.import_paths([fixtures / s for s in ALL])
        scan.scan_workspace(ws)
        terms = consent.terms_from_mapping(
            consent.terms_from_file(fixtures / "consent_terms.json"),
            countersigner=hr.card.fingerprint, recipients=[recipient.card.fingerprint],
            delete_by="2030-01-01")
        consent.record_decision(ws, terms, "given", employee.card, datetime.now(UTC))
        review.auto_review(ws)
        for image in ws.artifacts(ArtifactKind.IMAGE):
            review.approve(ws, image.id)
        yield ws
        ws.close()


def test_layout_and_skill_md(reviewed: Workspace, tmp_path: Path):
    folder = build_skill(reviewed, tmp_path / "out")
    assert folder.name == "lina-li-work"
    skill_md = (folder / "SKILL.md").read_text()
    assert skill_md.startswith("---\nname: lina-li-work\n")
    assert "delete-by: \"2030-01-01\"" in skill_md and "consent-record:" in skill_md
    assert len(skill_md.splitlines()) < 500
    for path in ("references/chats", "references/emails", "references/docs",
                 "references/colleague-skill", "consent/record.json", "consent/ledger.jsonl",
                 "consent/notice.md"):
        assert (folder / path).exists(), path
    assert len(list((folder / "assets").glob("*.png"))) == 2
    chat = sorted((folder / "references/chats").glob("*.md"))[0].read_text()
    assert re.search(r"^\d\d:\d\d — \S+: ", chat.splitlines()[2])
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        assert len(relative.parts) <= 3  # references/<kind>/<file>: one level deep


def test_only_approved_artifacts_leave(reviewed: Workspace, tmp_path: Path):
    mail = next(a for a in reviewed.artifacts(ArtifactKind.EMAIL) if a.title == "病假")
    review.undo(reviewed)  # the last image approval
    review.exclude(reviewed, mail.id)
    folder = build_skill(reviewed, tmp_path / "out")
    text = "\n".join(p.read_text() for p in folder.rglob("*.md"))
    assert "诊断书" not in text and "病假" not in text
    assert len(list((folder / "assets").glob("*.png"))) == 1


@pytest.mark.skipif(shutil.which("agentskills", path=str(Path(sys.executable).parent)) is None,
                    reason="skills-ref (agentskills) is not installed")
def test_skills_ref_validate_passes(reviewed: Workspace, tmp_path: Path):
    folder = build_skill(reviewed, tmp_path / "out")
    tool = Path(sys.executable).parent / "agentskills"
    result = subprocess.run([str(tool), "validate", str(folder)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_leak_no_redacted_or_pseudonymised_value_anywhere(reviewed: Workspace, tmp_path: Path):
    folder = build_skill(reviewed, tmp_path / "out")
    removed = {f.value for f in reviewed.findings()
               if f.decision in ("redact", "pseudonymise") and not f.entity.startswith("SENS")}
    assert {"13812345678", "AKIAIOSFODNN7EXAMPLE", "6222021001123456789", "张伟",
            "tom.baker@xinghe.example.com", "310115198811124517", "Tom Baker",
            "xoxb-0000000000-0000000000000-EXAMPLEEXAMPLEEXAMPLE1234", "王芳"} <= removed
    files = [p for p in folder.rglob("*") if p.is_file()]
    leaks = []
    for path in files:
        name = str(path.relative_to(folder))
        data = path.read_bytes().decode("utf-8", errors="replace")
        if path.suffix == ".png":
            with Image.open(path) as image:
                data = repr(image.info) + repr(image.getexif())
        if name.startswith("consent/"):
            continue  # the consent record names the parties; checked for values below
        for value in removed:
            pattern = re.escape(value)
            if value.isascii():
                pattern = rf"(?<![A-Za-z0-9]){pattern}(?![A-Za-z0-9])"
            if re.search(pattern, name) or re.search(pattern, data,
                                                     re.IGNORECASE if value.isascii() else 0):
                leaks.append((name, value))
    assert not leaks
    # Read what each consent file says: a signed envelope's payload decoded (its base64 and
    # signatures are random letters that may spell "Tom" by chance).
    said = []
    for path in (folder / "consent").iterdir():
        text = path.read_text()
        if path.name.endswith(".dsse.json"):
            text = base64.b64decode(json.loads(text)["payload"]).decode("utf-8")
        said.append(text)
    consent_text = "\n".join(said)
    assert not [v for v in removed if re.search(
        rf"(?<![A-Za-z0-9]){re.escape(v)}(?![A-Za-z0-9])" if v.isascii() else re.escape(v),
        consent_text)]


def test_document_metadata_never_reaches_the_skill(reviewed: Workspace, tmp_path: Path):
    """Documents leave as Markdown re-rendered from their text: the .docx core properties
    (author, comment with a phone) and the PDF's /Creator and /Producer stay behind."""
    folder = build_skill(reviewed, tmp_path / "out")
    everything = "\n".join(p.read_bytes().decode("utf-8", "replace")
                           for p in folder.rglob("*") if p.is_file())
    for value in ("contains personal phone", "13912345678", "李娜 Lina Li", "Qt 6.12.0",
                  "D:20261128015055Z"):
        assert value not in everything
    assert not list(folder.rglob("*.docx")) and not list(folder.rglob("*.pdf"))


def test_topics_set_each_reference_apart_in_chinese_and_english(tmp_path: Path):
    from workbench.core.package.skill import Reference, _add_topics

    texts = {
        "a.md": "# 发布\n\n09:30 — 同事A: 发布步骤见附件，发布窗口是周五。\n"
                "09:31 — 李娜: 发布步骤我再核对一下，回滚方案也写好了。\n",
        "b.md": "# 客户\n\n09:30 — 同事B: 客户名单在共享盘，客户名单别外传。\n"
                "09:31 — 李娜: 好的，客户名单我周一更新。\n",
        "c.md": "# Rollout\n\nThe rollout of the payment gateway: rollout window Friday, "
                "gateway config reviewed by Colleague A.\n",
    }
    references = []
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        references.append(Reference(name, "chat", name, None, None))
    _add_topics(tmp_path, references)
    topics = {r.path: r.topics for r in references}
    assert any("发布" in t for t in topics["a.md"][:2])
    assert any("客户" in t for t in topics["b.md"][:2])
    assert topics["c.md"][:2] == ["rollout", "gateway"]
    everything = [t for ts in topics.values() for t in ts]
    assert not [t for t in everything if "同事" in t or t.startswith("colleague")
                or t[0] in "的了是我" or t[-1] in "的了是我"]


def test_what_leaves_is_redacted_with_a_context_checked_against_every_row(
        reviewed: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The review version a window trusts while it works is not enough for the package:
    its context is checked against every stored finding, alias and person (strict)."""
    from workbench.core.review.redact import RedactionContext

    asked: list[bool] = []
    of = RedactionContext.of.__func__  # type: ignore[attr-defined]

    def spy(cls: type[RedactionContext], ws: Workspace, *, strict: bool = False
            ) -> RedactionContext:
        asked.append(strict)
        return of(cls, ws, strict=strict)  # type: ignore[no-any-return]

    monkeypatch.setattr(RedactionContext, "of", classmethod(spy))
    build_skill(reviewed, tmp_path / "out")
    assert asked and all(asked)


def _one_language_workspace(tmp_path: Path, fixtures: Path, texts: dict[str, str]) -> Workspace:
    """A consented, reviewed workspace whose material is only `texts` (name -> text)."""
    employee, hr, recipient = make_parties(tmp_path / "homes")
    material = tmp_path / "material"
    material.mkdir()
    for name, text in texts.items():
        (material / name).write_text(text, encoding="utf-8")
    with employee:
        ws = Workspace.create(tmp_path / "ws", SelfProfile.from_file(fixtures / "self.json"),
                              "Asia/Shanghai")
        ws.import_paths([material])
        scan.scan_workspace(ws)
        terms = consent.terms_from_mapping(
            consent.terms_from_file(fixtures / "consent_terms.json"),
            countersigner=hr.card.fingerprint, recipients=[recipient.card.fingerprint],
            delete_by="2030-01-01")
        consent.record_decision(ws, terms, "given", employee.card, datetime.now(UTC))
        review.auto_review(ws)
    return ws


CHINESE_NOTES = {
    "发布说明.txt": "支付网关发布前，先检查灰度配置和监控告警。发布窗口定在周五晚上，回滚方案已经"
                    "写进值班手册。灰度期间观察错误率，错误率升高就立即回滚。\n",
    "值班手册.txt": "值班工程师负责处理告警。告警升级时联系数据库管理员，数据库备份每天凌晨完成。"
                    "只读账号用于排查问题，不要在生产环境修改数据库。\n",
}
ENGLISH_NOTES = {
    "release.txt": "Before the payment gateway release, check the canary config and the "
                   "alerts. The release window is Friday night; the rollback plan is in the "
                   "runbook. Watch the error rate during the canary.\n",
    "oncall.txt": "The on-call engineer handles alerts. Escalations go to the database "
                  "administrator; database backups finish every night.\n",
}


def test_a_chinese_workspace_gets_a_chinese_skill_md_with_word_topics(
        tmp_path: Path, fixtures: Path) -> None:
    from workbench.core.pii.chinese import jieba_posseg

    ws = _one_language_workspace(tmp_path, fixtures, CHINESE_NOTES)
    try:
        skill_md = (build_skill(ws, tmp_path / "out") / "SKILL.md").read_text("utf-8")
    finally:
        ws.close()
    body = skill_md.split("\n---\n", 1)[1]
    headings = [line for line in body.splitlines() if line.startswith("#")]
    assert headings and not [h for h in headings if re.search(r"[A-Za-z]{2,}", h)], headings
    assert "## 参与者" in body and "## 参考资料" in body
    assert "| 文件 | 类型 | 日期 | 主题 |" in body
    # Topics are words as jieba cuts the text, never fragments across words or one character.
    words = {w for text in CHINESE_NOTES.values() for w, _ in jieba_posseg()(text)}
    rows = [line.split(" | ") for line in body.splitlines() if line.startswith("| [references/")]
    topics = [t for row in rows for t in row[3].rstrip(" |").split("，") if t]
    assert topics, rows
    assert all(t in words and len(t) >= 2 for t in topics), topics
    assert not {"的", "和", "在", "就", "已经", "不要"} & set(topics)


def test_an_english_workspace_keeps_an_english_skill_md(tmp_path: Path, fixtures: Path) -> None:
    ws = _one_language_workspace(tmp_path, fixtures, ENGLISH_NOTES)
    try:
        skill_md = (build_skill(ws, tmp_path / "out") / "SKILL.md").read_text("utf-8")
    finally:
        ws.close()
    assert "## Participants" in skill_md and "## References" in skill_md
    assert "| file | kind | dates | topics |" in skill_md
    assert "参与者" not in skill_md
    rows = [line for line in skill_md.splitlines() if line.startswith("| [references/")]
    assert any("rollback" in row or "canary" in row for row in rows), rows
