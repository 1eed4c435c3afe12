"""CN_PASSPORT: PRC passport numbers (E/G/P + 8 digits, or E + letter + 7 digits), with context."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from workbench.core.pii.recognizers.base import ASCII_CASE_SENSITIVE


class CnPassportRecognizer(PatternRecognizer):
    """Every shape needs a word like 护照 or "passport" nearby: product and order codes look
    alike ("型号 E12345678"). The PRC shapes start higher than any other number."""

    PATTERNS = [
        Pattern("CN passport", r"(?<![0-9A-Za-z])(?:[EGP]\d{8}|E[A-HJ-NP-Z]\d{7})(?![0-9A-Za-z])",
                0.3),
    ]
    CONTEXT = ["护照", "护照号", "passport", "签证", "visa", "出境", "出国", "证件",
               "travel document"]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="CN_PASSPORT",
            name="CnPassportRecognizer",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
            global_regex_flags=ASCII_CASE_SENSITIVE,
        )
