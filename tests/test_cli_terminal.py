"""The command line as a terminal user meets it: help for everything, exit codes, one-line
errors, progress (a bar on a TTY, lines otherwise, none when quiet), and both languages."""

from __future__ import annotations

import argparse
import io
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import _parser, main
from workbench.core import messages
from workbench.terminal import progress


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _parsers(parser: argparse.ArgumentParser, path: str = "workbench"):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _parsers(child, f"{path} {name}")


def test_every_option_and_positional_of_every_command_has_help():
    missing = []
    for path, parser in _parsers(_parser()):
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction | argparse._VersionAction):
                continue
            if isinstance(action, argparse._SubParsersAction):
                missing += [f"{path} {c.dest}" for c in action._choices_actions if not c.help]
                continue
            if not action.help or action.help == argparse.SUPPRESS:
                missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
    assert missing == []


def test_help_documents_the_exit_codes_for_every_command(capsys):
    for path, parser in _parsers(_parser()):
        assert "0 ok, 1 refused by a check, 2 bad input, 130 interrupted" in \
            parser.format_help(), path
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "130" in readme and "refused by a check" in readme


def test_help_follows_the_locale_for_every_command(monkeypatch):
    """Under a Chinese locale no help line of any command is left in English (option names,
    metavars and the program's name aside)."""
    for variable in ("WORKBENCH_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    english_help = {english for code, (english, _) in messages.CATALOGUE.items()
                    if code.startswith(("help.", "argparse."))}
    for path, parser in _parsers(_parser()):
        text = parser.format_help()
        assert "用法：" in text and "显示此帮助信息并退出" in text, path
        left = [e for e in english_help if len(e) > 12 and e in text]
        assert not left, (path, left)


def test_every_long_command_can_be_quiet():
    for path, parser in _parsers(_parser()):
        long = path.split()[-1] in {"import", "scan", "review", "export", "open", "purge"}
        assert ("--quiet" in parser.format_help()) == (long and path != "workbench"), path


def test_no_display_says_so_and_suggests_the_headless_demo(monkeypatch, capsys):
    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux can lack a display")
    for variable in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(variable, raising=False)
    code, out, err = run(capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "demo --headless" in err and "No display" in err


@pytest.mark.parametrize("argv", [
    ["import", "{tmp}/nowhere", "{fixtures}/slack"],
    ["import", "{ws}", "{tmp}/missing.json"],
    ["scan", "{tmp}/missing.txt"],
    ["scan", "{tmp}"],
    ["status", "{tmp}/nowhere"],
    ["review", "{tmp}/nowhere", "--list"],
    ["review", "{ws}", "--show", "nothing-like-it"],
    ["verify", "{tmp}/missing.cwpkg"],
    ["verify-skill", "{tmp}/missing"],
    ["countersign", "{tmp}/missing.cwpkg", "--yes"],
    ["open", "{tmp}/missing.cwpkg", "--out", "{tmp}/out"],
    ["withdraw", "{tmp}/missing.cwpkg", "--out", "{tmp}/out"],
    ["keys", "import", "{tmp}/missing.wbid.json"],
    ["verify-ledger", "{tmp}/missing.jsonl"],
    ["init", "{tmp}/ws2", "--profile", "{tmp}/missing.json"],
    ["receipt", "import", "{tmp}/missing.json"],
    ["revocation", "import", "{tmp}/missing.json"],
    ["seal-skill", "{tmp}/missing", "--bundle", "{tmp}/missing.cwpkg"],
    ["build-skill", "{tmp}/nowhere", "--out", "{tmp}/out"],
])
def test_common_path_mistakes_are_one_line_and_exit_2(tmp_path, fixtures, capsys, argv):
    ws = tmp_path / "ws"
    run(capsys, "init", ws, "--name", "李娜")
    values = {"tmp": tmp_path, "fixtures": fixtures, "ws": ws}
    code, _, err = run(capsys, *(a.format(**values) for a in argv))
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("workbench: "), err
    assert "Traceback" not in err


def test_messages_have_both_languages_with_the_same_blanks():
    blanks = string.Formatter()
    for code, (english, chinese) in messages.CATALOGUE.items():
        assert english and chinese, code
        assert re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", chinese) \
            or code in ("review.finding", "count.of"), code
        names = {f[1] for f in blanks.parse(english) if f[1]}
        assert names == {f[1] for f in blanks.parse(chinese) if f[1]}, code


def test_the_locale_chooses_chinese(tmp_path, capsys, monkeypatch):
    ws = tmp_path / "ws"
    run(capsys, "init", ws, "--name", "李娜")
    for variable in ("WORKBENCH_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, _, err = run(capsys, "review", ws, "--show", "nothing-like-it")
    assert code == 2 and "此工作区中没有条目" in err
    code, out, _ = run(capsys, "review", ws, "--list")
    assert "还有 0 项待审查" in out
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    code, out, _ = run(capsys, "review", ws, "--list")
    assert "0 items left to review" in out


def test_plain_progress_lines_are_spaced_out_and_end_with_the_total():
    now = [0.0]
    stream = io.StringIO()
    lines = progress._Lines("Scanning", stream, clock=lambda: now[0])
    for done in range(101):
        now[0] = done * 0.2  # 20 s in all
        lines(done, 100, "")
    printed = stream.getvalue().splitlines()
    assert printed[0].startswith("Scanning: 5/100 (5%), about")
    assert printed[-1] == "Scanning: 100/100 (100%)"
    assert 4 <= len(printed) <= 6  # one every 5 s, not one per step
    quick = io.StringIO()
    fast = progress._Lines("Importing", quick, clock=lambda: 0.5)
    for done in range(11):
        fast(done, 10, "")
    assert quick.getvalue() == ""  # a step under a second shows nothing


def test_progress_is_on_stderr_as_lines_and_absent_when_quiet_or_json(
    tmp_path, fixtures, capsys, monkeypatch
):
    monkeypatch.setattr(progress, "FIRST_AFTER", 0.0)
    monkeypatch.setattr(progress, "LINE_EVERY", 0.0)
    ws = tmp_path / "ws"
    run(capsys, "init", ws, "--name", "李娜")
    code, out, err = run(capsys, "import", ws, fixtures / "feishu")
    assert code == 0 and "Importing: 2/2 (100%)" in err and "Importing" not in out
    for extra in (["--quiet"], ["--format", "json"]):
        code, _, err = run(capsys, "import", ws, fixtures / "email", *extra)
        assert code == 0 and "Importing" not in err
    assert progress.wanted(False, "table") == "lines"  # capsys' stderr is no terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert progress.wanted(False, "table") == "bar"
    assert progress.wanted(True, "table") == progress.wanted(False, "json") == "off"


def test_a_terminal_gets_a_bar_with_counts(tmp_path, fixtures, capsys, shared_key_store):
    import pty

    ws = tmp_path / "ws"
    run(capsys, "init", ws, "--profile", fixtures / "self.json")
    run(capsys, "import", ws, fixtures / "feishu", fixtures / "email", "-q")
    leader, follower = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "workbench", "scan", str(ws)],
                             stdout=subprocess.PIPE, stderr=follower, text=True,
                             env={**os.environ, "COLUMNS": "120", "TERM": "xterm"})
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    out, _ = child.communicate(timeout=120)
    os.close(leader)
    assert child.returncode == 0 and "Scanned" in out
    text = shown.decode("utf-8", "replace")
    assert "Scanning" in text and re.search(r"\d+/\d+", text) and "━" in text


def test_a_folder_import_goes_on_past_a_dingtalk_export_and_lists_it(tmp_path, capsys):
    import json

    ws = tmp_path / "ws"
    run(capsys, "init", ws, "--name", "李娜")
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "notes.md").write_text("交接说明：发布流程见 wiki。", encoding="utf-8")
    (folder / "dingtalk.json").write_text(json.dumps({"conversationTitle": "发布群", "msgs": [
        {"senderNick": "张伟", "msgType": "text", "content": {"text": "明天灰度"},
         "createAt": 1709513400000}]}, ensure_ascii=False), encoding="utf-8")
    (folder / "broken.eml").write_bytes(b"\x00\x01\x02" * 100)
    code, out, err = run(capsys, "import", ws, folder)
    assert code == 2 and "Imported 1 new item (1 document)" in out
    assert "broken.eml" in err and "Traceback" not in err
    assert "dingtalk.json" in out + err  # failed with its reason, or listed as skipped
    code, out, _ = run(capsys, "status", ws, "--format", "json")
    assert json.loads(out)["artifacts"] == 1


def test_an_export_interrupted_after_writing_says_so(tmp_path, capsys, monkeypatch):
    from workbench.core.package import bundle

    assert run(capsys, "keys", "new", "--role", "employee", "--name", "李娜")[0] == 0
    ws, out = tmp_path / "ws", tmp_path / "p.cwpkg"
    run(capsys, "init", ws, "--name", "李娜")

    def written_then_interrupted(ws, path, *args, **kwargs):  # type: ignore[no-untyped-def]
        path.write_bytes(b"PK")
        raise KeyboardInterrupt

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(bundle, "export", interrupted)
    code, _, err = run(capsys, "export", ws, "--out", out)
    assert code == 130 and "nothing was changed" in err
    monkeypatch.setattr(bundle, "export", written_then_interrupted)
    code, _, err = run(capsys, "export", ws, "--out", out)
    assert code == 130 and f"{out} was written" in err and "export again" in err
