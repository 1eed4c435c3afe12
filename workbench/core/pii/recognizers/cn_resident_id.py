"""CN_RESIDENT_ID: 18-character PRC resident identity numbers with a real date and check digit."""

from __future__ import annotations

from datetime import date

from presidio_analyzer import Pattern, PatternRecognizer

from workbench.core.pii.recognizers.base import ASCII_FLAGS

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def is_valid_resident_id(value: str) -> bool:
    """GB 11643: a real birth date in positions 7-14 and the ISO 7064 MOD 11-2 check digit."""
    value = value.upper()
    if len(value) != 18 or not value[:17].isdigit() or value[0] == "0":
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if not date(1890, 1, 1) <= born <= date.today():
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == value[17]


class CnResidentIdRecognizer(PatternRecognizer):
    """Finds resident ID numbers; wrong check digits or impossible dates are not reported."""

    PATTERNS = [
        Pattern(
            "CN resident ID (18 digits)",
            # Also written in groups: "110105 19900307 1239", "110105-1990-0307-123x".
            r"(?<![0-9A-Za-z])[1-9]\d{5}[ \-]?(?:18|19|20)\d{2}[ \-]?(?:0[1-9]|1[0-2])"
            r"(?:0[1-9]|[12]\d|3[01])[ \-]?\d{3}[0-9Xx](?![0-9A-Za-z])",
            0.5,
        )
    ]
    CONTEXT = ["身份证", "身份证号", "证件", "证件号", "id card", "id number", "resident",
               "identity"]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="CN_RESIDENT_ID",
            name="CnResidentIdRecognizer",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
            global_regex_flags=ASCII_FLAGS,
        )

    def validate_result(self, pattern_text: str) -> bool:
        return is_valid_resident_id(pattern_text.replace(" ", "").replace("-", ""))
