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
    assert "encrypted at rest; the key is in the system keyring" in out
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


def test_a_folder_import_lists_each_file_passed_over_and_why(
    tmp_path: Path, fixtures: Path, capsys, monkeypatch
):
    import shutil

    ws = tmp_path / "ws"
    run(capsys, "init", ws, "--name", "李娜")
    folder = tmp_path / "feishu_collector"
    shutil.copytree(fixtures / "collectors/feishu", folder)
    (folder / "contacts.csv").write_text("姓名,手机\n张伟,13812345678\n", encoding="utf-8")
    code, out, err = run(capsys, "import", ws, folder)
    assert code == 0 and not err
    summary = folder / "collection_summary.json"
    assert f"Skipped {summary}: colleague-skill's summary of a collection" in out
    assert f"Skipped {folder / 'contacts.csv'}: a CSV file that is no chat export" in out
    (folder / "more.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    code, out, _ = run(capsys, "import", ws, folder, "--format", "json")
    skipped = {Path(s["path"]).name: s["reason"] for s in json.loads(out)["skipped"]}
    assert code == 0 and set(skipped) == {"collection_summary.json", "contacts.csv", "more.csv"}
    assert "请单独导入这个文件" in skipped["more.csv"]


def test_import_into_a_missing_workspace_is_a_clear_error(tmp_path: Path, fixtures: Path, capsys):
    code, _, err = run(capsys, "import", tmp_path / "nope", fixtures / "slack")
    assert code == 2 and "not a Consent Workbench workspace" in err


def test_init_without_a_name_is_bad_usage(tmp_path: Path, capsys):
    code, _, err = run(capsys, "init", tmp_path / "ws")
    assert code == 2 and "--name" in err


def test_headless_demo_prints_each_step_and_exits_0(headless_demo):
    code, root, out = headless_demo
    assert code == 0
    for step in ("1. Create three identities", "2. Create the workspace", "3. Import",
                 "4. Scan", "5. HR", "6. 李娜 reads the notice", "7. The recipient verifies",
                 "8. Review", "9. Build the redacted skill folder", "10. Export",
                 "11. HR (陈静) verifies", "12. The recipient verifies the package: valid",
                 "13. The recipient opens", "14. 李娜 withdraws", "15. The recipient imports",
                 "16. 李娜 imports the receipt"):
        assert step in out
    assert "ledger with public cards only: OK" in out
    assert (root / "workspace/workspace.sqlite").is_file()


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


def test_a_second_scan_says_its_own_count_and_the_workspace_total_apart(
    tmp_path: Path, fixtures: Path, capsys
):
    ws = tmp_path / "ws"
    run(capsys, "init", ws, "--profile", fixtures / "self.json")
    run(capsys, "import", ws, fixtures / "slack")
    code, out, _ = run(capsys, "scan", ws)
    assert code == 0 and "The workspace now holds" not in out
    code, out, _ = run(capsys, "scan", ws)  # nothing changed: the run finds nothing new
    run_findings = int(out.split("unchanged since the last scan); ")[1].split(" finding")[0])
    total = int(out.split("The workspace now holds ")[1].split(" finding")[0])
    table = sum(int(line.split()[-1]) for line in out.splitlines() if line.startswith("  "))
    assert code == 0 and total == table and total > run_findings


def test_three_parties_keys_consent_and_ledger_from_the_command_line(
    tmp_path: Path, fixtures: Path, capsys, monkeypatch
):
    homes = {role: tmp_path / role for role in ("employee", "hr", "recipient")}
    names = {"employee": "李娜", "hr": "陈静", "recipient": "Payments AI team"}

    def as_(role: str, *argv: object) -> tuple[int, str, str]:
        monkeypatch.setenv("WORKBENCH_HOME", str(homes[role]))
        return run(capsys, *argv)

    for role, name in names.items():
        code, out, _ = as_(role, "keys", "new", "--role", role, "--name", name)
        assert code == 0 and "Fingerprint" in out
        code, card, _ = as_(role, "keys", "export", name)
        (tmp_path / f"{role}.wbid.json").write_text(card)
    for role in names:
        for other in names:
            if other != role:
                assert as_(role, "keys", "import", tmp_path / f"{other}.wbid.json")[0] == 0
    code, out, _ = as_("employee", "keys", "list", "--format", "json")
    assert [r["kind"] for r in json.loads(out)] == ["identity", "contact", "contact"]

    request = tmp_path / "request.json"
    code, _, err = as_("hr", "consent", "request", "--out", request, "--terms",
                       fixtures / "consent_terms.json", "--delete-by", "2030-01-31",
                       "--recipient", "Payments", "--separate-consent", "health")
    assert code == 0, err
    ws = tmp_path / "ws"
    as_("employee", "init", ws, "--profile", fixtures / "self.json")
    as_("employee", "import", ws, fixtures / "feishu")
    # Before a scan the notice cannot say truly what was found: consent is refused.
    code, _, err = as_("employee", "consent", ws, "--request", request, "--yes")
    assert code == 1 and "not scanned yet" in err
    assert as_("employee", "scan", ws)[0] == 0
    # HR's card given where the request belongs: bad input, named, in words (not "DSSE").
    code, _, err = as_("employee", "consent", ws, "--request", tmp_path / "hr.wbid.json", "--yes")
    assert code == 2 and "is not a consent request from HR" in err and "DSSE" not in err
    code, _, err = as_("employee", "consent", ws, "--request", request, "--delete-by",
                       "2031-01-01", "--yes")
    assert code == 1 and "only narrow" in err
    code, out, err = as_("employee", "consent", ws, "--request", request, "--yes",
                         "--format", "json")
    assert code == 0, err
    assert json.loads(out)["decision"] == "given"
    # The cards were imported without their fingerprints checked: the employee is told.
    assert err.count("NOT VERIFIED") == 2 and "陈静" in err
    code, out, err = as_("employee", "consent", ws, "--request", request)
    assert code == 2 and "confirm with --yes" in err
    assert "撤回" in out  # the notice was shown before asking

    code, out, _ = as_("recipient", "verify-ledger", ws / "ledger.jsonl", "--format", "json")
    check = json.loads(out)
    assert code == 0 and check["ok"] and check["entries"] == 4
    lines = (ws / "ledger.jsonl").read_text().splitlines()
    (tmp_path / "cut.jsonl").write_text("\n".join(lines[:-1]) + "\n" + lines[-1][:30])
    code, out, _ = as_("recipient", "verify-ledger", tmp_path / "cut.jsonl")
    assert code == 1 and "line 4" in out and "truncated" in out


def test_review_auto_list_and_build_skill(tmp_path: Path, fixtures: Path, capsys):
    ws = tmp_path / "ws"
    run(capsys, "init", ws, "--profile", fixtures / "self.json")
    run(capsys, "import", ws, fixtures / "feishu", fixtures / "images")
    run(capsys, "scan", ws)
    code, out, _ = run(capsys, "review", ws, "--list", "--format", "json")
    assert code == 0 and len(json.loads(out)["left"]) == 4
    code, out, _ = run(capsys, "review", ws, "--auto", "--format", "json")
    data = json.loads(out)
    assert data["approved"] == 2 and {i["kind"] for i in data["left"]} == {"image"}
    code, out, _ = run(capsys, "build-skill", ws, "--out", tmp_path / "out")
    assert code == 0 and "lina-li-work" in out
    assert (tmp_path / "out/lina-li-work/SKILL.md").is_file()
    code, _, err = run(capsys, "build-skill", ws, "--out", tmp_path / "out", "--name", "Bad Name")
    assert code == 2 and "not a valid skill name" in err


def test_package_commands_use_the_real_clock_so_an_expired_package_is_refused(
    tmp_path: Path, fixtures: Path, capsys, monkeypatch
):
    """The package is made with a clock in the past (core functions take `now`); the command
    line has no way to set the clock, so `open` and `verify` see it as expired."""
    from datetime import UTC, datetime

    from tests.core.parties import make_parties
    from workbench.core.package import bundle, consent
    from workbench.core.pii.profile import SelfProfile
    from workbench.core.review import decisions as review
    from workbench.core.review import scan
    from workbench.core.workspace import Workspace

    past = datetime(2025, 1, 1, tzinfo=UTC)
    employee, hr, recipient = make_parties(tmp_path / "homes")
    package = tmp_path / "old.cwpkg"
    with employee:
        ws = Workspace.create(tmp_path / "ws", SelfProfile.from_file(fixtures / "self.json"))
        ws.import_paths([fixtures / "collector/docs.txt"])
        scan.scan_workspace(ws)
        review.auto_review(ws)
        terms = consent.terms_from_mapping(
            {"purposes": ["handover"], "controller": {"name": "Xinghe"}},
            countersigner=hr.card.fingerprint, recipients=[recipient.card.fingerprint],
            delete_by="2025-06-30")
        consent.record_decision(ws, terms, "given", employee.card, past)
        bundle.export(ws, package, employee.card, past)
        ws.close()
    with hr:
        bundle.countersign(package, hr.card, past)
    monkeypatch.setenv("WORKBENCH_HOME", str(recipient.home))
    monkeypatch.setenv("WORKBENCH_NOW", "2025-02-01")  # not a thing: must change nothing
    code, out, _ = run(capsys, "verify", package, "--format", "json")
    result = json.loads(out)
    assert code == 1 and result["verdict"] == "refused"
    assert [c["check"] for c in result["checks"] if not c["ok"]] == ["deadline"]
    code, _, err = run(capsys, "open", package, "--out", tmp_path / "recv")
    assert code == 1 and "delete-by date: expired" in err


def test_export_countersign_open_purge_receipt_from_the_command_line(
    tmp_path: Path, fixtures: Path, capsys, monkeypatch
):
    from tests.core.parties import make_parties

    employee, hr, recipient = make_parties(tmp_path / "homes")

    def as_(party, *argv: object) -> tuple[int, str, str]:
        monkeypatch.setenv("WORKBENCH_HOME", str(party.home))
        return run(capsys, *argv)

    ws, package = tmp_path / "ws", tmp_path / "skill.cwpkg"
    as_(employee, "init", ws, "--profile", fixtures / "self.json")
    as_(employee, "import", ws, fixtures / "slack")
    as_(employee, "scan", ws)
    code, _, err = as_(employee, "export", ws, "--out", package)
    assert code == 1 and "pending review" in err and "no consent record" in err
    as_(employee, "review", ws, "--auto")
    as_(employee, "consent", ws, "--purpose", "handover", "--controller", "Xinghe",
        "--countersigner", hr.card.fingerprint, "--recipient", recipient.card.name,
        "--delete-by", "2030-01-01", "--yes")
    code, out, err = as_(employee, "export", ws, "--out", package)
    assert code == 0, err
    code, _, err = as_(recipient, "open", package, "--out", tmp_path / "recv")
    assert code == 1 and "HR countersignature: missing" in err
    code, out, _ = as_(hr, "countersign", package)
    assert code == 2  # no terminal to confirm on: it asks for --yes
    code, out, _ = as_(hr, "countersign", package, "--yes")
    assert code == 0 and "Countersigned" in out and "Must be deleted by: 2030-01-01" in out
    assert "Recipients: Payments AI team" in out and '{' not in out  # sentences, not JSON
    code, out, _ = as_(recipient, "open", package, "--out", tmp_path / "recv")
    assert code == 0 and "Opened into" in out
    code, out, _ = as_(recipient, "verify-skill", tmp_path / "recv/lina-li-work")
    assert code == 0 and out.startswith("VALID")
    code, out, _ = as_(recipient, "deadlines", "--format", "json")
    assert json.loads(out)[0]["status"] == "active"
    (tmp_path / "r.json").write_text("an earlier receipt")
    code, _, err = as_(recipient, "purge", package, "--receipt-out", tmp_path / "r.json")
    assert code == 2 and "--force" in err and "already exists" in err
    assert (tmp_path / "r.json").read_text() == "an earlier receipt"
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    code, out, _ = as_(recipient, "purge", package, "--receipt-out", tmp_path / "r.json",
                       "--force")
    # Each item deleted reads in Chinese (the item and its state used to stay English).
    assert code == 0 and "保管密钥已销毁" in out
    assert "打开的副本：" in out and "保管副本：" in out and "数据包文件：" in out
    assert "（已删除）" in out and "deleted" not in out and "copy" not in out
    monkeypatch.setenv("WORKBENCH_LANG", "en")
    code, out, _ = as_(employee, "receipt", "import", tmp_path / "r.json")
    assert code == 0 and "Receipt verified" in out
    code, out, _ = as_(employee, "deadlines")
    assert "deleted ✓" in out
    # In Chinese the side and the status read in Chinese too (they used to stay English).
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    code, out, _ = as_(employee, "deadlines")
    assert code == 0 and "已删除 ✓" in out and out.startswith("导出")
    assert "deleted" not in out and "export" not in out
    code, out, _ = as_(employee, "deadlines", "--format", "json")
    assert json.loads(out)[0]["status"] == "deleted ✓"  # the codes scripts read stay
    monkeypatch.setenv("WORKBENCH_LANG", "en")
    code, _, err = as_(employee, "receipt", "import", fixtures / "bad/truncated.json")
    assert code == 2 and "truncated.json" in err


def test_workspace_commands_use_the_passphrase_file_when_there_is_no_keyring(
    tmp_path: Path, capsys, monkeypatch
):
    from workbench.core.trust import sealing, secrets_store

    monkeypatch.setenv("WORKBENCH_KEYRING", "file")
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", "correct horse")
    secrets_store.forget_stores()
    ws = tmp_path / "ws"
    code, out, err = run(capsys, "init", ws, "--name", "李娜")
    assert code == 0 and "the key is in the passphrase-protected file" in out
    assert "no system keyring" not in err  # the file store was chosen: no warning
    # A new process without the passphrase: the workspace cannot be read, and says why.
    secrets_store.forget_stores()
    sealing.forget_keys()
    monkeypatch.delenv("WORKBENCH_PASSPHRASE")
    code, _, err = run(capsys, "status", ws)
    assert code != 0 and "WORKBENCH_PASSPHRASE" in err
    secrets_store.forget_stores()
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", "wrong")
    code, _, err = run(capsys, "status", ws)
    assert code != 0 and "passphrase is wrong" in err
    secrets_store.forget_stores()
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", "correct horse")
    code, out, _ = run(capsys, "status", ws)
    assert code == 0 and "李娜" in out
