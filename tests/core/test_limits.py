"""Hostile sizes: zip bombs, files past the size limit, and very long lines stay bounded."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from workbench.core.errors import ImportFailed
from workbench.core.ingest import base
from workbench.core.pii import detector as detector_module
from workbench.core.workspace import Workspace


def test_docx_zip_bomb_is_refused(workspace: Workspace, tmp_path: Path):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb.getvalue())
    with pytest.raises(ImportFailed, match="zip bomb"):
        workspace.import_paths([path])
    assert workspace.status().artifacts == 0


def test_files_past_the_size_limit_are_refused_with_advice(workspace, tmp_path, monkeypatch):
    monkeypatch.setattr(base, "MAX_FILE_BYTES", 1024)
    path = tmp_path / "huge.mbox"
    path.write_bytes(b"From x\n" + b"a" * 4096)
    with pytest.raises(ImportFailed, match="Split it"):
        workspace.import_paths([path])


def test_long_texts_are_analysed_in_pieces_with_offsets_kept():
    from workbench.core.pii.detector import Detector, pieces

    filler = "word " * 30_000  # 150,000 characters on one line
    text = filler + "打我手机 13812345678 " + filler + " mail a@b.example.com"
    parts = pieces(text)
    assert len(parts) > 5 and all(len(p) <= detector_module.MAX_PIECE for _, p in parts)
    found = Detector().analyze(text)
    values = {(f.entity, text[f.start:f.end]) for f in found}
    assert ("PHONE_NUMBER", "13812345678") in values
    assert ("EMAIL_ADDRESS", "a@b.example.com") in values


MB = 1 << 20
ENVELOPE = b"From MAILER-DAEMON Sat Nov 28 01:50:55 2026\n"
HEADERS = (b"From: a@example.com\nTo: b@example.com\nSubject: s\n"
           b"Date: Thu, 07 Mar 2024 09:30:00 +0800\nContent-Type: text/plain; charset=utf-8\n\n")
# Peak memory is the child's VmHWM, not ru_maxrss: Linux carries ru_maxrss across fork and
# exec, so a child of this pytest process would report pytest's own peak.
EXTRACT = """
import json, sys
from pathlib import Path
from workbench.core.errors import WorkbenchError
from workbench.core.ingest import ImportContext, extract_all, plan_import

def peak():
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) * 1024

before = peak()
try:
    sources = extract_all(plan_import([Path(sys.argv[1])]), ImportContext())
    result = {"artifacts": sum(len(s.artifacts) for s in sources)}
except WorkbenchError as exc:
    result = {"error": str(exc)}
print(json.dumps({**result, "growth": peak() - before}))
"""
needs_proc = pytest.mark.skipif(not Path("/proc/self/status").exists(),
                                reason="peak memory is read from /proc/self/status")


def extract_in_child(path: Path) -> dict:
    """Import `path` in a fresh interpreter: what came of it, and how much its peak grew."""
    done = subprocess.run([sys.executable, "-c", EXTRACT, str(path)], capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(done.stdout)


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    # Hundreds of MB per test: not left behind in pytest's kept temporary folders.
    yield tmp_path
    shutil.rmtree(tmp_path, ignore_errors=True)


def filler(size: int) -> bytes:
    """`size` bytes of words on one line: no line break, quote or backslash."""
    unit = b"lorem ipsum dolor sit amet 13812345678 "
    return (unit * (size // len(unit) + 1))[:size]


def line(prefix: bytes = b"") -> bytes:
    return prefix + filler(100 * MB - len(prefix))


def _slack(folder: Path) -> Path:
    (folder / "general").mkdir()
    (folder / "users.json").write_text('[{"id": "U1", "real_name": "Tom"}]')
    (folder / "channels.json").write_text('[{"id": "C1", "name": "general"}]')
    (folder / "general/2024-03-05.json").write_bytes(
        b'[{"ts": "1709600000.0", "user": "U1", "text": "' + line() + b'"}]')
    return folder


def _file(name: str, data: Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        (folder / name).write_bytes(data())
        return folder / name
    return make


SMALL_MAIL = ENVELOPE + HEADERS + b"hello\n\n"
# (input, what the refusal says, how far peak memory may grow as a multiple of the input).
# Text and mail are refused before decoding (1x: the file as read); an mbox is read a
# message at a time and the line never whole; JSON must be parsed before a message can be
# measured (2x: the file's text and the parsed message).
HUNDRED_MB_LINES = [
    (_file("notes.txt", line), "line 1 is 100 MB long", 1.5),
    (_file("notes.md", lambda: b"# notes\n\n" + line() + b"\n"), "line 3 is 100 MB long", 1.5),
    (_file("table.csv", lambda: b"a,b\n" + line(b"1,")), "line 2 is 100 MB long", 1.5),
    (_file("chat.txt", lambda: "2024-03-05 09:30 李娜：hi\n".encode() + line(
        "2024-03-05 09:31 张伟：".encode())), "line 2 is 100 MB long", 1.5),
    (_file("message.eml", lambda: HEADERS + line()), "line 7 is 100 MB long", 1.5),
    (_file("inbox.mbox", lambda: SMALL_MAIL + ENVELOPE + HEADERS + line() + b"\n\n"
           + SMALL_MAIL), "line 17 is more than 4 MB long", 0.25),
    (_file("chat.json", lambda: b'{"messages": [{"sender_name": "a", "create_time": '
           b'"1709515800000", "content": "' + line() + b'"}]}'), "message 1 is 100 MB long",
     2.5),
    (_slack, "message 1 is 100 MB long", 2.5),
]


@needs_proc
@pytest.mark.parametrize(("make", "says", "growth"), HUNDRED_MB_LINES,
                         ids=["txt", "md", "csv", "chat-txt", "eml", "mbox", "feishu", "slack"])
def test_a_100_mb_line_is_refused_in_bounded_memory(
    scratch: Path, make: Callable[[Path], Path], says: str, growth: float
):
    path = make(scratch)
    size = sum(f.stat().st_size for f in [path, *path.rglob("*")] if f.is_file())
    result = extract_in_child(path)
    assert says in result.get("error", ""), result
    assert "the workbench accepts" in result["error"] and "up to 4 MB" in result["error"]
    assert result["growth"] < growth * size, f"{result['growth'] / MB:.0f} MB"


@needs_proc
def test_a_large_mailbox_is_read_one_message_at_a_time(scratch: Path):
    # 100 MB in 1.5 MB messages. What stays is the messages' text (about the mailbox's
    # size); holding the whole mailbox as lines and as messages as well took 3.5 times it.
    words = filler(76 * 1000)
    body = b"\n".join(words[i:i + 76] for i in range(0, len(words), 76)) * 20
    message = ENVELOPE + HEADERS + body + b"\n\n"
    count = 100 * MB // len(message)
    path = scratch / "archive.mbox"
    with path.open("wb") as file:
        for _ in range(count):
            file.write(message)
    result = extract_in_child(path)
    assert result.get("artifacts") == count, result
    assert result["growth"] < 1.6 * path.stat().st_size, f"{result['growth'] / MB:.0f} MB"


@needs_proc
def test_a_large_gbk_document_is_decoded_in_bounded_memory(scratch: Path):
    # Deciding whether GBK text is Chinese once took a string per character: 36 times the file.
    text_line = "支付网关的灰度明天上午开始，回滚脚本在 ops/rollback.sh 联系张伟\n".encode("gbk")
    path = scratch / "notes.txt"
    path.write_bytes(text_line * (20 * MB // len(text_line)))
    result = extract_in_child(path)
    assert result.get("artifacts") == 1, result
    assert result["growth"] < 8 * path.stat().st_size, f"{result['growth'] / MB:.0f} MB"
