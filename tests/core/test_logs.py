"""The log: a private rotating file, lines of codes and counts, tracebacks without messages."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from workbench.core import diagnostics, logs
from workbench.core.errors import ImportFailed


@pytest.fixture
def log_file(isolated_home: Path):
    path = logs.setup()
    assert path is not None
    yield path
    logs.close()


def _failing_import() -> None:
    try:
        open("/home/alice/张伟的病历.txt")  # noqa: SIM115 - raises before anything is open
    except OSError as exc:
        raise ImportFailed("/home/alice/张伟的病历.txt", "张伟 13812345678 is unreadable") \
            from exc


def test_a_traceback_keeps_classes_codes_and_frames_and_drops_every_message():
    with pytest.raises(ImportFailed) as caught:
        _failing_import()
    text = logs.safe_traceback(caught.value)
    assert "FileNotFoundError errno=ENOENT (message withheld)" in text
    assert "workbench.core.errors.ImportFailed code=error.import-failed (message withheld)" in text
    assert 'File "tests/core/test_logs.py"' in text and "in _failing_import" in text
    assert text.index("FileNotFoundError") < text.index("ImportFailed")  # cause first
    for private in ("张伟", "13812345678", "alice", "病历"):
        assert private not in text


def test_an_error_code_is_kept():
    from workbench.core.errors import RefusedError

    text = logs.safe_traceback(RefusedError("李娜 is not the principal", code="custody.x"))
    assert text.endswith("workbench.core.errors.RefusedError code=custody.x (message withheld)")
    assert "李娜" not in text


def test_code_paths_start_at_the_package_not_the_home_folder():
    assert logs.code_path(logs.__file__) == "workbench/core/logs.py"
    assert logs.code_path("/home/alice/.venv/lib/python3.11/site-packages/spacy/x.py") == \
        "site-packages/spacy/x.py"
    assert logs.code_path("/home/alice/scratch/thing.py") == "thing.py"


def test_the_log_file_is_private_and_holds_info_lines(log_file: Path):
    log = logging.getLogger("workbench.test")
    log.info("test.event count=%d", 3)
    log.debug("test.detail")
    try:
        _failing_import()
    except ImportFailed:
        log.error("test.failed", exc_info=True)
    text = log_file.read_text(encoding="utf-8")
    assert "INFO workbench.test test.event count=3" in text
    assert "test.detail" not in text  # debug lines only with --verbose
    assert "ERROR workbench.test test.failed\nTraceback (most recent call last):" in text
    assert "张伟" not in text and "alice" not in text
    assert log_file.stat().st_mode & 0o777 == 0o600
    assert log_file.parent.stat().st_mode & 0o777 == 0o700


def test_the_file_rotates_and_every_file_stays_private(log_file: Path,
                                                       monkeypatch: pytest.MonkeyPatch):
    handler = next(h for h in logging.getLogger("workbench").handlers
                   if isinstance(h, logs.PrivateRotatingFileHandler))
    monkeypatch.setattr(handler, "maxBytes", 2_000)
    log = logging.getLogger("workbench.test")
    for n in range(200):
        log.info("test.line n=%d", n)
    files = sorted(log_file.parent.glob("workbench.log*"))
    assert [f.name for f in files] == ["workbench.log", "workbench.log.1", "workbench.log.2"]
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in files)
    assert "test.line n=199" in logs.tail(5)[-1]


def test_setup_again_replaces_the_handlers_and_close_detaches_them(isolated_home: Path):
    logs.setup()
    logs.setup(verbose=True)
    ours = [h for h in logging.getLogger("workbench").handlers
            if isinstance(h, logs.PrivateRotatingFileHandler)]
    assert len(ours) == 1
    logs.close()
    assert not [h for h in logging.getLogger("workbench").handlers
                if isinstance(h, logs.PrivateRotatingFileHandler)]


def test_verbose_cli_writes_debug_lines_and_copies_them_to_stderr(tmp_path: Path, capsys):
    from workbench.cli import main

    assert main(["status", str(tmp_path / "李娜的工作区"), "--verbose"]) == 2
    err = capsys.readouterr().err
    assert "INFO workbench.cli cli.start command=status" in err
    assert ("cli.refused error=workbench.core.errors.NotAWorkspace code=workspace.not-a-workspace "
            "exit=2") in err
    text = logs.log_file().read_text(encoding="utf-8")
    assert "cli.end command=status exit=2" in text
    assert "李娜" not in text  # the path the user gave is in the message, not the log


def test_a_quiet_cli_run_logs_to_the_file_only(tmp_path: Path, capsys):
    from workbench.cli import main

    assert main(["status", str(tmp_path / "nowhere")]) == 2
    assert "cli.start" not in capsys.readouterr().err
    assert "cli.start command=status" in logs.log_file().read_text(encoding="utf-8")
    assert not [h for h in logging.getLogger("workbench").handlers
                if isinstance(h, logs.PrivateRotatingFileHandler)]  # closed after the command


def test_diagnostics_name_versions_and_the_key_store_and_end_with_the_log(log_file: Path):
    logging.getLogger("workbench.test").info("test.marker")
    text = diagnostics.report({"qt": "6.x"})
    assert text.startswith("Consent Workbench ")
    for name in ("python:", "platform:", "key store: ", "qt: 6.x", "spacy:", "detector:"):
        assert name in text
    assert text.rstrip().endswith("test.marker")
    assert str(Path.home()) not in text and str(log_file.parent) not in text
