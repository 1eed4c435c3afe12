"""The package pages across three parties: export, HR countersign + PDF, recipient open and
purge, and the deadlines view on both sides."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from tests.core.parties import Party, make_parties
from workbench.core.errors import RefusedError
from workbench.core.package import bundle, consent, custody
from workbench.core.paths import using_home
from workbench.core.pii.profile import SelfProfile
from workbench.core.review import decisions as review
from workbench.core.review import scan
from workbench.core.services import exporting
from workbench.core.workspace import Workspace
from workbench.gui.context import AppContext
from workbench.gui.pages.countersign import CountersignPage
from workbench.gui.pages.deadlines import DeadlinesPage
from workbench.gui.pages.export import ExportPage
from workbench.gui.pages.receive import ReceivePage
from workbench.gui.widgets.fingerprint import group4

# The pages use the real clock (ctx.now()), so the deadline is set from it.
DELETE_BY = (datetime.now(UTC) + timedelta(days=120)).date().isoformat()
WAIT = 60_000


class Flow:
    def __init__(self, root: Path, ws: Workspace, employee: Party, hr: Party,
                 recipient: Party) -> None:
        self.root, self.ws = root, ws
        self.employee, self.hr, self.recipient = employee, hr, recipient
        self.package = root / "out" / "skill.cwpkg"
        self.package.parent.mkdir(exist_ok=True)

    # using_home (not `with party:`) so these nest inside a test's own `with party:`.
    def consent(self) -> None:
        with using_home(self.employee.home):
            review.auto_review(self.ws)
            terms = consent.terms_from_mapping(
                {"purposes": [{"dpv": "dpv:ServiceProvision", "text": "release knowledge"}],
                 "controller": {"name": "Xinghe Tech", "contact": "privacy@xinghe.example.com"}},
                countersigner=self.hr.card.fingerprint,
                recipients=[self.recipient.card.fingerprint], delete_by=DELETE_BY)
            consent.record_decision(self.ws, terms, "given", self.employee.card,
                                    datetime.now(UTC))

    def export(self) -> None:
        self.consent()
        with using_home(self.employee.home):
            bundle.export(self.ws, self.package, self.employee.card, datetime.now(UTC))

    def countersign(self) -> None:
        with using_home(self.hr.home):
            bundle.countersign(self.package, self.hr.card, datetime.now(UTC))

    def pii_values(self) -> list[str]:
        """What the review removed or replaced: none of it may leave in a summary."""
        return sorted({f.value for f in self.ws.findings()
                       if f.decision in ("redact", "pseudonymise") and len(f.value) >= 3})


@pytest.fixture
def flow(tmp_path: Path, fixtures: Path):
    employee, hr, recipient = make_parties(tmp_path / "homes")
    with employee:
        ws = Workspace.create(tmp_path / "ws", SelfProfile.from_file(fixtures / "self.json"),
                              "Asia/Shanghai")
        ws.import_paths([fixtures / "feishu/chat_export.json", fixtures / "email/handover.eml"])
        scan.scan_workspace(ws)
    yield Flow(tmp_path, ws, employee, hr, recipient)
    ws.close()


@pytest.fixture
def dialogs(monkeypatch):
    """Answers for file dialogs and questions; records every message box shown."""
    answers: dict[str, str] = {}
    shown: dict[str, list[str]] = {"critical": [], "information": []}
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (answers.pop("save", ""), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (answers.pop("open", ""), ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *a, **k: answers.pop("folder", ""))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr("workbench.gui.pages.receive.confirm", lambda *a, **k: True)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown["critical"].append(a[2]))
    monkeypatch.setattr(QMessageBox, "information",
                        lambda *a: shown["information"].append(a[2]))
    answers_and_shown = type("Dialogs", (), {"answers": answers, "shown": shown})
    return answers_and_shown


def drop(page, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    page.dropEvent(event)


def test_export_page_shows_blockers_then_exports(qtbot, flow: Flow, dialogs):
    ctx = AppContext()
    requested: list[str] = []
    ctx.page_requested.connect(requested.append)
    with flow.employee:
        page = ExportPage(ctx)
        qtbot.addWidget(page)
        assert page.stack.currentIndex() == 0  # no workspace yet: a sentence, not a blank
        ctx.workspace_path = flow.ws.root
        ctx.workspace_changed.emit(flow.ws.root)
        page.refresh()
        qtbot.waitUntil(lambda: not page.checking, timeout=WAIT)
        assert page.stack.currentIndex() == 1
        assert any("pending review" in str(b) for b in page.blockers)
        assert any("no consent record" in str(b) for b in page.blockers)
        labels = [b.text() for b in page.fix_buttons]
        page.fix_buttons[labels.index("Go to Review")].click()
        page.fix_buttons[labels.index("Go to Consent")].click()
        assert requested == ["review", "consent"]

        flow.consent()
        page.refresh()
        qtbot.waitUntil(lambda: not page.checking, timeout=WAIT)
        assert page.stack.currentIndex() == 2 and not page.blockers, page.blockers
        out = flow.root / "exported" / "mine"
        out.parent.mkdir()
        dialogs.answers["save"] = str(out)  # the page adds .cwpkg
        page.export_button.click()
        qtbot.waitUntil(lambda: page.result is not None, timeout=WAIT)
    assert page.result.path == out.with_suffix(".cwpkg") and page.result.path.is_file()
    assert page.result.package in page.done.text()
    assert "陈静" in page.done.text()  # next step: send it to HR
    assert not dialogs.shown["critical"]


def test_hr_page_verifies_countersigns_and_saves_a_pdf(qtbot, flow: Flow, dialogs):
    flow.export()
    ctx = AppContext()
    with flow.hr:
        page = CountersignPage(ctx)
        qtbot.addWidget(page)
        assert page.stack.currentIndex() == 0
        drop(page, flow.package)  # drag and drop works like Open package…
        qtbot.waitUntil(lambda: page.checked is not None and not page.busy, timeout=WAIT)
        texts = page.checks_list.texts()
        assert texts and all(t.startswith("✓") for t in texts), texts
        terms = page.terms.toPlainText()
        for expected in ("李娜", "Payments AI team", DELETE_BY, "release knowledge",
                         group4(flow.recipient.card.fingerprint),
                         "sensitive details were not kept"):
            assert expected in terms
        # The health remark was redacted everywhere: it leaves nothing to consent to.
        assert "Health" not in terms
        assert page.redactions and sum(r + a for r, a in page.redactions.values()) > 0
        assert page.countersign_button.isEnabled()

        page.countersign_button.click()
        qtbot.waitUntil(lambda: page.already_countersigned() and not page.busy, timeout=WAIT)
        assert not page.countersign_button.isEnabled()
        assert any("HR countersignature" in t and t.startswith("✓")
                   for t in page.checks_list.texts())
        assert "Countersigned" in page.result.text()

        pdf = flow.root / "summary.pdf"
        dialogs.answers["save"] = str(pdf)
        page.pdf_button.click()
        qtbot.waitUntil(lambda: page.last_pdf is not None, timeout=WAIT)
    assert not dialogs.shown["critical"], dialogs.shown
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    # Qt's PDF separates words with tabs; compare on single spaces.
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "李娜" in text
    assert group4(flow.employee.card.fingerprint) in text
    leaked = [v for v in flow.pii_values() if v in text]
    assert flow.pii_values() and not leaked, leaked


def test_recipient_page_refuses_an_uncountersigned_package(qtbot, flow: Flow, dialogs):
    flow.export()
    ctx = AppContext()
    with flow.recipient:
        page = ReceivePage(ctx)
        qtbot.addWidget(page)
        dialogs.answers["open"] = str(flow.package)
        page.open_button.click()
        qtbot.waitUntil(lambda: page.checked is not None and not page.busy, timeout=WAIT)
    assert "HR countersignature: missing: HR has not countersigned this package" \
        in page.verdict.text()
    assert not page.extract_button.isEnabled()


def test_recipient_page_says_why_a_tampered_or_foreign_file_is_refused(qtbot, flow: Flow,
                                                                       dialogs):
    flow.export()
    flow.countersign()
    with zipfile.ZipFile(flow.package) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    payload = bytearray(members["payload.age"])
    payload[len(payload) // 2] ^= 0x01
    members["payload.age"] = bytes(payload)
    tampered = flow.root / "tampered.cwpkg"
    with zipfile.ZipFile(tampered, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    not_a_package = flow.root / "notes.cwpkg"
    not_a_package.write_text("just some notes")
    ctx = AppContext()
    with flow.recipient:
        page = ReceivePage(ctx)
        qtbot.addWidget(page)
        page.load(tampered)
        qtbot.waitUntil(lambda: page.checked is not None and not page.busy, timeout=WAIT)
        # The page names the same reason open() itself refuses with.
        with pytest.raises(RefusedError) as refused:
            custody.open_package(tampered, flow.root / "x", flow.recipient.card,
                                 datetime.now(UTC))
        reason = str(refused.value).split(": ", 1)[1].rstrip(".")
        assert "export of this content" in reason
        assert reason.lower() in page.verdict.text().lower()
        assert not page.extract_button.isEnabled()
        page.load(not_a_package)
        qtbot.waitUntil(lambda: bool(dialogs.shown["critical"]), timeout=WAIT)
    assert "not a Consent Workbench package" in dialogs.shown["critical"][0]
    assert "not a Consent Workbench package" in page.verdict.text()
    assert not page.extract_button.isEnabled()


def test_recipient_opens_purges_and_the_employee_imports_the_receipt(qtbot, flow: Flow,
                                                                     dialogs):
    flow.export()
    flow.countersign()
    ctx = AppContext()
    with flow.recipient:
        page = ReceivePage(ctx)
        qtbot.addWidget(page)
        assert page.table_stack.currentIndex() == 0  # nothing held yet: a sentence
        drop(page, flow.package)
        qtbot.waitUntil(lambda: page.checked is not None and not page.busy, timeout=WAIT)
        assert "Every check passed" in page.verdict.text()
        assert DELETE_BY in page.delete_by.text()
        dialogs.answers["folder"] = str(flow.root / "received")
        page.extract_button.click()
        qtbot.waitUntil(lambda: page.opened is not None and not page.busy, timeout=WAIT)
        folder = page.opened.folder
        assert (folder / "SKILL.md").is_file()
        assert str(folder) in page.opened_label.text() and DELETE_BY in page.opened_label.text()
        assert page.table.rowCount() == 1 and page.table.item(0, 3).text() == "active"

        page.table.selectRow(0)
        assert page.purge_button.isEnabled()
        receipt = flow.root / "receipt.json"
        dialogs.answers["save"] = str(receipt)
        page.purge_button.click()
        qtbot.waitUntil(lambda: page.last_receipt is not None, timeout=WAIT)
        assert receipt.is_file() and not folder.exists()
        assert str(receipt) in page.purge_result.text() and "李娜" in page.purge_result.text()
        assert page.table.item(0, 3).text() == "deleted ✓"

    with flow.employee:
        deadlines_page = DeadlinesPage(ctx)
        qtbot.addWidget(deadlines_page)
        assert deadlines_page.rows[0].status == "active"
        dialogs.answers["open"] = str(receipt)
        deadlines_page.receipt_button.click()
        qtbot.waitUntil(lambda: deadlines_page.rows[0].status == "deleted ✓", timeout=WAIT)
        assert deadlines_page.table.item(0, 5).text() == "deleted ✓"
        assert "Payments AI team" in deadlines_page.result.text()
    assert not dialogs.shown["critical"], dialogs.shown


def test_deadlines_rows_chart_and_withdrawal(qtbot, flow: Flow, dialogs):
    flow.export()
    ctx = AppContext()
    with flow.employee:
        page = DeadlinesPage(ctx)
        qtbot.addWidget(page)
        page.resize(1000, 700)
        page.show()
        (row,) = page.rows
        assert (row.side, row.status, row.delete_by) == ("export", "active", DELETE_BY)
        cells = [page.table.item(0, c).text() for c in range(6)]
        assert cells[1] == "Sent" and cells[2] == "Payments AI team" and cells[5] == "active"
        assert cells[4].endswith("days")
        assert len(page.chart.bars) == 1
        image = page.chart.grab()
        assert not image.isNull() and image.height() > 40
        assert "beyond its reach" in page.limit.text()

        assert not page.withdraw_button.isEnabled()
        page.table.selectRow(0)
        assert page.withdraw_button.isEnabled()
        revocation = flow.root / "withdrawn"
        dialogs.answers["save"] = str(revocation)
        page.withdraw_button.click()
        qtbot.waitUntil(lambda: page.rows[0].status == "withdrawn (due now)", timeout=WAIT)
        assert revocation.with_suffix(".revocation").is_file()
        assert page.table.item(0, 4).text() == "due now"
        page.chart.grab()

    flow.countersign()
    with flow.recipient:
        receive = ReceivePage(ctx)
        qtbot.addWidget(receive)
        dialogs.answers["open"] = str(revocation.with_suffix(".revocation"))
        receive.revocation_button.click()
        qtbot.waitUntil(lambda: bool(dialogs.shown["information"]), timeout=WAIT)
        assert "withdrew consent" in dialogs.shown["information"][0]
        receive.load(flow.package)
        qtbot.waitUntil(lambda: receive.checked is not None and not receive.busy, timeout=WAIT)
        assert "withdrawal: the employee has withdrawn consent" in receive.verdict.text().lower()
    assert not dialogs.shown["critical"], dialogs.shown


def test_deadlines_page_with_nothing_says_so(qtbot):
    page = DeadlinesPage(AppContext())
    qtbot.addWidget(page)
    assert page.table_stack.currentIndex() == 0 and page.empty.text()
    assert not page.chart.grab().isNull()
    assert not page.withdraw_button.isEnabled()


def test_export_page_lists_a_withdrawal_and_an_item_changed_behind_its_back(qtbot, flow: Flow,
                                                                            dialogs):
    """Issue 15: the Export page shows what the export-time re-check refuses, in the user's
    language, with the page that fixes it."""
    import sqlite3

    flow.export()
    with using_home(flow.employee.home):
        custody.withdraw(flow.package, flow.root / "w.revocation", flow.employee.card,
                         datetime.now(UTC))
    with sqlite3.connect(flow.ws.root / "workspace.sqlite") as db:
        db.execute("UPDATE findings SET decision = 'keep' WHERE entity = 'PHONE_NUMBER'")
    ctx = AppContext()
    opened: list[str] = []
    ctx.artifact_requested.connect(opened.append)
    with flow.employee:
        page = ExportPage(ctx)
        qtbot.addWidget(page)
        ctx.workspace_path = flow.ws.root
        page.refresh()
        qtbot.waitUntil(lambda: not page.checking, timeout=WAIT)
    assert page.stack.currentIndex() == 1
    codes = {b.code for b in page.blockers if isinstance(b, exporting.Blocker)}
    assert {"withdrawn", "artifact"} <= codes
    shown = " ".join(label.text() for label in page.blockers_box.findChildren(QLabel))
    assert "Consent was withdrawn on" in shown and "edited outside the app" in shown
    # The Review button of the changed items opens the first of them, by its id.
    [changed] = [b for b in page.blockers if b.code == "artifact"]
    phones = {f.artifact_id for f in flow.ws.findings() if f.entity == "PHONE_NUMBER"}
    assert changed.item in phones
    review_buttons = [b for b in page.fix_buttons if b.text() == "Go to Review"]
    assert len(review_buttons) == 1
    review_buttons[0].click()
    assert opened == [changed.item]
