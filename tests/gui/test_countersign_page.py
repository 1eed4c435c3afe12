"""HR's countersign page against hostile and wider-than-asked packages: a forged
countersignature is shown refused, terms beyond HR's own request are listed and need a second
explicit confirmation, every field of the record is shown, names are escaped, and the new
reasons read in Chinese."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMessageBox

from tests.core.test_package_trust import forge, members
from tests.gui import test_package_pages
from tests.gui.test_package_pages import WAIT, Flow, drop
from workbench.core.package import bundle, consent, hr_requests
from workbench.core.paths import using_home
from workbench.core.services.receiving import PackageTerms
from workbench.core.trust import keys, ledger
from workbench.gui.context import AppContext
from workbench.gui.pages.countersign import CountersignPage
from workbench.gui.widgets.checks_list import check_detail
from workbench.gui.widgets.package_terms import difference_text, terms_html

flow = test_package_pages.flow  # the shared fixtures
dialogs = test_package_pages.dialogs


def load(qtbot, page: CountersignPage, path) -> None:
    drop(page, path)
    qtbot.waitUntil(lambda: page.checked is not None and not page.busy, timeout=WAIT)


def keep_request(flow: Flow, delete_by: str) -> None:
    """HR signs (and keeps) a request for this employee: an earlier delete-by, storage named."""
    with using_home(flow.hr.home):
        asked = consent.terms_from_mapping(
            {"purposes": [{"dpv": "dpv:ServiceProvision", "text": "release knowledge"}],
             "controller": {"name": "Xinghe Tech", "contact": "privacy@xinghe.example.com"},
             "storage_location": "Shanghai"},
            countersigner=flow.hr.card.fingerprint, recipients=[flow.recipient.card.fingerprint],
            delete_by=delete_by)
        hr_requests.keep(consent.make_request(asked, keys.LocalSigner(flow.hr.card), flow.hr.card,
                                              datetime.now(UTC), employee=flow.employee.card))


def test_terms_wider_than_hrs_request_are_listed_and_need_a_second_yes(qtbot, flow: Flow,
                                                                       dialogs, monkeypatch):
    keep_request(flow, (datetime.now(UTC) + timedelta(days=60)).date().isoformat())
    flow.export()
    answers: list[Any] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: answers.pop(0))
    with flow.hr:
        page = CountersignPage(AppContext())
        qtbot.addWidget(page)
        load(qtbot, page, flow.package)
        assert {d.field for d in page.differences} == {"delete_by", "storage_location"}
        terms = page.terms.toPlainText()
        assert "Wider than your own request" in terms
        assert "A later delete-by date" in terms and "(you asked for Shanghai)" in terms
        for field in ("Jurisdiction", "Storage location", "Cross-border transfer",
                      "Consent record", "Notice shown"):
            assert field in terms
        assert "go beyond your own request in 2 ways" in page.verdict.text()
        assert page.countersign_button.isEnabled()
        lines = members(flow.package)[bundle.LEDGER]

        answers.append(QMessageBox.StandardButton.No)  # the second question: not these terms
        page.countersign_button.click()
        assert not answers and not page.busy
        assert members(flow.package)[bundle.LEDGER] == lines

        answers.append(QMessageBox.StandardButton.Yes)
        page.countersign_button.click()
        qtbot.waitUntil(lambda: page.already_countersigned() and not page.busy, timeout=WAIT)
    assert not dialogs.shown["critical"], dialogs.shown
    last = ledger.read_entries(members(flow.package)[bundle.LEDGER].decode())[-1]
    assert last.type == "consent.countersigned"
    assert sorted(last.body["accepted_differences"]) == ["delete_by", "storage_location"]


def test_a_package_the_employee_countersigned_herself_is_shown_refused(qtbot, flow: Flow,
                                                                        dialogs):
    flow.export()

    def name_herself(statement: dict[str, Any]) -> None:
        statement["predicate"]["countersigner"]["fingerprint"] = flow.employee.card.fingerprint

    forged = forge(flow, flow.root / "forged.cwpkg", [flow.employee], flow.employee,
                   name_herself)
    with flow.hr:
        page = CountersignPage(AppContext())
        qtbot.addWidget(page)
        load(qtbot, page, forged)
    texts = page.checks_list.texts()
    assert any(t.startswith("✗  HR countersignature") and "only HR can countersign" in t
               for t in texts), texts
    assert "do not countersign" in page.verdict.text()
    assert not page.countersign_button.isEnabled()


def test_a_signer_whose_card_was_never_checked_is_shown_not_verified(qtbot, flow: Flow,
                                                                     dialogs):
    """HR imported the employee's card without typing its fingerprint: the good signature
    passes, and the page says the card behind it was never checked."""
    flow.export()
    with flow.hr:
        page = CountersignPage(AppContext())
        qtbot.addWidget(page)
        load(qtbot, page, flow.package)
    (employee,) = [t for t in page.checks_list.texts() if "Employee signature" in t]
    assert employee.startswith("✓") and "李娜" in employee
    assert "not verified: you have not compared their fingerprint" in employee
    assert page.countersign_button.isEnabled()


def test_names_are_escaped_and_new_reasons_read_in_chinese(qtbot, flow: Flow, qapp):
    flow.export()
    checked = bundle.read_bundle(flow.package)
    statement = copy.deepcopy(checked.statement)
    statement["predicate"]["principal"]["name"] = "\x1b[2J\x1b[32mall checks ok\u202e"
    hostile = bundle.Bundle(checked.path, checked.envelope, statement, checked.ledger_text,
                            checked.payload_sha256)
    shown = terms_html(PackageTerms.of(hostile))
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "\\x1b[2J\\x1b[32mall checks ok\\u202e" in shown

    from workbench.gui.app import install_translators, remove_translators

    refused = bundle.Check("HR countersignature", False, "English", "countersigner-is-employee",
                           ("李娜 (0123)",))
    unverified = bundle.Check("employee signature", True, "English", "valid-by-unverified",
                              ("李娜 (0123)",))
    wider = hr_requests.Difference("delete_by", "2027-01-31", "2027-03-31")
    translators = install_translators(qapp, QLocale(QLocale.Language.Chinese,
                                                    QLocale.Country.China))
    try:
        assert check_detail(refused) == ("数据包中指定的会签人就是员工 李娜 (0123) 本人；"
                                         "只有 HR 才能会签")
        assert check_detail(unverified).startswith("有效，签名人 李娜 (0123)——未核对")
        assert difference_text(wider) == "更晚的删除截止日：2027-03-31（你请求的是 2027-01-31）"
    finally:
        remove_translators(qapp, translators)
    assert check_detail(refused).endswith("only HR can countersign")


def test_each_recipient_is_shown_with_its_key_and_a_look_alike_cannot_be_countersigned(
        qtbot, flow: Flow, dialogs, tmp_path):
    """RT4: the employee adds her own key as "Payments AI Team" (the real recipient's name in
    another case) next to the real one; HR sees each recipient with email, whole fingerprint
    and whether it is a known contact, and the look-alike blocks countersigning."""
    from workbench.core.paths import data_dir
    from workbench.gui.widgets.fingerprint import group4

    with using_home(tmp_path / "hers"):
        own = keys.create_identity(keys.Role.RECIPIENT, "Payments AI Team", "pay@evil.example")
    with using_home(flow.employee.home):
        (data_dir() / "contacts" / f"{own.fingerprint}.wbid.json").write_bytes(
            keys.card_bytes(own))
        flow.consent()
        terms = consent.terms_from_mapping(
            {"purposes": [{"dpv": "dpv:ServiceProvision", "text": "release knowledge"}],
             "controller": {"name": "Xinghe Tech", "contact": "privacy@xinghe.example.com"}},
            countersigner=flow.hr.card.fingerprint,
            recipients=[flow.recipient.card.fingerprint, own.fingerprint],
            delete_by=test_package_pages.DELETE_BY)
        consent.record_decision(flow.ws, terms, "given", flow.employee.card, datetime.now(UTC))
        bundle.export(flow.ws, flow.package, flow.employee.card, datetime.now(UTC))
    with flow.hr:
        page = CountersignPage(AppContext())
        qtbot.addWidget(page)
        load(qtbot, page, flow.package)
        shown = page.readers_view.toPlainText()
        assert group4(own.fingerprint) in shown and group4(flow.recipient.card.fingerprint) in shown
        assert "pay@evil.example" in shown
        assert "REFUSED: looks like your contact Payments AI team" in shown
        assert "your contact Payments AI team" in shown.replace("REFUSED: looks like ", "", 1)
        assert "Payments AI Team" in page.verdict.text() and "Refused" in page.verdict.text()
        assert not page.countersign_button.isEnabled()
        before = flow.package.read_bytes()
        page.confirm_countersign()
        assert not page.busy and flow.package.read_bytes() == before


def test_a_recipient_who_is_no_contact_is_flagged_on_the_page(qtbot, flow: Flow, dialogs,
                                                              tmp_path):
    from workbench.core.paths import data_dir

    with using_home(tmp_path / "hers"):
        own = keys.create_identity(keys.Role.RECIPIENT, "HR Team")
    with using_home(flow.employee.home):
        (data_dir() / "contacts" / f"{own.fingerprint}.wbid.json").write_bytes(
            keys.card_bytes(own))
        flow.consent()
        terms = consent.terms_from_mapping(
            {"purposes": [{"dpv": "dpv:ServiceProvision", "text": "release knowledge"}],
             "controller": {"name": "Xinghe Tech", "contact": "privacy@xinghe.example.com"}},
            countersigner=flow.hr.card.fingerprint, recipients=[own.fingerprint],
            delete_by=test_package_pages.DELETE_BY)
        consent.record_decision(flow.ws, terms, "given", flow.employee.card, datetime.now(UTC))
        bundle.export(flow.ws, flow.package, flow.employee.card, datetime.now(UTC))
    with flow.hr:
        page = CountersignPage(AppContext())
        qtbot.addWidget(page)
        load(qtbot, page, flow.package)
    assert "NOT a known contact" in page.readers_view.toPlainText()
    assert "Not among your contacts: HR Team" in page.verdict.text()
