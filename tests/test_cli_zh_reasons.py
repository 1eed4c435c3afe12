"""A Chinese reader meets a missing file, a folder, a file that is not JSON, a damaged zip or
a picture that is not one: every line the command line prints is Chinese all the way, the
reason included (never the English text of an OSError, json, zipfile or Pillow), with only
the paths and names the user gave in Latin letters."""

from __future__ import annotations

import errno
import json
import re
import sqlite3
import tarfile
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.test_cli import run
from workbench.core.errors import BadInputError, ImportFailed, coded, reason_of
from workbench.core.messages import Message

# Words a Chinese line may keep as they are: formats and the program's name.
KEPT = {"JSON", "zip", "tar", "UTF", "PDF", "CSV", "NUL", "Word", "docx", "workbench"}


def english_words(line: str, *given: object) -> list[str]:
    for name in sorted((str(g) for g in given), key=len, reverse=True):
        line = line.replace(name, "")
    return [w for w in re.findall(r"[A-Za-z]{2,}", line) if w not in KEPT]


@pytest.fixture
def zh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_LANG", "zh")


@pytest.fixture
def bad(tmp_path: Path) -> dict[str, Path]:
    files = {
        "missing": tmp_path / "missing.json",
        "folder": tmp_path / "folder.json",
        "not-json": tmp_path / "notes.json",
        "not-zip": tmp_path / "package.cwpkg",
        "torn-zip": tmp_path / "torn.cwpkg",
        "not-image": tmp_path / "photo.png",
        "torn-docx": tmp_path / "report.docx",
    }
    files["folder"].mkdir()
    files["not-json"].write_text("name: Li Na\n", encoding="utf-8")
    files["not-zip"].write_bytes(b"plain text, not a package")
    files["torn-zip"].write_bytes(b"PK\x03\x04" + b"\0" * 40)
    files["not-image"].write_bytes(b"hello, not a picture")
    files["torn-docx"].write_bytes(b"PK\x03\x04torn document")
    return files


CASES = [
    ("init --profile", "missing"), ("init --profile", "folder"), ("init --profile", "not-json"),
    ("keys import", "missing"), ("keys import", "folder"), ("keys import", "not-json"),
    ("verify", "not-zip"), ("verify", "torn-zip"), ("verify-skill", "not-json"),
    ("scan", "not-json"), ("scan", "not-image"), ("scan", "torn-docx"), ("scan", "missing"),
    ("verify-ledger", "folder"), ("verify-ledger", "missing"),
]


@pytest.mark.parametrize(("command", "which"), CASES)
def test_a_bad_file_is_refused_in_chinese_all_the_way(
        zh: None, bad: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        command: str,
        which: str) -> None:
    path = bad[which]
    if command == "init --profile":
        argv = ["init", str(tmp_path / "ws"), "--name", "李娜", "--profile", str(path)]
    else:
        argv = [*command.split(), str(path)]
    code, _, err = run(capsys, *argv)
    assert code == 2, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines and "Traceback" not in err
    for line in lines:
        assert re.search(r"[\u4e00-\u9fff]", line), line
        assert not english_words(line, path, path.name, tmp_path), line


# -- the reasons themselves ----------------------------------------------------------------------


def _json_error() -> json.JSONDecodeError:
    try:
        json.loads('{"a": 1 "b": 2}')
    except json.JSONDecodeError as exc:
        return exc
    raise AssertionError


def _image_error() -> Exception:
    import io

    from PIL import Image
    try:
        Image.open(io.BytesIO(b"not an image"))
    except Exception as exc:
        return exc
    raise AssertionError


def _decrypt_error() -> Exception:
    import pyrage

    try:
        pyrage.passphrase.decrypt(b"not age", "x")
    except Exception as exc:
        return exc
    raise AssertionError


LIBRARY_ERRORS = [
    FileNotFoundError(errno.ENOENT, "No such file or directory", "x"),
    PermissionError(errno.EACCES, "Permission denied", "x"),
    OSError(errno.ENOSPC, "No space left on device"),
    IsADirectoryError(errno.EISDIR, "Is a directory", "x"),
    NotADirectoryError(errno.ENOTDIR, "Not a directory", "x"),
    OSError(errno.EROFS, "Read-only file system"),
    OSError(errno.EXDEV, "Invalid cross-device link"),
    FileNotFoundError("The resources folder is missing"),
    _json_error(),
    UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
    zipfile.BadZipFile("File is not a zip file"),
    zipfile.BadZipFile("Bad CRC-32 for file 'payload'"),
    zlib.error("Error -3 while decompressing data: invalid block type"),
    sqlite3.DatabaseError("file is not a database"),
    _image_error(),
    _decrypt_error(),
    EOFError("Compressed file ended before the end-of-stream marker was reached"),
    tarfile.ReadError("bad checksum"),
    ValueError("some library complaint with words"),
]


@pytest.mark.parametrize("exc", LIBRARY_ERRORS, ids=lambda e: type(e).__name__)
def test_a_library_error_is_a_reason_in_the_readers_words(exc: BaseException) -> None:
    reason = reason_of(exc)
    assert isinstance(reason, Message)
    chinese = reason.text("zh")
    assert re.search(r"[\u4e00-\u9fff]", chinese), chinese
    words = english_words(chinese, type(exc).__name__)
    # At most the error's system name (EXDEV) for a reason the catalogue does not know.
    assert all(w.isupper() for w in words), chinese
    assert str(exc) not in reason.text("en")
    # Every library error the workbench meets has words of its own, not the general reason.
    assert reason.code != "reason.other" or type(exc) is ValueError, reason


def test_an_unknown_error_names_only_its_class() -> None:
    reason = reason_of(ValueError("secret path /home/lina/diary.txt was odd"))
    assert isinstance(reason, Message)
    assert "ValueError" in reason.text("zh") and "diary" not in reason.text("zh")
    assert "ValueError" in reason.text("en") and "diary" not in reason.text("en")


def test_an_exception_given_to_a_message_becomes_its_reason() -> None:
    err = coded(BadInputError, "profile.unreadable", "p.json", _json_error())
    assert "Expecting" not in str(err) and "Expecting" not in err.message
    failed = ImportFailed("a.png", _image_error())
    assert "identify" not in failed.problem and "identify" not in failed.message


@pytest.mark.parametrize("statement", [
    {}, {"_type": 1}, {"_type": "https://in-toto.io/Statement/v1", "subject": [],
                       "predicateType": "x", "predicate": {}},
    {"_type": "https://in-toto.io/Statement/v1", "predicateType": 3, "predicate": {},
     "subject": [{"name": "payload", "digest": {"sha256": "zz"}}]},
])
def test_a_malformed_statement_says_why_in_chinese(statement: dict[str, object]) -> None:
    from workbench.core.trust import manifest

    with pytest.raises(manifest.ManifestError) as caught:
        manifest.check_statement(statement, "x")
    fields = {"predicateType", "subject", "digest", "sha", "type", "predicate", "name"}
    words = [w for w in english_words(caught.value.message.text("zh")) if w not in fields]
    assert not words, caught.value.message.text("zh")


def test_a_workbench_sentence_stays_itself_as_a_reason() -> None:
    from workbench.core.errors import WorkbenchError, unexpected_reason
    from workbench.core.messages import t

    said = WorkbenchError(t("consent.needs-delete-by", lang="zh"))
    assert str(reason_of(said)) == str(said)
    assert unexpected_reason(KeyError("secret")) == "KeyError"
    assert str(unexpected_reason(OSError(errno.ENOSPC, "x"))) in ("磁盘已满", "the disk is full")
