"""What a new user following README.md met at the edges of the command line: the sample
terms file, lists in sentences, unknown categories, partly bad imports, exit codes, and
sentences that said the wrong thing."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.core.test_bundle import Flow, flow  # noqa: F401 - the three-party fixture
from tests.test_cli_review import reviewed  # noqa: F401 - a scanned workspace
from workbench.cli import main
from workbench.core.paths import resources_dir

SAMPLE = resources_dir() / "demo" / "consent_terms.json"
README = Path(__file__).parents[1] / "README.md"


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def as_employee(flow: Flow, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
                capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    monkeypatch.setenv("WORKBENCH_HOME", str(flow.employee.home))
    return run(capsys, *argv)


# -- 1. the sample terms file ---------------------------------------------------------------


def test_the_readme_shows_the_sample_terms_file_as_it_is():
    text = README.read_text(encoding="utf-8")
    after = text.split("(`resources/demo/consent_terms.json`)", 1)[1]
    shown = re.search(r"```json\n(.*?)```", after, re.S)
    assert shown is not None
    assert json.loads(shown.group(1)) == json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_the_sample_terms_file_holds_no_date_that_will_pass():
    def dates(value: object) -> list[str]:
        if isinstance(value, dict):
            return [d for v in value.values() for d in dates(v)]
        if isinstance(value, list):
            return [d for v in value for d in dates(v)]
        return [value] if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value) \
            else []

    assert dates(json.loads(SAMPLE.read_text(encoding="utf-8"))) == []


def test_consent_with_the_sample_terms_as_the_readme_shows_is_recorded(
        flow: Flow, monkeypatch, capsys):  # noqa: F811
    future = date(date.today().year + 2, 3, 31).isoformat()
    code, out, err = as_employee(flow, monkeypatch, capsys, "consent", flow.ws.root,
                                 "--terms", SAMPLE, "--delete-by", future, "--yes")
    assert code == 0, err
    assert future in out
    code, _out, err = as_employee(flow, monkeypatch, capsys, "consent", flow.ws.root,
                                  "--terms", SAMPLE, "--yes")
    assert code == 2 and "--delete-by" in err


def test_what_the_consent_needs_is_one_list_with_and(flow: Flow, monkeypatch, capsys,  # noqa: F811
                                                      tmp_path: Path):
    terms = tmp_path / "terms.json"
    terms.write_text(json.dumps({"delete_by": "2099-01-01"}), encoding="utf-8")
    code, _out, err = as_employee(flow, monkeypatch, capsys, "consent", flow.ws.root,
                                  "--terms", terms, "--controller", "Xinghe", "--yes")
    assert code == 2
    assert ("The consent needs a purpose, a countersigner (HR) and at least one recipient."
            in err), err
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    code, _out, err = as_employee(flow, monkeypatch, capsys, "consent", flow.ws.root,
                                  "--terms", terms, "--controller", "Xinghe", "--yes")
    assert code == 2 and "用途、会签人" in err and "，" not in err.split("：", 1)[1], err


# -- 2. separate consent names a known category ---------------------------------------------


@pytest.mark.parametrize("typed", ["healt", "xyz", "健", "Health care"])
def test_separate_consent_for_an_unknown_category_is_bad_input_and_records_nothing(
        flow: Flow, monkeypatch, capsys, typed: str):  # noqa: F811
    before = len(flow.ws.consent_envelopes())
    code, out, err = as_employee(flow, monkeypatch, capsys, "consent", flow.ws.root,
                                 "--terms", SAMPLE, "--delete-by", "2099-01-01",
                                 "--separate-consent", "health", "--separate-consent", typed,
                                 "--yes")
    assert code == 2, out
    assert typed in err and "health" in err and "sex_life" in err and not out
    assert len(flow.ws.consent_envelopes()) == before


@pytest.mark.parametrize("typed", ["health", "HEALTH", "健康"])
def test_separate_consent_takes_a_category_by_its_code_or_chinese_name(
        flow: Flow, monkeypatch, capsys, typed: str):  # noqa: F811
    code, out, err = as_employee(flow, monkeypatch, capsys, "consent", flow.ws.root,
                                 "--terms", SAMPLE, "--delete-by", "2099-01-01",
                                 "--separate-consent", typed, "--yes", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["separate_consent"]["health"] is True


def test_consent_help_lists_the_sensitive_categories(capsys):
    with pytest.raises(SystemExit):
        main(["consent", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "health (health), financial (finances), religion (religion)" in out
    assert "sex_life (private life)" in out


# -- 3. a bad file among good ones loses nothing ----------------------------------------------


def test_import_of_named_files_takes_the_good_ones_and_lists_each_bad_one(
        tmp_path: Path, fixtures: Path, capsys):
    import zipfile

    ws = tmp_path / "ws"
    assert run(capsys, "init", ws, "--name", "李娜")[0] == 0
    legacy = tmp_path / "legacy.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    photos = tmp_path / "photos.zip"
    with zipfile.ZipFile(photos, "w") as archive:
        archive.writestr("a.txt", "hello")
    code, out, err = run(capsys, "import", ws, fixtures / "email/handover.eml", legacy,
                         fixtures / "slack_export.zip", photos)
    assert code == 2
    assert "Imported" in out and "Imported 0" not in out
    assert "2 files could not be imported (the others were)" in err
    assert str(legacy) in err and str(photos) in err and ".docx" in err
    code, out, _ = run(capsys, "status", ws, "--format", "json")
    by_kind = json.loads(out)["by_kind"]
    assert "email" in by_kind and "chat" in by_kind
    # Alone, it is still bad input, named with its reason.
    code, out, err = run(capsys, "import", ws, legacy, "--format", "json")
    assert code == 2 and json.loads(out)["failed"][0]["path"] == str(legacy)


# -- 4. exit codes: a wrong file is bad input, a check that fails is a refusal ----------------


def test_a_json_file_that_is_no_receipt_is_bad_input_and_a_forged_receipt_is_refused(
        tmp_path: Path, capsys):
    import base64

    from workbench.core.package.custody import RECEIPT_TYPE

    terms = tmp_path / "terms.json"
    terms.write_text(json.dumps({"delete_by": "2099-01-01"}), encoding="utf-8")
    code, _out, err = run(capsys, "receipt", "import", terms)
    assert code == 2 and "terms.json" in err and "not a deletion receipt" in err
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps({
        "payloadType": RECEIPT_TYPE, "payload": base64.b64encode(b"{}").decode(),
        "signatures": [{"keyid": "ab" * 16, "sig": base64.b64encode(b"x" * 64).decode()}]}))
    code, _out, err = run(capsys, "receipt", "import", forged)
    assert code == 1 and "forged.json" in err


def test_verify_ledger_of_a_file_that_is_no_ledger_is_bad_input_and_a_damaged_one_refused(
        flow: Flow, monkeypatch, capsys, tmp_path: Path):  # noqa: F811
    not_json = tmp_path / "notes.txt"
    not_json.write_text("hello\n", encoding="utf-8")
    other_json = tmp_path / "terms.jsonl"
    other_json.write_text('{"delete_by": "2099-01-01"}\n', encoding="utf-8")
    for path in (not_json, other_json, README):
        code, out, err = as_employee(flow, monkeypatch, capsys, "verify-ledger", path)
        assert code == 2 and path.name in err and "not a ledger" in err and not out, (path, err)
    lines = flow.ws.ledger_path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) >= 3
    damaged = tmp_path / "ledger.jsonl"
    damaged.write_text("".join(lines[:1] + lines[2:]), encoding="utf-8")
    code, out, _err = as_employee(flow, monkeypatch, capsys, "verify-ledger", damaged)
    assert code == 1 and "BAD at line 2" in out
    truncated = tmp_path / "truncated.jsonl"
    truncated.write_text("".join(lines)[:-20], encoding="utf-8")
    code, out, _err = as_employee(flow, monkeypatch, capsys, "verify-ledger", truncated)
    assert code == 1 and "BAD" in out


def test_a_card_that_may_be_an_impostor_is_refused_by_a_check(flow: Flow, monkeypatch,  # noqa: F811
                                                             capsys, tmp_path: Path):
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "impostor"))
    assert run(capsys, "keys", "new", "--role", "hr", "--name", "陈静")[0] == 0
    code, card, _ = run(capsys, "keys", "export", "陈静")
    fake = tmp_path / "hr.wbid.json"
    fake.write_text(card, encoding="utf-8")
    code, out, err = as_employee(flow, monkeypatch, capsys, "keys", "import", fake)
    assert code == 1 and "陈静" in err and not out


# -- 5. sentences that said the wrong thing ---------------------------------------------------


def test_init_on_an_existing_workspace_says_what_to_run_instead(tmp_path: Path, capsys):
    ws = tmp_path / "ws"
    assert run(capsys, "init", ws, "--name", "李娜")[0] == 0
    code, out, err = run(capsys, "init", ws, "--name", "李娜")
    assert code == 2 and not out
    assert "open it" not in err and f"workbench status {ws}" in err
    assert len(err.strip().splitlines()) == 1


def test_scanning_a_file_it_cannot_read_says_scan_not_import(tmp_path: Path, capsys):
    legacy = tmp_path / "legacy.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    code, out, err = run(capsys, "scan", legacy)
    assert code == 2 and not out
    assert "Cannot scan legacy.doc" in err and "import" not in err, err


def test_a_reversed_span_is_called_reversed(reviewed: Path, capsys):  # noqa: F811
    code, out, _ = run(capsys, "review", reviewed, "--list", "--format", "json")
    item = json.loads(out)["left"][0]
    code, _out, err = run(capsys, "review", reviewed, "--redact", item["id"], "--span", "81:70")
    assert code == 2 and "outside" not in err and "70:81" in err and item["id"] in err, err


def test_a_refused_approve_of_one_item_gives_the_reason_once(reviewed: Path, capsys):  # noqa: F811
    code, out, _ = run(capsys, "review", reviewed, "--list", "--format", "json")
    item = json.loads(out)["left"][0]
    code, out, err = run(capsys, "review", reviewed, "--approve", item["id"])
    assert code == 1 and not out
    assert len(err.strip().splitlines()) == 1 and "not changed" not in err, err
    assert err.count(item["title"]) == 1 and "Cannot approve" in err and item["id"] in err, err


# -- 6. Chinese output ------------------------------------------------------------------------


def test_hrs_difference_list_names_categories_in_the_readers_language(monkeypatch):
    from workbench.core.package import hr_requests

    record = {"recipients": [], "purposes": [], "retention": {"delete_by": "2027-01-01"},
              "controller": {"name": "Xinghe", "contact": ""}, "jurisdiction": "CN",
              "storage_location": "", "cross_border": False,
              "separate_consent": {"health": True, "financial": True}}
    asked = {"recipients": [], "purposes": [], "delete_by": "2027-06-30",
             "controller": {"name": "Xinghe", "contact": ""}, "jurisdiction": "CN",
             "storage_location": "", "cross_border": False, "separate_consent": {}}
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    (found,) = hr_requests.differences(record, asked)
    assert found.text == "单独同意：健康、财务状况（你要求的是 无）", found.text
    assert "health" not in found.text


def test_no_chinese_label_repeats_its_own_word():
    from workbench.core.messages import label

    secret = label("entity", "SECRET", "zh")
    head, _, detail = secret.partition("（")
    assert head and head not in detail, secret


@pytest.mark.parametrize("role", ["employee", "hr", "recipient"])
def test_a_role_has_one_name_in_chinese_in_every_command(role: str):
    from workbench.core.messages import label

    assert label("role", role, "zh") == label("keys-role", role, "zh")


def test_a_refused_decision_is_punctuated_in_the_readers_language(reviewed: Path, capsys,  # noqa: F811
                                                                   monkeypatch):
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    code, _out, err = run(capsys, "review", reviewed, "--decide", "999=redact")
    assert code == 2 and "#999：" in err and "#999:" not in err, err


def test_the_notice_says_once_that_a_category_without_consent_is_not_exported():
    from workbench.core.package import consent

    terms = consent.terms_from_mapping(
        {"purposes": ["handover"], "controller": {"name": "Xinghe"}, "countersigner": "hr",
         "recipients": ["team"], "delete_by": "2099-01-01"})
    facts = consent.WorkspaceFacts((), (("health", 2),), ())
    cards: Any = {"hr": SimpleNamespace(name="陈静"), "team": SimpleNamespace(name="AI team")}
    for lang, said in (("zh-CN", "不会导出"), ("en", "not exported")):
        notice = consent.render_notice(consent.replace(terms, language=lang), facts, cards)
        assert notice.count(said) == 1, notice


# -- 7. repeated steps ------------------------------------------------------------------------


def test_withdrawing_again_never_replaces_another_file_without_force(
        flow: Flow, monkeypatch, capsys, tmp_path: Path):  # noqa: F811
    flow.export()
    first = tmp_path / "handover.revocation"
    code, out, err = as_employee(flow, monkeypatch, capsys, "withdraw", flow.package,
                                 "--out", first)
    assert code == 0, err
    sent = first.read_bytes()
    # Again to the same file: the same revocation, said to be already done.
    code, out, err = as_employee(flow, monkeypatch, capsys, "withdraw", flow.package,
                                 "--out", first)
    assert code == 0 and first.read_bytes() == sent, err
    other = tmp_path / "notes.revocation"
    other.write_text("my notes\n", encoding="utf-8")
    code, out, err = as_employee(flow, monkeypatch, capsys, "withdraw", flow.package,
                                 "--out", other)
    assert code == 2 and "--force" in err and other.read_text() == "my notes\n", (out, err)
    code, out, err = as_employee(flow, monkeypatch, capsys, "withdraw", flow.package,
                                 "--out", other, "--force")
    assert code == 0 and other.read_bytes() == sent, err


def test_approving_an_approved_item_says_it_already_was_and_records_nothing(
        reviewed: Path, capsys):  # noqa: F811
    code, out, _ = run(capsys, "review", reviewed, "--auto", "-q")
    code, out, _ = run(capsys, "review", reviewed, "--list", "--state", "approved",
                       "--format", "json")
    item = json.loads(out)["items"][0]
    code, out, err = run(capsys, "review", reviewed, "--approve", item["id"])
    assert code == 0 and "was already approved" in out and "nothing was changed" in out, err
    assert run(capsys, "review", reviewed, "--exclude", item["id"])[0] == 0
    code, out, err = run(capsys, "review", reviewed, "--exclude", item["id"])
    assert code == 0 and "was already excluded" in out, err


def test_a_declined_consent_names_no_delete_by_date(flow: Flow, monkeypatch,  # noqa: F811
                                                     capsys):
    future = "2099-03-31"
    for lang in ("en", "zh"):
        monkeypatch.setenv("WORKBENCH_LANG", lang)
        code, out, err = as_employee(flow, monkeypatch, capsys, "consent", flow.ws.root,
                                     "--terms", SAMPLE, "--delete-by", future, "--decline",
                                     "--yes")
        assert code == 0, err
        assert future not in out and ("declined" in out or "拒绝" in out), out
