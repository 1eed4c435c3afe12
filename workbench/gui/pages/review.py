"""The Review page: one artifact at a time with its findings highlighted; deciding, redacting
by hand, previewing the export, approving or excluding, and moving on — by keyboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QRegularExpression, Qt, QThreadPool, QTimer
from PySide6.QtGui import (
    QAction,
    QImage,
    QKeySequence,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core import messages
from workbench.core.errors import WorkbenchError
from workbench.core.services import reviewing
from workbench.core.services.reviewing import (
    ArtifactRow,
    Blocker,
    ReviewItem,
    StoredFinding,
    TakenBack,
    Workspace,
)
from workbench.gui.artifact_model import kind_label, state_label
from workbench.gui.context import AppContext
from workbench.gui.pages.base import Page
from workbench.gui.qt_types import layout_of
from workbench.gui.review.document import Rendered, render_artifact, render_preview
from workbench.gui.review.finding_panel import FindingPanel
from workbench.gui.review.finding_view import FindingView
from workbench.gui.review.image_canvas import (
    ImageCanvas,
    canvas_boxes,
    to_qimage,
)
from workbench.gui.review.legend import Legend
from workbench.gui.tasks import Task

if TYPE_CHECKING:
    from PIL import Image

    from workbench.core.progress import CancelToken, ProgressCallback

T = TypeVar("T")

# Preview marks: typed placeholders ("[PHONE]", "[同事A的电话]") and aliases.
PLACEHOLDER_PATTERN = r"\[[^\[\]\n]{1,40}\]"
STATE_COLOURS = {"pending": "#b06000", "approved": "#188038", "excluded": "#5f6368"}


class ReviewPage(Page):
    key = "review"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._index: list[str] = []  # artifact ids in workspace order
        self._states: dict[str, str] = {}
        self._self_senders: set[str] = set()
        self._item: ReviewItem | None = None  # the open item as the review service read it
        self.artifact: ArtifactRow | None = None
        self.findings: list[StoredFinding] = []
        # What stops approving the open item (None: not known yet, being worked out).
        self._gate: tuple[Blocker, ...] | None = ()
        self.selected: int | None = None
        self._shown_id: str | None = None  # whose document/picture is built
        self._picture: tuple[str, Image.Image] | None = None  # (blob, upright picture)
        self._dirty = True
        self._emitting = False
        self._stages: list[Callable[[], None]] = []  # parts still to draw, in order
        self._built: tuple[str, Rendered] | None = None  # a text built, not shown yet
        self._draw_generation = 0
        # Approvals, undo and whole-workspace decisions run one after another, off the UI
        # thread, in the order they were asked for: an undo never overtakes the approval
        # before it.
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._writing = 0
        self._senders_task: Task | None = None
        self._key_task: Task | None = None

        self._build_actions()
        self._build_ui()
        ctx.artifact_requested.connect(self.show_artifact)
        ctx.workspace_changed.connect(self._workspace_changed)
        ctx.data_changed.connect(self._data_changed)
        ctx.scan_state_changed.connect(self._scan_state_changed)
        self._show_empty()

    def title(self) -> str:
        return self.tr("Review")

    # -- building --------------------------------------------------------------------------

    def _action(self, text: str, keys: list[str], slot: Callable[..., object],
                tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        # Window-wide while this page is visible (a hidden page's actions do not fire).
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        shown = " / ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                           for k in keys)
        action.setToolTip(f"{tip or text} ({shown})" if keys else (tip or text))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_previous = self._action(self.tr("Previous"), ["K", "Alt+Up"], self.go_previous,
                                         self.tr("Previous item"))
        self.act_next = self._action(self.tr("Next"), ["J", "Alt+Down"], self.go_next,
                                     self.tr("Next item"))
        self.act_approve = self._action(self.tr("Approve and next"), ["A", "Ctrl+Return"],
                                        self.approve_and_next,
                                        self.tr("Approve this item as it will be exported, "
                                                "then go to the next"))
        self.act_exclude = self._action(self.tr("Exclude and next"), ["X", "Ctrl+Delete"],
                                        self.exclude_and_next,
                                        self.tr("Leave this item out of the export, then go "
                                                "to the next"))
        self.act_redact = self._action(self.tr("Redact selection"), ["R"],
                                       lambda: self.redact_selection(False),
                                       self.tr("Redact the selected text"))
        self.act_redact_all = self._action(self.tr("Redact this text everywhere"), ["Shift+R"],
                                           lambda: self.redact_selection(True),
                                           self.tr("Redact the selected text wherever it "
                                                   "appears in the workspace"))
        self.act_undo = self._action(self.tr("Undo"), ["Ctrl+Z"], self.undo,
                                     self.tr("Undo the last review action"))
        self.act_preview = self._action(self.tr("Preview export"), ["P"], self._preview_toggled,
                                        self.tr("Show exactly what will be exported"))
        self.act_preview.setCheckable(True)
        self.act_next_finding = self._action(self.tr("Next finding to decide"), ["N"],
                                             self.select_next_pending)
        # The selected finding's three choices, by key as by button (Tab reaches the buttons).
        self.act_decide = {
            decision: self._action(text, [key], lambda _=False, d=decision: self._decide_key(d),
                                   tip)
            for decision, text, key, tip in (
                ("redact", self.tr("Redact finding"), "1",
                 self.tr("Redact the selected finding")),
                ("pseudonymise", self.tr("Use alias for finding"), "2",
                 self.tr("Replace the selected finding with its alias")),
                ("keep", self.tr("Keep finding"), "3", self.tr("Keep the selected finding")))}
        self.act_approve_ready = self._action(
            self.tr("Approve all ready"), [], self.approve_ready,
            self.tr("Approve, as one step you can undo, every item with nothing left to "
                    "decide (pictures still need you to look at them)"))
        self.act_policy = self._action(self.tr("Apply default policy"), [],
                                       self.apply_default_policy,
                                       self.tr("Decide every finding that still needs a "
                                               "decision, in all items, by the default rules: "
                                               "secrets and ID numbers redacted, colleagues "
                                               "replaced by aliases, your own name kept"))

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _build_ui(self) -> None:
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        # Header: where we are and what this is.
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta_label = QLabel()
        self.position_label = QLabel()
        self.pending_only = QCheckBox(self.tr("Pending only"))
        self.pending_only.setChecked(True)
        self.pending_only.setToolTip(self.tr("Next and Previous skip items that are already "
                                             "approved or excluded."))
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title_label)
        titles.addWidget(self.meta_label)
        header = QHBoxLayout()
        header.addWidget(self._button(self.act_previous))
        header.addWidget(self._button(self.act_next))
        header.addSpacing(8)
        header.addLayout(titles, 1)
        header.addWidget(self.position_label)
        header.addSpacing(8)
        header.addWidget(self.pending_only)

        # Tools: what can be done to this artifact.
        redact = self._button(self.act_redact)
        menu = QMenu(redact)
        menu.addAction(self.act_redact_all)
        redact.setMenu(menu)
        redact.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.redact_button = redact
        self.approve_button = self._button(self.act_approve)
        self.approve_button.setStyleSheet("font-weight: bold;")
        self.exclude_button = self._button(self.act_exclude)
        tools = QHBoxLayout()
        for button in (redact, self._button(self.act_undo), self._button(self.act_preview),
                       self._button(self.act_policy), self._button(self.act_approve_ready)):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.exclude_button)
        tools.addWidget(self.approve_button)

        # Body: the artifact on the left, the finding panel on the right.
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.view = FindingView()
        # Read-only: Tab moves on to the finding's buttons instead of staying in the text.
        self.view.setTabChangesFocus(True)
        self._no_text = self.tr("This item has no text.")
        self.view.setPlaceholderText(self._no_text)
        self.view.char_clicked.connect(self._char_clicked)
        self.view.selectionChanged.connect(self._update_actions)
        self.canvas = ImageCanvas()
        self.canvas.box_drawn.connect(self._box_drawn)
        self.canvas.box_clicked.connect(lambda i: self.select_finding(None if i < 0 else i))
        self.canvas.delete_requested.connect(self._delete_box)
        self.content = QStackedWidget()
        self.content.addWidget(self.view)
        self.content.addWidget(self.canvas)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.banner)
        left_layout.addWidget(self.content, 1)

        self.legend = Legend()
        self.panel = FindingPanel()
        panel_layout = layout_of(self.panel)
        assert isinstance(panel_layout, QBoxLayout)
        panel_layout.insertWidget(0, self.legend)
        self.panel.decide_requested.connect(self.decide)
        self.panel.remove_requested.connect(lambda: self._delete_box(self.selected))
        self.panel.finding_chosen.connect(lambda i: self.select_finding(i, reveal=True))
        self.panel.setMinimumWidth(300)
        # Scrolls rather than grows: with a finding selected, the legend, its details and the
        # list are taller than a 1366×768 screen leaves for them (Chinese glyphs most of all).
        panel_scroll = QScrollArea()
        panel_scroll.setWidget(self.panel)
        panel_scroll.setWidgetResizable(True)
        panel_scroll.setFrameShape(QFrame.Shape.NoFrame)
        panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel_scroll.setMinimumWidth(320)
        self.panel_scroll = panel_scroll

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(panel_scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([820, 340])
        splitter.setChildrenCollapsible(False)

        self.hint = QLabel(self.tr("Keys: J / K next / previous · A approve and next · X exclude "
                                   "and next · N next finding · 1 / 2 / 3 redact / alias / keep "
                                   "it · R redact selection · P preview · Ctrl+Z undo"))
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(header)
        body_layout.addLayout(tools)
        body_layout.addWidget(splitter, 1)
        body_layout.addWidget(self.status)
        body_layout.addWidget(self.hint)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # -- loading -----------------------------------------------------------------------------

    def _scan_state_changed(self, running: bool) -> None:
        if not running and self.artifact is not None and self.isVisible():
            self._reload(self.artifact.id)  # the scan's findings, and the gate's new answer
            self._render()
        self._update_actions()

    def _workspace_changed(self, _path: Path | None) -> None:
        self._index, self._states = [], {}
        self._item, self.artifact, self.findings, self.selected = None, None, [], None
        self._shown_id, self._picture = None, None
        self._dirty = True
        if self.isVisible():
            self.refresh()
        else:
            self._show_empty()

    def _data_changed(self) -> None:
        """Another page (or a finished scan) changed something: show it now if we are on
        screen, else when we are next shown."""
        if self._emitting:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def refresh(self) -> None:
        if self._emitting:
            return  # our own change: already shown
        if self.ctx.workspace_path is None:
            self._show_empty()
            return
        if not self._load_index():
            return
        current = self.artifact.id if self.artifact else None
        if current not in self._states:
            current = self._first_to_review()
        if current is None:
            self._show_empty()
            return
        self._open(current)

    def _load_index(self) -> bool:
        try:
            with self.ctx.workspace() as ws:
                rows = reviewing.item_states(ws)
                known = reviewing.known_self_senders(ws)
            if known is None:
                self._work_out_senders()
            else:
                self._self_senders = set(known)
        except WorkbenchError as exc:
            self.ctx.show_error(str(exc))
            return False
        self._index = [artifact_id for artifact_id, _state in rows]
        self._states = {artifact_id: state.value for artifact_id, state in rows}
        self._dirty = False
        return True

    def _work_out_senders(self) -> None:
        """Which chat senders are the employee, worked out off the UI thread (pinyin for
        every name seen takes a while); the item is drawn again when they are known."""
        path = self.ctx.workspace_path
        if path is None or self._senders_task is not None:
            return

        def work(_progress: ProgressCallback, _cancel: CancelToken) -> set[str]:
            with Workspace.open(path) as ws:
                return set(reviewing.self_senders(ws))

        def known(names: set[str]) -> None:
            self._senders_task = None
            if path != self.ctx.workspace_path:
                return
            self._self_senders = names
            if self.artifact is not None and self.pages.currentIndex() == 1:
                self._shown_id = None
                self._render()

        def failed(_message: str) -> None:
            self._senders_task = None

        task = Task(work)
        task.signals.succeeded.connect(known)
        task.signals.failed.connect(failed)
        self._senders_task = task.start()

    @property
    def checking(self) -> bool:
        """Something the page shows is still being worked out off the UI thread (the scan key
        the gate needs, or which chat senders are the employee)."""
        return self._key_task is not None or self._senders_task is not None

    def _work_out_scan_key(self) -> None:
        """The scan key the gate compares with, worked out off the UI thread (pinyin for every
        name seen); then the open item is checked again."""
        path = self.ctx.workspace_path
        if path is None or self._key_task is not None:
            return

        def work(_progress: ProgressCallback, _cancel: CancelToken) -> None:
            with Workspace.open(path) as ws:
                reviewing.prepare_gate(ws)

        def known(_result: object) -> None:
            self._key_task = None
            # Checked again from what is stored now (in another workspace by now, perhaps:
            # then its own key is worked out next).
            if self.ctx.workspace_path is not None and self.artifact is not None \
                    and self._reload(self.artifact.id):
                self._render()

        def failed(_message: str) -> None:
            self._key_task = None

        task = Task(work)
        task.signals.succeeded.connect(known)
        task.signals.failed.connect(failed)
        self._key_task = task.start()

    def _first_to_review(self) -> str | None:
        pending = [i for i in self._index if self._states[i] == "pending"]
        order = pending or self._index
        return order[0] if order else None

    def _show_empty(self) -> None:
        if self.ctx.workspace_path is None:
            self.empty.setText(self.tr("Open a workspace to start reviewing."))
        else:
            self.empty.setText(self.tr("This workspace has nothing to review yet. Import your "
                                       "chats, emails, documents or pictures first."))
        self.pages.setCurrentIndex(0)
        self._update_actions()

    def show_artifact(self, artifact_id: str) -> None:
        """Open this artifact (asked for by another page)."""
        if self.ctx.workspace_path is None:
            return
        if (self._dirty or artifact_id not in self._states) and not self._load_index():
            return
        if artifact_id not in self._states:
            self.ctx.show_error(self.tr("This item is no longer in the workspace."))
            return
        self._open(artifact_id)
        self.ctx.page_requested.emit(self.key)

    def _open(self, artifact_id: str, staged: bool = False) -> None:
        if self.artifact is None or self.artifact.id != artifact_id:
            self.selected = None
        if not self._reload(artifact_id):
            return
        self.pages.setCurrentIndex(1)
        if staged and not self.is_image and not self.previewing:
            self._render_staged()
        else:
            self._render()

    def _reload(self, artifact_id: str) -> bool:
        """Read the artifact and its findings again (quick: one artifact)."""
        try:
            with self.ctx.workspace() as ws:
                # The gate's answer from stored state: Approve is offered only if it agrees
                # (open findings aside: pressing Approve then leads to them). It needs the
                # scan key, which takes a while to work out after the people changed: that
                # is done off the UI thread, and Approve waits for it.
                item = reviewing.open_item(ws, artifact_id, wait=False)
        except WorkbenchError as exc:
            self.ctx.show_error(str(exc))
            return False
        self._item, self.artifact, self.findings = item, item.artifact, list(item.findings)
        self._gate = item.blocked_besides_deciding
        if self._gate is None:
            self._work_out_scan_key()
        self._states[artifact_id] = self.artifact.state.value
        if self.selected is not None and all(f.id != self.selected for f in self.findings):
            self.selected = None
        return True

    # -- drawing -----------------------------------------------------------------------------

    @property
    def previewing(self) -> bool:
        return self.act_preview.isChecked()

    @property
    def is_image(self) -> bool:
        return self._item is not None and self._item.is_picture

    @property
    def drawing(self) -> bool:
        """Parts of the item moved to are still to be drawn (see `_render_staged`)."""
        return bool(self._stages)

    def _render_staged(self) -> None:
        """Moving through the items by keyboard: where we are and what the keys will do at
        once, then the text, its highlights and the findings list, each in its own turn of
        the event loop, so the window answers in between (each takes a few milliseconds per
        hundred messages; together, on a busy machine, they would be a stall). A move made
        meanwhile drops the parts not drawn yet."""
        # The last item's text goes at once: a click or a selection on it must never be
        # taken for a place in this one.
        if self._shown_id != self.artifact.id:  # type: ignore[union-attr]
            self.view.setPlaceholderText("")  # its text is coming, not missing
            self.view.show_document(QTextDocument(), None)
            self._shown_id = None
        self.panel.setEnabled(False)  # the last item's findings until the list is redrawn
        self._render_header()
        self._update_actions()
        self._stages = [self._stage_build, self._stage_text, self._stage_highlights,
                        self._stage_findings]
        self._draw_generation += 1
        generation = self._draw_generation
        QTimer.singleShot(0, lambda: self._next_stage(generation))

    def _next_stage(self, generation: int) -> None:
        if generation != self._draw_generation or not self._stages or self.artifact is None:
            return  # overtaken by another move or a full render
        self._stages.pop(0)()
        if self._stages:
            QTimer.singleShot(0, lambda: self._next_stage(generation))

    def _stage_build(self) -> None:
        """Build the text in one turn and lay it out in the next (`_stage_text`): together,
        for a long chat on a busy machine, they would be a stall."""
        assert self.artifact is not None
        if self._shown_id != self.artifact.id:
            self._built = (self.artifact.id, render_artifact(
                self.artifact, self._self_senders, self.view.font()))

    def _stage_text(self) -> None:
        assert self.artifact is not None
        self.content.setCurrentWidget(self.view)
        self._render_banner()
        built, self._built = self._built, None
        if self._shown_id != self.artifact.id:
            rendered = built[1] if built is not None and built[0] == self.artifact.id \
                else render_artifact(self.artifact, self._self_senders, self.view.font())
            self.view.show_document(rendered.document, rendered.map)
            self._shown_id = self.artifact.id
        self.view.setPlaceholderText(self._no_text)

    def _stage_highlights(self) -> None:
        self.view.highlight(self.findings, self.selected)

    def _stage_findings(self) -> None:
        self.legend.set_findings(self.findings)
        self.panel.set_findings(self.findings, self.selected, self._alias_of)
        self.panel.setEnabled(True)
        self._update_actions()

    def _render(self) -> None:
        """Bring every part of the page up to date with the loaded artifact and findings.
        The text document is rebuilt only for another artifact or a preview."""
        artifact = self.artifact
        self._stages, self._built = [], None  # everything is drawn here
        self._draw_generation += 1
        self.panel.setEnabled(True)
        self.view.setPlaceholderText(self._no_text)
        if artifact is None:
            return
        if self.is_image:
            self.content.setCurrentWidget(self.canvas)
            self._render_picture()
        else:
            self.content.setCurrentWidget(self.view)
            self._render_text()
        self._render_header()
        self.legend.set_findings(self.findings)
        self.panel.set_findings(self.findings, self.selected, self._alias_of)
        self._update_actions()

    def _render_text(self) -> None:
        assert self.artifact is not None
        if self.previewing:
            self._render_preview_text()
            self._shown_id = None
            pending = sum(1 for f in self.findings if f.decision == "pending")
            text = self.tr("Preview: this is exactly what will be exported. Turn the preview "
                           "off (P) to change decisions.")
            if pending:
                text += " " + self.tr("%n finding(s) still need a decision and are shown "
                                      "unchanged.", "", pending)
            self.banner.setText(text)
            self.banner.setStyleSheet("background: #fef7e0; padding: 6px;")
            return
        self._render_banner()
        if self._shown_id != self.artifact.id:
            rendered = render_artifact(self.artifact, self._self_senders, self.view.font())
            self.view.show_document(rendered.document, rendered.map)
            self._shown_id = self.artifact.id
        self.view.highlight(self.findings, self.selected)

    def _render_banner(self) -> None:
        self.banner.setText(self.tr("Click a coloured passage to decide about it. Select any "
                                    "other text and press R to redact it."))
        self.banner.setStyleSheet("color: palette(placeholder-text); padding: 2px;")

    def _render_preview_text(self) -> None:
        assert self.artifact is not None
        try:
            with self.ctx.workspace() as ws:
                redacted = reviewing.preview(ws, self.artifact.id)
        except WorkbenchError as exc:
            self.ctx.show_error(str(exc))
            return
        mine = [s.sender in self._self_senders for s in self.artifact.segments]
        document = render_preview(redacted.segments, mine, self.view.font())
        self.view.show_document(document, None)
        self.view.mark(self._replacement_ranges(document))

    def _replacement_ranges(self, document: QTextDocument) -> list[tuple[int, int]]:
        names = set(self._item.aliases.values()) if self._item is not None else set()
        alternatives = [PLACEHOLDER_PATTERN] + [QRegularExpression.escape(n)
                                                for n in sorted(names, key=len, reverse=True)
                                                if n]
        pattern = QRegularExpression("|".join(alternatives))
        ranges = []
        cursor = document.find(pattern, 0)
        while not cursor.isNull():
            # The chat's own stand-ins ("[图片]", "[撤回了一条消息]") were never redactions.
            if not reviewing.is_chat_stand_in(cursor.selectedText()):
                ranges.append((cursor.selectionStart(), cursor.selectionEnd()))
            cursor = document.find(pattern, cursor)
        return ranges

    def _render_picture(self) -> None:
        assert self.artifact is not None
        self.canvas.drawing_enabled = not self.previewing
        if self.previewing:
            self.banner.setText(self.tr("Preview: the picture as it will be exported, with the "
                                        "covered areas painted over."))
            self.banner.setStyleSheet("background: #fef7e0; padding: 6px;")
        else:
            self.banner.setText(self.tr("Drag across the picture to cover an area. Click a box "
                                        "to select it; Delete removes it."))
            self.banner.setStyleSheet("color: palette(placeholder-text); padding: 2px;")
        upright = self._upright_picture()
        if upright is None:
            self.canvas.set_boxes([], None)
            return
        if self.previewing:
            try:
                with self.ctx.workspace() as ws:
                    painted = reviewing.painted_picture(ws, self.artifact.id, upright)
            except WorkbenchError as exc:
                self.ctx.show_error(str(exc))
                return
            self.canvas.set_image(to_qimage(painted))
            self.canvas.set_boxes([], None)
            self._shown_id = None
            return
        if self._shown_id != self.artifact.id:
            self.canvas.set_image(to_qimage(upright))
            self._shown_id = self.artifact.id
        self.canvas.set_boxes(canvas_boxes(self.findings), self.selected)

    def _upright_picture(self) -> Image.Image | None:
        assert self.artifact is not None
        blob = self.artifact.image_blob or ""
        if self._picture is None or self._picture[0] != blob:
            try:
                with self.ctx.workspace() as ws:
                    self._picture = (blob, reviewing.picture(ws, self.artifact.id))
            except WorkbenchError as exc:
                self._picture = None
                self._shown_id = None
                self.canvas.set_image(QImage(), self.tr(
                    "This picture could not be opened: {0}").format(exc))
                return None
        return self._picture[1]

    def _render_header(self) -> None:
        artifact = self.artifact
        assert artifact is not None
        self.title_label.setText(artifact.title)
        self.title_label.setToolTip(artifact.title)
        state = artifact.state.value
        parts = [kind_label(artifact.kind.value)]
        if artifact.started_at:
            parts.append(artifact.started_at[:16].replace("T", " "))
        colour = STATE_COLOURS.get(state, "#5f6368")
        self.meta_label.setText(" · ".join(parts)
                                + f' · <b style="color:{colour}">{state_label(state)}</b>')
        position = self._index.index(artifact.id) + 1 if artifact.id in self._states else 0
        pending = sum(1 for s in self._states.values() if s == "pending")
        self.position_label.setText(self.tr("{0} of {1} · {2} pending").format(
            position, len(self._index), pending))

    def _alias_of(self, finding: StoredFinding) -> str | None:
        return self._item.alias_of(finding) if self._item is not None else None

    def _update_actions(self) -> None:
        has = self.artifact is not None and self.pages.currentIndex() == 1
        for action in (self.act_previous, self.act_next, self.act_approve, self.act_exclude,
                       self.act_preview, self.act_next_finding):
            action.setEnabled(has)
        self.act_undo.setEnabled(self.ctx.workspace_path is not None)
        self.act_policy.setEnabled(self.ctx.workspace_path is not None and not self.ctx.scanning)
        self.act_approve_ready.setEnabled(self.ctx.workspace_path is not None
                                          and not self.ctx.scanning)
        text_mode = has and not self.is_image and not self.previewing
        can_redact = text_mode and self.view.textCursor().hasSelection()
        self.act_redact.setEnabled(can_redact)
        self.act_redact_all.setEnabled(can_redact)
        if has:
            assert self.artifact is not None  # `has` says an item is open
            state = self._states.get(self.artifact.id)
            scanning = self.ctx.scanning
            self.act_approve.setEnabled(state != "approved" and not scanning
                                        and self._gate == ())
            self.act_exclude.setEnabled(state != "excluded")
            if scanning:
                why = self.tr("A scan is running: approve once it has finished.")
            elif self._gate is None:
                why = self.tr("Checking whether this item can be approved…")
            elif self._gate:
                why = self.tr("Cannot approve: {0}.").format(
                    "; ".join(b.reason for b in self._gate))
            else:
                why = self.tr("Approve this item as it will be exported, then go to the next")
            self.act_approve.setToolTip(why)
            self.approve_button.setToolTip(why)

    # -- selecting findings --------------------------------------------------------------------

    def _char_clicked(self, position: int) -> None:
        if self.previewing:
            return
        offset = self.view.text_map.char_at(position)
        hits = [] if offset is None else [f for f in self.findings
                                         if f.box is None and f.start <= offset < f.end]
        # The innermost finding: a name inside a sensitive sentence is the name.
        chosen = min(hits, key=lambda f: f.end - f.start) if hits else None
        self.select_finding(chosen.id if chosen else None)

    def select_finding(self, finding_id: int | None, reveal: bool = False) -> None:
        self.selected = finding_id
        if self.is_image:
            if not self.previewing:
                self.canvas.set_boxes(canvas_boxes(self.findings), finding_id)
        elif not self.previewing:
            self.view.highlight(self.findings, finding_id)
            if reveal and finding_id is not None:
                self.view.reveal(finding_id)
        self.panel.select(finding_id)

    def select_next_pending(self) -> None:
        pending = [f for f in self.findings if f.decision == "pending"]
        if not pending:
            self._say(self.tr("Every finding in this item has a decision."))
            return
        ids = [f.id for f in pending]
        after = [i for i in ids if self.selected is None or i > self.selected]
        self.select_finding((after or ids)[0], reveal=True)

    # -- changes ---------------------------------------------------------------------------------

    def _changed(self, reload_states: bool = False) -> None:
        """After any change: show it, then tell the other pages."""
        if reload_states:
            self._load_index()
        if self.artifact is not None and self._reload(self.artifact.id):
            self._render()
        self._emitting = True
        try:
            self.ctx.data_changed.emit()
        finally:
            self._emitting = False

    def _run(self, work: Callable[[Workspace], T]) -> T | None:
        """A quick write on the UI thread; a refusal becomes the usual dialog."""
        try:
            with self.ctx.workspace() as ws:
                return work(ws)
        except WorkbenchError as exc:
            self.ctx.show_error(str(exc))
            return None

    def _decide_key(self, decision: str) -> None:
        """1 / 2 / 3: as a click on the panel's button, if that choice is open here."""
        button = {"redact": self.panel.redact, "pseudonymise": self.panel.alias,
                  "keep": self.panel.keep}[decision]
        if self.selected is None or self.previewing or not button.isEnabled() \
                or not button.isVisibleTo(self):
            return
        button.click()

    def decide(self, decision: str, all_occurrences: bool) -> None:
        if self.selected is None:
            return
        finding_id = self.selected
        count = self._run(lambda ws: reviewing.decide(ws, finding_id, decision,
                                                      all_occurrences))
        if count is None:
            self.panel.select(self.selected)  # undo the button's checked look
            return
        if count > 1:
            self._say(self.tr("Decided {0} occurrences.").format(count))
        self._changed()

    def _delete_box(self, finding_id: int | None) -> None:
        """A box or selection you made is removed; a detector's box is decided "keep" (it
        stays as a suggestion you turned down)."""
        finding = next((f for f in self.findings if f.id == finding_id), None)
        if finding is None or self.previewing:
            return
        taken = self._run(lambda ws: reviewing.take_back(ws, finding.id))
        if taken is TakenBack.REMOVED:
            self.selected = None
        if taken is not None:
            self._changed()

    def _box_drawn(self, box: tuple[int, int, int, int]) -> None:
        if self.artifact is None or self.previewing:
            return
        artifact_id = self.artifact.id
        ids = self._run(lambda ws: reviewing.redact_area(ws, artifact_id, box))
        if ids:
            self.selected = ids[0]
            self._changed()

    def redact_selection(self, everywhere: bool = False) -> None:
        if self.artifact is None or self.is_image or self.previewing:
            return
        span = self.view.selection_span()
        if span is None:
            self._say(self.tr("Select some of the item's text first."))
            return
        artifact_id = self.artifact.id
        ids = self._run(lambda ws: reviewing.redact_text(ws, artifact_id, span[0], span[1],
                                                         everywhere))
        if ids is None:
            return
        cursor = self.view.textCursor()
        cursor.clearSelection()
        self.view.setTextCursor(cursor)
        if everywhere:
            self._say(self.tr("Redacted {0} occurrences.").format(len(ids)))
        self.selected = ids[0] if ids else self.selected
        self._changed()

    def _write(self, work: Callable[[Workspace, ProgressCallback, CancelToken], T], label: str,
               done: Callable[[T], None],
               failed: Callable[[str], None] | None = None) -> Task | None:
        """Run `work(ws, progress, cancel)` on the serial writer, off the UI thread."""
        path = self.ctx.workspace_path
        if path is None:
            return None

        def run(progress: ProgressCallback, cancel: CancelToken) -> T:
            with Workspace.open(path) as ws:
                return work(ws, progress, cancel)

        def finished(*_args: object) -> None:
            self._writing -= 1
            self._update_actions()

        self._writing += 1
        task = self.ctx.run_task(run, label, done, failed, pool=self._writer)
        for signal in (task.signals.succeeded, task.signals.failed, task.signals.cancelled):
            signal.connect(finished)
        return task

    def undo(self) -> None:
        def done(undone: reviewing.Undone) -> None:
            if not undone.count:
                self._say(self.tr("Nothing to undo."))
                return
            self._say(str(undone.message()))
            self._changed(reload_states=True)

        self._write(lambda ws, _p, _c: reviewing.undo(ws), self.tr("Undoing…"), done)

    def apply_default_policy(self) -> None:
        def work(ws: Workspace, _progress: ProgressCallback,
                 _cancel: CancelToken) -> reviewing.PolicyResult:
            return reviewing.apply_default_policy(ws)

        def done(result: reviewing.PolicyResult) -> None:
            if result.unscanned:
                names = str(messages.first_few(result.unscanned))
                self.ctx.show_error(self.tr(
                    "%n item(s) are not scanned yet ({0}): press “Scan for personal data” on "
                    "the Materials page first, then apply the default policy.", "",
                    len(result.unscanned)).format(names))
                return
            self._say(self.tr("The default policy decided %n finding(s).", "", result.decided))
            self._changed()

        self.act_policy.setEnabled(False)
        self._write(work, self.tr("Applying the default policy…"), done)

    def approve_ready(self) -> None:
        def done(count: int) -> None:
            self._say(self.tr("Approved %n item(s) with nothing left to decide. Undo (Ctrl+Z) "
                              "takes them all back.", "", count) if count else
                      self.tr("No item is ready: each one left has a finding to decide, or "
                              "is a picture to look at."))
            self._changed(reload_states=True)

        self.act_approve_ready.setEnabled(False)
        self._write(reviewing.approve_ready, self.tr("Approving the items that are ready…"), done)

    def approve_and_next(self) -> None:
        """Approve in the background and move on at once. An item with findings still to
        decide is not approved: the first of them is selected instead."""
        if self.artifact is None:
            return
        pending = sum(1 for f in self.findings if f.decision == "pending")
        if pending:
            self.select_next_pending()
            self._say(self.tr("%n finding(s) in this item still need a decision: the first is "
                              "selected. Decide them, then approve.", "", pending))
            return
        artifact_id = self.artifact.id
        self._set_state_later(artifact_id, "approved",
                              lambda ws, _p, _c: reviewing.approve(ws, artifact_id))
        self._say(self.tr("Approved."))
        self._step(1, after_decision=True)

    def exclude_and_next(self) -> None:
        if self.artifact is None:
            return
        artifact_id = self.artifact.id
        self._set_state_later(artifact_id, "excluded",
                              lambda ws, _p, _c: reviewing.exclude(ws, artifact_id))
        self._say(self.tr("Excluded: it will not be exported."))
        self._step(1, after_decision=True)

    def _set_state_later(self, artifact_id: str, state: str,
                         work: Callable[[Workspace, ProgressCallback, CancelToken], object]
                         ) -> None:
        """Show the new state now; if the core refuses, put the old one back and say why."""
        before = self._states.get(artifact_id, "pending")
        self._states[artifact_id] = state
        label = self.tr("Approving…") if state == "approved" else self.tr("Excluding…")

        def done(_result: object) -> None:
            self._states[artifact_id] = state
            self._emitting = True
            try:
                self.ctx.data_changed.emit()
            finally:
                self._emitting = False
            if self.artifact is not None and self.artifact.id == artifact_id:
                self._changed()
            elif self.artifact is not None:
                self._render_header()

        def failed(message: str) -> None:
            self._states[artifact_id] = before
            if self.artifact is not None:
                self._render_header()
            self.ctx.show_error(message)

        self._write(work, label, done, failed)

    def _preview_toggled(self) -> None:
        self._shown_id = None
        if self.previewing:
            self.view.setTextCursor(QTextCursor(self.view.document()))
        self._render()

    # -- moving ------------------------------------------------------------------------------------

    def go_next(self) -> None:
        self._step(1)

    def go_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int, after_decision: bool = False) -> None:
        if self.artifact is None or not self._index:
            return
        target = self._neighbour(step)
        if target is None:
            if self.pending_only.isChecked() and not any(s == "pending"
                                                         for s in self._states.values()):
                self._say(self.tr("Every item is approved or excluded. You can go on to "
                                  "consent and export."))
            elif not after_decision:
                self._say(self.tr("This is the last item.") if step > 0
                          else self.tr("This is the first item."))
            return
        self._open(target, staged=True)

    def _neighbour(self, step: int) -> str | None:
        assert self.artifact is not None
        here = self._index.index(self.artifact.id) if self.artifact.id in self._states else -1
        pending_only = self.pending_only.isChecked()

        def wanted(artifact_id: str) -> bool:
            return not pending_only or self._states[artifact_id] == "pending"

        order = self._index[here + 1:] if step > 0 else self._index[:max(here, 0)][::-1]
        if self.pending_only.isChecked() and step > 0:
            order += self._index[:max(here, 0)]  # wrap round to pending ones left behind
        return next((i for i in order if wanted(i)), None)

    def _say(self, message: str) -> None:
        self.status.setText(message)
