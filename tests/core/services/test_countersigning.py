"""HR's task through core/services/countersigning: one way to sign a request (the CLI and the
demo alike), a review of the package as plain data, and a countersignature only HR can give."""

from __future__ import annotations

import json
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from tests.core.test_bundle import DELETE_BY, NOW, Flow
from tests.test_cli import run
from workbench.core import demo
from workbench.core.errors import RefusedError
from workbench.core.package import bundle, consent, hr_requests
from workbench.core.paths import using_home
from workbench.core.services import countersigning
from workbench.core.trust import dsse, keys

TERMS = {"purposes": [{"dpv": "dpv:ServiceProvision", "text": "release knowledge"}],
         "controller": {"name": "Xinghe Tech", "contact": "privacy@xinghe.example.com"}}


def request_body(path: Path) -> dict:
    return json.loads(dsse.decode_payload(json.loads(path.read_text())))


def test_the_demo_and_the_cli_sign_the_same_request_for_the_same_inputs(tmp_path, capsys):
    layout = demo.DemoLayout(tmp_path / "demo")
    cards = demo.create_parties(layout, lambda line: None)
    now = demo.clock.now_utc()
    from_demo = demo.sign_hr_request(layout, cards, now, lambda line: None)
    delete_by = (now + timedelta(days=180)).date().isoformat()
    from_cli = tmp_path / "cli-request.json"
    with demo.as_party(layout, "hr"):
        code, out, err = run(
            capsys, "consent", "request", "--terms", demo.demo_material() / "consent_terms.json",
            "--recipient", cards["recipient"].fingerprint, "--delete-by", delete_by,
            "--employee", cards["employee"].fingerprint,
            "--separate-consent", "health", "--separate-consent", "financial",
            "--licence", "仅限内部使用，不得对第三方冒充本人 / internal use only; no "
            "impersonation towards third parties",
            "--licence-until", delete_by, "--out", from_cli)
        assert code == 0 and "request" in out.lower(), err
        kept = {p.name for p in hr_requests.requests_dir().glob("*.request.json")}
    demo_body, cli_body = request_body(from_demo), request_body(from_cli)
    assert demo_body["request_id"] != cli_body["request_id"]
    for body in (demo_body, cli_body):
        del body["request_id"], body["created_at"]
    assert demo_body == cli_body
    assert demo_body["terms"]["recipients"] == [cards["recipient"].fingerprint]
    assert demo_body["employee"]["fingerprint"] == cards["employee"].fingerprint
    # Written the same way (a file to send: readable, one trailing newline), both kept by HR.
    for path in (from_demo, from_cli):
        assert path.read_bytes().endswith(b"}\n")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert len(kept) == 2


def test_a_request_resolves_recipients_by_name_and_checks_its_terms(flow: Flow, tmp_path):
    out = tmp_path / "request.json"
    with flow.hr:
        signed = countersigning.request_consent(
            TERMS, out, NOW, employee="李娜",
            overrides={"recipients": ["Payments AI team"], "delete_by": DELETE_BY})
        assert signed.body["terms"]["recipients"] == [flow.recipient.card.fingerprint]
        assert signed.body["terms"]["countersigner"] == flow.hr.card.fingerprint
        assert signed.employee == flow.employee.card.label()
        assert signed.kept.is_file() and request_body(out) == signed.body
        with pytest.raises(Exception, match="delete-by") as past:
            countersigning.request_consent(TERMS, tmp_path / "late.json", NOW,
                                           overrides={"recipients": ["Payments AI team"],
                                                      "delete_by": "2020-01-01"})
        assert getattr(past.value, "code", "") == "consent.delete-by-past"


def test_the_employees_key_cannot_countersign_as_hr(flow: Flow):
    flow.export()
    before = flow.package.read_bytes()
    with flow.employee:
        with pytest.raises(RefusedError) as none:
            countersigning.countersign(flow.package, NOW)
        assert none.value.code == "identity.none"
        # Even named outright, the employee's own identity is not an HR identity.
        with pytest.raises(keys.KeyError_):
            countersigning.countersign(flow.package, NOW, flow.employee.card.fingerprint)
        # A home that also holds an HR identity still never signs with the employee's key.
        keys.create_identity(keys.Role.HR, "李娜 (HR)", "hr2@xinghe.example.com")
        with pytest.raises(keys.KeyError_):
            countersigning.countersign(flow.package, NOW, flow.employee.card.fingerprint)
    assert flow.package.read_bytes() == before
    with flow.hr:
        review = countersigning.review_package(flow.package, NOW)
    assert not review.countersigned and review.can_countersign


def test_review_gives_checks_redaction_counts_and_wider_terms_as_data(flow: Flow, tmp_path):
    flow.export()
    with flow.hr:
        # HR's own request asked for an earlier delete-by than the employee granted.
        countersigning.request_consent(TERMS, tmp_path / "r.json", NOW, employee="李娜",
                                       overrides={"recipients": ["Payments AI team"],
                                                  "delete_by": "2027-01-31"})
        review = countersigning.review_package(flow.package, NOW)
        assert review.verified and review.ledger_verified and review.hr is not None
        assert {c.name for c in review.checks} >= {"employee signature", "ledger", "deadline"}
        assert review.redactions and sum(r + a for r, a in review.redactions.values()) > 0
        assert [d.field for d in review.differences] == ["delete_by"]
        assert review.terms.delete_by == DELETE_BY
        assert review.terms.recipient_names == ["Payments AI team"]
        with pytest.raises(hr_requests.WiderThanRequested):
            countersigning.check_may_countersign(review)
        with pytest.raises(hr_requests.WiderThanRequested):
            countersigning.countersign(flow.package, NOW)
        done = countersigning.countersign(flow.package, NOW, accept_differences=True)
        assert done.accepted == ("delete_by",) and done.recipients == ("Payments AI team",)
        again = countersigning.review_package(flow.package, NOW)
        assert again.countersigned and again.countersigned_at and not again.can_countersign
        with pytest.raises(RefusedError) as already:
            countersigning.countersign(flow.package, NOW, accept_differences=True)
        assert already.value.code == "countersign.already"


def test_a_package_that_does_not_verify_is_refused_before_hr_is_asked(flow: Flow):
    flow.export(NOW)
    with flow.hr:
        review = countersigning.review_package(flow.package, NOW + timedelta(days=400))
        assert [c.name for c in review.failed()] == ["deadline"]
        with pytest.raises(RefusedError) as refused:
            countersigning.check_may_countersign(review, accept_differences=True)
        assert refused.value.code == "countersign.not-verified"
        assert "the delete-by date 2027-03-31 has passed" in refused.value.message


def test_an_unverified_ledger_is_not_read_for_redaction_counts(flow: Flow):
    flow.export()
    with flow.hr:
        review = countersigning.review_package(flow.package, NOW)
        assert review.redactions
    # Another HR home that knows none of the signers' cards cannot verify the ledger.
    with using_home(flow.root / "homes" / "stranger"):
        keys.create_identity(keys.Role.HR, "Someone else", "else@example.com")
        review = countersigning.review_package(flow.package, NOW)
    assert not review.ledger_verified and review.redactions == {}


def test_a_request_hr_addressed_to_another_employee_does_not_stand_in_for_hers(flow: Flow,
                                                                              tmp_path):
    """Red team: the employee's record cited a request HR addressed to a colleague with wider
    terms, and HR's countersign compared her package with that one instead of the request
    HR sent her: the wider terms passed with no difference listed."""
    other_home = tmp_path / "homes" / "other-employee"
    with using_home(other_home):
        other = keys.create_identity(keys.Role.EMPLOYEE, "王芳", "fang.wang@xinghe.example.com")
    card = tmp_path / "other.wbid.json"
    card.write_bytes(keys.card_bytes(other))
    wide = {"recipients": ["Payments AI team"], "delete_by": DELETE_BY}
    with flow.hr:
        keys.import_contact(card)
        countersigning.request_consent(TERMS, tmp_path / "hers.json", NOW, employee="李娜",
                                       overrides={**wide, "delete_by": "2027-01-31"})
        countersigning.request_consent(TERMS, tmp_path / "colleague.json", NOW,
                                       employee="王芳", overrides=wide)
    with flow.employee:
        borrowed = consent.read_request(tmp_path / "colleague.json")
        terms = consent.terms_from_mapping(consent.terms_json(borrowed.terms))
        consent.record_decision(flow.ws, terms, "given", flow.employee.card, NOW, borrowed)
    flow.export()
    with flow.hr:
        review = countersigning.review_package(flow.package, NOW)
        assert [d.field for d in review.differences] == ["delete_by"]
        with pytest.raises(hr_requests.WiderThanRequested):
            countersigning.countersign(flow.package, NOW)
        # A request HR addressed to no one in particular, or to her, is still the one cited.
        assert hr_requests.request_for(
            {**review_record(flow.package), "principal": {"fingerprint": other.fingerprint}},
            flow.hr.card)["employee"]["name"] == "王芳"


def review_record(path: Path) -> dict:
    from workbench.core.package import bundle

    return dict(bundle.read_bundle(path).record)


def test_hr_signs_only_the_package_and_differences_hr_reviewed(flow: Flow, tmp_path):
    """Red team: a file swapped on HR's disk between review and confirmation, or terms that
    differ otherwise than HR confirmed, are refused — HR signs what HR saw."""
    import dataclasses

    flow.export()
    other = tmp_path / "other.cwpkg"
    with flow.employee:
        bundle.export(flow.ws, other, flow.employee.card, NOW + timedelta(minutes=1))
    with flow.hr:
        countersigning.request_consent(TERMS, tmp_path / "r.json", NOW, employee="李娜",
                                       overrides={"recipients": ["Payments AI team"],
                                                  "delete_by": "2027-01-31"})
        review = countersigning.review_package(flow.package, NOW)
        assert [d.field for d in review.differences] == ["delete_by"]
        saved = flow.package.read_bytes()
        flow.package.write_bytes(other.read_bytes())
        with pytest.raises(RefusedError) as swapped:
            countersigning.countersign(flow.package, NOW, accept_differences=True,
                                       reviewed=review)
        assert swapped.value.code == "countersign.package-changed"
        flow.package.write_bytes(saved)
        shown_none = dataclasses.replace(review, differences=())
        with pytest.raises(RefusedError) as changed:
            countersigning.countersign(flow.package, NOW, accept_differences=True,
                                       reviewed=shown_none)
        assert changed.value.code == "countersign.differences-changed"
        assert flow.package.read_bytes() == saved  # nothing signed so far
        done = countersigning.countersign(flow.package, NOW, accept_differences=True,
                                          reviewed=review)
        assert done.accepted == ("delete_by",)


# -- RT4: HR sees whom the package will be readable by ---------------------------------------------


def consent_to_own_key(flow: Flow, tmp_path: Path, name: str, email: str = "") -> keys.IdentityCard:
    """The employee makes a recipient identity on a second home of hers (her own key), puts
    its card among her contacts as anyone can on their own machine, and consents to share
    with it and the real recipient; then exports."""
    from workbench.core.paths import data_dir

    with using_home(tmp_path / "hers"):
        card = keys.create_identity(keys.Role.RECIPIENT, name, email)
    with flow.employee:
        (data_dir() / "contacts" / f"{card.fingerprint}.wbid.json").write_bytes(
            keys.card_bytes(card))
        terms = consent.terms_from_mapping(
            TERMS, countersigner=flow.hr.card.fingerprint,
            recipients=[flow.recipient.card.fingerprint, card.fingerprint], delete_by=DELETE_BY)
        consent.record_decision(flow.ws, terms, "given", flow.employee.card, NOW)
    flow.export()
    return card


@pytest.mark.parametrize(("name", "email"), [
    ("HR Team", "HR@Xinghe.example.com"),  # HR's own email, another case
    ("陈 静", ""),  # HR's name with a space
    ("Payments AI Team", ""),  # the real recipient's name, another case
    ("Pаyments AI team", ""),  # a Cyrillic а
    ("Payments Al team", ""),  # a small L for the capital i
    # Red team: letters the hand-made table did not know (Unicode's TR39 data does).
    ("Payme\u0578ts AI team", ""),  # an Armenian vo drawn like n
    ("Payrnents AI team", ""),  # "rn" drawn like m
    ("Someone", "hr@xingh\u0435.example.com"),  # HR's email with a Cyrillic е
])
def test_an_employees_own_key_named_like_a_contact_of_hrs_is_refused(
        flow: Flow, tmp_path: Path, capsys, name: str, email: str):
    own = consent_to_own_key(flow, tmp_path, name, email)
    before = flow.package.read_bytes()
    with flow.hr:
        review = countersigning.review_package(flow.package, NOW)
        assert review.verified  # every signature holds: the trick is in whom it names
        real, fake = review.readers
        assert (real.fingerprint, real.known) == (flow.recipient.card.fingerprint, True)
        assert (fake.name, fake.email, fake.fingerprint) == (name, email, own.fingerprint)
        assert fake.status == "look-alike" and fake.refused and not review.can_countersign
        with pytest.raises(RefusedError) as refused:
            countersigning.check_may_countersign(review, accept_differences=True)
        assert refused.value.code == "countersign.reader-look-alike" and name in str(refused.value)
        with pytest.raises(RefusedError, match="looks like your contact"):
            countersigning.countersign(flow.package, NOW, accept_differences=True)
        code, out, err = run(capsys, "countersign", flow.package, "--yes",
                             "--accept-differences")
    assert flow.package.read_bytes() == before
    assert code == 1 and len(err.strip().splitlines()) == 1 and name in err, err
    assert "Traceback" not in err
    # HR saw each recipient with its email and whole key before the refusal.
    grouped = " ".join(own.fingerprint[i:i + 4] for i in range(0, 32, 4))
    assert grouped in out and "REFUSED" in out and flow.recipient.card.fingerprint[:4] in out


@pytest.mark.parametrize(("name", "email"), [
    ("P\u0430yroll team", ""),  # a Cyrillic а in a name HR knows no card for
    ("Payroll team", "payroll@x\u0456nghe.example.com"),  # a Cyrillic і in the email
])
def test_an_unknown_key_with_a_word_in_two_alphabets_is_refused(flow: Flow, tmp_path: Path,
                                                                capsys, name: str, email: str):
    """No contact of HR's is named so, yet a word spelt in two alphabets is how a forged name
    looks: refused, not merely "unknown"."""
    own = consent_to_own_key(flow, tmp_path, name, email)
    before = flow.package.read_bytes()
    with flow.hr:
        review = countersigning.review_package(flow.package, NOW)
        fake = review.readers[1]
        assert (fake.fingerprint, fake.status, fake.refused) == (own.fingerprint,
                                                                 "mixed-scripts", True)
        assert not review.can_countersign
        with pytest.raises(RefusedError) as refused:
            countersigning.check_may_countersign(review, accept_differences=True)
        assert refused.value.code == "countersign.reader-mixed-scripts"
        assert "mixes letters of different alphabets" in str(refused.value)
        code, out, err = run(capsys, "countersign", flow.package, "--yes",
                             "--accept-differences")
    assert flow.package.read_bytes() == before
    assert code == 1 and len(err.strip().splitlines()) == 1 and name in err, err
    assert "REFUSED: not a known contact" in out


def test_an_unknown_key_named_hr_team_is_flagged_and_the_record_names_each_email(
        flow: Flow, tmp_path: Path, capsys):
    own = consent_to_own_key(flow, tmp_path, "HR Team", "hr-team@xinghe-hr.example")
    with flow.hr:
        review = countersigning.review_package(flow.package, NOW)
        assert [r.get("email", "") for r in review.terms.summary["recipients"]] == [
            flow.recipient.card.email, "hr-team@xinghe-hr.example"]
        (fake,) = review.unknown_readers()
        assert (fake.name, fake.fingerprint, fake.refused) == ("HR Team", own.fingerprint, False)
        code, out, err = run(capsys, "countersign", flow.package)
    assert code != 0 and "--yes" in err  # shown, then HR still has to confirm
    line = next(x for x in out.splitlines() if "HR Team" in x and "NOT a known contact" in x)
    assert "hr-team@xinghe-hr.example" in line and own.fingerprint[:4] in line
    assert "Not among your contacts: HR Team" in out
    with flow.employee:
        record = consent.record_of(flow.ws.consent_envelopes()[-1], keys.public_keys())
    assert record["recipients"][1]["email"] == "hr-team@xinghe-hr.example"
