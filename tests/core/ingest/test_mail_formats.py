import base64
from pathlib import Path

import pytest

from tests.core.ingest.helpers import extract_one
from workbench.core.errors import ImportFailed
from workbench.core.ingest import lines
from workbench.core.ingest.artifacts import ArtifactKind


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


def test_pst_sample_read_through_libpff_keeps_folders_attachments_and_teams_chats(
    fixtures: Path
):
    source = extract_one(fixtures / "outlook/mailbox.pst")
    assert source.source_format == "pst" and not source.notes
    mails = {a.title: a for a in source.artifacts if a.kind is ArtifactKind.EMAIL}
    assert {title: mail.meta["folder"] for title, mail in mails.items()} == {
        "支付网关灰度发布安排": "/Top of Personal Folders/收件箱",
        "Release checklist": "/Top of Personal Folders/收件箱",
        "客户对接记录": "/Top of Personal Folders/收件箱/项目",
        "病假申请": "/Top of Personal Folders/已发送邮件"}
    release = mails["支付网关灰度发布安排"]
    assert _field(release, "from") == "张伟 <zhang.wei@xinghe.example.com>"
    assert _field(release, "to") == "李娜 <lina.li@xinghe.example.com>"
    assert _field(release, "cc") == "王芳 <wang.fang@xinghe.example.com>"
    assert release.started_at == "2024-03-04T09:30:00+08:00"  # stored in UTC
    assert "值班电话 13812345678" in _field(release, "body")
    (attachment,) = release.children
    assert attachment.kind is ArtifactKind.ATTACHMENT and attachment.title == "交接清单.txt"
    assert "chen.zong@client.example.com" in attachment.text
    (chat,) = [a for a in source.artifacts if a.kind is ArtifactKind.CHAT]
    assert chat.title == "发布群 · 2024-03-08" and chat.source_format == "teams"
    assert [(s.sender, s.time, s.text) for s in chat.segments] == [
        ("张伟", "2024-03-08T10:02:00+08:00", "今晚发布，回滚负责人 张伟 13812345678"),
        ("李娜", "2024-03-08T10:04:00+08:00", "收到，我来值班")]
    assert {(p.name, p.email) for p in source.people} >= {
        ("张伟", "zhang.wei@xinghe.example.com"), ("Tom Baker", "tom.baker@xinghe.example.com"),
        ("王芳", "wang.fang@xinghe.example.com"), ("张伟", None)}


def test_a_damaged_message_in_a_pst_is_left_out_with_a_note(fixtures: Path, tmp_path: Path):
    data = bytearray((fixtures / "outlook/mailbox.pst").read_bytes())
    # The heap signature of the block that holds one message's properties, broken.
    at = data.find("陈总的新手机".encode("utf-16-le"))
    start = at - at % 64
    while data[start + 2:start + 4] != b"\xec\xbc":
        start -= 64
    data[start + 2] = 0
    damaged = tmp_path / "damaged.pst"
    damaged.write_bytes(bytes(data))
    source = extract_one(damaged)
    (note,) = source.notes
    assert note.startswith("message 1 in /Top of Personal Folders/收件箱/项目 was left out: "
                           "it is damaged (")
    assert "客户对接记录" not in {a.title for a in source.artifacts}
    assert len(source.artifacts) == 4
