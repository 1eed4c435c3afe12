"""Finding categories as the reviewer sees them: which entity falls where, its colours, and
the words used for entities, decisions and parties."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from workbench.core.messages import label
from workbench.core.services.reviewing import StoredFinding, shown_detector


@dataclass(frozen=True)
class Category:
    key: str
    strong: QColor  # a finding that still needs a decision
    light: QColor  # a decided finding

    def label(self) -> str:
        return category_label(self.key)


CATEGORIES: tuple[Category, ...] = (
    Category("names", QColor("#8ab4f8"), QColor("#c3dafc")),
    Category("contact", QColor("#81c995"), QColor("#bfe6cb")),
    Category("ids", QColor("#fcad70"), QColor("#fbd2b0")),
    Category("secrets", QColor("#f28b82"), QColor("#f8c1bb")),
    Category("places", QColor("#c58af9"), QColor("#e0c8fb")),
    Category("sensitive", QColor("#fdd663"), QColor("#fde9a0")),
    Category("manual", QColor("#9aa0a6"), QColor("#d3d6da")),
    Category("other", QColor("#78d9ec"), QColor("#bdeef7")),
)
_BY_KEY = {c.key: c for c in CATEGORIES}

_ENTITY_CATEGORY = {
    "PERSON": "names",
    "EMAIL_ADDRESS": "contact", "PHONE_NUMBER": "contact",
    "CN_RESIDENT_ID": "ids", "CN_PASSPORT": "ids", "BANK_CARD": "ids", "CREDIT_CARD": "ids",
    "IBAN_CODE": "ids", "EMPLOYEE_ID": "ids", "US_SSN": "ids", "CN_CAR_PLATE": "ids",
    "DATE_OF_BIRTH": "ids",
    "SECRET": "secrets",
    "ADDRESS": "places", "LOCATION": "places",
}


def category_of(finding: StoredFinding) -> Category:
    if finding.detector == "manual":
        return _BY_KEY["manual"]
    if finding.entity.startswith("SENSITIVE_"):
        return _BY_KEY["sensitive"]
    return _BY_KEY[_ENTITY_CATEGORY.get(finding.entity, "other")]


def category_label(key: str) -> str:
    labels = {
        "names": QCoreApplication.translate("ReviewCategories", "Names"),
        "contact": QCoreApplication.translate("ReviewCategories", "Contact details"),
        "ids": QCoreApplication.translate("ReviewCategories", "IDs and cards"),
        "secrets": QCoreApplication.translate("ReviewCategories", "Secrets"),
        "places": QCoreApplication.translate("ReviewCategories", "Addresses"),
        "sensitive": QCoreApplication.translate("ReviewCategories", "Sensitive topics"),
        "manual": QCoreApplication.translate("ReviewCategories", "Your redactions"),
        "other": QCoreApplication.translate("ReviewCategories", "Other"),
    }
    return labels.get(key, key)


def entity_label(entity: str) -> str:
    return label("entity", entity)


def decision_label(decision: str) -> str:
    labels = {
        "pending": QCoreApplication.translate("ReviewCategories", "Needs a decision"),
        "redact": QCoreApplication.translate("ReviewCategories", "Redact"),
        "pseudonymise": QCoreApplication.translate("ReviewCategories", "Replace with alias"),
        "keep": QCoreApplication.translate("ReviewCategories", "Keep"),
    }
    return labels.get(decision, decision)


def party_label(party: str, alias: str | None) -> str:
    if party == "self":
        return QCoreApplication.translate("ReviewCategories", "You")
    if party == "third_party":
        if alias:
            return QCoreApplication.translate(
                "ReviewCategories", "Someone else — shown as {0}").format(alias)
        return QCoreApplication.translate("ReviewCategories", "Someone else")
    return QCoreApplication.translate("ReviewCategories", "No particular person")


def detector_label(detector: str, text: str = "") -> str:
    return label("detector", shown_detector(detector, text))
