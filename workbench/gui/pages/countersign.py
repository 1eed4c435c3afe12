"""HR's page: open a package, check it, read its terms (never its content), countersign it,
and save a one-page PDF summary. Also holds the package views the Receive page shares."""

from __future__ import annotations

import html
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QMimeData, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.core.display import visible
from workbench.core.errors import WorkbenchError
from workbench.core.messages import label
from workbench.core.package import bundle, consent, hr_requests
from workbench.core.trust import keys, ledger
from workbench.gui.context import AppContext
from workbench.gui.pages.base import Page
from workbench.gui.tasks import Task

OK_COLOUR = QColor("#2e7d32")
BAD_COLOUR = QColor("#c62828")
LAYOUT_DOTS_PER_METRE = 3780  # 96 dots per inch


# -- shared by the package pages (countersign, receive) ----------------------------------------


def group4(fingerprint: str) -> str:
    """A fingerprint in groups of four, as cards show it, for reading aloud."""
    return " ".join(fingerprint[i:i + 4] for i in range(0, len(fingerprint), 4))


def short_package(package: str) -> str:
    return package.removeprefix("sha256:")[:12]


def check_title(name: str) -> str:
    return bundle.Check(name, True).title()


def check_detail(check: bundle.Check) -> str:
    """The check's detail in the user's language, from the core's catalogue."""
    return check.text()


def difference_text(difference: hr_requests.Difference) -> str:
    """One way the terms go beyond HR's own request, in the user's language."""
    translate = QCoreApplication.translate
    labels = {
        "recipients": translate("PackageView", "Recipients you did not name"),
        "purposes": translate("PackageView", "Purposes you did not ask for"),
        "delete_by": translate("PackageView", "A later delete-by date"),
        "controller": translate("PackageView", "Another controller"),
        "jurisdiction": translate("PackageView", "Another jurisdiction"),
        "storage_location": translate("PackageView", "Another storage location"),
        "cross_border": translate("PackageView", "Cross-border transfer"),
        "licence": translate("PackageView", "Other licence terms"),
        "separate_consent": translate("PackageView", "Separate consent you did not ask for"),
        "countersigner": translate("PackageView", "Another countersigner"),
    }
    return translate("PackageView", "{0}: {1} (you asked for {2})").format(
        labels.get(difference.field, difference.field), visible(difference.given),
        visible(difference.asked))


def category_label(category: str) -> str:
    """A kind of data or a sensitive category of a consent record, in words."""
    group = "sensitive" if category in consent.SENSITIVE_CATEGORIES else "data"
    return label(group, category)


def entity_label(entity: str) -> str:
    labels = {
        "PERSON": QCoreApplication.translate("PackageView", "Names"),
        "EMAIL_ADDRESS": QCoreApplication.translate("PackageView", "Email addresses"),
        "PHONE_NUMBER": QCoreApplication.translate("PackageView", "Phone numbers"),
        "CN_RESIDENT_ID": QCoreApplication.translate("PackageView", "ID card numbers"),
        "CN_PASSPORT": QCoreApplication.translate("PackageView", "Passport numbers"),
        "BANK_CARD": QCoreApplication.translate("PackageView", "Bank card numbers"),
        "CREDIT_CARD": QCoreApplication.translate("PackageView", "Credit card numbers"),
        "IBAN_CODE": QCoreApplication.translate("PackageView", "Bank account numbers"),
        "IP_ADDRESS": QCoreApplication.translate("PackageView", "IP addresses"),
        "ADDRESS": QCoreApplication.translate("PackageView", "Addresses"),
        "LOCATION": QCoreApplication.translate("PackageView", "Places"),
        "URL": QCoreApplication.translate("PackageView", "Web links"),
        "DATE_TIME": QCoreApplication.translate("PackageView", "Dates and times"),
        "SECRET": QCoreApplication.translate("PackageView", "Passwords and keys"),
    }
    if entity.startswith("SENSITIVE_"):
        return QCoreApplication.translate("PackageView", "Sensitive: {0}").format(
            category_label(entity.removeprefix("SENSITIVE_").lower()))
    return labels.get(entity, entity)


def redaction_counts(checked: bundle.Bundle) -> dict[str, tuple[int, int]]:
    """Per entity, (removed, replaced by an alias) over the artifacts this package holds,
    from the ledger's artifact.reviewed events (their latest review of each artifact)."""
    if not any(c.name == "ledger" and c.ok for c in checked.checks):
        return {}  # an unverified ledger is not read for facts
    latest: dict[str, Mapping[str, Any]] = {}
    for entry in ledger.read_entries(checked.ledger_text):
        if entry.type == "artifact.reviewed":
            latest[str(entry.body.get("artifact"))] = entry.body
    included = set(checked.record.get("artifacts", {}).get("digests", []))
    removed: Counter[str] = Counter()
    aliased: Counter[str] = Counter()
    for artifact, body in latest.items():
        if artifact not in included:
            continue
        counts = body.get("counts", {})
        removed.update(counts.get("redact", {}))
        aliased.update(counts.get("pseudonymise", {}))
    return {entity: (removed[entity], aliased[entity])
            for entity in sorted(set(removed) | set(aliased))}


def dropped_package(mime: QMimeData) -> Path | None:
    """The one local file being dragged, if there is exactly one."""
    files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return files[0] if len(files) == 1 and files[0].is_file() else None


class PackageDrops:
    """For a page that takes one package file dropped on it while it is not busy: it has
    `busy` and `load(path)`."""

    @property
    def busy(self) -> bool:
        raise NotImplementedError

    def load(self, path: Path) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_package(event.mimeData()) is not None and not self.busy:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_package(event.mimeData())
        if path is not None and not self.busy:
            event.acceptProposedAction()
            self.load(path)


def heading(text: str, size: float = 1.35) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * size)
    font.setBold(True)
    label.setFont(font)
    return label


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def banner(label: QLabel, text: str, ok: bool | None) -> None:
    """A calm coloured line: green when fine, red when refused, plain otherwise."""
    colours = {True: ("#e8f5e9", "#1b5e20"), False: ("#ffebee", "#b71c1c"),
               None: ("#eceff1", "#263238")}
    background, foreground = colours[ok]
    label.setStyleSheet(f"QLabel {{ background: {background}; color: {foreground}; "
                        "border-radius: 4px; padding: 8px; }")
    label.setText(text)
    label.setVisible(bool(text))


class DropZone(QLabel):
    """A dashed box that says a package can be dropped here; clicking it opens the picker."""

    clicked = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumHeight(56)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("QLabel { border: 2px dashed palette(mid); border-radius: 8px; "
                           "padding: 10px; color: palette(text); }")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


def read_only_table(headers: list[str], stretch: int) -> QTableWidget:
    """A table of rows to select one of, never to edit; column `stretch` takes the room."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class PackageChooser:
    """The top of the HR and recipient pages: who you act as (with a way to the Keys page),
    and a button and drop zone to choose a package. Texts come translated from the page."""

    def __init__(self, page: Page, open_text: str, open_tip: str, keys_text: str,
                 drop_text: str, choose: Callable[[], None]) -> None:
        self.identity_note = QLabel()
        self.identity_note.setWordWrap(True)
        self.keys_button = QPushButton(keys_text)
        self.keys_button.clicked.connect(lambda: page.ctx.page_requested.emit("keys"))
        self.identity_row = QHBoxLayout()
        self.identity_row.addWidget(self.identity_note, 1)
        self.identity_row.addWidget(self.keys_button)
        self.open_button = QPushButton(open_text)
        self.open_button.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_button.setToolTip(open_tip)
        self.open_button.clicked.connect(choose)
        self.drop_zone = DropZone(drop_text)
        self.drop_zone.clicked.connect(choose)
        self.open_row = QHBoxLayout()
        self.open_row.addWidget(self.open_button)
        self.open_row.addWidget(self.drop_zone, 1)


class ChecksList(QScrollArea):
    """Every check with ✓ or ✗, its name, and the core's own detail beneath it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setContentsMargins(6, 6, 6, 6)
        self.label.setBackgroundRole(QPalette.ColorRole.Base)
        self.label.setAutoFillBackground(True)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self._texts: list[str] = []

    def set_checks(self, checks: list[bundle.Check]) -> None:
        self._texts = [f"{'✓' if c.ok else '✗'}  {check_title(c.name)} — {check_detail(c)}"
                       for c in checks]
        rows = []
        for check in checks:
            colour = OK_COLOUR.name() if check.ok else BAD_COLOUR.name()
            detail_colour = "#555555" if check.ok else BAD_COLOUR.name()
            rows.append(
                f"<tr><td style='color:{colour}; font-weight:bold; padding-right:6px'>"
                f"{'✓' if check.ok else '✗'}</td><td><b>{html.escape(check_title(check.name))}"
                f"</b><br><span style='color:{detail_colour}'>"
                f"{html.escape(check_detail(check))}"
                "</span></td></tr>")
        self.label.setText("<table cellspacing='0' cellpadding='2'>" + "".join(rows)
                           + "</table>")

    def clear(self) -> None:
        self._texts = []
        self.label.clear()

    def texts(self) -> list[str]:
        return list(self._texts)


def _labels() -> dict[str, str]:
    """The words of the terms view (literal calls, so the translation tools find them)."""
    translate = QCoreApplication.translate
    return {
        "delete_by": translate("PackageView", "Delete by"),
        "package": translate("PackageView", "Package"),
        "files": translate("PackageView", "{0} files"),
        "role": translate("PackageView", "Role"),
        "name": translate("PackageView", "Name"),
        "fingerprint": translate("PackageView", "Fingerprint"),
        "employee": translate("PackageView", "Employee"),
        "hr": translate("PackageView", "HR countersigner"),
        "recipient": translate("PackageView", "Recipient"),
        "controller": translate("PackageView", "Company (controller)"),
        "parties": translate("PackageView", "Parties"),
        "purposes": translate("PackageView", "Purposes"),
        "kind": translate("PackageView", "Kind of data"),
        "count": translate("PackageView", "Count"),
        "sensitive": translate("PackageView", "Sensitive"),
        "yes": translate("PackageView", "Yes"),
        "data": translate("PackageView", "Data in the package"),
        "separate": translate("PackageView", "Separate consent"),
        "no_separate": translate("PackageView", "none (sensitive details were not kept)"),
        "fee": translate("PackageView", "fee {0}"),
        "until": translate("PackageView", "until {0}"),
        "none": translate("PackageView", "none"),
        "licence": translate("PackageView", "Licence"),
        "redacted": translate("PackageView", "What was redacted"),
        "information": translate("PackageView", "Kind of information"),
        "removed": translate("PackageView", "Removed"),
        "aliased": translate("PackageView", "Replaced by an alias"),
        "nothing": translate("PackageView", "Nothing was redacted."),
        "where": translate("PackageView", "Where and under which law"),
        "jurisdiction": translate("PackageView", "Jurisdiction"),
        "storage": translate("PackageView", "Storage location"),
        "cross_border": translate("PackageView", "Cross-border transfer"),
        "no": translate("PackageView", "No"),
        "not_stated": translate("PackageView", "not stated"),
        "record": translate("PackageView", "Consent record"),
        "signed_at": translate("PackageView", "Signed at"),
        "notice": translate("PackageView", "Notice shown"),
        "notice_text": translate("PackageView", "version {0}, {1}, sha256 {2}"),
        "request": translate("PackageView", "From HR's request"),
        "retention": translate("PackageView", "Deletion"),
        "withdrawal": translate("PackageView", "Withdrawal"),
        "artifacts": translate("PackageView", "Artifacts"),
        "wider": translate("PackageView", "Wider than your own request"),
    }


def terms_html(checked: bundle.Bundle, redactions: Mapping[str, tuple[int, int]] | None = None,
               title: str = "",
               differences: list[hr_requests.Difference] | None = None) -> str:
    """Every field of the signed record: terms, parties with fingerprints, where it is kept,
    counts — never content or values. Differences from HR's own request come first."""
    t = _labels()
    summary = bundle.terms_summary(checked)
    record = checked.record

    def esc(value: object) -> str:
        return html.escape(visible(value))

    def row(*cells: str, head: bool = False) -> str:
        tag = "th" if head else "td"
        return "<tr>" + "".join(f"<{tag} align='left'>{c}</{tag}>" for c in cells) + "</tr>"

    def table(rows: list[str]) -> str:
        return ("<table cellspacing='0' cellpadding='3' border='0' width='100%'>"
                + "".join(rows) + "</table>")

    def fp(value: str) -> str:
        return f"<span style='font-family: monospace'>{esc(group4(value))}</span>"

    parts = [f"<h2>{esc(title)}</h2>"] if title else []
    if differences:
        parts.append(f"<h3 style='color:{BAD_COLOUR.name()}'>{t['wider']}</h3><ul>"
                     + "".join(f"<li style='color:{BAD_COLOUR.name()}'>"
                               f"{html.escape(difference_text(d))}</li>" for d in differences)
                     + "</ul>")
    parts.append(f"<p><b>{t['delete_by']}: {esc(summary['delete_by'])}</b>"
                 f" &nbsp;·&nbsp; {t['package']} "
                 f"<span style='font-family: monospace'>{short_package(summary['package'])}"
                 f"</span> &nbsp;·&nbsp; {t['files'].format(summary['files'])}</p>")
    employee = summary["employee"]
    controller = summary["controller"]
    hr = record.get("countersigner", {})
    parties = [row(t["role"], t["name"], t["fingerprint"], head=True),
               row(t["employee"], esc(employee["name"]), fp(employee["fingerprint"])),
               row(t["hr"], esc(hr.get("name", "")), fp(hr.get("fingerprint", ""))),
               *[row(t["recipient"], esc(r["name"]), fp(r["fingerprint"]))
                 for r in summary["recipients"]],
               row(t["controller"], esc(controller.get("name", "")),
                   esc(controller.get("contact", "")))]
    parts += [f"<h3>{t['parties']}</h3>", table(parties)]
    parts += [f"<h3>{t['purposes']}</h3>",
              "<ul>" + "".join(f"<li>{esc(p)}</li>" for p in summary["purposes"]) + "</ul>"]
    categories = [row(t["kind"], t["count"], t["sensitive"], head=True)]
    categories += [row(esc(category_label(c["category"])), str(c["count"]),
                       t["yes"] if c.get("sensitive") else "—") for c in summary["categories"]]
    parts += [f"<h3>{t['data']}</h3>", table(categories)]
    separate = [category_label(c) for c in summary["separate_consent"]]
    parts.append(f"<p><b>{t['separate']}:</b> "
                 + (esc(", ".join(separate)) if separate else t["no_separate"]) + "</p>")
    licence = summary.get("licence")
    if licence:
        text = esc(licence.get("terms", ""))
        if licence.get("fee"):
            text += " · " + t["fee"].format(esc(licence["fee"]))
        if licence.get("until"):
            text += " · " + t["until"].format(esc(licence["until"]))
    else:
        text = t["none"]
    parts.append(f"<p><b>{t['licence']}:</b> {text}</p>")
    where = [row(f"<b>{t['jurisdiction']}</b>", esc(summary["jurisdiction"] or t["not_stated"])),
             row(f"<b>{t['storage']}</b>",
                 esc(summary["storage_location"] or t["not_stated"])),
             row(f"<b>{t['cross_border']}</b>", t["yes"] if summary["cross_border"] else t["no"])]
    parts += [f"<h3>{t['where']}</h3>", table(where)]
    notice = summary.get("notice") or {}
    request = summary.get("request") or {}
    about = [row(f"<b>{t['record']}</b>", esc(summary["record_id"])),
             row(f"<b>{t['signed_at']}</b>", esc(summary.get("created_at") or "")),
             row(f"<b>{t['notice']}</b>", esc(t["notice_text"].format(
                 notice.get("version", ""), notice.get("language", ""),
                 str(notice.get("sha256", ""))[:12]))),
             row(f"<b>{t['retention']}</b>", esc(summary.get("retention_method") or "")),
             row(f"<b>{t['withdrawal']}</b>", esc(summary.get("withdrawal") or "")),
             row(f"<b>{t['artifacts']}</b>", esc(summary["artifacts"]))]
    if request:
        about.append(row(f"<b>{t['request']}</b>", esc(request.get("request_id", ""))))
    parts.append(table(about))
    if redactions is not None:
        parts.append(f"<h3>{t['redacted']}</h3>" + redactions_html(redactions))
    return "".join(parts)


def redactions_html(redactions: Mapping[str, tuple[int, int]]) -> str:
    """What the review removed or replaced, counted per kind — never the values."""
    t = _labels()
    if not redactions:
        return f"<p>{t['nothing']}</p>"
    head = "".join(f"<th align='left'>{t[k]}</th>" for k in ("information", "removed", "aliased"))
    rows = "".join(f"<tr><td>{html.escape(entity_label(e))}</td><td>{r}</td><td>{a}</td></tr>"
                   for e, (r, a) in redactions.items())
    return ("<table cellspacing='0' cellpadding='2' border='0' width='100%'>"
            f"<tr>{head}</tr>{rows}</table>")


def write_pdf(document_html: str, out: Path, title: str) -> Path:
    """Lay out the HTML on A4 and write it as a PDF, atomically (runs on a pool thread:
    QTextDocument, QPainter and QPdfWriter need no GUI thread)."""
    out = Path(out)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".summary-", suffix=".pdf")
    os.close(fd)
    try:
        writer = QPdfWriter(tmp)
        writer.setTitle(title)
        writer.setCreator("Consent Workbench")
        writer.setResolution(300)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(16, 14, 16, 14), QPageLayout.Unit.Millimeter)
        # Lay the document out at a fixed 96 dots per inch (whatever the screen), then scale
        # it to the PDF's resolution: the page looks the same on every machine.
        reference = QImage(1, 1, QImage.Format.Format_RGB32)
        reference.setDotsPerMeterX(LAYOUT_DOTS_PER_METRE)
        reference.setDotsPerMeterY(LAYOUT_DOTS_PER_METRE)
        document = summary_document(document_html)
        document.documentLayout().setPaintDevice(reference)
        scale = writer.resolution() / 96
        area = writer.pageLayout().paintRectPixels(writer.resolution())
        page = QSizeF(area.width() / scale, area.height() / scale)
        document.setPageSize(page)
        painter = QPainter(writer)
        painter.scale(scale, scale)
        for number in range(document.pageCount()):
            if number:
                writer.newPage()
            painter.save()
            painter.translate(0, -number * page.height())
            document.drawContents(painter, QRectF(0, number * page.height(), page.width(),
                                                  page.height()))
            painter.restore()
        painter.end()
        del writer  # the PDF is complete once the painter ends and the writer goes
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def summary_document(document_html: str) -> QTextDocument:
    document = QTextDocument()
    font = QFont(document.defaultFont())
    font.setPointSizeF(9)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(document_html)
    return document


class PageTasks:
    """Runs one page's background work one task at a time and says when the page is idle
    again. Completion goes through run_task's own callbacks, which are connected before the
    task starts, so a task that finishes at once is never missed."""

    def __init__(self, ctx: AppContext, changed: Callable[[], None]) -> None:
        self.ctx = ctx
        self.changed = changed
        self.busy = False
        self._current: object = None

    def run(self, work: Any, label: str, on_success: Callable[[Any], None],
            on_failure: Callable[[str], None] | None = None) -> Task:
        token = object()
        self._current, self.busy = token, True
        self.changed()

        def succeeded(result: Any) -> None:
            self._done(token)
            on_success(result)  # may start the next task

        def failed(message: str) -> None:
            self._done(token)
            (on_failure or self.ctx.show_error)(message)

        return self.ctx.run_task(work, label, succeeded, failed)

    def _done(self, token: object) -> None:
        if token is self._current:
            self.busy = False
            self.changed()


def identity_or_none(role: keys.Role) -> tuple[keys.IdentityCard | None, str]:
    """This home's identity for `role`, or the core's reason why there is none."""
    try:
        return keys.my_identity(role), ""
    except WorkbenchError as exc:
        return None, str(exc)


# -- the page ----------------------------------------------------------------------------------


class CountersignPage(PackageDrops, Page):
    key = "countersign"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.path: Path | None = None
        self.checked: bundle.Bundle | None = None
        self.redactions: dict[str, tuple[int, int]] = {}
        self.differences: list[hr_requests.Difference] = []
        self.tasks = PageTasks(ctx, self._update_buttons)
        self.last_pdf: Path | None = None
        self.setAcceptDrops(True)

        chooser = PackageChooser(
            self, self.tr("Open package…"), self.tr("Open a package (Ctrl+Shift+O)"),
            self.tr("Go to Keys"), self.tr("Drop a .cwpkg package here, or click to choose one."),
            self.choose_package)
        self.identity_note, self.keys_button = chooser.identity_note, chooser.keys_button
        self.open_button, self.drop_zone = chooser.open_button, chooser.drop_zone
        identity_row, open_row = chooser.identity_row, chooser.open_row

        self.file_label = note("")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.checks_list = ChecksList()
        self.redacted = QTextBrowser()
        self.terms = QTextBrowser()
        self.terms.setOpenLinks(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(heading(self.tr("Checks"), 1.1))
        left_layout.addWidget(self.checks_list, 1)
        left_layout.addWidget(heading(self.tr("What the employee redacted"), 1.1))
        left_layout.addWidget(self.redacted, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(heading(self.tr("Terms the employee signed"), 1.1))
        right_layout.addWidget(self.terms)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        self.countersign_button = QPushButton(self.tr("Countersign…"))
        self.countersign_button.clicked.connect(self.confirm_countersign)
        self.pdf_button = QPushButton(self.tr("Print / Save summary as PDF…"))
        self.pdf_button.setShortcut(QKeySequence("Ctrl+P"))
        self.pdf_button.setToolTip(self.tr("A one-page summary of the terms and parties "
                                           "(Ctrl+P)"))
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.result = note("")
        self.result.setVisible(False)
        actions = QHBoxLayout()
        actions.addWidget(self.countersign_button)
        actions.addWidget(self.pdf_button)
        actions.addStretch()

        loaded = QWidget()
        loaded_layout = QVBoxLayout(loaded)
        loaded_layout.setContentsMargins(0, 0, 0, 0)
        loaded_layout.addWidget(self.file_label)
        loaded_layout.addWidget(self.verdict)
        loaded_layout.addWidget(splitter, 1)
        loaded_layout.addWidget(self.result)
        loaded_layout.addLayout(actions)

        self.empty = QLabel(self.tr(
            "When an employee sends you a package, open it here. You will see whether it "
            "verifies and exactly what the employee agreed to — who receives it, for what, "
            "and until when — without seeing any of its content. Then you countersign it."))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(loaded)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title()))
        layout.addLayout(identity_row)
        layout.addLayout(open_row)
        layout.addWidget(self.stack, 1)
        self.ctx.identities_changed.connect(self.refresh)
        self.refresh()

    def title(self) -> str:
        return self.tr("Countersign (HR)")

    def refresh(self) -> None:
        card, reason = identity_or_none(keys.Role.HR)
        self.hr_card = card
        if card is None:
            self.identity_note.setText(self.tr(
                "You need an HR identity to countersign. {0}").format(reason))
        else:
            self.identity_note.setText(self.tr("You countersign as {0} · fingerprint {1}").format(
                card.name, group4(card.fingerprint)))
        self.keys_button.setVisible(card is None)
        self._update_buttons()

    # -- opening and checking ------------------------------------------------------------------

    def choose_package(self) -> None:
        if self.busy:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a package"), str(self.path.parent if self.path else Path.home()),
            self.tr("Consent Workbench packages (*.cwpkg);;All files (*)"))
        if path:
            self.load(Path(path))

    def load(self, path: Path, keep_result: bool = False) -> None:
        """Read and verify the package on the pool; the page shows the outcome."""
        self.path = Path(path)
        self.checked = None
        if not keep_result:
            self.result.setVisible(False)
        self.file_label.setText(self.tr("Package file: {0}").format(visible(self.path)))
        banner(self.verdict, self.tr("Checking the package…"), None)
        self.checks_list.clear()
        self.terms.clear()
        self.redacted.clear()
        self.stack.setCurrentIndex(1)
        now, card = self.ctx.now(), self.hr_card

        def work(progress: Any, cancel: Any) -> tuple[bundle.Bundle, dict[str, tuple[int, int]],
                                                      list[hr_requests.Difference]]:
            checked = bundle.check_bundle(bundle.read_bundle(path), keys.public_keys(), now,
                                          require_countersignature=False)
            differences = hr_requests.differences_for(checked.record, card) if card else []
            return checked, redaction_counts(checked), differences

        self._run(work, self.tr("Checking {0}").format(visible(self.path.name)),
                  self._show_checked, self._show_unreadable)

    def _show_checked(self, result: tuple[bundle.Bundle, dict[str, tuple[int, int]],
                                          list[hr_requests.Difference]]) -> None:
        self.checked, self.redactions, self.differences = result
        self.checks_list.set_checks(self.checked.checks)
        self.terms.setHtml(terms_html(self.checked, differences=self.differences))
        if any(c.name == "ledger" and c.ok for c in self.checked.checks):
            self.redacted.setHtml(redactions_html(self.redactions))
        else:
            self.redacted.setPlainText(self.tr("The ledger does not verify, so its redaction "
                                               "counts are not shown."))
        failed = self.checked.failed()
        if failed:
            banner(self.verdict, self.tr("This package does not verify; do not countersign "
                                         "it. {0}: {1}").format(check_title(failed[0].name),
                                                               check_detail(failed[0])), False)
        elif self.already_countersigned():
            banner(self.verdict, self.tr("Already countersigned by HR. The recipients can "
                                         "open it now."), True)
        elif self.differences:
            banner(self.verdict, self.tr(
                "The terms go beyond your own request in {0} ways (listed in red with the "
                "terms). Countersign only if you agree to them.").format(len(self.differences)),
                False)
        else:
            banner(self.verdict, self.tr("Every check passed. Read the terms, then "
                                         "countersign."), True)
        self._update_buttons()

    def _show_unreadable(self, message: str) -> None:
        self.checked = None
        banner(self.verdict, message, False)
        self._update_buttons()
        self.ctx.show_error(message)

    def already_countersigned(self) -> bool:
        return self.checked is not None and any(
            c.name == "HR countersignature" and c.ok for c in self.checked.checks)

    # -- countersigning ------------------------------------------------------------------------

    def confirm_countersign(self) -> None:
        if self.checked is None or self.path is None or self.busy:
            return
        if self.hr_card is None:
            self.ctx.show_error(self.identity_note.text())
            return
        summary = bundle.terms_summary(self.checked)
        text = self.tr(
            "Countersign this package as {0}?\n\nYou confirm that {1} agreed to share it with "
            "{2} for: {3}.\nThey must delete it by {4}.").format(
            visible(self.hr_card.name), visible(summary["employee"]["name"]),
            visible(", ".join(r["name"] for r in summary["recipients"])),
            visible("; ".join(summary["purposes"])), summary["delete_by"])
        answer = QMessageBox.question(self, self.tr("Countersign"), text)
        if answer != QMessageBox.StandardButton.Yes:
            return
        accept = bool(self.differences)
        if accept and not self.confirm_differences():
            return
        path, card, now = self.path, self.hr_card, self.ctx.now()
        self._run(lambda progress, cancel: bundle.countersign(path, card, now, accept),
                  self.tr("Countersigning {0}").format(visible(path.name)), self._countersigned)

    def confirm_differences(self) -> bool:
        """A second, explicit question when the terms go beyond HR's own request; No is the
        default answer."""
        listed = "\n".join(f"• {difference_text(d)}" for d in self.differences)
        answer = QMessageBox.warning(
            self, self.tr("Terms wider than your request"),
            self.tr("The employee's terms go beyond the request you sent:\n\n{0}\n\n"
                    "Countersign these wider terms anyway?").format(listed),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _countersigned(self, _result: object) -> None:
        assert self.path is not None and self.checked is not None
        recipients = visible(", ".join(r["name"] for r in self.checked.record["recipients"]))
        banner(self.result, self.tr("Countersigned. Send {0} to the recipients ({1}); they "
                                    "can open it now.").format(visible(self.path), recipients),
               True)
        self.ctx.data_changed.emit()
        self.load(self.path, keep_result=True)  # the checks again, now with HR's signature

    # -- the PDF summary -----------------------------------------------------------------------

    def summary_html(self) -> str:
        """The one-page PDF: terms, parties with fingerprints, redaction counts, checks."""
        assert self.checked is not None
        checks = " &nbsp; ".join(
            f"{'✓' if c.ok else '✗'}&nbsp;{html.escape(check_title(c.name))}"
            for c in self.checked.checks)
        printed = self.ctx.now().astimezone().strftime("%Y-%m-%d %H:%M")
        return (terms_html(self.checked, self.redactions, self.tr("Consent package summary"),
                           self.differences)
                + f"<h3>{self.tr('Checks')}</h3><p>{checks}</p>"
                + "<p style='color:#555'>"
                + html.escape(self.tr("Printed {0}. This summary lists terms, parties and "
                                      "counts only; it holds none of the package's content.")
                              .format(printed)) + "</p>")

    def choose_pdf(self) -> None:
        if self.checked is None or self.path is None or self.busy:
            return
        default = self.path.with_name(self.path.stem + "-summary.pdf")
        out, _ = QFileDialog.getSaveFileName(self, self.tr("Save summary as PDF"), str(default),
                                             self.tr("PDF files (*.pdf)"))
        if not out:
            return
        target = Path(out) if out.lower().endswith(".pdf") else Path(out + ".pdf")
        document_html = self.summary_html()
        title = self.tr("Consent package summary")
        self._run(lambda progress, cancel: write_pdf(document_html, target, title),
                  self.tr("Saving the summary"), self._pdf_written)

    def _pdf_written(self, path: Path) -> None:
        self.last_pdf = path
        banner(self.result, self.tr("Saved the summary to {0}.").format(path), True)

    # -- plumbing ------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.tasks.busy

    def _run(self, work: Any, label: str, on_success: Any, on_failure: Any = None) -> None:
        self.tasks.run(work, label, on_success, on_failure)

    def _update_buttons(self) -> None:
        loaded = self.checked is not None and not self.busy
        verified = self.checked is not None and not self.checked.failed()
        self.open_button.setEnabled(not self.busy)
        self.drop_zone.setEnabled(not self.busy)
        self.pdf_button.setEnabled(loaded)
        self.countersign_button.setEnabled(loaded and verified and self.hr_card is not None
                                           and not self.already_countersigned())

