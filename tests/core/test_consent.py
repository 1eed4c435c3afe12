"""Consent records: give, decline, HR's request and narrowing, and the ledger they write."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.core.parties import make_parties
from workbench.core.errors import BadInputError, RefusedError
from workbench.core.package import consent
from workbench.core.pii.profile import SelfProfile
from workbench.core.review import scan
from workbench.core.trust import keys, ledger
from workbench.core.workspace import Workspace, workspace_ledger

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
RECORD_FIELDS = {"schema", "record_id", "created_at", "language", "decision", "notice",
                 "principal", "controller", "countersigner", "recipients", "purposes",
                 "data_categories", "separate_consent", "jurisdiction", "storage_location",
                 "cross_border", "retention", "withdrawal", "licence", "artifacts"}


@pytest.fixture
def parties(tmp_path: Path):
    return make_parties(tmp_path / "homes")


@pytest.fixture
def employee_ws(parties, tmp_path: Path, fixtures: Path):
    employee, _hr, _recipient = parties
    with employee:
        ws = Workspace.create(tmp_path / "ws", SelfProfile.from_file(fixtures / "self.json"),
                              "Asia/Shanghai")
        ws.import_paths([fixtures / "feishu/chat_export.json", fixtures / "email/inbox.mbox"])
        scan.scan_workspace(ws)
        yield ws
        ws.close()


def terms(parties, **changes) -> consent.ConsentTerms:
    _employee, hr, recipient = parties
    base = consent.terms_from_file(Path(__file__).parents[1] / "fixtures/consent_terms.json")
    values = {"countersigner": hr.card.fingerprint, "recipients": [recipient.card.name],
              "delete_by": "2027-03-31", **changes}
    return consent.terms_from_mapping(base, **values)


def test_given_consent_is_a_signed_design_record_in_the_ledger(parties, employee_ws):
    employee = parties[0]
    with employee:
        record, notice = consent.record_decision(
            employee_ws, terms(parties, separate_consent={"health": True}), "given",
            employee.card, NOW)
        assert set(record) == RECORD_FIELDS
        assert record["decision"] == "given"
        assert record["notice"]["sha256"] == hashlib.sha256(notice.encode()).hexdigest()
        assert record["countersigner"]["fingerprint"] == parties[1].card.fingerprint
        assert record["recipients"][0]["age"] == parties[2].card.age
        assert record["retention"]["delete_by"] == "2027-03-31"
        categories = {c["category"]: c for c in record["data_categories"]}
        assert categories["health"]["sensitive"] and categories["health"]["count"] >= 2
        assert categories["emails"]["count"] == 3
        assert record["separate_consent"]["health"] is True
        assert record["separate_consent"]["financial"] is False
        assert record["artifacts"]["count"] == 4
        stored = consent.current_record(employee_ws)
        assert stored == record
        text = employee_ws.ledger_path.read_text()
        assert ledger.verify(text, keys.public_keys()).ok
        assert [e.type for e in ledger.read_entries(text)] == [
            "workspace.created", "artifact.imported", "consent.given"]


def test_declined_consent_is_signed_and_kept_too(parties, employee_ws):
    with parties[0]:
        record, notice = consent.record_decision(employee_ws, terms(parties), "declined",
                                                 parties[0].card, NOW)
        assert record["decision"] == "declined"
        assert "no consequence" in notice or "不会" in notice
        entries = ledger.read_entries(employee_ws.ledger_path.read_text())
        assert entries[-1].type == "consent.declined"
        assert consent.current_record(employee_ws)["decision"] == "declined"


def test_notice_is_bilingual(parties, employee_ws):
    with parties[0]:
        _, zh = consent.record_decision(employee_ws, terms(parties), "given", parties[0].card,
                                        NOW)
        _, en = consent.record_decision(employee_ws, terms(parties, language="en"), "given",
                                        parties[0].card, NOW)
    assert "撤回" in zh and "2027-03-31" in zh and "Payments AI team" in zh
    assert "withdraw" in en and "2027-03-31" in en


def test_delete_by_must_be_in_the_future(parties, employee_ws):
    with parties[0], pytest.raises(BadInputError, match="in the future"):
        consent.record_decision(employee_ws, terms(parties, delete_by="2026-11-28"), "given",
                                parties[0].card, NOW)


def test_parties_must_be_contacts_with_the_right_roles(parties, employee_ws):
    employee, _hr, recipient = parties
    with employee:
        wrong = terms(parties, countersigner=recipient.card.fingerprint)
        with pytest.raises(keys.KeyError_, match="role HR"):
            consent.record_decision(employee_ws, wrong, "given", employee.card, NOW)
        unknown = terms(parties, recipients=["Nobody"])
        with pytest.raises(keys.KeyError_, match="Nobody"):
            consent.record_decision(employee_ws, unknown, "given", employee.card, NOW)


def _request_file(parties, tmp_path: Path, **changes) -> Path:
    hr = parties[1]
    with hr:
        asked = terms(parties, separate_consent={"health": True, "financial": True}, **changes)
        asked = consent.resolve_parties_for_request(asked, hr.card)
        envelope = consent.make_request(asked, keys.LocalSigner(hr.card), hr.card, NOW)
    path = tmp_path / "request.json"
    path.write_text(json.dumps(envelope))
    return path


def test_request_can_be_narrowed_and_the_record_names_it(parties, employee_ws, tmp_path):
    path = _request_file(parties, tmp_path)
    with parties[0]:
        request = consent.read_request(path)
        narrowed = consent.terms_from_mapping(consent.terms_json(request.terms),
                                              delete_by="2027-01-31",
                                              separate_consent={"health": True})
        record, _ = consent.record_decision(employee_ws, narrowed, "given", parties[0].card,
                                            NOW, request)
    assert record["request"]["issuer"] == parties[1].card.fingerprint
    assert record["request"]["sha256"] == "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    types = [e.type for e in ledger.read_entries(employee_ws.ledger_path.read_text())]
    assert types[-2:] == ["consent.requested", "consent.given"]


@pytest.mark.parametrize(
    ("change", "message"),
    [({"delete_by": "2027-06-30"}, "later delete-by"),
     ({"separate_consent": {"religion": True}}, "religion"),
     ({"cross_border": True}, "cross-border")],
)
def test_widening_a_request_is_refused(parties, employee_ws, tmp_path, change, message):
    path = _request_file(parties, tmp_path)
    with parties[0]:
        request = consent.read_request(path)
        wider = consent.terms_from_mapping(consent.terms_json(request.terms), **change)
        with pytest.raises(RefusedError, match=message):
            consent.record_decision(employee_ws, wider, "given", parties[0].card, NOW, request)
        assert consent.current_record(employee_ws) is None


def test_tampered_request_is_refused(parties, tmp_path):
    path = _request_file(parties, tmp_path)
    envelope = json.loads(path.read_text())
    body = json.loads(base64.b64decode(envelope["payload"]))
    body["terms"]["delete_by"] = "2030-01-01"
    envelope["payload"] = base64.b64encode(json.dumps(body).encode()).decode()
    path.write_text(json.dumps(envelope))
    with parties[0], pytest.raises(RefusedError, match="not validly signed"):
        consent.read_request(path)


def test_a_signed_request_with_terms_of_the_wrong_shape_is_bad_input(parties, tmp_path):
    """HR's signature vouches for who wrote the terms, not that they say what they seem to:
    "no" for cross-border would read as a yes."""
    from workbench.core.trust.dsse import decode_payload, sign_envelope

    path = _request_file(parties, tmp_path)
    body = json.loads(decode_payload(json.loads(path.read_text())))
    body["terms"]["cross_border"] = "no"
    hr = parties[1]
    with hr:
        envelope = sign_envelope(consent.REQUEST_PAYLOAD_TYPE, json.dumps(body).encode(),
                                 [keys.LocalSigner(hr.card)])
    path.write_text(json.dumps(envelope))
    with parties[0], pytest.raises(BadInputError, match="'cross_border' must be true or false"):
        consent.read_request(path)


def test_changed_terms_need_a_new_record(parties, employee_ws):
    with parties[0]:
        first, _ = consent.record_decision(employee_ws, terms(parties), "given",
                                           parties[0].card, NOW)
        second, _ = consent.record_decision(employee_ws, terms(parties, delete_by="2027-02-28"),
                                            "given", parties[0].card, NOW)
    assert first["record_id"] != second["record_id"]
    assert first["retention"] != second["retention"] and first["purposes"] == second["purposes"]
    assert len(employee_ws.consent_envelopes()) == 2


def test_ledger_bodies_carry_no_content_or_personal_data(parties, tmp_path, fixtures):
    employee = parties[0]
    with employee:
        ws = Workspace.create(tmp_path / "all", SelfProfile.from_file(fixtures / "self.json"))
        ws.import_paths([fixtures / s for s in ("feishu", "collector", "slack", "email", "docs",
                                                "images", "colleague_skill")])
        scan.scan_workspace(ws)
        consent.record_decision(ws, terms(parties), "given", employee.card, NOW)
        workspace_ledger.flush(ws, keys.LocalSigner(employee.card))
        payloads = "\n".join(e.payload.decode() for e in ledger.read_entries(
            ws.ledger_path.read_text()))
        values = {f.value for f in ws.findings()} | {"李娜", "张伟", "Tom Baker", "支付网关"}
    leaked = [v for v in values if v in payloads]
    assert not leaked


def _facts_from_every_artifact(ws: Workspace) -> consent.WorkspaceFacts:
    """The definition, read the long way: every artifact and finding opened."""
    included = [a for a in ws.artifacts() if a.state.value != "excluded"]
    counts: dict[str, int] = {}
    for artifact in included:
        category = consent._CATEGORY_OF_KIND[artifact.kind.value]
        units = (sum(1 for s in artifact.segments if s.placeholder is None)
                 if artifact.kind.value == "chat" else 1)
        counts[category] = counts.get(category, 0) + units
    ids = {a.id for a in included}
    sensitive: dict[str, int] = {}
    for f in ws.findings():
        if f.artifact_id in ids and f.entity.startswith("SENSITIVE_") and f.decision != "redact":
            name = f.entity.removeprefix("SENSITIVE_").lower()
            sensitive[name] = sensitive.get(name, 0) + 1
    return consent.WorkspaceFacts(tuple(sorted(counts.items())), tuple(sorted(sensitive.items())),
                                  tuple(sorted(ws.exported_id(i) for i in ids)), unapproved=sum(
                                      1 for a in included if a.state.value == "pending"))


def test_workspace_facts_from_stored_columns_agree_with_every_artifact_opened(employee_ws):
    from workbench.core.review import decisions as review

    ws = employee_ws
    chat = next(a for a in ws.artifacts() if a.kind.value == "chat")
    assert any(s.placeholder for s in chat.segments), "the chat export has a [图片] to skip"
    email = next(a for a in ws.artifacts() if a.kind.value == "email")
    found = dict(consent.workspace_facts(ws).sensitive)
    # Sensitive remarks in two items: one decided redact, one kept; then an item excluded.
    ws.add_manual_findings([(chat.id, 0, 4, "SENSITIVE_HEALTH", "keep"),
                            (email.id, 0, 4, "SENSITIVE_HEALTH", "redact")])
    before = consent.workspace_facts(ws)
    assert before == _facts_from_every_artifact(ws)
    assert dict(before.categories)["chat-messages"] == \
        sum(1 for s in chat.segments if s.placeholder is None)
    assert dict(before.sensitive) == {**found, "health": found.get("health", 0) + 1}
    review.exclude(ws, chat.id)
    after = consent.workspace_facts(ws)
    assert after == _facts_from_every_artifact(ws)
    assert sum(dict(after.sensitive).values()) < sum(dict(before.sensitive).values())
    assert len(after.artifact_digests) == len(before.artifact_digests) - 1


def test_the_notice_says_sensitive_information_was_found_and_removed(parties, employee_ws):
    """Found and redacted everywhere is not "none was found": both languages say so."""
    from workbench.core.review import decisions as review

    found = [f for f in employee_ws.findings() if f.entity.startswith("SENSITIVE_")]
    assert {f.entity for f in found} == {"SENSITIVE_HEALTH", "SENSITIVE_FINANCIAL"}
    for finding in found:
        review.decide(employee_ws, finding.id, review.Decision.REDACT)
    facts = consent.workspace_facts(employee_ws)
    assert facts.removed == ("financial", "health") and facts.sensitive == ()
    with parties[0]:
        _, zh = consent.record_decision(employee_ws, terms(parties), "given", parties[0].card,
                                        NOW)
        _, en = consent.record_decision(employee_ws, terms(parties, language="en"), "given",
                                        parties[0].card, NOW)
    assert "未发现敏感个人信息" not in zh and "均已涂黑" in zh and "财务状况；健康" in zh
    assert "None was found" not in en
    assert "was found (finances; health) and is redacted wherever it occurs" in en


def test_hr_and_recipients_whose_cards_were_never_checked_are_named(parties, employee_ws):
    """Red team: the command line sent a package to a recipient card that arrived by the wrong
    channel without a word; the record's unchecked parties are named (CLI warns)."""
    employee, hr, recipient = parties
    with employee:
        record, _ = consent.record_decision(employee_ws, terms(parties), "given", employee.card,
                                            NOW)
        assert consent.unverified_parties(record) == [
            (hr.card.name, hr.card.fingerprint), (recipient.card.name, recipient.card.fingerprint)]
        keys.verify_contact(hr.card.fingerprint, hr.card.short)
        assert consent.unverified_parties(record) == [
            (recipient.card.name, recipient.card.fingerprint)]


def _declared_sensitive(record) -> set[str]:
    return {c["category"] for c in record["data_categories"] if c["sensitive"]}


def test_the_record_declares_only_sensitive_categories_consented_and_in_the_material(
        parties, employee_ws):
    """Found is not shared: a category the employee gave no separate consent for is not
    exported, and one found only in an excluded item is not in the material at all."""
    from workbench.core.review import decisions as review

    found = {f.entity.removeprefix("SENSITIVE_").lower()
             for f in employee_ws.findings() if f.entity.startswith("SENSITIVE_")}
    assert found == {"health", "financial"}
    email = next(a for a in employee_ws.artifacts() if a.kind.value == "email")
    employee_ws.add_manual_findings([(email.id, 0, 4, "SENSITIVE_RELIGION", "keep")])
    with parties[0]:
        record, _ = consent.record_decision(
            employee_ws, terms(parties, separate_consent={"health": True, "religion": True}),
            "given", parties[0].card, NOW)
        assert _declared_sensitive(record) == {"health", "religion"}  # financial: no consent
        assert record["separate_consent"]["financial"] is False
        review.exclude(employee_ws, email.id)
        assert not any(f.entity == "SENSITIVE_RELIGION" for f in employee_ws.findings()
                       if f.artifact_id != email.id)
        record, _ = consent.record_decision(
            employee_ws, terms(parties, separate_consent={"health": True, "religion": True}),
            "given", parties[0].card, NOW)
        assert "religion" not in _declared_sensitive(record)  # only in the excluded item
        assert "religion" not in consent.ledger_body(record)["sensitive"]


def test_the_notice_before_review_claims_no_approval_or_alias_not_made(parties, employee_ws):
    """Consent may come before review: the notice says what the workspace holds now and
    that nothing leaves before it is approved, not that the items were "reviewed and
    approved" or that every colleague is already an alias."""
    from workbench.core.review import decisions as review

    pending = sum(1 for a in employee_ws.artifacts() if a.state.value == "pending")
    assert pending == 4  # scanned, nothing reviewed yet
    facts = consent.workspace_facts(employee_ws)
    assert facts.unapproved == pending
    with parties[0]:
        en = consent.preview_notice(employee_ws, terms(parties, language="en"), NOW)
        zh = consent.preview_notice(employee_ws, terms(parties), NOW)
    assert "you reviewed and approved" not in en and "审阅并批准的内容" not in zh
    assert "Of these, 4 items are not reviewed yet and leave only once you approve them" in en
    assert "其中 4 项尚未审阅" in zh, zh
    assert "unless you keep them" in en and "除非你选择保留" in zh
    # What it says of recipients, purpose and deadline is what the record holds.
    with parties[0]:
        record, notice = consent.record_decision(
            employee_ws, terms(parties, language="en"), "given", parties[0].card, NOW)
    assert notice == en
    assert all(r["name"] in notice for r in record["recipients"])
    assert all(p["text"] in notice for p in record["purposes"])
    assert f"**{record['retention']['delete_by']}**" in notice
    for artifact in employee_ws.artifacts():
        review.exclude(employee_ws, artifact.id)
    with parties[0]:
        done = consent.preview_notice(employee_ws, terms(parties, language="en"), NOW)
    assert "not reviewed yet" not in done
@pytest.mark.parametrize(("lang", "no_fee"), [("zh-CN", "费用：无"), ("en", "fee: none")])
def test_the_demo_notice_says_there_is_no_fee_in_the_notices_language(
        lang: str, no_fee: str) -> None:
    from types import SimpleNamespace
    from typing import Any, cast

    from workbench.core import demo
    from workbench.core.paths import resources_dir

    data = json.loads((resources_dir() / "demo" / "consent_terms.json").read_text("utf-8"))
    terms = consent.terms_from_mapping(
        {**data, "language": lang, "countersigner": "hr"},
        **demo.request_overrides("recipient", "2030-01-01"))
    cards = cast(Any, {"hr": SimpleNamespace(name="陈静"),
                       "recipient": SimpleNamespace(name="AI team")})
    notice = consent.render_notice(terms, consent.WorkspaceFacts((), (), ()), cards)
    licence = next(line for line in notice.splitlines() if "internal use only" in line)
    assert no_fee in licence.lower()
    if lang.startswith("zh"):
        assert "none" not in licence
