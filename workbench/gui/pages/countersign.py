"""HR's page: open a package, check it, read its terms (never its content), countersign it,
and save a one-page PDF summary. The checks, the comparison with HR's own request and the
redaction counts come from core/services/countersigning."""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.core.display import visible
from workbench.core.messages import t
from workbench.core.services import countersigning, identities
from workbench.core.services.countersigning import Difference, HrReview, IdentityCard, Reader
from workbench.gui.context import AppContext
from workbench.gui.page_tasks import PageTasks
from workbench.gui.pages.base import Page
from workbench.gui.widgets.checks_list import BAD_COLOUR, OK_COLOUR, ChecksList, check_detail
from workbench.gui.widgets.fingerprint import group4
from workbench.gui.widgets.labels import banner, heading, note
from workbench.gui.widgets.package_chooser import PackageChooser, PackageDrops
from workbench.gui.widgets.package_terms import difference_text, redactions_html, terms_html

LAYOUT_DOTS_PER_METRE = 3780  # 96 dots per inch


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


class CountersignPage(PackageDrops, Page):
    key = "countersign"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.path: Path | None = None
        self.checked: HrReview | None = None
        self.hr_card: IdentityCard | None = None
        self.redactions: dict[str, tuple[int, int]] = {}
        self.differences: list[Difference] = []
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
        # Whom the package will be readable by: each recipient's key, and whether HR knows it.
        self.readers_view = QTextBrowser()
        self.readers_view.setOpenLinks(False)
        self.readers_view.setMaximumHeight(150)
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
        right_layout.addWidget(heading(self.tr("Readable by"), 1.1))
        right_layout.addWidget(self.readers_view)
        right_layout.addWidget(heading(self.tr("Terms the employee signed"), 1.1))
        right_layout.addWidget(self.terms, 1)
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
        card, reason = identities.identity_or_reason("hr")
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
        self.readers_view.clear()
        self.redacted.clear()
        self.stack.setCurrentIndex(1)
        now, card = self.ctx.now(), self.hr_card

        def work(progress: Any, cancel: Any) -> HrReview:
            return countersigning.review_package(path, now, card.fingerprint if card else None,
                                                 progress, cancel)

        self._run(work, self.tr("Checking {0}").format(visible(self.path.name)),
                  self._show_checked, self._show_unreadable)

    def _show_checked(self, review: HrReview) -> None:
        self.checked = review
        self.redactions, self.differences = dict(review.redactions), list(review.differences)
        self.checks_list.set_checks(review.checks)
        self.terms.setHtml(terms_html(review.terms, differences=self.differences))
        self.readers_view.setHtml(self.readers_html(review))
        if review.ledger_verified:
            self.redacted.setHtml(redactions_html(self.redactions))
        else:
            self.redacted.setPlainText(self.tr("The ledger does not verify, so its redaction "
                                               "counts are not shown."))
        failed = self.checked.failed()
        refusal = review.readers_refusal()
        unknown = review.unknown_readers()
        if failed:
            banner(self.verdict, self.tr("This package does not verify; do not countersign "
                                         "it. {0}: {1}").format(failed[0].title(),
                                                               check_detail(failed[0])), False)
        elif refusal is not None and not self.already_countersigned():
            banner(self.verdict, refusal.text(), False)
        elif self.already_countersigned():
            banner(self.verdict, self.tr("Already countersigned by HR. The recipients can "
                                         "open it now."), True)
        elif self.differences:
            banner(self.verdict, self.tr(
                "The terms go beyond your own request in {0} ways (listed in red with the "
                "terms). Countersign only if you agree to them.").format(len(self.differences)),
                False)
        elif unknown:
            banner(self.verdict, t("readers.unknown-warning",
                                   ", ".join(visible(r.name) for r in unknown)), False)
        else:
            banner(self.verdict, self.tr("Every check passed. Read the terms, then "
                                         "countersign."), True)
        self._update_buttons()

    def readers_html(self, review: HrReview) -> str:
        """Each recipient: name, email, whole key fingerprint, and whether it is a known
        contact (in green when checked with its owner, red when refused or unknown)."""

        def esc(value: object) -> str:
            return html.escape(visible(value))

        def colour(reader: Reader) -> str:
            if reader.status == "verified":
                return OK_COLOUR.name()
            return BAD_COLOUR.name() if reader.refused or not reader.known else "#8a6d00"

        def status(reader: Reader) -> str:
            # The row already shows the contact's name, email and key: say only how far it
            # is trusted; a refusal names the contact it imitates.
            if reader.status == "verified":
                return self.tr("✓ your contact, fingerprint checked with its owner")
            if reader.status == "known":
                return self.tr("your contact, fingerprint not yet checked with its owner")
            return reader.status_message().text()

        head = "".join(f"<th align='left'>{html.escape(h)}</th>" for h in (
            self.tr("Name"), self.tr("Email"), self.tr("Key fingerprint"),
            self.tr("Known contact?")))
        rows = "".join(
            f"<tr><td>{esc(r.name)}</td><td>{esc(r.email) or '—'}</td>"
            f"<td style='font-family: monospace'>{esc(group4(r.fingerprint))}</td>"
            f"<td style='color:{colour(r)}'>{html.escape(status(r))}</td></tr>"
            for r in review.readers)
        employee = review.terms.summary["employee"]
        own_copy = self.tr("the employee who exported it (own copy)")
        rows += (f"<tr style='color:#555'><td>{esc(employee['name'])}</td><td>—</td>"
                 f"<td style='font-family: monospace'>{esc(group4(employee['fingerprint']))}"
                 f"</td><td>{html.escape(own_copy)}"
                 "</td></tr>")
        return ("<table cellspacing='0' cellpadding='3' border='0' width='100%'>"
                f"<tr>{head}</tr>{rows}</table>")

    def _show_unreadable(self, message: str) -> None:
        self.checked = None
        banner(self.verdict, message, False)
        self._update_buttons()
        self.ctx.show_error(message)

    def already_countersigned(self) -> bool:
        return self.checked is not None and self.checked.countersigned

    # -- countersigning ------------------------------------------------------------------------

    def confirm_countersign(self) -> None:
        if self.checked is None or self.path is None or self.busy:
            return
        if self.hr_card is None:
            self.ctx.show_error(self.identity_note.text())
            return
        refusal = self.checked.readers_refusal()
        if refusal is not None:
            self.ctx.show_error(refusal.text())
            return
        summary = self.checked.terms.summary
        text = self.tr(
            "Countersign this package as {0}?\n\nYou confirm that {1} agreed to share it with "
            "{2} for: {3}.\nThey must delete it by {4}.").format(
            visible(self.hr_card.name), visible(summary["employee"]["name"]),
            visible(", ".join(f"{r.name} ({group4(r.fingerprint)[:9]}…)"
                              for r in self.checked.readers)),
            visible("; ".join(summary["purposes"])), summary["delete_by"])
        answer = QMessageBox.question(self, self.tr("Countersign"), text)
        if answer != QMessageBox.StandardButton.Yes:
            return
        accept = bool(self.differences)
        if accept and not self.confirm_differences():
            return
        path, card, now, reviewed = self.path, self.hr_card, self.ctx.now(), self.checked
        self._run(lambda progress, cancel: countersigning.countersign(
                      path, now, card.fingerprint, accept, reviewed),
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
        recipients = visible(", ".join(self.checked.terms.recipient_names))
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
            f"{'✓' if c.ok else '✗'}&nbsp;{html.escape(c.title())}"
            for c in self.checked.checks)
        printed = self.ctx.now().astimezone().strftime("%Y-%m-%d %H:%M")
        return (terms_html(self.checked.terms, self.redactions, self.tr("Consent package summary"),
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
        verified = self.checked is not None and not self.checked.failed() \
            and not self.checked.refused_readers()
        self.open_button.setEnabled(not self.busy)
        self.drop_zone.setEnabled(not self.busy)
        self.pdf_button.setEnabled(loaded)
        self.countersign_button.setEnabled(loaded and verified and self.hr_card is not None
                                           and not self.already_countersigned())

