import base64
from datetime import datetime
from pathlib import Path

import pytest

from tests.core.ingest.helpers import SHANGHAI, extract_one
from workbench.core.artifacts import ArtifactKind
from workbench.core.errors import ImportFailed
from workbench.core.ingest import lines, outlook


def _by_title(source):
    return {a.title: a for a in source.artifacts}


def _field(artifact, name):
    return next(s.text for s in artifact.segments if s.field == name)


def test_declared_7bit_and_widened_charsets_in_bodies_and_headers(fixtures: Path):
    mails = _by_title(extract_one(fixtures / "mail/charsets.mbox"))
    japanese = mails["請求書の件"]
    assert _field(japanese, "from") == "田中 <tanaka@partner.example.jp>"
    assert _field(japanese, "body").startswith("すみません。請求書を再送します。")
    assert _field(mails["HZ notice"], "body").startswith("会议改到下午三点，联系王芳。")
    gbk = mails["喆的报销单"]  # labelled gb2312, holds GBK-only characters
    assert _field(gbk, "from") == "朱镕 <zhu.rongji@example.cn>"
    assert _field(gbk, "body").startswith("请把喆的报销单转给陈静。")
    big5 = mails["大補帖 會議紀錄"]  # raw 8-bit Big5 headers, read by the body's charset
    assert _field(big5, "from") == "陳大文 <chan.taiman@example.tw>"
    assert "¤" not in big5.text and "\ufffd" not in big5.text


def test_a_nul_byte_in_one_message_does_not_refuse_the_mailbox(fixtures: Path):
    source = extract_one(fixtures / "mail/charsets.mbox")
    assert len(source.artifacts) == 5
    assert _field(_by_title(source)["status"], "body").startswith("all green see you")


def test_a_damaged_message_is_left_out_with_a_note(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(lines, "MAX_LINE_BYTES", 1000)
    long_line = base64.encodebytes(b"x" * 2000).decode()  # short lines in the mailbox...
    path = tmp_path / "box.mbox"
    path.write_text(
        "From a@b Tue Mar  5 09:30:00 2024\nFrom: a@b.example\nSubject: good\n\nhello\n\n"
        "From a@b Tue Mar  5 09:31:00 2024\nFrom: a@b.example\nSubject: bad\n"
        "Content-Transfer-Encoding: base64\n\n" + long_line + "\n"  # ...one long one inside
        "From a@b Tue Mar  5 09:32:00 2024\nFrom: a@b.example\nSubject: also good\n\nbye\n",
        encoding="ascii")
    source = extract_one(path)
    assert [a.title for a in source.artifacts] == ["good", "also good"]
    (note,) = source.notes
    assert note.startswith("message 2 was left out:") and "long" in note


def test_a_sender_without_an_address_is_no_correspondent(tmp_path: Path):
    path = tmp_path / "box.mbox"
    path.write_text(
        "From a@b Tue Mar  5 09:30:00 2024\nFrom: broken\nTo: Li Lei <li.lei@example.com>\n"
        "Subject: damaged\n\nhello\n", encoding="ascii")
    source = extract_one(path)
    assert [(p.name, p.email) for p in source.people] == [("Li Lei", "li.lei@example.com")]


def test_apple_mail_emlx(fixtures: Path):
    source = extract_one(fixtures / "mail/handover.emlx")
    assert source.source_format == "emlx"
    (mail,) = source.artifacts
    assert mail.kind is ArtifactKind.EMAIL
    assert mail.title.startswith("交接：支付网关发布")
    assert "13812345678" in mail.text
    assert "plist" not in mail.text
    assert [c.title for c in mail.children] == ["发布步骤.txt"]


def test_emlx_that_lies_about_its_length_is_refused(tmp_path: Path):
    path = tmp_path / "x.emlx"
    path.write_bytes(b"5000\nFrom: a@b.example\n\nhi\n")
    with pytest.raises(ImportFailed, match="cut short"):
        extract_one(path)


def test_outlook_msg_with_recipients_and_attachment(fixtures: Path):
    source = extract_one(fixtures / "outlook/release.msg")
    assert source.source_format == "msg"
    (mail,) = source.artifacts
    assert mail.title == "周五发布安排"
    assert _field(mail, "from") == "张伟 <zhang.wei@xinghe.example.com>"
    assert _field(mail, "cc") == "陈总 <chen.zong@client.example.com>"
    assert mail.started_at == "2024-03-05T09:30:00+08:00"
    assert "值班电话 13812345678" in mail.text
    (attachment,) = mail.children
    assert attachment.title == "回滚说明.txt" and "Qz!2024pay" in attachment.text
    assert {(p.name, p.email) for p in source.people} >= {
        ("张伟", "zhang.wei@xinghe.example.com"), ("陈总", "chen.zong@client.example.com")}


def test_teams_message_from_purview_is_a_chat(fixtures: Path):
    source = extract_one(fixtures / "outlook/teams_chat.msg")
    assert source.source_format == "teams"
    (chat,) = source.artifacts
    assert chat.kind is ArtifactKind.CHAT
    (message,) = chat.segments
    assert message.sender == "Tom Baker"
    assert message.text == "Call me on +1 415 555 0132 before the release."


def test_a_file_that_is_not_an_outlook_message_is_refused(tmp_path: Path):
    path = tmp_path / "x.msg"
    path.write_text("hello")
    with pytest.raises(ImportFailed, match="not an Outlook message"):
        extract_one(path)
    pst = tmp_path / "x.pst"
    pst.write_text("hello")
    with pytest.raises(ImportFailed, match="not an Outlook data file"):
        extract_one(pst)


class _Entry:
    def __init__(self, kind, value):
        self.kind, self.value = kind, value

    def get_entry_type(self):
        return self.kind

    def get_data_as_string(self):
        return self.value


class _RecordSet:
    def __init__(self, entries):
        self.entries = entries

    def get_number_of_entries(self):
        return len(self.entries)

    def get_entry(self, i):
        return self.entries[i]


class _Message:
    """Stands in for a libpff message: the same getters, with their return types."""

    def __init__(self, subject, headers, body, when, message_class="IPM.Note", broken=False):
        self.subject, self.headers, self.body, self.when = subject, headers, body, when
        self.message_class, self.broken = message_class, broken

    def get_transport_headers(self):
        if self.broken:
            raise OSError("unable to retrieve transport headers")
        return self.headers

    def get_subject(self):
        return self.subject

    def get_sender_name(self):
        return None

    def get_plain_text_body(self):
        return self.body

    def get_html_body(self):
        return None

    def get_delivery_time(self):
        return self.when

    def get_client_submit_time(self):
        return None

    def get_number_of_attachments(self):
        return 0

    def get_record_set(self, index):
        return _RecordSet([_Entry(0x001A, self.message_class)])


class _Folder:
    def __init__(self, name, messages=(), folders=()):
        self.name, self.messages, self.folders = name, list(messages), list(folders)

    def get_name(self):
        return self.name

    def get_number_of_sub_messages(self):
        return len(self.messages)

    def get_sub_message(self, i):
        return self.messages[i]

    def get_number_of_sub_folders(self):
        return len(self.folders)

    def get_sub_folder(self, i):
        return self.folders[i]


def test_pst_walk_keeps_folders_turns_teams_into_chats_and_skips_a_bad_message():
    when = datetime(2024, 3, 5, 1, 30)  # libpff gives naive times in UTC
    inbox = _Folder("Inbox", [
        _Message("报销", "From: 张伟 <zhang.wei@xinghe.example.com>\nTo: lina@x.example\n",
                 "发票已交。13812345678".encode("gb18030"), when),
        _Message("broken", "", b"", when, broken=True),
    ])
    teams = _Folder("TeamsMessagesData", [
        _Message("", "From: Tom Baker <tom@x.example>\n", b"ship it", when,
                 message_class="IPM.SkypeTeams.Message")])
    root = _Folder("", folders=[_Folder("Top of Personal Folders", folders=[inbox, teams])])
    artifacts, people, notes, chats = [], [], [], []
    outlook._walk(root, "", SHANGHAI, artifacts, people, notes, chats)
    (mail,) = artifacts
    assert mail.meta["folder"] == "/Top of Personal Folders/Inbox"
    assert mail.started_at == "2024-03-05T09:30:00+08:00"
    assert _field(mail, "body") == "发票已交。13812345678"
    assert _field(mail, "from") == "张伟 <zhang.wei@xinghe.example.com>"
    (chat,) = chats
    assert (chat.sender, chat.text, chat.conversation) == ("Tom Baker", "ship it",
                                                          "TeamsMessagesData")
    (note,) = notes
    assert note.startswith("message 2 in /Top of Personal Folders/Inbox was left out")
