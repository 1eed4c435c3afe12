"""Fail closed through the command line (issue 15): the same doors as tests/core/test_gate.py,
as a user or an attacker meets them — exit codes, one-line messages, nothing signed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.core.parties import make_parties
from tests.test_cli import run

AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
RESIDENT_ID = "110105199003071239"


@pytest.fixture
def cli(tmp_path: Path, fixtures: Path, capsys, monkeypatch):
    employee, hr, recipient = make_parties(tmp_path / "homes")

    def as_(party, *argv: object) -> tuple[int, str, str]:
        monkeypatch.setenv("WORKBENCH_HOME", str(party.home))
        return run(capsys, *argv)

    ws = tmp_path / "ws"
    as_(employee, "init", ws, "--profile", fixtures / "self.json")
    as_(employee, "import", ws, fixtures / "feishu/chat_export.json",
        fixtures / "collector/messages.txt")
    return as_, ws, employee, hr, recipient


def _consent(as_, ws: Path, employee, hr, recipient) -> None:
    code, _, err = as_(employee, "consent", ws, "--purpose", "handover", "--controller",
                       "Xinghe", "--countersigner", hr.card.fingerprint, "--recipient",
                       recipient.card.name, "--delete-by", "2030-01-01", "--yes")
    assert code == 0, err


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 2


def test_review_auto_without_a_scan_scans_first_and_ships_no_secret(cli, tmp_path: Path):
    as_, ws, employee, *_ = cli
    code, out, err = as_(employee, "review", ws, "--auto", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["approved"] > 0
    code, out, _ = as_(employee, "status", ws, "--format", "json")
    assert {"SECRET", "CN_RESIDENT_ID"} <= set(json.loads(out)["findings"])
    code, _, err = as_(employee, "build-skill", ws, "--out", tmp_path / "skill")
    assert code == 0, err
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "skill").rglob("*.md"))
    assert AWS_KEY not in text and RESIDENT_ID not in text


def test_a_database_edited_without_the_key_is_refused_by_name(cli, tmp_path: Path):
    as_, ws, employee, hr, recipient = cli
    as_(employee, "review", ws, "--auto")
    _consent(as_, ws, employee, hr, recipient)
    with sqlite3.connect(ws / "workspace.sqlite") as db:
        db.execute("UPDATE findings SET decision = 'keep' WHERE entity IN "
                   "('SECRET', 'CN_RESIDENT_ID', 'BANK_CARD')")
        db.execute("UPDATE artifacts SET state = 'approved'")
    code, _, err = as_(employee, "export", ws, "--out", tmp_path / "p.cwpkg")
    assert code == 1 and "cannot leave" in err and "edited outside the app" in err
    _no_traceback(err)
    assert not (tmp_path / "p.cwpkg").exists()
    assert "export.created" not in (ws / "ledger.jsonl").read_text()


def test_export_after_withdrawal_is_refused(cli, tmp_path: Path):
    as_, ws, employee, hr, recipient = cli
    as_(employee, "review", ws, "--auto")
    code, out, _ = as_(employee, "review", ws, "--list", "--format", "json")
    for item in json.loads(out)["left"]:
        assert item["kind"] == "image" or item["reasons"]
    _consent(as_, ws, employee, hr, recipient)
    code, _, err = as_(employee, "export", ws, "--out", tmp_path / "p.cwpkg")
    assert code == 0, err
    code, _, err = as_(employee, "withdraw", tmp_path / "p.cwpkg", "--out", tmp_path / "w.rev")
    assert code == 0, err
    code, _, err = as_(employee, "export", ws, "--out", tmp_path / "again.cwpkg")
    assert code == 1 and "consent was withdrawn on" in err and "record a new decision" in err
    _consent(as_, ws, employee, hr, recipient)
    code, _, err = as_(employee, "export", ws, "--out", tmp_path / "again.cwpkg")
    assert code == 0, err


@pytest.mark.parametrize("where", ["folder", "missing-parent", "existing"])
def test_export_to_a_bad_place_is_one_line_and_signs_nothing(cli, tmp_path: Path, where: str):
    as_, ws, employee, hr, recipient = cli
    as_(employee, "review", ws, "--auto")
    _consent(as_, ws, employee, hr, recipient)
    out = {"folder": tmp_path, "missing-parent": tmp_path / "no" / "p.cwpkg",
           "existing": tmp_path / "old.cwpkg"}[where]
    if where == "existing":
        out.write_bytes(b"an older package")
    code, _, err = as_(employee, "export", ws, "--out", out)
    assert code == 2
    _no_traceback(err)
    assert "export.created" not in (ws / "ledger.jsonl").read_text()
    if where == "existing":
        assert "--force" in err and out.read_bytes() == b"an older package"
        code, _, err = as_(employee, "export", ws, "--out", out, "--force")
        assert code == 0, err


def test_build_skill_into_an_existing_file_is_bad_input(cli, tmp_path: Path):
    as_, ws, employee, *_ = cli
    as_(employee, "review", ws, "--auto")
    target = tmp_path / "a-file"
    target.write_text("mine")
    code, _, err = as_(employee, "build-skill", ws, "--out", target)
    assert code == 2 and "is a file" in err
    _no_traceback(err)
    assert target.read_text() == "mine"


def test_withdraw_takes_the_package_id_or_its_prefix_from_the_exports_register(
        cli, tmp_path: Path):
    """NU4: the employee copies the id `deadlines` shows, not the file's path; a prefix that
    names no export, or more than one, is bad input naming it, and nothing is signed."""
    as_, ws, employee, hr, recipient = cli
    as_(employee, "review", ws, "--auto")
    _consent(as_, ws, employee, hr, recipient)
    code, _, err = as_(employee, "export", ws, "--out", tmp_path / "p.cwpkg")
    assert code == 0, err
    register = employee.home / "data" / "exports.json"
    (entry,) = json.loads(register.read_text(encoding="utf-8"))
    hexid = entry["package"].removeprefix("sha256:")
    for wrong, words in (("deadbeef00", "deadbeef00"), ("abc12", "8"),
                         ("sha256:" + "0" * 64, "0" * 12)):
        code, _, err = as_(employee, "withdraw", wrong, "--out", tmp_path / "w.rev")
        assert code == 2 and words in err and "workbench deadlines" in err, err
        _no_traceback(err)
    assert not (tmp_path / "w.rev").exists()
    # Two exports whose ids start alike: the prefix they share names neither.
    twin = {**entry, "package": "sha256:" + hexid[:8] + "f" * 56}
    register.write_text(json.dumps([entry, twin]), encoding="utf-8")
    code, _, err = as_(employee, "withdraw", hexid[:8], "--out", tmp_path / "w.rev")
    assert code == 2 and hexid[:8] in err and "2" in err, err
    _no_traceback(err)
    assert not (tmp_path / "w.rev").exists()
    code, out, err = as_(employee, "withdraw", hexid[:12].upper(), "--out", tmp_path / "w.rev")
    assert code == 0, err
    assert (tmp_path / "w.rev").is_file() and "w.rev" in out
    revocation = json.loads((tmp_path / "w.rev").read_text())
    assert hexid in json.dumps(json.loads(__import__("base64").b64decode(
        revocation["payload"])))
    # By its full id: the same revocation again; a package file moved away is named.
    code, out, err = as_(employee, "withdraw", entry["package"], "--out", tmp_path / "w.rev")
    assert code == 0, err
    (tmp_path / "p.cwpkg").rename(tmp_path / "moved.cwpkg")
    code, _, err = as_(employee, "withdraw", hexid[:8] + hexid[8:16], "--out",
                       tmp_path / "w2.rev")
    assert code == 2 and "p.cwpkg" in err and "no longer there" in err, err
    _no_traceback(err)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_terms_file_saying_no_as_text_is_bad_input_naming_the_field(
        cli, tmp_path: Path, fixtures: Path, monkeypatch, lang: str):
    """"cross_border": "no" read loosely is a true value: consent to sending data abroad."""
    as_, ws, employee, hr, recipient = cli
    assert as_(employee, "scan", ws)[0] == 0
    terms = json.loads((fixtures / "consent_terms.json").read_text(encoding="utf-8"))
    terms["cross_border"] = "no"
    bad = tmp_path / "hr_terms.json"
    bad.write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_LANG", lang)
    code, out, err = as_(employee, "consent", ws, "--terms", bad, "--countersigner",
                         hr.card.fingerprint, "--recipient", recipient.card.name,
                         "--delete-by", "2030-01-01", "--yes")
    assert code == 2 and not out
    _no_traceback(err)
    assert str(bad) in err and "cross_border" in err
    assert ("true or false" if lang == "en" else "true 或 false") in err
    assert "Input should" not in err
    from workbench.core.trust.ledger import read_entries

    def consents() -> list[str]:
        ledger = ws / "ledger.jsonl"
        text = ledger.read_text(encoding="utf-8") if ledger.exists() else ""
        return [e.type for e in read_entries(text) if e.type.startswith("consent.")]

    assert consents() == []
    # The same terms with false as JSON's false are taken.
    terms["cross_border"] = False
    bad.write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
    code, _, err = as_(employee, "consent", ws, "--terms", bad, "--countersigner",
                       hr.card.fingerprint, "--recipient", recipient.card.name,
                       "--delete-by", "2030-01-01", "--yes")
    assert code == 0, err
    assert consents() == ["consent.given"]
