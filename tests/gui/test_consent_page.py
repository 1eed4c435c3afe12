"""The Consent page over a scanned workspace, with the three parties from make_parties."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.core.parties import make_parties
from tests.templates import WorkspaceKey, copy_workspace, template_home, template_key
from workbench.core.package import consent
from workbench.core.pii.profile import SelfProfile
from workbench.core.review import scan
from workbench.core.trust import keys
from workbench.core.workspace import Workspace
from workbench.gui.context import AppContext
from workbench.gui.pages import consent as consent_page
from workbench.gui.pages.consent import DECISION, NOTICE, SUMMARY, TERMS, ConsentPage

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> tuple[Path, WorkspaceKey]:
    """One scanned workspace per module (scanning is the slow part); tests copy it."""
    root = tmp_path_factory.mktemp("scanned")
    with template_home(root / "home"), \
            Workspace.create(root / "ws", SelfProfile.from_file(FIXTURES / "self.json"),
                             "Asia/Shanghai") as ws:
        ws.import_paths([FIXTURES / "feishu/chat_export.json", FIXTURES / "email/handover.eml",
                         FIXTURES / "docs/handover_notes.md"])
        scan.scan_workspace(ws)
        return root / "ws", template_key(ws)


@pytest.fixture
def parties(tmp_path: Path, monkeypatch):
    employee, hr, recipient = make_parties(tmp_path / "homes")
    monkeypatch.setenv("WORKBENCH_HOME", str(employee.home))
    return employee, hr, recipient


@pytest.fixture
def ctx(qtbot, monkeypatch, scanned: tuple[Path, WorkspaceKey], tmp_path: Path):
    context = AppContext()
    context.errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: context.errors.append(a[2]))
    context.workspace_path = copy_workspace(*scanned, tmp_path / "ws")
    yield context
    # A task's own bookkeeping arrives after its result: let it land before the context goes.
    qtbot.waitUntil(lambda: not context.tasks, timeout=15_000)


def make_page(qtbot, ctx) -> ConsentPage:
    page = ConsentPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 680)
    page.show()
    qtbot.waitUntil(lambda: not page.checking, timeout=15_000)
    return page


def fill_terms(page: ConsentPage) -> None:
    page.purpose_edit.setPlainText("Build an internal skill for payment-gateway releases")
    page.controller_edit.setText("Xinghe Tech Ltd.")
    page.contact_edit.setText("privacy@xinghe.example.com")


def decide(qtbot, page: ConsentPage, ctx, button) -> dict:
    for _ in range(3):
        page.next_step()
    assert page.steps.currentIndex() == DECISION
    with qtbot.waitSignal(ctx.data_changed, timeout=20_000):
        button.click()
    qtbot.waitUntil(lambda: not page.checking, timeout=15_000)
    with Workspace.open(ctx.workspace_path) as ws:
        return consent.current_record(ws)


def tomorrow() -> date:
    return AppContext.now().date() + timedelta(days=1)


def test_contacts_whose_cards_were_never_checked_are_marked_when_chosen(qtbot, ctx, parties):
    """The package is encrypted to the recipients and countersigned by HR: say which of those
    cards the employee never compared with their owners."""
    _employee, hr, recipient = parties
    page = make_page(qtbot, ctx)
    assert page.hr_combo.currentText().endswith(" — not verified")
    assert page.recipients_list.item(0).text().endswith(" — not verified")
    keys.verify_contact(hr.card.fingerprint, hr.card.short)
    page.refresh()
    qtbot.waitUntil(lambda: not page.checking, timeout=15_000)
    assert "not verified" not in page.hr_combo.currentText()
    assert page.recipients_list.item(0).text().endswith(" — not verified")
    assert page.hr_combo.currentData() == hr.card.fingerprint
    assert page.checked_recipients() == [recipient.card.fingerprint]


def test_gives_consent_on_a_scanned_workspace(qtbot, ctx, parties):
    employee, hr, recipient = parties
    page = make_page(qtbot, ctx)
    assert page.outer.currentIndex() == 1
    assert "No consent has been recorded" in page.state_label.text()
    assert page.hr_combo.currentData() == hr.card.fingerprint
    assert page.checked_recipients() == [recipient.card.fingerprint]  # the only team: ticked
    assert page.employee_combo.isHidden()  # one employee identity: nothing to choose
    fill_terms(page)
    page.next_step()
    assert page.steps.currentIndex() == NOTICE
    assert "Xinghe Tech Ltd." in page.notice_view.toPlainText()
    page.next_step()
    assert page.steps.currentIndex() == SUMMARY
    assert "Payments AI team" in page.summary_label.text()
    page.go_to(TERMS)
    record = decide(qtbot, page, ctx, page.give_button)
    assert record["decision"] == "given"
    assert record["principal"]["fingerprint"] == employee.card.fingerprint
    assert record["countersigner"]["fingerprint"] == hr.card.fingerprint
    assert [r["fingerprint"] for r in record["recipients"]] == [recipient.card.fingerprint]
    assert not page.result_panel.isHidden()
    assert record["record_id"] in page.result_label.text()
    assert record["retention"]["delete_by"] in page.result_label.text()
    assert not page.give_button.isEnabled()  # the same terms are not signed twice
    assert "Consent given" in page.state_label.text()
    assert not ctx.errors


def test_declines_and_says_it_has_no_consequence(qtbot, ctx, parties):
    page = make_page(qtbot, ctx)
    fill_terms(page)
    record = decide(qtbot, page, ctx, page.decline_button)
    assert record["decision"] == "declined"
    assert "You declined" in page.result_label.text()
    assert page.export_button.isHidden()
    assert "no consequence" in page.findChild(consent_page.QFrame, "DeclineNote") \
        .findChild(consent_page.QLabel).text()
    assert "You declined" in page.state_label.text()


def test_delete_by_cannot_be_today_or_in_the_past(qtbot, ctx, parties, monkeypatch):
    page = make_page(qtbot, ctx)
    fill_terms(page)
    assert page.delete_by_edit.minimumDate().toPython() == tomorrow()
    page.delete_by_edit.setDate(QDate.currentDate().addDays(-3))
    assert page.delete_by_edit.date().toPython() == tomorrow()
    # Past midnight with the page open: the chosen day is now today, and the core refuses.
    monkeypatch.setattr(page, "_today", lambda: tomorrow())
    page.next_step()
    assert page.steps.currentIndex() == TERMS
    assert not page.problem_label.isHidden()
    assert "must be in the future" in page.problem_label.text()


def test_separate_consent_boxes_for_the_sensitive_categories_found(qtbot, ctx, parties):
    with Workspace.open(ctx.workspace_path) as ws:
        found = {name for name, _count in consent.workspace_facts(ws).sensitive}
    assert found == {"financial", "health", "whereabouts"}
    page = make_page(qtbot, ctx)
    assert set(page.sensitive_boxes) == found
    assert not any(box.isChecked() for box in page.sensitive_boxes.values())  # opt-in only
    assert "Health (1 found)" in page.sensitive_boxes["health"].text()
    # Without separate consent the passages stay redacted; the items themselves still go.
    assert "stays redacted and is not exported" in page.sensitive_intro.text()
    fill_terms(page)
    page.sensitive_boxes["health"].setChecked(True)
    record = decide(qtbot, page, ctx, page.give_button)
    assert record["separate_consent"]["health"] is True
    assert record["separate_consent"]["financial"] is False
    # Declared: only the category consented to, not every one found.
    sensitive = {c["category"] for c in record["data_categories"] if c["sensitive"]}
    assert sensitive == {"health"}


def test_incomplete_terms_stay_on_the_first_step(qtbot, ctx, parties):
    page = make_page(qtbot, ctx)
    page.next_step()
    assert page.steps.currentIndex() == TERMS
    assert "purpose" in page.problem_label.text()


def test_notice_language_switch_is_the_language_signed(qtbot, ctx, parties):
    page = make_page(qtbot, ctx)
    fill_terms(page)
    page.next_step()
    page.language_buttons["zh-CN"].click()
    assert "同意之前" in page.notice_view.toPlainText()
    assert page.language_buttons["zh-CN"].isChecked()
    page.language_buttons["en"].click()
    assert "Before you agree" in page.notice_view.toPlainText()
    page.language_buttons["zh-CN"].click()
    page.go_to(TERMS)
    record = decide(qtbot, page, ctx, page.give_button)
    assert record["language"] == "zh-CN"


def test_the_notice_follows_the_terms(qtbot, ctx, parties):
    page = make_page(qtbot, ctx)
    fill_terms(page)
    page.next_step()
    assert "Stored at: not stated" in page.notice_view.toPlainText()
    page.go_to(TERMS)
    page.storage_edit.setText("company servers in Beijing")
    page.next_step()
    assert "company servers in Beijing" in page.notice_view.toPlainText()


def write_request(tmp_path: Path, hr, recipient, delete_by: date) -> Path:
    terms = consent.terms_from_mapping(
        {"purposes": [{"dpv": "dpv:ServiceProvision", "text": "release knowledge"}],
         "controller": {"name": "Xinghe Tech", "contact": "privacy@xinghe.example.com"},
         "recipients": [recipient.card.fingerprint], "countersigner": hr.card.fingerprint,
         "delete_by": delete_by.isoformat(), "separate_consent": {"health": True}})
    with hr:
        envelope = consent.make_request(terms, keys.LocalSigner(hr.card), hr.card,
                                        AppContext.now())
    path = tmp_path / "request.json"
    path.write_text(json.dumps(envelope))
    return path


def test_request_prefills_and_widening_is_refused_in_a_dialog(qtbot, ctx, parties, monkeypatch,
                                                               tmp_path: Path):
    _employee, hr, recipient = parties
    asked_by = tomorrow() + timedelta(days=30)
    path = write_request(tmp_path, hr, recipient, asked_by)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    page = make_page(qtbot, ctx)
    page.load_request_button.click()
    assert page.request is not None
    assert page.purpose_edit.toPlainText() == "release knowledge"
    assert page.controller_edit.text() == "Xinghe Tech"
    assert page.delete_by_edit.date().toPython() == asked_by
    assert "陈静" in page.request_label.text() and "Health" in page.request_label.text()
    # A later delete-by widens HR's request: the core refuses, and the user is told.
    page.delete_by_edit.setDate(page.delete_by_edit.date().addDays(10))
    page.next_step()
    assert page.steps.currentIndex() == TERMS
    assert len(ctx.errors) == 1 and "may only narrow" in ctx.errors[0]
    assert "later delete-by date" in ctx.errors[0]
    # Narrowing is fine, and the record names the request.
    page.delete_by_edit.setDate(page.delete_by_edit.date().addDays(-20))
    record = decide(qtbot, page, ctx, page.give_button)
    assert record["request"]["issuer"] == hr.card.fingerprint
    assert record["separate_consent"]["health"] is False  # asked for, but not ticked
    assert len(ctx.errors) == 1


def test_an_existing_record_is_shown_and_prefills_the_next_one(qtbot, ctx, parties):
    page = make_page(qtbot, ctx)
    fill_terms(page)
    page.storage_edit.setText("Beijing")
    first = decide(qtbot, page, ctx, page.give_button)
    other = make_page(qtbot, ctx)  # as when the app starts again
    assert first["record_id"] in other.state_label.text()
    assert "new signed record" in other.state_label.text()
    assert other.purpose_edit.toPlainText() == first["purposes"][0]["text"]
    assert other.storage_edit.text() == "Beijing"
    assert other.delete_by_edit.date().toPython().isoformat() == \
        first["retention"]["delete_by"]


def test_without_identity_or_contacts_the_page_points_to_the_keys_page(qtbot, ctx):
    page = make_page(qtbot, ctx)  # a fresh home: no identities, no contacts
    assert page.outer.currentIndex() == 0
    text = page.missing_label.text()
    assert "employee identity" in text and "HR's identity card" in text
    assert "receiving team" in text
    with qtbot.waitSignal(ctx.page_requested) as blocker:
        page.keys_button.click()
    assert blocker.args == ["keys"]


def test_missing_recipient_contact_only_asks_for_that(qtbot, ctx, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "solo"))
    keys.create_identity(keys.Role.EMPLOYEE, "李娜")
    page = make_page(qtbot, ctx)
    assert page.outer.currentIndex() == 0
    assert "employee identity" not in page.missing_label.text()
    assert "receiving team" in page.missing_label.text()


def test_without_a_workspace_it_says_to_open_one(qtbot, parties):
    context = AppContext()
    page = make_page(qtbot, context)
    assert page.outer.currentIndex() == 0
    assert "Open a workspace" in page.missing_label.text()
    assert page.keys_button.isHidden()
    assert page.title() == "Consent"


def test_the_recipient_list_is_checkable(qtbot, ctx, parties):
    page = make_page(qtbot, ctx)
    item = page.recipients_list.item(0)
    item.setCheckState(Qt.CheckState.Unchecked)
    fill_terms(page)
    page.next_step()
    assert page.steps.currentIndex() == TERMS
    assert "recipient" in page.problem_label.text()


def test_a_withdrawn_consent_is_shown_as_withdrawn_with_a_way_to_decide_again(qtbot, ctx,
                                                                              parties):
    page = make_page(qtbot, ctx)
    fill_terms(page)
    record = decide(qtbot, page, ctx, page.give_button)
    with Workspace.open(ctx.workspace_path) as ws:
        assert consent.mark_withdrawn(ws, record["record_id"], "2026-12-01T10:00:00Z",
                                      keys.LocalSigner(parties[0].card))
    other = make_page(qtbot, ctx)
    text = other.state_label.text()
    assert "Withdrawn" in text and "2026-12-01" in text and record["record_id"] in text
    assert "record a new decision" in text and "Consent given" not in text


def test_the_workspace_is_read_off_the_ui_thread_with_a_busy_line_meanwhile(
        qtbot, ctx, parties, monkeypatch):
    import threading

    real, readers, release = consent.workspace_facts, [], threading.Event()

    def slow_facts(ws):
        readers.append(threading.current_thread())
        release.wait(10)
        return real(ws)

    monkeypatch.setattr(consent, "workspace_facts", slow_facts)
    page = ConsentPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: bool(readers))
    assert readers[0] is not threading.main_thread()
    assert page.checking and not page.checking_label.isVisible()  # said once, not twice
    assert "Reading what this workspace holds" in page.missing_label.text()
    assert not page.next_button.isEnabled()
    page.next_step()  # pressed anyway (by its shortcut): the notice is not drawn from nothing
    assert page.steps.currentIndex() == TERMS
    release.set()
    qtbot.waitUntil(lambda: not page.checking, timeout=15_000)
    assert not page.checking_label.isVisible() and page.next_button.isEnabled()
    assert page.outer.currentIndex() == 1
    assert "Chat messages" in page.categories_label.text()
    release.clear()
    page.refresh()  # the data changed: the terms stay on screen, a line says it is reading
    qtbot.waitUntil(lambda: len(readers) == 2)
    assert page.checking and page.checking_label.isVisible() and page.outer.currentIndex() == 1
    assert not page.next_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not page.checking, timeout=15_000)
    assert not page.checking_label.isVisible()


def test_an_older_reading_that_arrives_last_is_dropped(qtbot, ctx, parties, monkeypatch):
    import threading

    real, release, calls = consent.workspace_facts, threading.Event(), []

    def facts(ws):
        calls.append(1)
        if len(calls) == 1:  # the first reading is overtaken, then arrives last
            release.wait(10)
            return consent.WorkspaceFacts((("emails", 999),), (), ())
        return real(ws)

    monkeypatch.setattr(consent, "workspace_facts", facts)
    page = ConsentPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: len(calls) == 1)
    page.refresh()  # the data changed meanwhile
    qtbot.waitUntil(lambda: len(calls) == 2 and page.facts is not None, timeout=15_000)
    shown = page.categories_label.text()
    release.set()
    qtbot.waitUntil(lambda: not ctx.tasks, timeout=15_000)
    assert "999" not in page.categories_label.text()
    assert page.categories_label.text() == shown
    assert page.facts is not None and ("emails", 999) not in page.facts.categories
