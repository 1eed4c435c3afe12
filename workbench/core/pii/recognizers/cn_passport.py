"""CN_PASSPORT: PRC passport numbers (E/G + 8 digits, or E + letter + 7 digits), with context."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from workbench.core.pii.recognizers.base import ASCII_CASE_SENSITIVE


class CnPassportRecognizer(PatternRecognizer):
    """The format alone is weak (product codes look alike), so it needs a word like 护照."""

    PATTERNS = [
        Pattern("CN passport", r"(?<![0-9A-Za-z])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})(?![0-9A-Za-z])",
                0.3),
    ]
    CONTEXT = ["护照", "护照号", "passport", "签证", "visa"]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="CN_PASSPORT",
            name="CnPassportRecognizer",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
            global_regex_flags=ASCII_CASE_SENSITIVE,
        )
