"""CN_PASSPORT: PRC passport numbers (E/G + 8 digits, or E + letter + 7 digits), with context."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from workbench.core.pii.recognizers.base import ASCII_CASE_SENSITIVE


class CnPassportRecognizer(PatternRecognizer):
    """The PRC shapes count alone (just above the threshold); any other passport-like number
    needs a word like 护照 or "passport" nearby."""

    PATTERNS = [
        Pattern("CN passport", r"(?<![0-9A-Za-z])(?:[EGP]\d{8}|E[A-HJ-NP-Z]\d{7})(?![0-9A-Za-z])",
                0.45),
        # Other countries' passports have no telling shape: only a context word makes one.
        Pattern("passport", r"(?<![0-9A-Za-z])[A-Z]{0,2}\d{6,9}(?![0-9A-Za-z])", 0.1),
    ]
    CONTEXT = ["护照", "护照号", "passport", "签证", "visa", "passport no"]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="CN_PASSPORT",
            name="CnPassportRecognizer",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
            global_regex_flags=ASCII_CASE_SENSITIVE,
        )
