"""The receiving side against a malicious sender who holds valid keys (issue 16 items 1, 8,
10; issue 15 item 8): each hostile package is built with the project's own signing code."""

from __future__ import annotations

import base64
import copy
import io
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import rfc8785

from tests.core import test_bundle
from tests.core.parties import Party, home
from tests.core.test_bundle import NOW, Flow
from tests.test_cli import run
from workbench.core.errors import RefusedError
from workbench.core.package import bundle, consent, custody, hr_requests
from workbench.core.trust import dsse, keys, ledger

flow = test_bundle.flow  # the three-party fixture, shared


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rebuild(source: Path, out: Path, envelope: dict[str, Any], ledger_text: str) -> Path:
    """A package with the source's payload and the given manifest and ledger."""
    payload = members(source)[bundle.PAYLOAD]
    bundle.write_bundle(out, envelope, ledger_text.encode("utf-8"), io.BytesIO(payload))
    return out


def forge(flow: Flow, out: Path, signers: list[Party], ledger_actor: Party | None,
          edit: Callable[[dict[str, Any]], None] = lambda statement: None) -> Path:
    """The exported package with its statement edited by `edit`, signed by `signers`, and a
    consent.countersigned ledger line appended by `ledger_actor`."""
    checked = bundle.read_bundle(flow.package)
    statement = copy.deepcopy(checked.statement)
    edit(statement)
    signatures = []
    for party in signers:
        with party:
            signatures.append(keys.LocalSigner(party.card))
    envelope = dsse.sign_envelope(bundle.STATEMENT_TYPE, rfc8785.dumps(statement), signatures)
    text = checked.ledger_text
    if ledger_actor is not None:
        with ledger_actor:
            entries = ledger.read_entries(text)
            line, _ = ledger.make_line(len(entries), entries[-1].digest, "consent.countersigned",
                                       keys.LocalSigner(ledger_actor.card),
                                       {"package": checked.package,
                                        "record_id": checked.record["record_id"]})
        text += line + "\n"
    return rebuild(flow.package, out, envelope, text)


def check(checked: bundle.Bundle, name: str) -> bundle.Check:
    return next(c for c in checked.checks if c.name == name)


def as_(party: Party, monkeypatch, capsys, *argv: object) -> tuple[int, str, str]:
    monkeypatch.setenv("WORKBENCH_HOME", str(party.home))
    return run(capsys, *argv)


# -- item 1: only the named HR card countersigns -------------------------------------------------


def test_employee_countersigning_as_hr_with_her_own_key_is_refused(
        flow: Flow, tmp_path: Path, monkeypatch, capsys):
    """She names herself as countersigner, signs, and appends the ledger line herself."""
    flow.export()
    me = flow.employee.card

    def name_herself(statement: dict[str, Any]) -> None:
        statement["predicate"]["countersigner"] = {"name": "陈静", "role": "hr",
                                                   "fingerprint": me.fingerprint}

    forged = forge(flow, tmp_path / "forged.cwpkg", [flow.employee], flow.employee, name_herself)
    with flow.recipient:
        checked = custody.verify_for_recipient(forged, NOW, flow.recipient.card)
    hr = check(checked, "HR countersignature")
    assert not hr.ok and "herself; only HR can countersign" in hr.detail
    assert check(checked, "employee signature").ok  # her own signature is genuine
    with flow.recipient, pytest.raises(RefusedError, match="only HR can countersign"):
        custody.open_package(forged, tmp_path / "recv", flow.recipient.card, NOW)
    code, out, _ = as_(flow.recipient, monkeypatch, capsys, "verify", forged)
    assert code == 1 and out.startswith("REFUSED") and "[FAIL] HR countersignature" in out
    code, _, err = as_(flow.recipient, monkeypatch, capsys, "open", forged, "--out",
                       tmp_path / "recv")
    assert code == 1 and "only HR can countersign" in err and err.count("\n") == 1
    assert not (tmp_path / "recv").exists() or not any((tmp_path / "recv").iterdir())


def test_a_countersigned_line_in_the_ledger_by_anyone_but_the_countersigner_is_refused(
        flow: Flow, tmp_path: Path):
    flow.export()
    # HR has not signed; the employee adds the ledger line in HR's place.
    forged = forge(flow, tmp_path / "line.cwpkg", [flow.employee], flow.employee)
    with flow.recipient:
        checked = custody.verify_for_recipient(forged, NOW, flow.recipient.card)
    assert check(checked, "HR countersignature").detail.startswith("missing")
    line = check(checked, "ledger records the countersignature")
    assert not line.ok and "signed by 李娜" in line.detail
    assert "not by the countersigner" in line.detail
    # HR countersigned for real; the employee appends a second line of her own after it.
    flow.countersign()
    forged = forge(flow, tmp_path / "extra.cwpkg", [flow.employee, flow.hr], flow.employee)
    with flow.recipient:
        checked = custody.verify_for_recipient(forged, NOW, flow.recipient.card)
        assert check(checked, "HR countersignature").ok
        assert not check(checked, "ledger records the countersignature").ok
        with pytest.raises(RefusedError, match="ledger records the countersignature"):
            custody.open_package(forged, tmp_path / "recv", flow.recipient.card, NOW)


def test_a_countersigner_whose_card_is_not_hr_is_refused(flow: Flow, tmp_path: Path):
    """The package names the recipient's own card (a colluding recipient) as countersigner."""
    flow.export()

    def name_recipient(statement: dict[str, Any]) -> None:
        statement["predicate"]["countersigner"] = {
            "name": "陈静", "role": "hr", "fingerprint": flow.recipient.card.fingerprint}

    forged = forge(flow, tmp_path / "nothr.cwpkg", [flow.employee, flow.recipient],
                   flow.recipient, name_recipient)
    with flow.recipient:
        checked = custody.verify_for_recipient(forged, NOW, flow.recipient.card)
    hr = check(checked, "HR countersignature")
    assert not hr.ok and "is not HR (their card's role is recipient)" in hr.detail
    # The role is a word of the reader's language, not the card's English code.
    assert "接收方" in hr.text("zh") and "recipient" not in hr.text("zh")
    assert "role is receiving team" in hr.text("en")


def test_another_hr_card_cannot_stand_in_for_the_named_countersigner(flow: Flow,
                                                                     tmp_path: Path):
    flow.export()
    with home(tmp_path / "hr2"):
        other = Party(tmp_path / "hr2", keys.create_identity(keys.Role.HR, "王芳"))
    with flow.recipient:
        path = tmp_path / "hr2.wbid.json"
        path.write_bytes(keys.card_bytes(other.card))
        keys.import_contact(path)
    forged = forge(flow, tmp_path / "hr2.cwpkg", [flow.employee, other], other)
    with flow.recipient:
        checked = custody.verify_for_recipient(forged, NOW, flow.recipient.card)
    assert check(checked, "HR countersignature").detail.startswith("missing")
    assert "王芳" in check(checked, "ledger records the countersignature").detail


# -- item 10: messages name the real reason ------------------------------------------------------


def test_a_strangers_package_says_signed_by_someone_you_dont_know(flow: Flow, tmp_path: Path,
                                                                    monkeypatch, capsys):
    flow.export()
    flow.countersign()
    with home(tmp_path / "stranger"):
        keys.create_identity(keys.Role.RECIPIENT, "Someone else")
        checked = bundle.check_bundle(bundle.read_bundle(flow.package), keys.public_keys(), NOW)
    employee, hr = check(checked, "employee signature"), check(checked, "HR countersignature")
    assert not employee.ok and employee.detail.startswith("signed by someone you don't know")
    assert not hr.ok and hr.detail.startswith("signed by someone you don't know")
    assert "invalid" not in hr.detail
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "stranger"))
    code, out, _ = run(capsys, "verify", flow.package)
    assert code == 1 and "someone you don't know" in out


def test_one_bad_signature_does_not_fail_the_good_one(flow: Flow, tmp_path: Path,
                                                      monkeypatch, capsys):
    flow.export()
    flow.countersign()
    checked = bundle.read_bundle(flow.package)
    envelope = copy.deepcopy(checked.envelope)
    for signature in envelope["signatures"]:
        if signature["keyid"] == flow.hr.card.fingerprint:
            signature["sig"] = base64.b64encode(bytes(64)).decode()
    bad = rebuild(flow.package, tmp_path / "badhr.cwpkg", envelope, checked.ledger_text)
    code, out, _ = as_(flow.recipient, monkeypatch, capsys, "verify", bad)
    assert code == 1
    assert "[ok] Employee signature: valid, by 李娜" in out
    assert "[FAIL] Employee signature" not in out
    assert "[FAIL] HR countersignature: 陈静" in out and "does not verify" in out
    assert "[FAIL] Signatures" in out


def test_countersigning_twice_says_already_and_adds_no_ledger_line(flow: Flow, monkeypatch,
                                                                   capsys):
    flow.export()
    flow.countersign()
    lines = members(flow.package)[bundle.LEDGER].count(b"\n")
    with flow.hr, pytest.raises(bundle.AlreadyCountersigned, match="already countersigned"):
        bundle.countersign(flow.package, flow.hr.card, NOW)
    code, out, _ = as_(flow.hr, monkeypatch, capsys, "countersign", flow.package, "--yes")
    # A repeated step that changes nothing exits 0 and says "already" (README, exit codes).
    assert code == 0 and "already countersigned" in out and "nothing was changed" in out
    assert members(flow.package)[bundle.LEDGER].count(b"\n") == lines


def test_a_lookalike_hr_card_is_not_imported_silently(flow: Flow, tmp_path: Path,
                                                      monkeypatch, capsys):
    """A second HR card with the name and email of the real HR (someone posing as HR)."""
    with home(tmp_path / "impostor"):
        impostor = keys.create_identity(keys.Role.HR, "陈静", "hr@xinghe.example.com")
        other_name = keys.create_identity(keys.Role.EMPLOYEE, "Not HR", "HR@xinghe.example.com")
    card = tmp_path / "impostor.wbid.json"
    card.write_bytes(keys.card_bytes(impostor))
    with flow.recipient, pytest.raises(RefusedError, match="may be someone pretending"):
        keys.import_contact(card)
    same_email = tmp_path / "email.wbid.json"
    same_email.write_bytes(keys.card_bytes(other_name))
    with flow.recipient, pytest.raises(RefusedError, match="claims to be 陈静"):
        keys.import_contact(same_email)
    code, _, err = as_(flow.recipient, monkeypatch, capsys, "keys", "import", card)
    # Refused by a check (exit 1): the card is well formed, it may be an impostor's.
    assert code == 1 and "Not imported" in err and "陈静 already has a different key" in err
    with flow.recipient:
        assert flow.hr.card.fingerprint in keys.known_cards()
        assert impostor.fingerprint not in keys.known_cards()
    # --replace alone is not enough: the new fingerprint must be checked with them.
    code, _, err = as_(flow.recipient, monkeypatch, capsys, "keys", "import", card,
                       "--replace")
    assert code == 2 and "--fingerprint" in err
    # HR really made a new key and read it out: said explicitly, the old card is replaced.
    code, out, err = as_(flow.recipient, monkeypatch, capsys, "keys", "import", card,
                         "--replace", "--fingerprint", impostor.short)
    assert code == 0, err
    assert "verified" in out
    with flow.recipient:
        assert impostor.fingerprint in keys.known_cards()
        assert flow.hr.card.fingerprint not in keys.known_cards()
        assert keys.verification(impostor.fingerprint) is not None


def test_a_signer_whose_card_was_never_checked_is_named_not_verified(flow: Flow, monkeypatch,
                                                                     capsys):
    """The contacts of `flow` were imported without their fingerprints typed: a good signature
    by them still passes, and says that the card behind it was never checked."""
    flow.export()
    flow.countersign()
    with flow.recipient:
        checked = custody.verify_for_recipient(flow.package, NOW, flow.recipient.card)
    employee, hr = check(checked, "employee signature"), check(checked, "HR countersignature")
    assert employee.ok and hr.ok and not checked.failed()
    assert (employee.reason, hr.reason) == ("valid-by-unverified", "valid-by-unverified")
    assert "not verified" in employee.detail and "not verified" in hr.detail
    code, out, _ = as_(flow.recipient, monkeypatch, capsys, "verify", flow.package)
    assert code == 0 and "[ok] HR countersignature: valid, by 陈静" in out
    assert "not verified: you have not compared their fingerprint" in out
    with flow.recipient:
        keys.verify_contact("陈静", flow.hr.card.fingerprint)
        checked = custody.verify_for_recipient(flow.package, NOW, flow.recipient.card)
    assert check(checked, "HR countersignature").reason == "valid-by"
    assert check(checked, "employee signature").reason == "valid-by-unverified"


# -- issue 15 item 8: HR compares the terms with its own request ---------------------------------


def hr_request(flow: Flow, **terms: Any) -> dict[str, Any]:
    """HR signs and keeps a request addressed to the employee."""
    base = {"purposes": [{"dpv": "dpv:ServiceProvision", "text": "release knowledge"}],
            "controller": {"name": "Xinghe Tech", "contact": "privacy@xinghe.example.com"},
            "storage_location": "Shanghai", "jurisdiction": "CN"}
    with flow.hr:
        asked = consent.terms_from_mapping({**base, **terms},
                                           countersigner=flow.hr.card.fingerprint,
                                           recipients=[flow.recipient.card.fingerprint],
                                           delete_by="2027-01-31")
        envelope = consent.make_request(asked, keys.LocalSigner(flow.hr.card), flow.hr.card, NOW,
                                        employee=flow.employee.card)
        hr_requests.keep(envelope)
    return envelope


def test_countersign_lists_and_refuses_terms_wider_than_hrs_own_request(
        flow: Flow, tmp_path: Path, monkeypatch, capsys):
    hr_request(flow)
    with home(tmp_path / "other"):
        other = keys.create_identity(keys.Role.RECIPIENT, "Marketing")
    card = tmp_path / "other.wbid.json"
    card.write_bytes(keys.card_bytes(other))
    with flow.employee:
        keys.import_contact(card)
        # She ignores the request and consents to wider terms of her own.
        terms = consent.terms_from_mapping(
            {"purposes": ["release knowledge", "marketing"],
             "controller": {"name": "Other Co"}, "jurisdiction": "HK",
             "storage_location": "Singapore", "cross_border": True,
             "licence": {"terms": "any use"}},
            countersigner=flow.hr.card.fingerprint, delete_by="2027-03-31",
            recipients=[flow.recipient.card.fingerprint, other.fingerprint])
        consent.record_decision(flow.ws, terms, "given", flow.employee.card, NOW)
    flow.export()
    with flow.hr, pytest.raises(hr_requests.WiderThanRequested) as refused:
        bundle.countersign(flow.package, flow.hr.card, NOW)
    assert {d.field for d in refused.value.differences} == {
        "recipients", "purposes", "delete_by", "controller", "jurisdiction",
        "storage_location", "cross_border", "licence"}
    assert "Marketing" in str(refused.value) and "2027-03-31 (you asked for 2027-01-31)" in \
        str(refused.value)
    code, out, err = as_(flow.hr, monkeypatch, capsys, "countersign", flow.package, "--yes")
    assert code == 1 and "go beyond your own request" in out and "--accept-differences" in err
    assert "Stored at: Singapore; may leave the country" in out
    assert "Law that applies: HK" in out
    code, out, err = as_(flow.hr, monkeypatch, capsys, "countersign", flow.package, "--yes",
                         "--accept-differences")
    assert code == 0, err
    last = ledger.read_entries(members(flow.package)[bundle.LEDGER].decode())[-1]
    assert last.type == "consent.countersigned" and "delete_by" in \
        last.body["accepted_differences"]


def test_terms_narrower_than_the_request_countersign_without_asking(flow: Flow, tmp_path: Path):
    envelope = hr_request(flow, purposes=[
        {"dpv": "dpv:ServiceProvision", "text": "release knowledge"},
        {"dpv": "dpv:ServiceProvision", "text": "training"}])
    path = tmp_path / "request.json"
    path.write_text(json.dumps(envelope))
    with flow.employee:
        request = consent.read_request(path)
        chosen = consent.terms_from_mapping(
            consent.terms_json(request.terms), delete_by="2026-12-31",
            purposes=[{"dpv": "dpv:ServiceProvision", "text": "release knowledge"}])
        consent.record_decision(flow.ws, chosen, "given", flow.employee.card, NOW, request)
    flow.export()
    with flow.hr:
        assert hr_requests.differences_for(bundle.read_bundle(flow.package).record,
                                           flow.hr.card) == []
    flow.countersign()


def test_an_altered_kept_request_is_not_trusted(flow: Flow):
    """Editing HR's kept copy to widen it breaks HR's signature: it is ignored, not obeyed."""
    hr_request(flow)
    with flow.hr:
        (kept,) = hr_requests.requests_dir().glob("*.request.json")
        envelope = json.loads(kept.read_text())
        body = json.loads(base64.b64decode(envelope["payload"]))
        body["terms"]["delete_by"] = "2099-01-01"
        envelope["payload"] = base64.b64encode(json.dumps(body).encode()).decode()
        kept.write_text(json.dumps(envelope))
        assert hr_requests.sent(flow.hr.card) == []


def test_hrs_summary_shows_every_field_of_the_record(flow: Flow):
    flow.export()
    checked = bundle.read_bundle(flow.package)
    summary = bundle.terms_summary(checked)
    for field in ("jurisdiction", "storage_location", "cross_border", "controller", "licence",
                  "delete_by", "recipients", "purposes", "categories", "separate_consent",
                  "countersigner", "notice", "record_id", "decision", "artifacts"):
        assert field in summary
    assert summary["jurisdiction"] == "CN" and summary["cross_border"] is False


# -- item 8: verify-skill compares the whole folder ------------------------------------------


@pytest.mark.parametrize("change", ["added", "removed", "skill_md", "notice", "reference",
                                    "link"])
def test_verify_skill_fails_on_any_change_to_the_opened_folder(flow: Flow, change: str,
                                                               monkeypatch, capsys):
    flow.export()
    flow.countersign()
    folder = flow.open().folder
    with flow.recipient:
        assert all(c.ok for c in custody.verify_skill(folder, NOW))
    named = {"added": "notes/raw.md", "removed": "consent/record.json", "skill_md": "SKILL.md",
             "notice": "consent/notice.md",
             "reference": next(folder.glob("references/*/*.md")).relative_to(folder).as_posix(),
             "link": "references/elsewhere"}
    target = folder / named[change]
    if change == "link":  # a link to a folder outside: reported, never followed
        target.symlink_to(flow.root, target_is_directory=True)
    elif change == "added":
        target.parent.mkdir()
        target.write_text("手机 13800138000\n")
    elif change == "removed":
        target.unlink()
    else:
        target.write_text(target.read_text() + "\nOne more line.\n")
    with flow.recipient:
        failed = [c for c in custody.verify_skill(folder, NOW) if not c.ok]
    assert [c.name for c in failed] == ["files"]
    assert named[change] in failed[0].detail
    label = {"added": "added", "link": "added", "removed": "removed"}.get(change, "changed")
    assert f"{label}: " in failed[0].detail
    code, out, _ = as_(flow.recipient, monkeypatch, capsys, "verify-skill", folder)
    assert code == 1 and named[change] in out


def test_a_sealed_skill_is_checked_against_the_recipients_seal(flow: Flow):
    flow.export()
    flow.countersign()
    opened = flow.open()
    team = flow.root / "team-skill"
    (team / "references").mkdir(parents=True)
    (team / "SKILL.md").write_text("---\nname: team-skill\ndescription: \"x\"\n---\nBody\n")
    chat = next((opened.folder / "references/chats").glob("*.md"))
    shutil.copy(chat, team / "references" / chat.name)
    with flow.recipient:
        checks = custody.seal_skill(team, flow.package, NOW)
        assert all(c.ok for c in checks) and check_named(checks, "skill seal").ok
        (team / "notes").mkdir()
        (team / "notes/raw.md").write_text("13800138000")
        failed = [c for c in custody.verify_skill(team, NOW) if not c.ok]
        assert [c.name for c in failed] == ["files"] and "notes/raw.md" in failed[0].detail
        (team / "notes/raw.md").unlink()
    # Only a recipient of the package can seal a skill with its consent.
    with flow.employee, pytest.raises(RefusedError, match="recipient"):
        custody.seal_skill(team, flow.package, NOW, flow.employee.card)


def check_named(checks: list[bundle.Check], name: str) -> bundle.Check:
    return next(c for c in checks if c.name == name)


def test_hr_request_from_the_command_line_is_kept_and_compared(flow: Flow, tmp_path: Path,
                                                               monkeypatch, capsys):
    code, out, err = as_(flow.hr, monkeypatch, capsys, "consent", "request", "--out",
                         tmp_path / "request.json", "--purpose", "release knowledge",
                         "--controller", "Xinghe Tech", "--controller-contact",
                         "privacy@xinghe.example.com", "--recipient", "Payments",
                         "--delete-by", "2027-01-31", "--employee", "李娜")
    assert code == 0 and "for 李娜" in out and "a copy is kept" in out, err
    with flow.hr:
        (kept,) = hr_requests.sent(flow.hr.card)
    assert kept["employee"]["fingerprint"] == flow.employee.card.fingerprint
    flow.export()  # the fixture's consent: delete-by 2027-03-31, no request cited
    code, out, err = as_(flow.hr, monkeypatch, capsys, "countersign", flow.package, "--yes")
    assert code == 1 and "a later delete-by date: 2027-03-31 (you asked for 2027-01-31)" in out
    assert "Not countersigned" in err


def test_differences_cover_separate_consent_and_countersigner_and_not_narrower_terms():
    record = {"recipients": [{"name": "Payments", "fingerprint": "a" * 32, "age": "age1x"}],
              "purposes": [{"dpv": "dpv:ServiceProvision", "text": "handover"}],
              "retention": {"delete_by": "2027-01-01"},
              "controller": {"name": "Xinghe", "contact": ""}, "jurisdiction": "CN",
              "storage_location": "", "cross_border": False,
              "separate_consent": {"health": True, "financial": False},
              "countersigner": {"name": "Mallory", "fingerprint": "c" * 32}}
    asked = {"recipients": ["a" * 32, "b" * 32], "purposes": [
        {"dpv": "dpv:ServiceProvision", "text": "handover"},
        {"dpv": "dpv:ServiceProvision", "text": "training"}],
        "delete_by": "2027-06-30", "controller": {"name": "Xinghe", "contact": ""},
        "jurisdiction": "CN", "storage_location": "", "cross_border": True,
        "separate_consent": {"financial": True}, "countersigner": "d" * 32}
    found = hr_requests.differences(record, asked)
    assert [d.field for d in found] == ["separate_consent", "countersigner"]
    assert found[0].given == "health" and found[0].asked == "finances"
