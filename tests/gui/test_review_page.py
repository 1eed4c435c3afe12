"""The Review page on a real scanned workspace: highlights, deciding, manual redaction, undo,
preview, approving, keyboard navigation, chat and email layout, and boxes on pictures."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.templates import WorkspaceKey, copy_workspace, template_home, template_key
from workbench.core.ingest.artifacts import ArtifactKind, ArtifactState, Segment
from workbench.core.workspace import ArtifactRow, Workspace
from workbench.gui.context import AppContext
from workbench.gui.pages.review import ReviewPage
from workbench.gui.review.categories import category_of
from workbench.gui.review.document import render_artifact

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="module")
def scanned_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, WorkspaceKey]:
    """Imported and scanned once (the detector takes seconds to load); each test copies it."""
    from workbench.core.pii.profile import SelfProfile
    from workbench.core.review import scan

    root = tmp_path_factory.mktemp("review") / "ws"
    profile = SelfProfile.from_file(FIXTURES / "self.json")
    with template_home(root.parent / "home"), \
            Workspace.create(root, profile, "Asia/Shanghai") as ws:
        ws.import_paths([FIXTURES / "feishu/chat_export.json", FIXTURES / "email/handover.eml",
                         FIXTURES / "images/chat_screenshot.png"])
        scan.scan_workspace(ws)
        return root, template_key(ws)


@pytest.fixture
def ws_path(scanned_template: tuple[Path, WorkspaceKey], tmp_path: Path) -> Path:
    return copy_workspace(*scanned_template, tmp_path / "ws")


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    return shown


@pytest.fixture
def page(qtbot, ws_path: Path, errors) -> ReviewPage:
    ctx = AppContext()
    ctx.workspace_path = ws_path
    page = ReviewPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 720)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.refresh()  # as the main window does when the page is shown
    qtbot.waitUntil(lambda: not page.checking, timeout=15_000)
    return page


def artifact_of(path: Path, kind: ArtifactKind) -> ArtifactRow:
    with Workspace.open(path) as ws:
        return ws.artifacts(kind)[0]


def stored(path: Path, finding_id: int):
    with Workspace.open(path) as ws:
        return ws.finding(finding_id)


def finding(page: ReviewPage, entity: str, value: str | None = None):
    return next(f for f in page.findings
                if f.entity == entity and (value is None or f.value == value))


def click_finding(qtbot, page: ReviewPage, finding_id: int) -> None:
    """A real mouse click in the middle of the finding's first character."""
    start = page.view.doc_position_of(finding_id)
    assert start is not None
    cursor = QTextCursor(page.view.document())
    cursor.setPosition(start)
    left = page.view.cursorRect(cursor)
    cursor.setPosition(start + 1)
    right = page.view.cursorRect(cursor)
    point = QPoint((left.x() + right.x()) // 2, left.center().y())
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def apply_policy(qtbot, page: ReviewPage) -> None:
    page.act_policy.trigger()
    qtbot.waitUntil(lambda: "default policy" in page.status.text(), timeout=10_000)


def written(qtbot, page: ReviewPage) -> None:
    """Approvals, exclusions and undo run on the page's writer thread: wait for them."""
    qtbot.waitUntil(lambda: not page.ctx.tasks, timeout=20_000)


def state_of(path: Path, artifact_id: str) -> ArtifactState:
    with Workspace.open(path) as ws:
        return ws.artifact(artifact_id).state


def test_without_a_workspace_the_page_says_what_to_do(qtbot):
    page = ReviewPage(AppContext())
    qtbot.addWidget(page)
    page.show()
    assert page.pages.currentWidget() is page.empty
    assert "Open a workspace" in page.empty.text()


def test_every_finding_is_highlighted_in_its_category_colour(page: ReviewPage):
    assert page.artifact.kind is ArtifactKind.CHAT
    assert page.findings
    assert page.view.highlighted_ids() == {f.id for f in page.findings}
    phone = finding(page, "PHONE_NUMBER")
    start = page.view.doc_position_of(phone.id)
    selections = page.view.extraSelections()
    colours = [QColor(s.format.background().color()) for s in selections
               if s.cursor.selectionStart() == start]
    assert colours[-1] == category_of(phone).strong
    document = page.view.document()
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(start + len(phone.value), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == phone.value


def test_chat_shows_senders_times_and_placeholders(page: ReviewPage):
    text = page.view.document().toPlainText()
    for expected in ("张伟", "王芳", "李娜", "09:30", "[图片]", "[撤回了一条消息]"):
        assert expected in text


def test_email_shows_its_header_fields_and_body(page: ReviewPage, ws_path: Path):
    email = artifact_of(ws_path, ArtifactKind.EMAIL)
    page.ctx.artifact_requested.emit(email.id)
    assert page.artifact.id == email.id
    text = page.view.document().toPlainText()
    assert "From\t" in text and "Subject\t" in text and "To\t" in text
    assert "发布步骤见附件" in text
    assert page.view.highlighted_ids() == {f.id for f in page.findings}


def test_click_then_decide_persists(qtbot, page: ReviewPage, ws_path: Path):
    phone = finding(page, "PHONE_NUMBER")
    click_finding(qtbot, page, phone.id)
    assert page.selected == phone.id
    assert page.panel.finding.id == phone.id
    assert page.panel.value.text() == phone.value
    qtbot.mouseClick(page.panel.redact, Qt.MouseButton.LeftButton)
    assert stored(ws_path, phone.id).decision == "redact"
    assert finding(page, "PHONE_NUMBER").decision == "redact"


def test_apply_to_every_occurrence(qtbot, page: ReviewPage, ws_path: Path):
    phone = finding(page, "PHONE_NUMBER", "13812345678")
    click_finding(qtbot, page, phone.id)
    page.panel.all_occurrences.setChecked(True)
    qtbot.mouseClick(page.panel.redact, Qt.MouseButton.LeftButton)
    with Workspace.open(ws_path) as ws:
        same = [f for f in ws.findings() if f.value == "13812345678" and f.box is None]
    assert len({f.artifact_id for f in same}) >= 2  # the chat and the email
    assert all(f.decision == "redact" for f in same)
    assert "occurrences" in page.status.text()


def test_changes_made_elsewhere_show_up(page: ReviewPage, ws_path: Path):
    secret = finding(page, "SECRET")
    with Workspace.open(ws_path) as ws:
        ws.set_decisions([(secret.id, "redact")])
    page.ctx.data_changed.emit()
    assert finding(page, "SECRET").decision == "redact"


def test_a_name_inside_a_sensitive_sentence_is_picked_first(qtbot, page: ReviewPage):
    tom = finding(page, "PERSON", "Tom")
    click_finding(qtbot, page, tom.id)
    assert page.selected == tom.id
    assert "shown as" in page.panel.about.text()  # a colleague's alias is shown


def test_a_secret_cannot_be_kept(qtbot, page: ReviewPage, ws_path: Path, errors: list[str]):
    secret = finding(page, "SECRET")
    click_finding(qtbot, page, secret.id)
    assert not page.panel.keep.isEnabled()
    assert "always redacted" in page.panel.keep.toolTip()
    assert not page.panel.alias.isEnabled()
    page.decide("keep", False)
    assert errors and "cannot be kept" in errors[0]
    assert stored(ws_path, secret.id).decision == "pending"


def test_redact_a_selection_across_two_messages_then_undo(qtbot, page: ReviewPage,
                                                          ws_path: Path):
    text = page.artifact.text
    start = text.index("回滚脚本")
    end = text.index("收到。") + len("收到。")
    ranges = page.view.text_map.to_doc(start, end)
    assert len(ranges) == 2  # the second message's sender line sits in between
    cursor = QTextCursor(page.view.document())
    cursor.setPosition(ranges[0][0])
    cursor.setPosition(ranges[-1][1], QTextCursor.MoveMode.KeepAnchor)
    page.view.setTextCursor(cursor)
    assert page.act_redact.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_R)
    manual = [f for f in page.findings if f.detector == "manual"]
    assert len(manual) == 1
    assert manual[0].value == text[start:end]
    assert page.selected == manual[0].id
    assert page.panel.remove.isVisible()
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    written(qtbot, page)
    assert not [f for f in page.findings if f.detector == "manual"]
    with Workspace.open(ws_path) as ws:
        assert not [f for f in ws.findings() if f.detector == "manual"]


def test_preview_shows_placeholders_and_aliases_not_values(qtbot, page: ReviewPage):
    apply_policy(qtbot, page)
    page.act_preview.trigger()
    text = page.view.document().toPlainText()
    assert "13812345678" not in text and "AKIAIOSFODNN7EXAMPLE" not in text
    assert "[密钥]" in text and "同事" in text
    assert "张伟" not in text  # senders appear by alias
    assert page.view.extraSelections()  # what was replaced is marked
    assert not page.act_redact.isEnabled()
    page.act_preview.trigger()
    assert "13812345678" in page.view.document().toPlainText()


def test_approve_with_findings_pending_jumps_to_them(qtbot, page: ReviewPage, ws_path: Path,
                                                     errors: list[str]):
    chat_id = page.artifact.id
    first_pending = next(f.id for f in page.findings if f.decision == "pending")
    page.approve_and_next()
    written(qtbot, page)
    assert not errors  # no dialog: the first finding to decide is selected instead
    assert page.artifact.id == chat_id
    assert page.selected == first_pending and page.panel.finding.id == first_pending
    assert "still need a decision" in page.status.text()
    assert state_of(ws_path, chat_id) is ArtifactState.PENDING
    apply_policy(qtbot, page)
    page.approve_and_next()
    assert page.artifact.id != chat_id  # moved on at once, the approval runs behind
    written(qtbot, page)
    assert state_of(ws_path, chat_id) is ArtifactState.APPROVED


def test_approve_all_ready_is_one_undo_step(qtbot, page: ReviewPage, ws_path: Path):
    apply_policy(qtbot, page)
    page.act_approve_ready.trigger()
    written(qtbot, page)
    with Workspace.open(ws_path) as ws:
        states = {a.id: (a.kind, a.state) for a in ws.artifacts()}
    approved = {i for i, (_kind, state) in states.items() if state is ArtifactState.APPROVED}
    assert approved == {i for i, (kind, _state) in states.items()
                        if kind is not ArtifactKind.IMAGE}
    assert any(kind is ArtifactKind.IMAGE for kind, _state in states.values())
    assert "Approved" in page.status.text()
    page.act_undo.trigger()
    written(qtbot, page)
    with Workspace.open(ws_path) as ws:
        assert all(a.state is ArtifactState.PENDING for a in ws.artifacts())


def test_keyboard_approve_and_next_and_navigation(qtbot, page: ReviewPage, ws_path: Path):
    changed = []
    page.ctx.data_changed.connect(lambda: changed.append(1))
    apply_policy(qtbot, page)
    first = page.artifact.id
    qtbot.keyClick(page.view, Qt.Key.Key_A)
    assert page.artifact.id != first
    written(qtbot, page)
    assert state_of(ws_path, first) is ArtifactState.APPROVED
    assert changed
    second = page.artifact.id
    qtbot.keyClick(page.view, Qt.Key.Key_K)  # pending only: the approved one is skipped
    assert page.artifact.id != first
    page.pending_only.setChecked(False)
    page.ctx.artifact_requested.emit(second)
    qtbot.keyClick(page.view, Qt.Key.Key_K)
    assert page.artifact.id == first
    qtbot.keyClick(page.view, Qt.Key.Key_J)
    assert page.artifact.id == second
    qtbot.keyClick(page.view, Qt.Key.Key_X)
    written(qtbot, page)
    assert state_of(ws_path, second) is ArtifactState.EXCLUDED


def open_image(page: ReviewPage, ws_path: Path) -> None:
    image = artifact_of(ws_path, ArtifactKind.IMAGE)
    page.ctx.artifact_requested.emit(image.id)
    assert page.content.currentWidget() is page.canvas
    assert not page.canvas.image.isNull()


def screen_point(page: ReviewPage, x: int, y: int) -> QPoint:
    return page.canvas.to_screen((x, y, 0, 0)).topLeft().toPoint()


def test_draw_a_box_on_a_picture_then_delete_it(qtbot, page: ReviewPage, ws_path: Path):
    open_image(page, ws_path)
    canvas = page.canvas
    detector_boxes = len(canvas.boxes)
    # The right-hand side of the sample is blank: no OCR box lies there.
    a, b = screen_point(page, 600, 40), screen_point(page, 700, 120)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(canvas, QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2))
    qtbot.mouseMove(canvas, b)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=b)
    (box,) = [f for f in page.findings if f.detector == "manual"]
    x, y, w, h = box.box
    assert abs(x - 600) <= 2 and abs(y - 40) <= 2 and abs(w - 100) <= 3 and abs(h - 80) <= 3
    assert box.decision == "redact" and page.selected == box.id
    assert len(canvas.boxes) == detector_boxes + 1
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))  # off the picture
    assert canvas.selected is None and page.panel.finding is None
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=screen_point(page, 650, 80))
    assert canvas.selected == box.id
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    with Workspace.open(ws_path) as ws:
        assert not [f for f in ws.findings(page.artifact.id) if f.detector == "manual"]
    assert len(canvas.boxes) == detector_boxes


def test_a_box_you_drew_is_never_offered_to_keep_and_a_drag_past_the_edge_stops_there(
        qtbot, page: ReviewPage, ws_path: Path, errors: list[str]):
    """Which decisions a box allows comes from the review service (a redaction made by hand
    is never kept); the drag is held to the picture, so the image box rule accepts it."""
    open_image(page, ws_path)
    canvas = page.canvas
    width, height = canvas.image.width(), canvas.image.height()
    a = screen_point(page, width - 60, height - 50)
    beyond = QPoint(canvas.width() - 1, canvas.height() - 1)  # off the picture's corner
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(canvas, beyond)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=beyond)
    (box,) = [f for f in page.findings if f.detector == "manual"]
    x, y, w, h = box.box
    assert x + w == width and y + h == height and not errors
    assert page.selected == box.id and page.panel.finding.id == box.id
    assert not page.panel.keep.isEnabled() and "take it back" in page.panel.keep.toolTip()
    assert not page.panel.alias.isEnabled() and page.panel.redact.isEnabled()
    assert page.panel.remove.isVisibleTo(page.panel)


def test_a_detector_box_is_decided_not_removed(qtbot, page: ReviewPage, ws_path: Path):
    open_image(page, ws_path)
    if not [f for f in page.findings if f.box and f.detector != "manual"]:
        # Without OCR, a suggestion as the OCR step makes it.
        from workbench.core.workspace import NewFinding

        with Workspace.open(ws_path) as ws:
            ws.save_scan({page.artifact.id: [NewFinding(
                "PHONE_NUMBER", 0, 11, 0.9, "PhoneNumberRecognizer", "13812345678", "third_party",
                None, box=(263, 64, 188, 20))]}, "test")
        page.refresh()
    phone = next(f for f in page.findings if f.box and f.value == "13812345678")
    x, y, w, h = phone.box
    qtbot.mouseClick(page.canvas, Qt.MouseButton.LeftButton,
                     pos=screen_point(page, x + w // 2, y + h // 2))
    assert page.canvas.selected == phone.id and page.panel.finding.id == phone.id
    assert not page.panel.remove.isVisible()
    qtbot.keyClick(page.canvas, Qt.Key.Key_Delete)
    assert stored(ws_path, phone.id).decision == "keep"
    qtbot.mouseClick(page.panel.redact, Qt.MouseButton.LeftButton)
    assert stored(ws_path, phone.id).decision == "redact"


def test_image_preview_paints_the_boxes(qtbot, page: ReviewPage, ws_path: Path):
    open_image(page, ws_path)
    with Workspace.open(ws_path) as ws:
        ws.add_box_findings(page.artifact.id, [(20, 20, 120, 40)])
    page.refresh()
    assert page.canvas.image.pixelColor(60, 40) != QColor("black")
    page.act_preview.trigger()
    assert page.canvas.image.pixelColor(60, 40) == QColor("black")
    assert not page.canvas.boxes and not page.canvas.drawing_enabled


def test_text_map_round_trips_emoji_multiline_and_placeholders():
    segments = (Segment("hi 😀 there\nsecond line", sender="张伟", time="2024-03-04T09:30:00"),
                Segment("[图片]", sender="李娜", placeholder="image"),
                Segment("last 😀😀 one", sender="李娜"))
    row = ArtifactRow("x", ArtifactKind.CHAT, "t", "", "", ArtifactState.PENDING, None, None,
                      None, segments, {}, None)
    rendered = render_artifact(row, {"李娜"})
    text = row.text
    for offset, char in enumerate(text):
        if char == "\n":
            continue
        ((start, end),) = rendered.map.to_doc(offset, offset + 1)
        assert rendered.map.char_at(start) == offset
        cursor = QTextCursor(rendered.document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == char


def test_a_long_chat_is_built_quickly():
    segments = tuple(Segment(f"message {i} from 张伟, call 1381234{i:04d}", sender="张伟",
                             time="2024-03-04T09:30:00") for i in range(3000))
    row = ArtifactRow("x", ArtifactKind.CHAT, "t", "", "", ArtifactState.PENDING, None, None,
                      None, segments, {}, None)
    started = time.perf_counter()
    rendered = render_artifact(row, set())
    assert time.perf_counter() - started < 3.0
    assert len(rendered.map.pieces) == 3000


def test_the_chats_own_placeholders_are_not_marked_as_redactions(qtbot, page: ReviewPage):
    apply_policy(qtbot, page)
    assert page.artifact.kind is ArtifactKind.CHAT
    page.act_preview.trigger()
    document = page.view.document()
    text = document.toPlainText()
    assert "[图片]" in text and "[撤回了一条消息]" in text
    marked = {text[s.cursor.selectionStart():s.cursor.selectionEnd()]
              for s in page.view.extraSelections()}
    assert marked and "[密钥]" in marked
    assert not marked & {"[图片]", "[撤回了一条消息]"}


def test_the_chinese_review_page_fits_a_1366x768_screen(qtbot, ws_path: Path):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from workbench.gui.app import install_translators, remove_translators

    app = QApplication.instance()
    translators = install_translators(app, QLocale(QLocale.Language.Chinese,
                                                   QLocale.Country.China))
    try:
        ctx = AppContext()
        ctx.workspace_path = ws_path
        page = ReviewPage(ctx)
        qtbot.addWidget(page)
        assert page.act_approve.text() == "通过并下一条"
        page.resize(1160, 600)
        page.show()
        page.refresh()
        chat = artifact_of(ws_path, ArtifactKind.CHAT)
        page.show_artifact(chat.id)
        page.select_finding(finding(page, "PHONE_NUMBER").id)
        # 768 less a title bar, a task bar, the menu, the key-file notice and the status bar.
        assert page.minimumSizeHint().height() <= 560
    finally:
        remove_translators(app, translators)


def test_number_keys_decide_the_selected_finding_and_tab_reaches_its_buttons(
        qtbot, page: ReviewPage, ws_path: Path):
    phone = finding(page, "PHONE_NUMBER", "13812345678")
    click_finding(qtbot, page, phone.id)
    assert page.selected == phone.id
    qtbot.keyClick(page.view, Qt.Key.Key_1)
    assert stored(ws_path, phone.id).decision == "redact"
    qtbot.keyClick(page.view, Qt.Key.Key_3)
    assert stored(ws_path, phone.id).decision == "keep"
    secret = finding(page, "SECRET")
    page.select_finding(secret.id)
    qtbot.keyClick(page.view, Qt.Key.Key_3)  # a secret cannot be kept: the key does nothing
    assert stored(ws_path, secret.id).decision == "pending"
    page.select_finding(phone.id)
    page.view.setFocus()
    reached = set()
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.add(QApplication.focusWidget())
    # An exclusive group takes Tab at its checked button, arrows move within it.
    assert reached & {page.panel.redact, page.panel.alias, page.panel.keep}


def test_pressing_a_during_a_scan_approves_nothing(qtbot, page: ReviewPage, ws_path: Path):
    """Issue 15: while the workspace is being scanned, Approve is off (A does nothing), and
    it comes back when the scan ends."""
    import threading

    apply_policy(qtbot, page)
    first = page.artifact.id
    release = threading.Event()

    def scan_that_waits(progress, cancel):  # type: ignore[no-untyped-def]
        release.wait(10)

    task = page.ctx.run_task(scan_that_waits, "Scanning…")
    page.ctx.mark_scan(task)
    assert not page.act_approve.isEnabled()
    assert "scan is running" in page.approve_button.toolTip()
    qtbot.keyClick(page.view, Qt.Key.Key_A)
    page.act_approve.trigger()  # a disabled action does nothing, however it is reached
    with Workspace.open(ws_path) as ws:
        assert ws.artifact(first).state is ArtifactState.PENDING
    release.set()
    qtbot.waitUntil(lambda: not page.ctx.scanning, timeout=10_000)
    assert page.act_approve.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_A)
    written(qtbot, page)
    with Workspace.open(ws_path) as ws:
        assert ws.artifact(first).state is ArtifactState.APPROVED


def test_an_unscanned_item_cannot_be_approved(qtbot, page: ReviewPage, ws_path: Path):
    with Workspace.open(ws_path) as ws:
        ws.import_paths([FIXTURES / "docs/handover_notes.md"])
        new = next(a for a, _state in ws.artifact_states() if a not in page._states)
    page.ctx.artifact_requested.emit(new)
    assert page.artifact.id == new
    assert not page.act_approve.isEnabled()
    assert "not scanned yet" in page.approve_button.toolTip()
    qtbot.keyClick(page.view, Qt.Key.Key_A)
    with Workspace.open(ws_path) as ws:
        assert ws.artifact(new).state is ArtifactState.PENDING


def test_the_scan_key_the_gate_needs_is_worked_out_off_the_ui_thread(qtbot, ws_path: Path,
                                                                     errors, monkeypatch):
    """Working out the scan key transliterates every name seen: the item shows at once,
    Approve waits (saying why) until the key, worked out on a pool thread, arrives."""
    import threading

    from workbench.core.review import scan
    from workbench.core.services import reviewing

    real, workers, release = scan.current_scan_key, [], threading.Event()

    def slow_key(ws):  # type: ignore[no-untyped-def]
        workers.append(threading.current_thread())
        release.wait(10)
        return real(ws)

    monkeypatch.setattr(reviewing, "current_scan_key", slow_key)
    monkeypatch.setattr(scan, "_scan_keys", {})  # as after the people changed
    ctx = AppContext()
    ctx.workspace_path = ws_path
    page = ReviewPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.pages.currentIndex() == 1 and page.artifact is not None  # shown at once
    qtbot.waitUntil(lambda: bool(workers))
    assert workers[0] is not threading.main_thread()
    assert page.checking and not page.act_approve.isEnabled()
    assert "Checking whether this item can be approved" in page.approve_button.toolTip()
    release.set()
    qtbot.waitUntil(lambda: not page.checking, timeout=15_000)
    apply_policy(qtbot, page)
    assert page.act_approve.isEnabled()
    assert not errors


def test_moving_on_by_keyboard_draws_the_item_in_turns_and_drops_an_overtaken_one(
        qtbot, page: ReviewPage):
    """J shows where you are at once; the text, its highlights and the findings list follow,
    each in its own turn of the event loop. Moving again before they are drawn drops the
    rest of the item moved past: only the item you land on is drawn."""
    page.pending_only.setChecked(False)
    first = page.artifact.id
    page.go_next()
    second = page.artifact.id
    assert second != first and page.drawing
    assert page.title_label.text() == page.artifact.title  # where you are, at once
    assert page.position_label.text().startswith("2 of")
    assert page.view.document().isEmpty()  # never the last item's text under the new title
    assert page.view.placeholderText() == ""  # nor "This item has no text."
    assert not page.panel.isEnabled()  # nor its findings to click
    page.go_next()
    third = page.artifact.id
    assert third != second
    qtbot.waitUntil(lambda: not page.drawing, timeout=5_000)
    assert page._shown_id == third and page.panel.isEnabled()
    assert page.view.placeholderText() == "This item has no text."
    assert page.view.highlighted_ids() == {f.id for f in page.findings if f.box is None
                                           and page.view.text_map.to_doc(f.start, f.end)}
    assert set(page.panel._findings) == {f.id for f in page.findings}


def test_a_text_is_built_in_one_turn_and_laid_out_in_the_next(qtbot, page: ReviewPage):
    """Building a long chat's document and laying it out in the view are each a few tens of
    milliseconds on a busy machine: they go in turns of their own."""
    page.pending_only.setChecked(False)
    page.go_next()
    moved_to = page.artifact.id
    generation = page._draw_generation
    page._next_stage(generation)  # the build
    assert page._built is not None and page._built[0] == moved_to
    assert page.view.document().isEmpty() and page._shown_id is None
    built = page._built[1].document
    page._next_stage(generation)  # the layout: the document just built, not another
    assert page._shown_id == moved_to and page.view.document() is built
    assert page._built is None
    qtbot.waitUntil(lambda: not page.drawing, timeout=5_000)
    assert page.panel.isEnabled()


def test_utf16_lengths_count_characters_beyond_the_bmp_twice():
    from workbench.gui.review.document import has_astral, utf16_len

    for text in ("", "abc", "中文 text", "a😀b", "😀😀", "\uffff", "\U00010000", "🇨🇳 ok"):
        assert utf16_len(text) == len(text.encode("utf-16-le")) // 2
        assert has_astral(text) == any(ord(c) > 0xFFFF for c in text)
