import json
from pathlib import Path

import pytest

from workbench.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_init_import_status_round_trip(tmp_path: Path, fixtures: Path, capsys):
    ws = tmp_path / "ws"
    code, out, _ = run(capsys, "init", ws, "--name", "李娜", "--alias", "Lina Li",
                       "--alias", "娜娜", "--email", "lina.li@xinghe.example.com",
                       "--phone", "13912345678", "--timezone", "Asia/Shanghai")
    assert code == 0 and "Created workspace" in out
    code, out, _ = run(capsys, "import", ws, fixtures / "slack", fixtures / "email",
                       "--format", "json")
    assert code == 0
    assert json.loads(out)["added_by_kind"] == {"chat": 1, "email": 4, "attachment": 1}
    code, out, _ = run(capsys, "status", ws, "--format", "json")
    status = json.loads(out)
    assert status["artifacts"] == 6 and status["by_state"]["pending"] == 6
    assert status["by_kind"]["email"] == {"pending": 4}
    assert status["people"] >= 4
    code, out, _ = run(capsys, "status", ws)
    assert code == 0 and "email" in out and "People seen" in out


@pytest.mark.parametrize(
    "bad", ["binary.eml", "empty.mbox", "not_really.docx", "truncated.json", "wrong_shape.json"]
)
def test_bad_samples_exit_2_with_a_message_naming_the_file(
    tmp_path: Path, fixtures: Path, capsys, bad: str
):
    ws = tmp_path / "ws"
    run(capsys, "init", ws, "--name", "x")
    code, out, err = run(capsys, "import", ws, fixtures / "bad" / bad)
    assert code == 2
    assert bad in err and "Traceback" not in err
    code, out, _ = run(capsys, "status", ws, "--format", "json")
    assert json.loads(out)["artifacts"] == 0


def test_import_into_a_missing_workspace_is_a_clear_error(tmp_path: Path, fixtures: Path, capsys):
    code, _, err = run(capsys, "import", tmp_path / "nope", fixtures / "slack")
    assert code == 2 and "not a Consent Workbench workspace" in err


def test_init_without_a_name_is_bad_usage(tmp_path: Path, capsys):
    code, _, err = run(capsys, "init", tmp_path / "ws")
    assert code == 2 and "--name" in err


def test_headless_demo_prints_each_step_and_exits_0(tmp_path: Path, capsys):
    code, out, _ = run(capsys, "demo", "--headless", "--dir", tmp_path / "demo")
    assert code == 0
    assert "1. Create workspace" in out and "2. Import" in out and "3. Status" in out
    assert "4. Scan" in out and "findings in" in out
    assert (tmp_path / "demo/workspace.sqlite").is_file()


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert "workbench 0.1.0" in capsys.readouterr().out


def test_scan_text_file_json_is_exactly_the_design_format(tmp_path: Path, capsys):
    path = tmp_path / "note.txt"
    text = "Hi 张伟，请发邮件到alice@example.com谢谢\n手机 13812345678"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "scan", path, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["findings"]
    for finding in data["findings"]:
        assert set(finding) == {"entity", "start", "end", "score", "text", "detector"}
        assert text[finding["start"]:finding["end"]] == finding["text"]
    entities = {(f["entity"], f["text"]) for f in data["findings"]}
    assert {("EMAIL_ADDRESS", "alice@example.com"), ("PHONE_NUMBER", "13812345678")} <= entities


def test_scan_other_files_over_their_extracted_text(fixtures: Path, capsys):
    code, out, _ = run(capsys, "scan", fixtures / "email/handover.eml", "--format", "json")
    assert code == 0
    groups = json.loads(out)["artifacts"]
    assert [g["kind"] for g in groups] == ["email", "attachment"]
    assert any(f["text"] == "13812345678" for f in groups[1]["findings"])


def test_scan_bad_file_exits_2(fixtures: Path, capsys):
    code, _, err = run(capsys, "scan", fixtures / "bad/truncated.json")
    assert code == 2 and "truncated.json" in err


def test_scan_workspace_then_status(tmp_path: Path, fixtures: Path, capsys):
    ws = tmp_path / "ws"
    run(capsys, "init", ws, "--profile", fixtures / "self.json")
    run(capsys, "import", ws, fixtures / "slack")
    code, out, _ = run(capsys, "scan", ws, "--format", "json")
    assert code == 0 and json.loads(out)["scanned"] == 1
    code, out, _ = run(capsys, "status", ws, "--format", "json")
    assert json.loads(out)["findings"]["SECRET"] == 1
