"""CN_RESIDENT_ID: 18-character PRC resident identity numbers with a real date and check digit,
or of that shape right after words that say it is one (a mistyped number is still someone's)."""

from __future__ import annotations

import re
from datetime import date

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from workbench.core.pii.recognizers.base import ASCII_FLAGS, result

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


# 18 characters as an ID is written, whatever its date and check digit.
_SHAPE = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}[ \-]?\d{4}[ \-]?\d{4}[ \-]?\d{3}[0-9Xx]"
                    r"(?![0-9A-Za-z])", re.ASCII)
# Words that say the number after them is a resident ID ("身份证号码是…", "ID number: …"),
# and how far before the number they may stand.
_SAYS_ID = re.compile(
    r"身份证|身份号码|证件号|公民身份|(?<![A-Za-z])(?i:id[ \t]*(?:card|number|no\.?|#)|"
    r"identity[ \t]+(?:card|number)|resident[ \t]+id)(?![A-Za-z])")
_SAYS_ID_WINDOW = 16
CONTEXT_ONLY_SCORE = 0.6


class CnResidentIdRecognizer(PatternRecognizer):
    """Finds resident ID numbers. Without a word saying so, wrong check digits or impossible
    dates are not reported; right after "身份证号" or "ID number" any 18-character number of
    the shape is, since a mistyped ID is still personal data."""

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

    NAME = "CnResidentIdRecognizer"

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="CN_RESIDENT_ID",
            name=self.NAME,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
            global_regex_flags=ASCII_FLAGS,
        )

    def validate_result(self, pattern_text: str) -> bool:
        return is_valid_resident_id(pattern_text.replace(" ", "").replace("-", ""))

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        found = super().analyze(text, entities, nlp_artifacts, regex_flags)
        claimed = {(r.start, r.end) for r in found}
        for match in _SHAPE.finditer(text):
            if (match.start(), match.end()) in claimed:
                continue
            if _SAYS_ID.search(text, max(0, match.start() - _SAYS_ID_WINDOW), match.start()):
                found.append(result(self.NAME, self.id, self.supported_entities[0],
                                    match.start(), match.end(), CONTEXT_ONLY_SCORE))
        return found
