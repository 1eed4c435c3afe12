"""Overlong lines and messages are refused by every text importer, naming line and limit."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import pytest

from tests.core.ingest.helpers import extract_one
from workbench.core.errors import ImportFailed
from workbench.core.ingest import lines
from workbench.core.ingest.email import read_mbox
from workbench.core.ingest.lines import first_long_line, size_text

LIMIT = 1024
LONG = "x" * (LIMIT + 1)
HEAD = ("From: a@example.com\nTo: b@example.com\nSubject: s\n"
        "Date: Thu, 07 Mar 2024 09:30:00 +0800\n")
ENVELOPE = "From MAILER-DAEMON Sat Nov 28 01:50:55 2026\n"


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(lines, "MAX_LINE_BYTES", LIMIT)
    return LIMIT


def test_first_long_line_counts_lf_crlf_and_cr_breaks():
    assert first_long_line(b"ab\ncd\r\nxxxxxxx\nz", 5) == (3, 7)
    assert first_long_line(b"ab\rcd\rxxxxxxx", 5) == (3, 7)
    assert first_long_line(b"abcdef", 5) == (1, 6)


def test_lines_at_the_limit_pass_and_many_short_lines_are_no_long_one():
    assert first_long_line(b"abcde\nabcde\r\nabcde", 5) is None
    assert first_long_line(b"", 5) is None
    assert first_long_line(b"abc\n" * 100_000, 5) is None
    assert first_long_line(b"abc\n" * 100_000 + b"abcdef\n", 5) == (100_001, 6)


def test_sizes_round_up_so_anything_past_a_limit_never_reads_equal_to_it():
    assert size_text(100 << 20) == "100 MB"
    assert size_text((4 << 20) + 1) == "4.1 MB"
    assert size_text(LIMIT + 1) == "2 KB"
    assert size_text(12) == "12 bytes"


def test_text_document_with_a_long_line_is_refused_naming_line_and_limit(
    tmp_path: Path, small_limit: int
):
    path = tmp_path / "notes.md"
    path.write_text(f"# notes\n{'y' * LIMIT}\n{LONG}\n")
    with pytest.raises(ImportFailed) as err:
        extract_one(path)
    message = str(err.value)
    assert "notes.md" in message and "line 3 is 2 KB long" in message
    assert "up to 1 KB" in message and "binary or corrupt data" in message


def test_chat_text_with_a_long_line_is_refused(tmp_path: Path, small_limit: int):
    path = tmp_path / "chat.txt"
    path.write_text(f"2024-03-05 09:30 李娜：hi\n2024-03-05 09:31 张伟：{LONG}\n")
    with pytest.raises(ImportFailed, match="line 2 is"):
        extract_one(path)


def test_chat_text_message_spanning_lines_past_the_limit_is_refused(
    tmp_path: Path, small_limit: int
):
    path = tmp_path / "chat.txt"
    more = "\n".join(["continued"] * 150)  # each line short, together past the limit
    path.write_text("2024-03-05 09:30 李娜：hi\n" * 200 + f"2024-03-05 09:31 张伟：start\n{more}\n")
    with pytest.raises(ImportFailed, match=r"message 201 is 2 KB long.*not a real chat export"):
        extract_one(path)


def test_feishu_message_past_the_limit_is_refused_by_number(tmp_path: Path, small_limit: int):
    records = [{"sender_name": "张伟", "create_time": "1709515800000", "content": text}
               for text in ("hi", LONG)]
    path = tmp_path / "chat.json"
    path.write_text(json.dumps({"messages": records}))
    with pytest.raises(ImportFailed, match="message 2 is 2 KB long; the workbench accepts "
                                           "chat messages of up to 1 KB"):
        extract_one(path)


def test_minified_json_export_on_one_line_is_still_imported(tmp_path: Path, small_limit: int):
    records = [{"sender_name": "张伟", "create_time": str(1709515800000 + i), "content": "hi"}
               for i in range(200)]
    path = tmp_path / "chat.json"
    path.write_text(json.dumps({"messages": records}, separators=(",", ":")))
    assert path.stat().st_size > 5 * LIMIT and b"\n" not in path.read_bytes()
    (chat,) = extract_one(path).artifacts
    assert len(chat.segments) == 200


def test_slack_message_past_the_limit_is_refused_naming_the_day_file(
    tmp_path: Path, small_limit: int
):
    (tmp_path / "users.json").write_text('[{"id": "U1", "name": "ann"}]')
    (tmp_path / "channels.json").write_text('[{"id": "C1", "name": "general"}]')
    (tmp_path / "general").mkdir()
    (tmp_path / "general/2024-01-01.json").write_text(
        json.dumps([{"user": "U1", "ts": "1704067200.0", "text": LONG}]))
    with pytest.raises(ImportFailed, match=r"2024-01-01\.json.*message 1 is 2 KB long"):
        extract_one(tmp_path)


def test_eml_with_a_long_line_is_refused_as_not_mail(tmp_path: Path, small_limit: int):
    path = tmp_path / "message.eml"
    path.write_text(f"{HEAD}\n{LONG}\n")
    with pytest.raises(ImportFailed, match=r"line 6 is 2 KB long.*probably not mail"):
        extract_one(path)


def test_mbox_line_past_the_limit_is_refused_without_reading_it_whole(
    tmp_path: Path, small_limit: int
):
    path = tmp_path / "inbox.mbox"
    path.write_text(f"{ENVELOPE}{HEAD}\nhello\n\n{ENVELOPE}{HEAD}\n{LONG * 50}\n")
    with pytest.raises(ImportFailed, match="line 15 is more than 1 KB long"):
        extract_one(path)


def test_mail_body_whose_decoded_text_has_a_long_line_is_left_out_with_a_note(
    tmp_path: Path, small_limit: int
):
    # base64 keeps the mailbox's own lines short; the decoded text is checked as well. The
    # message is left out, named with why; the rest of the mailbox is imported.
    body = base64.encodebytes(LONG.encode()).decode()
    path = tmp_path / "inbox.mbox"
    path.write_text(f"{ENVELOPE}{HEAD}\nhello\n\n{ENVELOPE}{HEAD}"
                    f"Content-Transfer-Encoding: base64\n\n{body}\n")
    source = extract_one(path)
    assert len(source.artifacts) == 1
    (note,) = source.notes
    assert re.match(r"message 2 was left out: a text part .* line 1 is 2 KB long", note)
    # a mailbox of nothing but such messages is refused
    path.write_text(f"{ENVELOPE}{HEAD}Content-Transfer-Encoding: base64\n\n{body}\n")
    with pytest.raises(ImportFailed, match=r"no message could be read \(message 1 was left"):
        extract_one(path)


def test_text_attachment_with_a_long_line_is_kept_without_its_text(
    tmp_path: Path, small_limit: int
):
    attachment = base64.encodebytes(LONG.encode()).decode()
    path = tmp_path / "message.eml"
    path.write_text(
        f"{HEAD}MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n"
        "--B\nContent-Type: text/plain\n\nsee attached\n"
        "--B\nContent-Type: text/plain\nContent-Disposition: attachment; filename=dump.txt\n"
        f"Content-Transfer-Encoding: base64\n\n{attachment}--B--\n")
    (mail,) = extract_one(path).artifacts
    (dump,) = mail.children
    assert dump.title == "dump.txt" and dump.segments[0].placeholder == "binary"
    assert "x" * 100 not in dump.text


def test_colleague_skill_file_with_a_long_line_is_refused(tmp_path: Path, small_limit: int):
    (tmp_path / "SKILL.md").write_text("# skill\n")
    (tmp_path / "persona.md").write_text(f"# persona\n{LONG}\n")
    with pytest.raises(ImportFailed, match=r"persona\.md.*line 2 is 2 KB long"):
        extract_one(tmp_path)


def test_mbox_is_split_at_envelopes_after_blank_lines_and_unquoted():
    mbox = (b"From a@x Sat Nov 28 01:50:55 2026\r\nSubject: one\r\n\r\nbody\r\n"
            b"From here on it is body\r\n>From quoted\r\n\r\n"
            b"From b@x Sat Nov 28 01:50:55 2026\nFrom c@x Sat Nov 28 01:50:55 2026\n"
            b"Subject: three\n\nlast line without newline")
    messages = list(read_mbox(Path("inbox.mbox"), io.BytesIO(mbox)))
    assert messages == [
        b"Subject: one\r\n\r\nbody\r\nFrom here on it is body\r\nFrom quoted\r\n\r\n",
        b"",
        b"Subject: three\n\nlast line without newline",
    ]


@pytest.mark.parametrize(("data", "says"), [
    (b"", "the mailbox is empty"),
    (b"\n  \n\t\n", "the mailbox is empty"),
    (b"\nFrom a@x Sat Nov 28 01:50:55 2026\n", "not an mbox mailbox"),
    (b"Subject: hi\n\nFrom a@x\n", "not an mbox mailbox"),
])
def test_mbox_that_is_empty_or_not_a_mailbox_is_refused(data: bytes, says: str):
    with pytest.raises(ImportFailed, match=says):
        list(read_mbox(Path("inbox.mbox"), io.BytesIO(data)))


def test_what_a_mailbox_left_out_reaches_the_import_summary_and_the_command_line(
    tmp_path: Path, small_limit: int, capsys: pytest.CaptureFixture[str]
):
    import json

    from workbench.cli import main

    body = base64.encodebytes(LONG.encode()).decode()
    path = tmp_path / "inbox.mbox"
    path.write_text(f"{ENVELOPE}{HEAD}\nhello\n\n{ENVELOPE}{HEAD}"
                    f"Content-Transfer-Encoding: base64\n\n{body}\n")
    ws = tmp_path / "ws"
    assert main(["init", str(ws), "--name", "李娜"]) == 0
    capsys.readouterr()
    assert main(["import", str(ws), str(path), "--format", "json"]) == 0
    (note,) = json.loads(capsys.readouterr().out)["notes"]
    assert note["path"] == str(path) and note["note"].startswith("message 2 was left out")
    path.write_text(path.read_text() + f"\n{ENVELOPE}{HEAD}\nagain\n")
    assert main(["import", str(ws), str(path)]) == 0
    assert "message 2 was left out" in capsys.readouterr().out
