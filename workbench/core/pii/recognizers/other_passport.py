"""CN_PASSPORT (the app's one passport entity) for other countries' passport numbers: 6-9
digits after up to two letters, only next to a word such as "passport" or 护照."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from workbench.core.pii.recognizers.base import ASCII_CASE_SENSITIVE
from workbench.core.pii.recognizers.cn_passport import CnPassportRecognizer


class OtherPassportRecognizer(PatternRecognizer):
    """Most passports have no telling shape (US: 9 digits; UK: 9 digits; DE: letters and
    digits), so the format scores far below the threshold and only a context word lifts
    it over ("passport no. 533380006"; "订单号 533380006" stays unreported)."""

    PATTERNS = [Pattern("passport", r"(?<![0-9A-Za-z])[A-Z]{0,2}\d{6,9}(?![0-9A-Za-z])", 0.1)]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="CN_PASSPORT",
            name="OtherPassportRecognizer",
            patterns=self.PATTERNS,
            context=CnPassportRecognizer.CONTEXT,
            supported_language=supported_language,
            global_regex_flags=ASCII_CASE_SENSITIVE,
        )
