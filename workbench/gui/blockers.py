"""The gate's and the export check's reasons in the user's language, from their stable codes."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from workbench.core import gate
from workbench.core.bundle import ExportBlocker

CONTEXT = "Blockers"
# A sentence that ends in Chinese ends with a Chinese full stop.
_WIDE_END = re.compile(r"[\u3000-\u9fff\uff00-\uffef]$")

_GATE = {
    gate.Rule.UNSCANNED: QT_TRANSLATE_NOOP("Blockers", "not scanned yet: scan it first"),
    gate.Rule.STALE_SCAN: QT_TRANSLATE_NOOP(
        "Blockers", "scanned by an older detector or before the people now known were "
        "imported: scan again"),
    gate.Rule.SCAN_ALTERED: QT_TRANSLATE_NOOP(
        "Blockers", "its scan record does not match its findings: the workspace was edited "
        "outside the app"),
    gate.Rule.REVIEW_ALTERED: QT_TRANSLATE_NOOP(
        "Blockers", "its findings or decisions are not the ones the app recorded: the "
        "workspace was edited outside the app"),
    gate.Rule.UNDECIDED: QT_TRANSLATE_NOOP("Blockers", "{count} finding(s) still need a "
                                           "decision"),
    gate.Rule.KEPT_IDENTIFIER: QT_TRANSLATE_NOOP(
        "Blockers", "{count} secret or identifier finding(s) are set to keep; they must be "
        "redacted"),
    gate.Rule.IMAGE_NEEDS_LOOK: QT_TRANSLATE_NOOP(
        "Blockers", "a picture must be looked at and approved by hand"),
    gate.Rule.PENDING: QT_TRANSLATE_NOOP("Blockers", "not approved yet"),
    gate.Rule.APPROVAL_VOID: QT_TRANSLATE_NOOP(
        "Blockers", "its findings or decisions changed after it was approved (or were edited "
        "outside the app): review and approve it again"),
}

_EXPORT = {
    "pending": QT_TRANSLATE_NOOP("Blockers", "{count} item(s) are still pending review "
                                 "({names})"),
    "artifact": QT_TRANSLATE_NOOP("Blockers", "{items} item(s) cannot leave ({names}): "
                                  "{reason}"),
    "no-approved": QT_TRANSLATE_NOOP("Blockers", "no item is approved"),
    "no-consent": QT_TRANSLATE_NOOP("Blockers", "there is no consent record yet"),
    "ledger-cut": QT_TRANSLATE_NOOP(
        "Blockers", "the workspace's ledger is shorter than the app left it: it was cut outside "
        "the app, so the consent history cannot be trusted"),
    "records-differ": QT_TRANSLATE_NOOP(
        "Blockers", "the consent record in force is not the latest decision in the signed "
        "ledger: consent records were removed outside the app; record a new decision"),
    "declined": QT_TRANSLATE_NOOP("Blockers", "the latest consent record declines consent"),
    "withdrawn": QT_TRANSLATE_NOOP("Blockers", "consent was withdrawn on {date}; record a new "
                                   "decision"),
    "expired": QT_TRANSLATE_NOOP("Blockers", "the consent's delete-by date {date} has passed; "
                                 "consent again with a new date"),
    "material-change": QT_TRANSLATE_NOOP("Blockers", "the material changed after consent was "
                                         "given ({changes}); consent again"),
    "sensitive-without-consent": QT_TRANSLATE_NOOP(
        "Blockers", "sensitive information kept without separate consent: {categories} "
        "(redact it, or consent separately)"),
}

_MATERIAL = {
    "new-material": QT_TRANSLATE_NOOP("Blockers", "{value} approved item(s) were not part of "
                                      "the material"),
    "new-kind": QT_TRANSLATE_NOOP("Blockers", "a new kind of material: {value}"),
    "new-sensitive": QT_TRANSLATE_NOOP("Blockers", "a new sensitive category: {value}"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def gate_reason(blocker: gate.Blocker) -> str:
    """Why one item may not be approved or may not leave, as a phrase."""
    return _tr(str(_GATE[blocker.rule])).format(count=blocker.count)


def export_reason(blocker: ExportBlocker) -> str:
    """One export blocker as a sentence."""
    p = dict(blocker.params)
    if blocker.code == "artifact":
        p["reason"] = gate_reason(gate.Blocker(p["artifact"], p["title"], gate.Rule(p["rule"]),
                                               p["count"], p["detail"]))
    elif blocker.code == "material-change":
        p["changes"] = "; ".join(_tr(str(_MATERIAL[c["code"]])).format(value=c["value"])
                                 for c in p["changes"])
    elif blocker.code == "sensitive-without-consent":
        p["categories"] = ", ".join(p["categories"])
    template = _EXPORT.get(blocker.code)
    text = _tr(str(template)).format(**p) if template else str(blocker)
    if text.endswith((".", "。")):
        return text
    full_stop = "。" if _WIDE_END.search(text) else "."
    return text[:1].upper() + text[1:] + full_stop
