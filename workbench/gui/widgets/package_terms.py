"""What a package's signed consent record says, as HTML for a text view or the PDF summary:
terms, parties with fingerprints, where it is kept, counts, and how the terms go beyond HR's
own request — never content or values."""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from workbench.core.display import visible
from workbench.core.messages import label
from workbench.core.services.countersigning import SENSITIVE_CATEGORIES, Difference
from workbench.core.services.receiving import PackageTerms, short_package
from workbench.gui.widgets.checks_list import BAD_COLOUR
from workbench.gui.widgets.fingerprint import group4


def difference_text(difference: Difference) -> str:
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
    group = "sensitive" if category in SENSITIVE_CATEGORIES else "data"
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
        "EMPLOYEE_ID": QCoreApplication.translate("PackageView", "Employee numbers"),
        "US_SSN": QCoreApplication.translate("PackageView", "US Social Security numbers"),
        "CN_CAR_PLATE": QCoreApplication.translate("PackageView", "Car plate numbers"),
        "DATE_OF_BIRTH": QCoreApplication.translate("PackageView", "Dates of birth"),
    }
    if entity.startswith("SENSITIVE_"):
        return QCoreApplication.translate("PackageView", "Sensitive: {0}").format(
            category_label(entity.removeprefix("SENSITIVE_").lower()))
    # Kinds this table has no plural for yet are named by the core's catalogue, never by code.
    return labels.get(entity) or label("entity", entity)


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


def terms_html(terms: PackageTerms, redactions: Mapping[str, tuple[int, int]] | None = None,
               title: str = "", differences: list[Difference] | tuple[Difference, ...] | None = None
               ) -> str:
    """Every field of the signed record: terms, parties with fingerprints, where it is kept,
    counts — never content or values. Differences from HR's own request come first."""
    t = _labels()
    summary = terms.summary

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
    hr = terms.countersigner
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
