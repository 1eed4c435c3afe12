"""What a new user met following README.md from the command line: an export signed by an
identity that never consented, exit codes after finished work, options that created folders,
repeated steps, and sentences that said less than they should."""

from __future__ import annotations

import json
import os
import signal
import zipfile
from pathlib import Path

import pytest

from tests.core.parties import Party
from tests.core.test_bundle import Flow, flow  # noqa: F401 - the three-party fixture
from tests.test_cli_review import reviewed  # noqa: F401 - a scanned workspace
from workbench.cli import main
from workbench.core.package import bundle
from workbench.core.trust import keys


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def as_(party: Party, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        *argv: object) -> tuple[int, str, str]:
    monkeypatch.setenv("WORKBENCH_HOME", str(party.home))
    return run(capsys, *argv)


def swallowed_interrupt() -> None:
    """A Ctrl-C that Python drops (it lands in a destructor): only the cancel token sees it."""

    class Freed:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(10_000):
                pass

    Freed()


# -- 1. the signer must be the one who consented ---------------------------------------------------


def test_keys_new_twice_for_the_same_name_or_email_is_refused_unless_another(capsys):
    argv = ("keys", "new", "--role", "employee", "--name", "李娜", "--email",
            "same@xinghe.example.com")
    assert run(capsys, *argv)[0] == 0
    code, _out, err = run(capsys, *argv)
    assert code == 2 and "You already have the employee identity 李娜" in err
    assert "--another" in err and len(err.strip().splitlines()) == 1
    assert len(keys.own_identities()) == 1
    code, _out, _ = run(capsys, *argv, "--another")
    assert code == 0 and len(keys.own_identities()) == 2


def test_export_with_an_identity_that_never_consented_is_refused_naming_both(
        flow: Flow, monkeypatch, capsys):  # noqa: F811
    flow.ws.close()  # the command opens the workspace itself
    with flow.employee:
        other = keys.create_identity(keys.Role.EMPLOYEE, "李娜", another=True)
    code, out, err = as_(flow.employee, monkeypatch, capsys, "export", flow.ws.root, "--out",
                         flow.package, "--identity", other.fingerprint)
    assert code == 1 and not out
    assert len(err.strip().splitlines()) == 1
    assert other.fingerprint[:16] in err and flow.employee.card.fingerprint[:16] in err
    assert not flow.package.exists()
    code, out, err = as_(flow.employee, monkeypatch, capsys, "export", flow.ws.root, "--out",
                         flow.package, "--identity", flow.employee.card.fingerprint)
    assert code == 0, err


def test_countersign_names_the_checks_that_failed(flow: Flow, monkeypatch, capsys):  # noqa: F811
    flow.export()
    # The ledger cut before its last line: the export it records is gone.
    cut = flow.root / "cut.cwpkg"
    with zipfile.ZipFile(flow.package) as source, zipfile.ZipFile(cut, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == bundle.LEDGER:
                data = b"".join(data.splitlines(keepends=True)[:-1])
            target.writestr(info, data)
    code, out, err = as_(flow.hr, monkeypatch, capsys, "countersign", cut, "--yes")
    failed = [line.split("]")[1].split(":")[0].strip() for line in out.splitlines()
              if line.startswith("  [FAIL]")]
    assert code == 1 and failed
    assert "does not verify (" in err and all(f"{name}:" in err for name in failed)


# -- 2. exit codes after finished work -------------------------------------------------------------


def test_an_interrupt_during_open_after_it_finished_exits_0_and_says_so(
        flow: Flow, monkeypatch, capsys):  # noqa: F811
    from workbench.core.package import custody

    flow.export()
    flow.countersign()
    real_open = custody.open_package

    def open_package(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real_open(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)  # deferred: only marks the token
        for _ in range(10_000):
            pass
        return result

    monkeypatch.setattr(custody, "open_package", open_package)
    code, out, err = as_(flow.recipient, monkeypatch, capsys, "open", flow.package, "--out",
                         flow.root / "received")
    assert code == 0 and "Opened into" in out
    assert "Finishing this step first" in err and "after the work was done" in err


def test_review_auto_interrupted_says_so_and_what_was_kept(reviewed: Path, capsys,  # noqa: F811
                                                          monkeypatch):
    from workbench.core.review import decisions as review

    real_approve = review.approve
    calls = []

    def approve(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        real_approve(*args, **kwargs)
        swallowed_interrupt()  # the first approval is kept, then the interrupt counts

    monkeypatch.setattr(review, "approve", approve)
    code, out, err = run(capsys, "review", reviewed, "--auto")
    assert code == 130 and calls == [1]
    assert "Decided" not in out  # no summary of a review that did not finish
    assert "Interrupted: 2 of 2 items are scanned and saved and 1 is approved" in err
    assert "--auto` again" in err


# -- 3 and 4. output options: files stay files, missing folders are not made -----------------------


def test_every_output_option_refuses_a_missing_folder_and_makes_none(
        reviewed: Path, tmp_path: Path, capsys, fixtures: Path):  # noqa: F811
    missing = tmp_path / "nonexistent"
    keys.create_identity(keys.Role.HR, "陈静")
    for argv in (("build-skill", reviewed, "--out", missing / "skill"),
                 ("review", reviewed, "--show", "x", "--image-out", missing / "look.png"),
                 ("consent", "request", "--out", missing / "request.json", "--terms",
                  fixtures / "consent_terms.json", "--delete-by", "2030-01-31"),
                 ("open", fixtures / "slack/channels.json", "--out", missing / "received"),
                 ("purge", "--due", "--receipt-out", missing / "r.json"),
                 ("withdraw", fixtures / "slack/channels.json", "--out", missing / "x.rev")):
        code, _out, err = run(capsys, *argv)
        assert code == 2, (argv, err)
        assert len(err.strip().splitlines()) == 1 and str(missing) in err, (argv, err)
        assert not missing.exists(), argv


def test_purge_due_receipt_out_names_a_file_and_purging_twice_says_already(
        flow: Flow, monkeypatch, capsys):  # noqa: F811
    from workbench.core.package import custody

    flow.export()
    flow.countersign()
    flow.open()
    with flow.employee:
        custody.withdraw(flow.package, flow.root / "x.revocation", flow.employee.card,
                         clock_now())
    code, out, err = as_(flow.recipient, monkeypatch, capsys, "revocation", "import",
                         flow.root / "x.revocation")
    assert code == 0, err
    code, out, err = as_(flow.recipient, monkeypatch, capsys, "revocation", "import",
                         flow.root / "x.revocation")
    assert code == 0 and "already imported" in out
    receipt = flow.root / "r3.json"
    code, out, err = as_(flow.recipient, monkeypatch, capsys, "purge", "--due",
                         "--receipt-out", receipt)
    assert code == 0, err
    assert receipt.is_file()
    code, out, err = as_(flow.employee, monkeypatch, capsys, "receipt", "import", receipt)
    assert code == 0 and "Receipt verified" in out
    # Again, by the package file it came from (shredded by the purge): already done, exit 0.
    code, out, err = as_(flow.recipient, monkeypatch, capsys, "purge", flow.package)
    assert code == 0, err
    assert "already purged on" in out and str(receipt) in out


def test_purging_again_with_the_same_receipt_file_says_already_deleted_and_where(
        flow: Flow, monkeypatch, capsys):  # noqa: F811
    """The user runs the same purge command twice: the receipt it wrote the first time is
    not "a file that already exists" (exit 2) — the package was already deleted (exit 0)."""
    flow.export()
    flow.countersign()
    opened = flow.open()
    receipt = flow.root / "r.receipt.json"
    argv = ("purge", opened.package[7:19], "--receipt-out", receipt)
    code, out, err = as_(flow.recipient, monkeypatch, capsys, *argv)
    assert code == 0, err
    written = receipt.read_bytes()
    for lang, words in (("en", "already purged on"), ("zh", "已于")):
        monkeypatch.setenv("WORKBENCH_LANG", lang)
        code, out, err = as_(flow.recipient, monkeypatch, capsys, *argv)
        assert code == 0, err
        assert words in out and str(receipt) in out and len(out.strip().splitlines()) == 1
        assert receipt.read_bytes() == written  # the receipt is kept as it was
    # Also by the package file it was opened from, and with --due (nothing left due).
    monkeypatch.setenv("WORKBENCH_LANG", "en")
    code, out, err = as_(flow.recipient, monkeypatch, capsys, "purge", flow.package,
                         "--receipt-out", receipt)
    assert code == 0 and "already purged on" in out and str(receipt) in out, err
    # A purge killed after writing its receipt, before the register said so: run again, it
    # finds the receipt it signed and says so — no second deletion, no second receipt.
    from workbench.core.package import custody, deadlines

    with flow.recipient:
        (entry,) = deadlines.load(custody.custody_path())
        deadlines.write_json(custody.custody_path(), [
            {k: v for k, v in entry.items() if k not in ("deleted_at", "receipt")}])
        ledger_file = custody.custody_dir() / f"{opened.package[7:]}.ledger.jsonl"
        lines = ledger_file.read_text().splitlines()
    code, out, err = as_(flow.recipient, monkeypatch, capsys, *argv)
    assert code == 0 and "already purged on" in out and str(receipt) in out, err
    assert receipt.read_bytes() == written
    assert ledger_file.read_text().splitlines() == lines
    with flow.recipient:
        (entry,) = deadlines.load(custody.custody_path())
        assert entry["deleted_at"] and entry["receipt"] == str(receipt)


def test_opening_a_withdrawn_package_says_consent_was_withdrawn_and_to_purge(
        flow: Flow, monkeypatch, capsys):  # noqa: F811
    from workbench.core.package import custody

    flow.export()
    flow.countersign()
    kept = flow.root / "kept.cwpkg"
    kept.write_bytes(flow.package.read_bytes())
    opened = flow.open()
    with flow.employee:
        custody.withdraw(flow.package, flow.root / "x.revocation", flow.employee.card,
                         clock_now())
    code, _out, err = as_(flow.recipient, monkeypatch, capsys, "revocation", "import",
                         flow.root / "x.revocation")
    assert code == 0, err
    for lang, words in (("en", ("李娜 withdrew consent", "workbench purge")),
                        ("zh", ("李娜 已于", "撤回", "workbench purge"))):
        monkeypatch.setenv("WORKBENCH_LANG", lang)
        code, _out, err = as_(flow.recipient, monkeypatch, capsys, "open", kept, "--out",
                             flow.root / "again")
        assert code == 1, err
        assert len(err.strip().splitlines()) == 1 and "kept.cwpkg" in err, err
        assert all(w in err for w in words), err
        assert opened.package[7:19] in err and "Traceback" not in err
    assert not (flow.root / "again").exists()
    monkeypatch.setenv("WORKBENCH_LANG", "en")


def clock_now():  # type: ignore[no-untyped-def]
    from workbench.core import clock

    return clock.now_utc()


# -- 5. moving keys to a keyring that is not there -------------------------------------------------


def test_move_to_a_missing_keyring_says_nothing_was_moved(capsys, monkeypatch):
    import keyring
    from keyring.backends import fail

    from tests.conftest import TEST_PASSPHRASE
    from workbench.core.trust import secrets_store

    monkeypatch.setenv("WORKBENCH_PASSPHRASE", TEST_PASSPHRASE)
    keyring.set_keyring(fail.Keyring())
    secrets_store.forget_stores()
    assert run(capsys, "keys", "move-to", "file")[0] == 0
    code, _out, err = run(capsys, "keys", "move-to", "keyring")
    assert code == 2
    assert "No system keyring is available here, so nothing was moved" in err
    assert "keeps its keys in the system keyring" not in err


# -- 6. requests are written like packages ---------------------------------------------------------


def test_consent_request_needs_force_to_replace_and_names_delete_by(tmp_path: Path,
                                                                   fixtures: Path, capsys,
                                                                   monkeypatch):
    from tests.core.parties import make_parties

    _employee, hr, recipient = make_parties(tmp_path / "homes")
    terms = json.loads((fixtures / "consent_terms.json").read_text(encoding="utf-8"))
    del terms["delete_by"], terms["licence"]
    (tmp_path / "terms.json").write_text(json.dumps(terms), encoding="utf-8")
    out_file = tmp_path / "request.json"
    out_file.write_text("mine")
    request = ("consent", "request", "--out", out_file, "--terms", tmp_path / "terms.json",
               "--recipient", recipient.card.fingerprint)
    code, _, err = as_(hr, monkeypatch, capsys, *request, "--delete-by", "2030-01-31")
    assert code == 2 and "already exists" in err and "--force" in err
    assert out_file.read_text() == "mine"
    code, _, err = as_(hr, monkeypatch, capsys, *request, "--force")
    assert code == 2 and "--delete-by YYYY-MM-DD" in err and "is not a date" not in err
    code, _out, err = as_(hr, monkeypatch, capsys, *request, "--delete-by", "2030-01-31",
                         "--force")
    assert code == 0, err
    assert json.loads(out_file.read_text())["payloadType"]


# -- 7. every item and its state -------------------------------------------------------------------


def test_review_list_all_and_by_state(reviewed: Path, capsys, monkeypatch):  # noqa: F811
    code, out, _ = run(capsys, "review", reviewed, "--list", "--all", "--format", "json")
    items = json.loads(out)["items"]
    assert code == 0 and len(items) == 2 and {i["state"] for i in items} == {"pending"}
    first = items[0]
    assert run(capsys, "review", reviewed, "--exclude", first["id"])[0] == 0
    code, out, _ = run(capsys, "review", reviewed, "--list", "--state", "excluded",
                       "--format", "json")
    assert [i["artifact"] for i in json.loads(out)["items"]] == [first["artifact"]]
    code, out, _ = run(capsys, "review", reviewed, "--list", "--all")
    assert code == 0 and "2 items (all):" in out
    assert any(first["id"] in line and "excluded" in line for line in out.splitlines())
    code, _, err = run(capsys, "review", reviewed, "--show", first["id"], "--all")
    assert code == 2 and "--list" in err
    # In Chinese the states and kinds read in Chinese, as `--show` has them (they stayed
    # English codes: "approved ［skill-file］").
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    code, out, _ = run(capsys, "review", reviewed, "--list", "--all")
    assert code == 0 and "2 项（全部）：" in out
    assert any(first["id"] in line and "已排除" in line for line in out.splitlines())
    assert "excluded" not in out and "pending" not in out and "all" not in out
    code, out, _ = run(capsys, "review", reviewed, "--list", "--state", "excluded")
    assert code == 0 and "1 项（已排除）" in out


# -- 8. sentences that count -----------------------------------------------------------------------


def test_one_is_singular_and_the_span_error_names_the_item_and_range(reviewed: Path,  # noqa: F811
                                                                    capsys):
    code, out, _ = run(capsys, "review", reviewed, "--list", "--format", "json")
    item = json.loads(out)["left"][0]
    code, out, _ = run(capsys, "review", reviewed, "--show", item["id"], "--format", "json")
    shown = json.loads(out)
    size = len(shown["text"])
    code, out, _ = run(capsys, "review", reviewed, "--redact", item["id"], "--span", "0:1")
    assert code == 0 and "Redacted 1 span (" in out
    finding = next(f for f in shown["findings"] if f["decision"] == "pending")
    code, out, _ = run(capsys, "review", reviewed, "--decide", f"{finding['id']}=redact")
    assert code == 0 and "(1 occurrence)." in out
    code, _, err = run(capsys, "review", reviewed, "--redact", item["id"], "--span",
                       f"300:{size + 9999}")
    assert code == 2 and item["id"] in err and f"0:{size}" in err


def test_import_failures_with_nothing_imported_and_an_empty_scan(tmp_path: Path,
                                                                fixtures: Path, capsys):
    ws = tmp_path / "ws"
    run(capsys, "init", ws, "--name", "李娜")
    code, out, _ = run(capsys, "scan", ws)
    assert code == 0 and "Scanned 0" not in out and "import" in out
    code, _, err = run(capsys, "import", ws, fixtures / "bad/truncated.json",
                       fixtures / "bad/binary.eml")
    assert code == 2 and "2 files could not be imported; nothing was imported" in err
    assert "the others were" not in err
