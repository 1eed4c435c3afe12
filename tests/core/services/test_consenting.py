"""The consent task through its service: the consent in force (one reading for every screen),
withdrawal, HR's request only narrowed, unchecked parties, and the ledger check."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.core.parties import Party
from tests.core.services.helpers import FIXTURES, NOW, reviewed_and_consented, terms
from workbench.core.errors import BadInputError, RefusedError
from workbench.core.package.consent import REQUEST_PAYLOAD_TYPE
from workbench.core.paths import using_home
from workbench.core.services import consenting, countersigning, exporting
from workbench.core.trust import keys
from workbench.core.trust.dsse import sign_envelope
from workbench.core.workspace import Workspace

LATER = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_nothing_decided_yet_is_no_record_and_the_parties_are_listed(
        root: Path, parties: tuple[Party, Party, Party]):
    employee, hr, recipient = parties
    state = consenting.consent_state(root)
    assert state.current is None and state.problem == "" and state.uncovered == 0
    assert state.parties.employees == (employee.card,)
    assert state.parties.hr == (hr.card,) and state.parties.recipients == (recipient.card,)
    assert state.parties.missing() == ()
    assert dict(state.facts.categories)  # chat messages and emails, counted
    assert consenting.current_record(root) is None


def test_without_contacts_the_state_says_which_parties_are_missing(root: Path):
    state = consenting.consent_state(root)  # a home with no identity and no contacts
    assert state.parties.missing() == ("employee", "hr", "recipient")


def test_the_current_record_after_a_withdrawal_and_after_a_new_decision(
        root: Path, parties: tuple[Party, Party, Party], tmp_path: Path):
    employee, hr, recipient = parties
    reviewed_and_consented(root, parties)
    given = consenting.current_record(root)
    assert given is not None and given.in_force and given.withdrawn_at is None
    package = exporting.export(root, tmp_path / "skill.cwpkg", NOW).path

    withdrawn = consenting.withdraw(package, tmp_path / "w.revocation", LATER)
    assert not withdrawn.already and (tmp_path / "w.revocation").is_file()
    current = consenting.current_record(root)
    assert current is not None and current.record_id == given.record_id
    assert current.withdrawn_at is not None and current.withdrawn_at.startswith("2026-12-01")
    assert not current.in_force
    # The same reading behind both screens: the Consent page's state and the export check.
    assert consenting.consent_state(root).current == current
    check = exporting.check_export(root, LATER)
    assert check.consent == current
    [blocker] = [b for b in check.blockers if b.code == "withdrawn"]
    assert blocker.pages == ("consent",) and "2026-12-01" in blocker.text()
    with pytest.raises(RefusedError, match="withdrawn"):
        exporting.export(root, tmp_path / "again.cwpkg", LATER)

    again = consenting.withdraw(package, tmp_path / "w.revocation", LATER)
    assert again.already  # the same revocation, nothing new recorded

    renewed = consenting.decide(root, terms(hr, recipient), "given", employee.card, LATER)
    current = consenting.current_record(root)
    assert current is not None and current.record_id == renewed.record_id != given.record_id
    assert current.in_force
    assert not [b for b in exporting.check_export(root, LATER).blockers
                if b.code == "withdrawn"]


def test_only_the_employee_who_exported_can_withdraw(
        root: Path, parties: tuple[Party, Party, Party], tmp_path: Path):
    hr = parties[1]
    reviewed_and_consented(root, parties)
    package = exporting.export(root, tmp_path / "skill.cwpkg", NOW).path
    with pytest.raises(BadInputError):
        consenting.withdraw(tmp_path / "missing.cwpkg", tmp_path / "w.revocation", NOW)
    with using_home(hr.home), pytest.raises(RefusedError):
        consenting.withdraw(package, tmp_path / "w.revocation", NOW)  # HR has no employee key
    assert not (tmp_path / "w.revocation").exists()
    current = consenting.current_record(root)
    assert current is not None and current.in_force


def test_items_added_after_consent_are_counted_as_not_covered(
        root: Path, parties: tuple[Party, Party, Party]):
    reviewed_and_consented(root, parties)
    assert consenting.consent_state(root).uncovered == 0
    with Workspace.open(root) as ws:
        ws.import_paths([FIXTURES / "docs/handover_notes.md"])
    state = consenting.consent_state(root)
    assert state.uncovered == 1 and state.current is not None and state.current.in_force
    check = exporting.check_export(root, NOW)
    [pending] = [b for b in check.blockers if b.code == "pending"]
    with Workspace.open(root) as ws:
        titles = {a.id: a.title for a in ws.artifacts()}
    assert titles[pending.items[0]].startswith("handover_notes")


def test_a_record_whose_signature_does_not_hold_is_reported_not_trusted(
        root: Path, parties: tuple[Party, Party, Party], tmp_path: Path):
    reviewed_and_consented(root, parties)
    # A home that does not know the employee's key cannot verify the record's signature.
    with using_home(tmp_path / "stranger"):
        with pytest.raises(consenting.ConsentError):
            consenting.current_record(root)
        state = consenting.consent_state(root)
        assert state.current is None and "not validly signed" in state.problem
        check = exporting.check_export(root, NOW)
    [blocker] = [b for b in check.blockers if b.code == "consent-unreadable"]
    assert blocker.pages == ("consent",) and "not validly signed" in blocker.text()
    assert "签名" in blocker.text("zh")
    assert not check.ready and check.consent is None


def test_a_decision_may_only_narrow_hrs_request(
        root: Path, parties: tuple[Party, Party, Party], tmp_path: Path):
    employee, hr, recipient = parties
    asked = {"purposes": ["release knowledge"], "controller": {"name": "Xinghe Tech"},
             "recipients": [recipient.card.fingerprint], "delete_by": "2027-03-31"}
    with using_home(hr.home):
        written = countersigning.request_consent(asked, tmp_path / "request.json", NOW,
                                                 employee=employee.card.fingerprint)
    assert written.employee == employee.card.label() and written.path.is_file()
    request = consenting.read_request(written.path)
    assert request.terms.countersigner == hr.card.fingerprint

    wider = consenting.terms_from_mapping(consenting.terms_json(request.terms),
                                          delete_by="2027-06-30")
    with pytest.raises(consenting.ConsentError, match="widens"):
        consenting.decide(root, wider, "given", employee.card, NOW, request)
    assert consenting.current_record(root) is None  # nothing was signed

    narrower = consenting.terms_from_mapping(consenting.terms_json(request.terms),
                                             delete_by="2027-01-31")
    recorded = consenting.decide(root, narrower, "given", employee.card, NOW, request)
    assert recorded.delete_by == "2027-01-31" and recorded.in_force
    with pytest.raises(BadInputError):
        consenting.decide(root, narrower, "maybe", employee.card, NOW, request)


@pytest.mark.parametrize("body", [b"[]", b"{{{", b'"terms"', b'{"terms": []}',
                                  b'{"issuer": {"fingerprint": "x"}}', b"\xff\xfe"])
def test_a_request_of_any_shape_is_refused_in_one_line(
        parties: tuple[Party, Party, Party], tmp_path: Path, body: bytes):
    """A consent request is read from another party: a payload that is no JSON object, or
    has no terms, used to crash the consent command and page (red team). Signed by HR or
    not, it is bad input naming the file."""
    _employee, hr, _recipient = parties
    for signed in (False, True):
        with using_home(hr.home):
            envelope = sign_envelope(REQUEST_PAYLOAD_TYPE, body, [keys.LocalSigner(hr.card)]) \
                if signed else {"payloadType": REQUEST_PAYLOAD_TYPE,
                                "payload": base64.b64encode(body).decode(), "signatures": []}
        path = tmp_path / "hostile-request.json"
        path.write_text(json.dumps(envelope))
        with pytest.raises(BadInputError) as refused:
            consenting.read_request(path)
        assert refused.value.code == "consent.request-unreadable"
        assert str(path) in str(refused.value)


def test_the_request_file_is_checked_before_anything_is_signed(
        parties: tuple[Party, Party, Party], tmp_path: Path):
    _employee, hr, recipient = parties
    existing = tmp_path / "request.json"
    existing.write_text("{}")
    asked = consenting.terms_json(terms(hr, recipient))
    with using_home(hr.home):
        with pytest.raises(BadInputError, match="exists"):
            countersigning.request_consent(asked, existing, NOW)
        with pytest.raises(BadInputError, match="does not exist"):
            countersigning.request_consent(asked, tmp_path / "missing" / "r.json", NOW)
    assert existing.read_text() == "{}"


def test_parties_never_checked_with_their_owners_are_named(
        root: Path, parties: tuple[Party, Party, Party]):
    _employee, hr, recipient = parties
    assert consenting.unverified_parties(None) == ()
    reviewed_and_consented(root, parties)
    unchecked = consenting.unverified_parties(consenting.current_record(root))
    assert {p.fingerprint for p in unchecked} == {hr.card.fingerprint,
                                                  recipient.card.fingerprint}


def test_the_ledger_check_finds_a_changed_line(
        root: Path, parties: tuple[Party, Party, Party], tmp_path: Path):
    reviewed_and_consented(root, parties)
    good = consenting.check_ledger(root / "ledger.jsonl")
    assert good.ok and good.entries >= 1
    lines = (root / "ledger.jsonl").read_text(encoding="utf-8").splitlines()
    changed = tmp_path / "changed.jsonl"
    changed.write_text("\n".join([*lines[:-1], lines[-1].replace('"sig":"', '"sig":"AA')])
                       + "\n", encoding="utf-8")
    bad = consenting.check_ledger(changed)
    assert not bad.ok and bad.bad_line == len(lines)
    with pytest.raises(BadInputError, match="Cannot read"):
        consenting.check_ledger(tmp_path / "missing.jsonl")
