"""The Consent page: terms, the notice as signed, a summary, then give or decline."""

from __future__ import annotations

import contextlib
import html
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.core import clock, messages
from workbench.core.errors import WorkbenchError
from workbench.core.services import consenting
from workbench.core.services.consenting import (
    ConsentParties,
    ConsentRequest,
    ConsentState,
    ConsentTerms,
    CurrentConsent,
    IdentityCard,
    WorkspaceFacts,
)
from workbench.gui.context import AppContext
from workbench.gui.dialogs.welcome import heading, wrapped
from workbench.gui.pages.base import Page
from workbench.gui.qt_types import python_date

DEFAULT_DPV = "dpv:ServiceProvision"
DEFAULT_KEEP_DAYS = 90
TERMS, NOTICE, SUMMARY, DECISION = range(4)


def category_label(name: str) -> str:
    """Plain words for the core's data and sensitive category names (the core's catalogue)."""
    group = "sensitive" if name in consenting.SENSITIVE_CATEGORIES else "data"
    return messages.label(group, name)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def card_text(card: IdentityCard) -> str:
    who = f"{card.name} <{card.email}>" if card.email else card.name
    return f"{who} · {card.short[:14]}"


def _panel(object_name: str, background: str, border: str) -> QFrame:
    frame = QFrame()
    frame.setObjectName(object_name)
    frame.setStyleSheet(f"#{object_name} {{ background: {background}; border: 1px solid "
                        f"{border}; border-radius: 4px; }}")
    return frame


class ConsentPage(Page):
    """Four steps over the open workspace; each decision is a new signed record."""

    key = "consent"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.request: ConsentRequest | None = None
        self.facts: WorkspaceFacts | None = None
        self.current: CurrentConsent | None = None
        self.uncovered = 0  # items the consent in force was not given for
        self.parties = ConsentParties((), (), (), {}, frozenset())
        self.employees: list[IdentityCard] = []
        self.hr_cards: list[IdentityCard] = []
        self.recipient_cards: list[IdentityCard] = []
        self.cards: dict[str, IdentityCard] = {}
        self.verified: frozenset[str] = frozenset()
        self.sensitive_boxes: dict[str, QCheckBox] = {}
        # The notice starts in the app's language (the core's follows the app's setting, not
        # the system's); the employee can switch it.
        self.language = "zh-CN" if messages.language() == "zh" else "en"
        self.workspace_name = ""
        self._prefilled_for: Path | None = None
        self._loaded_for: Path | None = None  # whose state the page shows
        self._signing = False
        self.checking = False  # the workspace's state is being read
        self._generation = 0

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Consent")))
        self.state_panel = _panel("ConsentState", "#eef5ee", "#9cc59c")
        state_layout = QVBoxLayout(self.state_panel)
        self.state_label = wrapped("")
        self.state_label.setTextFormat(Qt.TextFormat.RichText)
        state_layout.addWidget(self.state_label)
        layout.addWidget(self.state_panel)
        self.checking_label = QLabel(self.tr("Reading what this workspace holds…"))
        self.checking_label.setStyleSheet("color: palette(placeholder-text);")
        self.checking_label.hide()
        layout.addWidget(self.checking_label)

        self.outer = QStackedWidget()
        self.outer.addWidget(self._build_missing())
        self.outer.addWidget(self._build_steps())
        layout.addWidget(self.outer, 1)

        self._set_default_dates()
        # Reading the workspace's state runs off the UI thread, and only for the page on
        # screen (the main window refreshes a page when it is shown): a finished import or
        # scan costs nothing for a page nobody is looking at.
        ctx.workspace_changed.connect(lambda _path: self.refresh_if_visible())
        ctx.identities_changed.connect(self.refresh_if_visible)
        ctx.data_changed.connect(self.refresh_if_visible)
        self.refresh()

    def title(self) -> str:
        return self.tr("Consent")

    # -- building -------------------------------------------------------------------------

    def _build_missing(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.missing_label = wrapped("")
        self.missing_label.setTextFormat(Qt.TextFormat.RichText)
        self.keys_button = QPushButton(self.tr("Go to Keys && contacts"))
        self.keys_button.clicked.connect(lambda: self.ctx.page_requested.emit("keys"))
        row = QHBoxLayout()
        row.addWidget(self.keys_button)
        row.addStretch()
        layout.addWidget(self.missing_label)
        layout.addLayout(row)
        layout.addStretch()
        return page

    def _build_steps(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.step_labels = []
        for text in (self.tr("1  Terms"), self.tr("2  Notice"), self.tr("3  Summary"),
                     self.tr("4  Your decision")):
            label = QLabel(text)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.step_labels.append(label)
            bar.addWidget(label, 1)
        layout.addLayout(bar)

        self.steps = QStackedWidget()
        self.steps.addWidget(self._scrolled(self._build_terms()))
        self.steps.addWidget(self._build_notice())
        self.steps.addWidget(self._scrolled(self._build_summary()))
        self.steps.addWidget(self._scrolled(self._build_decision()))
        layout.addWidget(self.steps, 1)

        self.problem_label = wrapped("")
        self.problem_label.setStyleSheet("color: #b00020;")
        self.problem_label.hide()
        layout.addWidget(self.problem_label)

        nav = QHBoxLayout()
        self.back_button = QPushButton(self.tr("< &Back"))
        self.back_button.clicked.connect(lambda: self.go_to(self.steps.currentIndex() - 1))
        self.next_button = QPushButton(self.tr("&Next >"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next_step)
        nav.addWidget(self.back_button)
        nav.addStretch()
        nav.addWidget(self.next_button)
        layout.addLayout(nav)
        self.go_to(TERMS)
        return page

    @staticmethod
    def _scrolled(widget: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(widget)
        return area

    def _build_terms(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        request_box = QGroupBox(self.tr("HR's request (optional)"))
        request_layout = QVBoxLayout(request_box)
        self.request_label = wrapped("")
        request_buttons = QHBoxLayout()
        self.load_request_button = QPushButton(self.tr("Load request file…"))
        self.load_request_button.clicked.connect(self.load_request)
        self.clear_request_button = QPushButton(self.tr("Don't use it"))
        self.clear_request_button.clicked.connect(self.clear_request)
        request_buttons.addWidget(self.load_request_button)
        request_buttons.addWidget(self.clear_request_button)
        request_buttons.addStretch()
        request_layout.addWidget(self.request_label)
        request_layout.addLayout(request_buttons)

        purpose_box = QGroupBox(self.tr("What for"))
        purpose_layout = QVBoxLayout(purpose_box)
        purpose_layout.addWidget(wrapped(self.tr("The purpose, one per line.")))
        self.purpose_edit = QPlainTextEdit()
        self.purpose_edit.setPlaceholderText(self.tr(
            "e.g. An internal AI assistant that answers questions about payment-gateway "
            "releases"))
        self.purpose_edit.setTabChangesFocus(True)
        self.purpose_edit.setFixedHeight(70)
        purpose_layout.addWidget(self.purpose_edit)

        company_box = QGroupBox(self.tr("Who is responsible"))
        company_form = QFormLayout(company_box)
        self.controller_edit = QLineEdit()
        self.controller_edit.setPlaceholderText(self.tr("The company, e.g. Xinghe Tech Ltd."))
        self.contact_edit = QLineEdit()
        self.contact_edit.setPlaceholderText(self.tr("e.g. privacy@company.com"))
        self.storage_edit = QLineEdit()
        self.storage_edit.setPlaceholderText(self.tr("e.g. company servers in Beijing"))
        self.cross_border_box = QCheckBox(self.tr("The data may leave the country"))
        company_form.addRow(self.tr("Company:"), self.controller_edit)
        company_form.addRow(self.tr("Privacy contact:"), self.contact_edit)
        company_form.addRow(self.tr("Stored at:"), self.storage_edit)
        company_form.addRow("", self.cross_border_box)

        parties_box = QGroupBox(self.tr("Who signs and who receives"))
        parties_form = QFormLayout(parties_box)
        self.employee_combo = QComboBox()
        self.employee_row_label = QLabel(self.tr("You sign as:"))
        self.hr_combo = QComboBox()
        self.recipients_list = QListWidget()
        self.recipients_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recipients_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        parties_form.addRow(self.employee_row_label, self.employee_combo)
        parties_form.addRow(self.tr("Countersigned by (HR):"), self.hr_combo)
        parties_form.addRow(self.tr("Recipients:"), self.recipients_list)

        data_box = QGroupBox(self.tr("Your data in this workspace"))
        data_layout = QVBoxLayout(data_box)
        self.categories_label = wrapped("")
        data_layout.addWidget(self.categories_label)
        self.sensitive_intro = wrapped("")
        data_layout.addWidget(self.sensitive_intro)
        self.sensitive_layout = QVBoxLayout()
        data_layout.addLayout(self.sensitive_layout)

        delete_box = QGroupBox(self.tr("How long"))
        delete_form = QFormLayout(delete_box)
        self.delete_by_edit = QDateEdit()
        self.delete_by_edit.setCalendarPopup(True)
        self.delete_by_edit.setDisplayFormat("yyyy-MM-dd")
        delete_form.addRow(self.tr("Delete by:"), self.delete_by_edit)
        delete_form.addRow(wrapped(self.tr(
            "The recipients must delete the package by this date and send you a signed "
            "deletion receipt. It must be in the future.")))

        self.licence_box = QGroupBox(self.tr("Licence terms (optional)"))
        self.licence_box.setCheckable(True)
        self.licence_box.setChecked(False)
        licence_form = QFormLayout(self.licence_box)
        self.licence_terms_edit = QLineEdit()
        self.licence_terms_edit.setPlaceholderText(self.tr("e.g. internal use only"))
        self.licence_fee_edit = QLineEdit()
        self.licence_fee_edit.setPlaceholderText(self.tr("e.g. none"))
        self.licence_until_edit = QDateEdit()
        self.licence_until_edit.setCalendarPopup(True)
        self.licence_until_edit.setDisplayFormat("yyyy-MM-dd")
        licence_form.addRow(self.tr("Terms:"), self.licence_terms_edit)
        licence_form.addRow(self.tr("Fee:"), self.licence_fee_edit)
        licence_form.addRow(self.tr("Until:"), self.licence_until_edit)

        left = QVBoxLayout()
        for box in (request_box, purpose_box, company_box, parties_box):
            left.addWidget(box)
        left.addStretch()
        right = QVBoxLayout()
        for box in (data_box, delete_box, self.licence_box):
            right.addWidget(box)
        right.addStretch()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        return page

    def _build_notice(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(wrapped(self.tr(
            "This is the notice exactly as it will be signed. Read it in the language you "
            "prefer; the language you sign in is recorded.")), 1)
        self.language_group = QButtonGroup(self)
        self.language_buttons: dict[str, QPushButton] = {}
        # Each language is named in itself, so everyone can find theirs.
        for code, name in (("en", "English"), ("zh-CN", "中文")):
            button = QPushButton(name)
            button.setCheckable(True)
            self.language_group.addButton(button)
            self.language_buttons[code] = button
            button.clicked.connect(lambda _checked=False, c=code: self.set_language(c))
            row.addWidget(button)
        self.language_group.setExclusive(True)
        layout.addLayout(row)
        self.notice_view = QTextBrowser()
        self.notice_view.setOpenLinks(False)
        font = self.notice_view.font()
        font.setPointSize(font.pointSize() + 1)
        self.notice_view.setFont(font)
        layout.addWidget(self.notice_view, 1)
        return page

    def _build_summary(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(wrapped(self.tr(
            "Check the terms once more. Go back to change anything.")))
        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setWordWrap(True)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.summary_label)
        layout.addStretch()
        return page

    def _build_decision(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Your decision"), 14))
        layout.addWidget(wrapped(self.tr(
            "Either answer is signed with your key and kept in this workspace.")))
        reassurance = _panel("DeclineNote", "#eef3fb", "#9fb6d9")
        reassurance_layout = QVBoxLayout(reassurance)
        reassurance_layout.addWidget(wrapped(self.tr(
            "Declining has no consequence for your job, your pay or your evaluation. A refusal "
            "is recorded only so that nobody asks you again as if you had not answered. If you "
            "give consent, you can still withdraw it later.")))
        layout.addWidget(reassurance)

        buttons = QHBoxLayout()
        self.give_button = QPushButton(self.tr("Give consent"))
        self.decline_button = QPushButton(self.tr("Decline"))
        for button in (self.give_button, self.decline_button):
            button.setMinimumHeight(48)
            button.setMinimumWidth(220)
            font = button.font()
            font.setPointSize(font.pointSize() + 2)
            font.setBold(True)
            button.setFont(font)
        self.give_button.setStyleSheet("QPushButton { background: #2e7d32; color: white; "
                                       "border-radius: 4px; padding: 6px 18px; }"
                                       "QPushButton:disabled { background: #9bbf9d; }")
        self.give_button.clicked.connect(lambda: self.decide("given"))
        self.decline_button.clicked.connect(lambda: self.decide("declined"))
        buttons.addStretch()
        buttons.addWidget(self.give_button)
        buttons.addSpacing(24)
        buttons.addWidget(self.decline_button)
        buttons.addStretch()
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addSpacing(8)

        self.busy_label = QLabel(self.tr("Signing your decision…"))
        self.busy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy_label.hide()
        layout.addWidget(self.busy_label)

        self.result_panel = _panel("ConsentResult", "#f4f4f4", "#bbbbbb")
        result_layout = QVBoxLayout(self.result_panel)
        self.result_label = wrapped("")
        self.result_label.setTextFormat(Qt.TextFormat.RichText)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton(self.tr("Go to Export"))
        self.export_button.clicked.connect(lambda: self.ctx.page_requested.emit("export"))
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addStretch()
        result_layout.addWidget(self.result_label)
        result_layout.addLayout(export_row)
        self.result_panel.hide()
        layout.addWidget(self.result_panel)
        layout.addStretch()
        return page

    # -- loading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the parties, the workspace's data categories and the record in force. That
        reads the whole workspace, so it runs off the UI thread; the page shows the newest
        answer when it comes (an older one is dropped)."""
        path = self.ctx.workspace_path
        if path != self._prefilled_for:
            self._reset_for_workspace()
        self._generation += 1
        generation = self._generation
        if path is None:
            self._set_checking(False)
            self._show_missing(self.tr("Open a workspace to start: consent is given for the "
                                       "materials in a workspace."), keys_button=False)
            self.state_panel.hide()
            return
        if self._loaded_for != path:
            # Nothing of this workspace is on screen yet: say what is being read.
            self._show_missing(self.tr("Reading what this workspace holds…"), keys_button=False)
            self.state_panel.hide()

        def work(_progress: Any, _cancel: Any) -> ConsentState:
            return consenting.consent_state(path)

        # The line above the page says so while the page still shows the last reading; on a
        # first reading the page itself says it.
        self._set_checking(True, shown=self._loaded_for == path)
        self.ctx.run_task(work, self.tr("Reading what this workspace holds…"),
                          lambda loaded: self._loaded(generation, path, loaded),
                          lambda message: self._load_failed(generation, message))

    def _set_checking(self, checking: bool, shown: bool = True) -> None:
        self.checking = checking
        self.checking_label.setVisible(checking and shown)
        # The notice and the summary are drawn from what is being read.
        self.next_button.setEnabled(not checking)

    def _load_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return  # an older reading: a newer one is on its way
        self._set_checking(False)
        self._loaded_for = None
        self._show_missing(html.escape(message), keys_button=False)

    def _loaded(self, generation: int, path: Path, loaded: ConsentState) -> None:
        if generation != self._generation:
            return  # an older reading: a newer one is on its way
        self._set_checking(False)
        self._loaded_for = path
        self.parties = loaded.parties
        self.cards, self.facts = dict(loaded.parties.cards), loaded.facts
        self.verified = loaded.parties.verified
        self.workspace_name = loaded.name
        self.current, self.uncovered = loaded.current, loaded.uncovered
        self.employees = list(loaded.parties.employees)
        self.hr_cards = list(loaded.parties.hr)
        self.recipient_cards = list(loaded.parties.recipients)
        self._show_state(loaded.problem)
        missing = self._missing_parties()
        if missing:
            self._show_missing(missing, keys_button=True)
            return
        self.outer.setCurrentIndex(1)
        tomorrow = to_qdate(self._today() + timedelta(days=1))  # the day may have turned
        self.delete_by_edit.setMinimumDate(tomorrow)
        self.licence_until_edit.setMinimumDate(tomorrow)
        self._fill_parties()
        self._fill_data()
        if self._prefilled_for != path:
            self._prefilled_for = path
            self._prefill_from_record()
        self._update_request_label()
        if self.steps.currentIndex() != TERMS:
            self._render_current_step()

    def _reset_for_workspace(self) -> None:
        self.request = None
        self._prefilled_for = None
        self.result_panel.hide()
        self.purpose_edit.clear()
        for line in (self.controller_edit, self.contact_edit, self.storage_edit,
                     self.licence_terms_edit, self.licence_fee_edit):
            line.clear()
        self.cross_border_box.setChecked(False)
        self.licence_box.setChecked(False)
        for box in self.sensitive_boxes.values():
            box.setChecked(False)
        self._set_default_dates()
        self.go_to(TERMS)

    def _today(self) -> date:
        # The core checks delete-by against the local date of ctx.now(); so do we.
        return clock.local_date(self.ctx.now())

    def _set_default_dates(self) -> None:
        tomorrow = self._today() + timedelta(days=1)
        for edit in (self.delete_by_edit, self.licence_until_edit):
            edit.setMinimumDate(to_qdate(tomorrow))
            edit.setDate(to_qdate(self._today() + timedelta(days=DEFAULT_KEEP_DAYS)))

    def _missing_parties(self) -> str:
        steps = []
        missing = self.parties.missing()
        if "employee" in missing:
            steps.append(self.tr("Create your <b>employee identity</b> (your signing key)."))
        if "hr" in missing:
            steps.append(self.tr("Import <b>HR's identity card</b>: HR sends you a .wbid.json "
                                 "file; check its fingerprint with them."))
        if "recipient" in missing:
            steps.append(self.tr("Import the <b>receiving team's identity card</b>, so the "
                                 "package can be encrypted for them."))
        if not steps:
            return ""
        items = "".join(f"<li>{step}</li>" for step in steps)
        return self.tr("Before you can give or decline consent:") + f"<ul>{items}</ul>" + \
            self.tr("All of this is done on the Keys & contacts page.")

    def _show_missing(self, text: str, keys_button: bool) -> None:
        self.missing_label.setText(text)
        self.keys_button.setVisible(keys_button)
        self.outer.setCurrentIndex(0)

    def _show_state(self, error: str) -> None:
        current = self.current
        given = current is not None and current.in_force and not error
        self.state_panel.setStyleSheet(
            "#ConsentState { background: %s; border: 1px solid %s; border-radius: 4px; }"
            % (("#eef5ee", "#9cc59c") if given else ("#f3f4f6", "#c4c8cf")))
        if error:
            self.state_label.setText(html.escape(error))
            self.state_panel.show()
            return
        if current is None:
            self.state_label.setText(self.tr(
                "No consent has been recorded for this workspace yet. Go through the steps "
                "below; nothing is signed until you press Give consent or Decline."))
            self.state_panel.show()
            return
        when = current.created_at[:10]
        if current.withdrawn_at:
            text = self.tr("<b>Withdrawn</b> on {0}: the consent given on {1} (record {2}) no "
                           "longer allows any export. To export again, go through the steps "
                           "below and record a new decision.").format(
                current.withdrawn_at[:10], when, current.record_id)
        elif current.decision == "given":
            names = str(messages.Joined(tuple(r.name for r in current.recipients), "items"))
            text = self.tr("<b>Consent given</b> on {0} (record {1}) for {2}; the recipients "
                           "must delete the package by <b>{3}</b>.").format(
                when, current.record_id, html.escape(names), current.delete_by)
        else:
            text = self.tr("<b>You declined</b> on {0} (record {1}). Nothing can be exported "
                           "unless you give consent later.").format(when, current.record_id)
        text += "<br>" + self.tr(
            "To change the purpose, recipients, data categories or delete-by date, go through "
            "the steps again: a new signed record replaces this one, and HR countersigns again.")
        if self.uncovered:
            text += "<br><b>" + self.tr(
                "{0} item(s) in this workspace are not covered by this record; record a "
                "new decision before exporting them.").format(self.uncovered) + "</b>"
        self.state_label.setText(text)
        self.state_panel.show()

    def _party_text(self, card: IdentityCard) -> str:
        """A contact as listed for choosing, saying when its card was never checked: the
        package is encrypted to, and countersigned by, exactly these keys."""
        if card.fingerprint in self.verified:
            return card_text(card)
        return self.tr("{0} — not verified").format(card_text(card))

    def _fill_parties(self) -> None:
        def fill(combo: QComboBox, cards: list[IdentityCard]) -> None:
            chosen = combo.currentData()
            combo.clear()
            for card in cards:
                combo.addItem(self._party_text(card), card.fingerprint)
            index = combo.findData(chosen)
            combo.setCurrentIndex(max(index, 0))

        fill(self.employee_combo, self.employees)
        several = len(self.employees) > 1
        self.employee_combo.setVisible(several)
        self.employee_row_label.setVisible(several)
        fill(self.hr_combo, self.hr_cards)
        checked = set(self.checked_recipients())
        self.recipients_list.clear()
        for card in self.recipient_cards:
            item = QListWidgetItem(self._party_text(card))
            item.setData(Qt.ItemDataRole.UserRole, card.fingerprint)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # With a single recipient team there is nothing to choose: tick it.
            on = card.fingerprint in checked or len(self.recipient_cards) == 1
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.recipients_list.addItem(item)
        # Tall enough for every team (up to four) without an empty box below them.
        # At least two rows tall, and never a horizontal scrollbar over the only row.
        rows = min(max(self.recipients_list.count(), 2), 4)
        self.recipients_list.setFixedHeight(
            rows * max(self.recipients_list.sizeHintForRow(0), 22)
            + 2 * self.recipients_list.frameWidth() + 6)

    def _fill_data(self) -> None:
        facts = self.facts
        assert facts is not None
        if facts.categories:
            self.categories_label.setText(self.tr("Included (everything not excluded): {0}.")
                                          .format(consenting.category_counts(facts.categories)))
        else:
            self.categories_label.setText(self.tr(
                "Nothing is in this workspace yet. Import and review your materials first."))
        previous = {name: box.isChecked() for name, box in self.sensitive_boxes.items()}
        for box in self.sensitive_boxes.values():
            self.sensitive_layout.removeWidget(box)
            box.deleteLater()
        self.sensitive_boxes = {}
        if facts.sensitive:
            self.sensitive_intro.setText(self.tr(
                "Sensitive personal information was found. It is exported only where you tick "
                "the box below (separate consent); otherwise it stays redacted and is not "
                "exported."))
        elif facts.removed:
            self.sensitive_intro.setText(self.tr(
                "Sensitive personal information was found ({0}) and is redacted wherever it "
                "occurs: none of it is exported.").format(
                    messages.Joined(tuple(category_label(name) for name in facts.removed),
                                    "items")))
        else:
            self.sensitive_intro.setText(self.tr(
                "No sensitive personal information (health, finances, religion, biometrics, "
                "whereabouts, minors) was found."))
        for name, count in facts.sensitive:
            box = QCheckBox(self.tr("Yes, I separately agree to share: {0} ({1} found)")
                            .format(category_label(name), count))
            box.setChecked(previous.get(name, False))
            self.sensitive_boxes[name] = box
            self.sensitive_layout.addWidget(box)

    def _prefill_from_record(self) -> None:
        """Start from the record in force, so a change is an edit, not retyping."""
        if self.current is None:
            return
        record = self.current.record
        self.purpose_edit.setPlainText("\n".join(p["text"] for p in record["purposes"]))
        self.controller_edit.setText(record["controller"].get("name", ""))
        self.contact_edit.setText(record["controller"].get("contact", ""))
        self.storage_edit.setText(record.get("storage_location", ""))
        self.cross_border_box.setChecked(bool(record.get("cross_border")))
        self._select_parties(record["countersigner"]["fingerprint"],
                             [r["fingerprint"] for r in record["recipients"]])
        self.delete_by_edit.setDate(to_qdate(date.fromisoformat(
            record["retention"]["delete_by"])))
        licence = record.get("licence")
        if licence:
            self._set_licence(licence.get("terms", ""), licence.get("fee", ""),
                              licence.get("until", ""))
        self.language = record.get("language", self.language)

    def _select_parties(self, countersigner: str, recipients: list[str]) -> None:
        index = self.hr_combo.findData(countersigner)
        if index >= 0:
            self.hr_combo.setCurrentIndex(index)
        for row in range(self.recipients_list.count()):
            item = self.recipients_list.item(row)
            on = item.data(Qt.ItemDataRole.UserRole) in recipients
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _set_licence(self, terms: str, fee: str, until: str) -> None:
        self.licence_box.setChecked(bool(terms))
        self.licence_terms_edit.setText(terms)
        self.licence_fee_edit.setText(fee)
        if until:
            # A malformed date in an old record keeps the default.
            with contextlib.suppress(ValueError):
                self.licence_until_edit.setDate(to_qdate(date.fromisoformat(until)))

    # -- HR's request ---------------------------------------------------------------------

    def load_request(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open HR's consent request"), "",
            self.tr("Consent requests (*.json);;All files (*)"))
        if not path:
            return
        try:
            request = consenting.read_request(Path(path))
        except WorkbenchError as exc:
            self.ctx.show_error(str(exc))
            return
        self.request = request
        terms = request.terms
        self.purpose_edit.setPlainText("\n".join(p.text for p in terms.purposes))
        self.controller_edit.setText(terms.controller_name)
        self.contact_edit.setText(terms.controller_contact)
        self.storage_edit.setText(terms.storage_location)
        self.cross_border_box.setChecked(terms.cross_border)
        self._select_parties(terms.countersigner, list(terms.recipients))
        self.delete_by_edit.setDate(to_qdate(terms.delete_by))
        if terms.licence:
            self._set_licence(terms.licence.terms, terms.licence.fee, terms.licence.until)
        else:
            self._set_licence("", "", "")
        # Separate consent stays the employee's own tick, and only where HR asks for it.
        for name, box in self.sensitive_boxes.items():
            if not terms.separate_consent.get(name):
                box.setChecked(False)
        self.language = terms.language
        self._update_request_label()

    def clear_request(self) -> None:
        self.request = None
        self._update_request_label()

    def _update_request_label(self) -> None:
        if self.request is None:
            self.request_label.setText(self.tr(
                "If HR sent you a signed request file, load it: the terms are filled in for "
                "you, and you may only narrow them (fewer purposes or recipients, an earlier "
                "delete-by date)."))
            self.clear_request_button.hide()
            return
        issuer = self.request.body.get("issuer", {})
        asked = self.request.terms.separate_consent
        asked_text = str(messages.Joined(
            tuple(category_label(c) for c, on in sorted(asked.items()) if on), "items"))
        text = self.tr("Using the request from {0} ({1}). You may narrow these terms, not "
                       "widen them.").format(issuer.get("name", "HR"),
                                             str(self.request.body.get("created_at", ""))[:10])
        if asked_text:
            text += " " + self.tr("It asks for separate consent to: {0}.").format(asked_text)
        self.request_label.setText(text)
        self.clear_request_button.show()

    # -- terms ----------------------------------------------------------------------------

    def checked_recipients(self) -> list[str]:
        return [self.recipients_list.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.recipients_list.count())
                if self.recipients_list.item(row).checkState() == Qt.CheckState.Checked]

    def employee_card(self) -> IdentityCard | None:
        fingerprint = self.employee_combo.currentData()
        return next((c for c in self.employees if c.fingerprint == fingerprint), None)

    def build_terms(self) -> ConsentTerms:
        """The terms as filled in; the core parses and checks them."""
        known = {p.text: p.dpv for p in self.request.terms.purposes} if self.request else {}
        purposes = [{"dpv": known.get(line, DEFAULT_DPV), "text": line}
                    for line in (raw.strip() for raw in
                                 self.purpose_edit.toPlainText().splitlines()) if line]
        base = consenting.terms_json(self.request.terms) if self.request else {}
        data: dict[str, Any] = {
            **base,
            "purposes": purposes,
            "controller": {"name": self.controller_edit.text().strip(),
                           "contact": self.contact_edit.text().strip()},
            "countersigner": self.hr_combo.currentData() or "",
            "recipients": self.checked_recipients(),
            "delete_by": python_date(self.delete_by_edit.date()).isoformat(),
            "separate_consent": {name: box.isChecked()
                                 for name, box in self.sensitive_boxes.items()},
            "storage_location": self.storage_edit.text().strip(),
            "cross_border": self.cross_border_box.isChecked(),
            "licence": None,
            "language": self.language,
        }
        if self.licence_box.isChecked() and self.licence_terms_edit.text().strip():
            data["licence"] = {"terms": self.licence_terms_edit.text().strip(),
                               "fee": self.licence_fee_edit.text().strip(),
                               "until": python_date(self.licence_until_edit.date()).isoformat()}
        return consenting.terms_from_mapping(data)

    def _checked_terms(self) -> ConsentTerms | None:
        """The terms if the core accepts them; otherwise say why and return None."""
        try:
            terms = self.build_terms()
            consenting.check_terms(terms, self._today())
        except WorkbenchError as exc:
            self._show_problem(str(exc))
            return None
        if self.request is not None:
            try:
                consenting.check_narrowing(self.request.terms, terms)
            except WorkbenchError as exc:
                self.ctx.show_error(str(exc))  # a dialog: it is a refusal, not a typo
                return None
        self._show_problem("")
        return terms

    def _show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    # -- steps ----------------------------------------------------------------------------

    def go_to(self, step: int) -> None:
        step = max(TERMS, min(DECISION, step))
        self.steps.setCurrentIndex(step)
        for index, label in enumerate(self.step_labels):
            current = index == step
            label.setStyleSheet(
                "padding: 6px; border-radius: 4px; "
                + ("background: #2f5f98; color: white; font-weight: bold;" if current
                   else "background: #e6e9ee; color: #333;"))
        self.back_button.setEnabled(step > TERMS and not self._signing)
        self.next_button.setVisible(step < DECISION)
        if step != TERMS:
            self._render_current_step()

    def next_step(self) -> None:
        if self.checking:
            return  # the next steps are drawn from what is being read
        step = self.steps.currentIndex()
        if step == TERMS and self._checked_terms() is None:
            return
        if step == TERMS:
            self.result_panel.hide()
        self.go_to(step + 1)

    def set_language(self, language: str) -> None:
        self.language = language
        self._render_current_step()

    def _render_current_step(self) -> None:
        terms = self._checked_terms()
        if terms is None:
            self.go_to(TERMS)
            return
        step = self.steps.currentIndex()
        if step == NOTICE:
            for code, button in self.language_buttons.items():
                button.setChecked(code == self.language)
            assert self.facts is not None
            self.notice_view.setMarkdown(consenting.render_notice(terms, self.facts,
                                                                  self.cards))
        elif step == SUMMARY:
            self.summary_label.setText(self._summary_html(terms))
        elif step == DECISION:
            # Once recorded, the same terms are not signed twice; changing them re-enables.
            open_to_decide = not self._signing and self.result_panel.isHidden()
            self.give_button.setEnabled(open_to_decide)
            self.decline_button.setEnabled(open_to_decide)

    def _summary_html(self, terms: ConsentTerms) -> str:
        facts = self.facts
        assert facts is not None
        esc = html.escape

        def name(fingerprint: str) -> str:
            card = self.cards.get(fingerprint)
            return esc(card.name) if card else esc(fingerprint[:16])

        controller = esc(terms.controller_name) + (
            f" ({esc(terms.controller_contact)})" if terms.controller_contact else "")
        sensitive = "<br>".join(
            esc(self.tr("{0} ({1}): {2}").format(
                category_label(n), c,
                self.tr("shared, with your separate consent")
                if terms.separate_consent.get(n) else self.tr("not shared")))
            for n, c in facts.sensitive) or esc(self.tr("none found"))
        data = esc(str(consenting.category_counts(facts.categories))
                   or self.tr("nothing yet"))
        employee = self.employee_card()
        rows = [
            (self.tr("Purpose"), "<br>".join(esc(p.text) for p in terms.purposes)),
            (self.tr("Company"), controller),
            (self.tr("Countersigned by (HR)"), name(terms.countersigner)),
            (self.tr("Recipients"), str(messages.Joined(tuple(name(r) for r in terms.recipients),
                                                         "items"))),
            (self.tr("Your data"), self.tr("%n item(s) from workspace “{0}”: {1}", "",
                                           len(facts.artifact_digests)).format(
                esc(self.workspace_name), data)),
            (self.tr("Sensitive information"), sensitive),
            (self.tr("Delete by"), "<b>" + terms.delete_by.isoformat() + "</b> "
             + esc(self.tr("(then a signed deletion receipt comes back to you)"))),
            (self.tr("Stored at"), esc(terms.storage_location or self.tr("not stated"))
             + " · " + esc(self.tr("may leave the country") if terms.cross_border
                           else self.tr("stays in the country"))),
            (self.tr("Licence"), esc(
                self.tr("{0}; fee: {1}; until {2}").format(
                    terms.licence.terms, terms.licence.fee or self.tr("none"),
                    terms.licence.until or terms.delete_by.isoformat()))
             if terms.licence else esc(self.tr("none"))),
            (self.tr("Notice language"), "中文" if terms.language == "zh-CN" else "English"),
            (self.tr("Signed as"), esc(card_text(employee)) if employee else "—"),
        ]
        if self.request is not None:
            rows.append((self.tr("Based on"), esc(self.tr("HR's request from {0}").format(
                self.request.body.get("issuer", {}).get("name", "HR")))))
        body = "".join(
            f"<tr><td style='padding:4px 16px 4px 0; color:#555; white-space:nowrap'>"
            f"{esc(label)}</td><td style='padding:4px 0'>{value}</td></tr>"
            for label, value in rows)
        return f"<table>{body}</table>"

    # -- the decision ---------------------------------------------------------------------

    def decide(self, decision: str) -> None:
        terms = self._checked_terms()
        employee = self.employee_card()
        path = self.ctx.workspace_path
        if terms is None or employee is None or path is None:
            return
        request, now = self.request, self.ctx.now()
        self._set_signing(True)

        def work(_progress: Any, _cancel: Any) -> CurrentConsent:
            # The service opens its own connection (SQLite connections belong to one
            # thread). Signing may ask for the passphrase (the prompt comes to the UI thread
            # by itself).
            return consenting.decide(path, terms, decision, employee, now, request)

        label = self.tr("Signing your consent…") if decision == "given" \
            else self.tr("Signing your refusal…")
        self.ctx.run_task(work, label, self._decided, self._decision_failed)

    def _set_signing(self, signing: bool) -> None:
        self._signing = signing
        self.busy_label.setVisible(signing)
        self.give_button.setEnabled(not signing)
        self.decline_button.setEnabled(not signing)
        self.back_button.setEnabled(not signing)

    def _decision_failed(self, message: str) -> None:
        self._set_signing(False)
        self.ctx.show_error(message)

    def _decided(self, record: CurrentConsent) -> None:
        self._set_signing(False)
        delete_by = record.delete_by
        if record.decision == "given":
            text = self.tr("<b>Consent given.</b> Record {0}, signed with your key. The "
                           "recipients must delete the package by <b>{1}</b>. Next, export the "
                           "package and send it to HR to countersign.").format(
                record.record_id, delete_by)
        else:
            text = self.tr("<b>You declined.</b> Record {0}, signed with your key. Nothing "
                           "will be exported; this has no consequence for your job.").format(
                record.record_id)
        self.result_label.setText(text)
        self.export_button.setVisible(record.decision == "given")
        self.result_panel.show()
        self.give_button.setEnabled(False)
        self.decline_button.setEnabled(False)
        self.ctx.data_changed.emit()
