from pathlib import Path

import pytest

from tests.core.ingest.helpers import extract_one
from workbench.core.errors import ImportFailed
from workbench.core.ingest.artifacts import ArtifactKind


def _field(artifact, name):
    return next(s.text for s in artifact.segments if s.field == name)


def test_eml_prefers_plain_text_and_decodes_rfc2047_headers(fixtures: Path):
    source = extract_one(fixtures / "email/handover.eml")
    (mail,) = source.artifacts
    assert mail.kind is ArtifactKind.EMAIL
    assert mail.title == "交接：支付网关发布 / Handover: payment gateway release"
    assert _field(mail, "from") == "李娜 <lina.li@xinghe.example.com>"
    assert _field(mail, "cc") == "王芳 <wang.fang@xinghe.example.com>"
    body = _field(mail, "body")
    assert "chen.zong@client.example.org" in body and "<p>" not in body
    assert mail.started_at == "2024-03-06T09:30:00+08:00"
    people = {(p.name, p.email) for p in source.people}
    assert ("王芳", "wang.fang@xinghe.example.com") in people


def test_eml_attachment_is_its_own_linked_artifact(fixtures: Path):
    (mail,) = extract_one(fixtures / "email/handover.eml").artifacts
    (attachment,) = mail.children
    assert attachment.kind is ArtifactKind.ATTACHMENT
    assert attachment.title == "发布步骤.txt"
    assert "回滚联系人：张伟 13812345678" in attachment.text
    assert attachment.id != mail.id


def test_mbox_has_three_messages_and_decodes_gb2312(fixtures: Path):
    mails = extract_one(fixtures / "email/inbox.mbox").artifacts
    assert [m.title for m in mails] == ["年假确认", "Re: rollout", "病假"]
    assert "年假 3/11-3/15 已批准" in _field(mails[0], "body")
    assert "住院" in _field(mails[2], "body")


def test_html_only_email_becomes_text(tmp_path: Path):
    path = tmp_path / "html.eml"
    path.write_bytes(
        b"From: a@example.com\r\nSubject: hi\r\nContent-Type: text/html; charset=gbk\r\n\r\n"
        + "<html><body><p>你好 <b>张伟</b></p><p>second</p></body></html>".encode("gbk")
    )
    (mail,) = extract_one(path).artifacts
    body = _field(mail, "body")
    assert "你好 张伟" in body and "second" in body and "<" not in body


def test_binary_eml_is_refused(fixtures: Path):
    with pytest.raises(ImportFailed, match="binary data, not an email"):
        extract_one(fixtures / "bad/binary.eml")


def test_empty_mbox_is_refused(fixtures: Path):
    with pytest.raises(ImportFailed) as err:
        extract_one(fixtures / "bad/empty.mbox")
    assert "empty.mbox" in str(err.value) and "empty" in err.value.problem


def _mailbox(path: Path, messages: int) -> Path:
    path.write_bytes(b"".join(
        b"From a@example.com Mon Mar  4 09:00:00 2024\n"
        b"From: a@example.com\nSubject: note %d\n\nbody %d\n\n" % (i, i)
        for i in range(messages)))
    return path


def test_a_long_mailbox_reports_progress_inside_the_file_and_can_be_cancelled(tmp_path: Path):
    from workbench.core.errors import Cancelled
    from workbench.core.ingest import ImportContext, extract_all, plan_import
    from workbench.core.progress import CancelToken

    path = _mailbox(tmp_path / "big.mbox", 1000)
    labels: list[str] = []
    extract_all(plan_import([path]), ImportContext(),
                lambda done, total, label: labels.append(label))
    inside = [label for label in labels if label.startswith("big.mbox (")]
    assert len(inside) == 5 and inside[0] == "big.mbox (0%)" and inside[-1] != inside[0]
    token = CancelToken()

    def cancel_halfway(done: int, total: int, label: str) -> None:
        if label.startswith("big.mbox (") and label != "big.mbox (0%)":
            token.cancel()

    with pytest.raises(Cancelled):
        extract_all(plan_import([path]), ImportContext(), cancel_halfway, token)


def _multipart(tmp_path: Path, plain: str, html: str) -> Path:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "a@example.com"
    message["Subject"] = "hi"
    message.set_content(plain)
    message.add_alternative(html, subtype="html")
    path = tmp_path / "alt.eml"
    path.write_bytes(bytes(message))
    return path


def test_html_part_that_says_more_is_kept(tmp_path: Path):
    from workbench.core.ingest.base import ImportContext
    from workbench.core.ingest.email import load_eml

    path = _multipart(tmp_path, "见附件。\n",
                      "<p>见附件。</p><p style='display:none'>张伟 13812345678</p>")
    (artifact,) = load_eml(path, ImportContext()).artifacts
    body = next(s.text for s in artifact.segments if s.field == "body")
    assert "见附件" in body and "13812345678" in body and "张伟" in body


def test_html_part_that_repeats_the_plain_part_is_not_doubled(tmp_path: Path):
    from workbench.core.ingest.base import ImportContext
    from workbench.core.ingest.email import load_eml

    path = _multipart(tmp_path, "Rollout done. Zhang Wei said thanks.\n",
                      "<p>Rollout <b>done</b>.</p><p>Zhang Wei said thanks.</p>")
    (artifact,) = load_eml(path, ImportContext()).artifacts
    body = next(s.text for s in artifact.segments if s.field == "body")
    assert body.count("Zhang Wei") == 1
