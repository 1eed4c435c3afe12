"""Telling a file's format from its content: chat CSV/JSON against other CSV/JSON in a
folder, and files whose name says nothing (no suffix, or one no exporter uses)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.core.ingest.helpers import extract, extract_one
from workbench.core.errors import UnsupportedFormat
from workbench.core.ingest import plan_import
from workbench.core.ingest.artifacts import ArtifactKind

CONTACTS_CSV = "姓名,手机,部门\n张伟,13812345678,支付\n王芳,13912345678,风控\n"


@pytest.fixture
def chat_folder(fixtures: Path, tmp_path: Path) -> Path:
    """A WeChat exporter's output folder as people have it: chats, and a contact list."""
    folder = tmp_path / "wechat_export"
    folder.mkdir()
    for name in ("memotrace_张伟.csv", "pywxdump_123456789@chatroom_0_5001.csv",
                 "chatlog_123456789@chatroom_2024-03-05_2024-03-05.csv"):
        shutil.copy(fixtures / "wechat" / name, folder)
    (folder / "contacts.csv").write_text(CONTACTS_CSV, encoding="utf-8")
    return folder


def test_csv_in_a_folder_that_is_no_chat_export_is_passed_over_with_why(chat_folder: Path):
    plan = plan_import([chat_folder])
    assert sorted(p.name for p, _ in plan.items) == [
        "chatlog_123456789@chatroom_2024-03-05_2024-03-05.csv",
        "memotrace_张伟.csv", "pywxdump_123456789@chatroom_0_5001.csv"]
    ((path, why),) = plan.skipped
    assert path.name == "contacts.csv"
    assert "no chat export" in why and "import the file on its own" in why
    sources = extract(chat_folder)
    assert {s.source_format for s in sources} == {"wechat-memotrace", "wechat-pywxdump",
                                                  "wechat-chatlog"}
    assert all(a.kind is ArtifactKind.CHAT for s in sources for a in s.artifacts)


def test_a_csv_given_on_its_own_still_imports_as_a_document(chat_folder: Path):
    source = extract_one(chat_folder / "contacts.csv")
    (document,) = source.artifacts
    assert document.kind is ArtifactKind.DOCUMENT
    assert "13812345678" in document.text


def test_an_empty_csv_in_a_folder_is_left_to_its_importer(tmp_path: Path):
    (tmp_path / "empty.csv").write_bytes(b"")
    plan = plan_import([tmp_path])
    assert [p.name for p, _ in plan.items] == ["empty.csv"] and not plan.skipped


def test_skip_reasons_are_in_the_users_language(chat_folder: Path, fixtures: Path,
                                                monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    shutil.copy(fixtures / "collectors/feishu/collection_summary.json", chat_folder)
    (chat_folder / "tool.exe").write_bytes(b"MZ\x90\x00")
    reasons = {p.name: why for p, why in plan_import([chat_folder]).skipped}
    assert "请单独导入这个文件" in reasons["contacts.csv"]
    assert "采集摘要" in reasons["collection_summary.json"]
    assert reasons["tool.exe"] == "不是工作台可导入的格式"


def test_colleague_skill_summary_beside_its_output_is_passed_over_not_fatal(
    fixtures: Path, tmp_path: Path
):
    for collector in ("feishu", "dingtalk"):
        shutil.copytree(fixtures / "collectors" / collector, tmp_path / collector)
    plan = plan_import([tmp_path])
    assert [p.parent.name for p, _ in plan.skipped] == ["dingtalk", "feishu"]
    assert all(p.name == "collection_summary.json" and "colleague-skill" in why
               for p, why in plan.skipped)
    sources = extract(tmp_path)
    assert [s.source_format for s in sources] == ["collector", "collector"]


# Files as people keep them without a telling name: Thunderbird's mailboxes have no suffix,
# downloads lose theirs, exports are renamed.
SNIFFED = [
    ("email/inbox.mbox", "Inbox", "mbox"),
    ("email/handover.eml", "handover", "eml"),
    ("docs/runbook.pdf", "runbook", "pdf"),
    ("docs/onboarding.docx", "onboarding.bin", "docx"),
    ("office/contacts.xlsx", "contacts", "xlsx"),
    ("outlook/release.msg", "release.dat", "msg"),
    ("images/chat_screenshot.png", "screenshot", "png"),
    ("feishu/chat_export.json", "chat_export", "feishu"),
    ("wechat/memotrace_张伟.csv", "memotrace_张伟", "wechat-memotrace"),
    ("collector/messages.txt", "messages.log1", "collector"),
    ("slack_export.zip", "slack_export", "slack"),
]


@pytest.mark.parametrize(("sample", "renamed", "fmt"), SNIFFED)
def test_a_file_whose_name_says_nothing_is_read_by_its_content(
    fixtures: Path, tmp_path: Path, sample: str, renamed: str, fmt: str
):
    folder = tmp_path / "downloads"
    folder.mkdir()
    shutil.copy(fixtures / sample, folder / renamed)
    (source,) = extract(folder)
    assert source.source_format == fmt
    assert source.artifacts
    named = extract_one(fixtures / sample)
    assert [a.text for a in source.artifacts] == [a.text for a in named.artifacts]


def test_plain_text_without_a_suffix_is_a_document_only_when_given_on_its_own(tmp_path: Path):
    (tmp_path / "README").write_text("How to build this folder's tool.\n", encoding="utf-8")
    (tmp_path / "blob").write_bytes(bytes(range(256)) * 4)
    plan = plan_import([tmp_path])
    assert not plan.items
    assert sorted(p.name for p, _ in plan.skipped) == ["README", "blob"]
    (document,) = extract_one(tmp_path / "README").artifacts
    assert document.kind is ArtifactKind.DOCUMENT
    with pytest.raises(UnsupportedFormat, match="files are not supported"):
        extract_one(tmp_path / "blob")


def test_a_chat_export_saved_as_text_is_read_as_the_chat(fixtures: Path, tmp_path: Path):
    shutil.copy(fixtures / "wechat/chatlab_支付网关发布群.json", tmp_path / "chat.txt")
    (tmp_path / "list.txt").write_text('[1, 2, "not a chat"]\n', encoding="utf-8")
    source = extract_one(tmp_path / "chat.txt")
    assert source.source_format == "chatlab"
    assert all(a.kind is ArtifactKind.CHAT for a in source.artifacts)
    (document,) = extract_one(tmp_path / "list.txt").artifacts
    assert document.kind is ArtifactKind.DOCUMENT
