"""US_SSN: US Social Security numbers, only where words say the number is one."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.core.pii.recognizers.base import CharacterRecognizer

# 3-2-4 digits, written with dashes, spaces or nothing, never inside a longer number.
_SHAPE = re.compile(r"(?<![0-9\-])(?P<area>\d{3})(?P<sep>[- ]?)(?P<group>\d{2})(?P=sep)"
                    r"(?P<serial>\d{4})(?![0-9]|-[0-9])")
# "SSN", "SS#", "social security (number|no.)", 社会安全号/社会保障号 (the US number in Chinese).
_SAYS_SSN = re.compile(
    r"(?<![A-Za-z])(?i:ssn|ss#|ss[ \t]*no\.?|social[ \t]+security)(?![A-Za-z])|"
    r"社会安全号|社会保障号|社安号")
_BEFORE_WINDOW = 32  # "Social Security No. " and "SSN (for the W-4): " reach this far
_AFTER_WINDOW = 16  # "123-45-6789 is my SSN"
# The first three digits of a phone written 3-3-4 are also three digits; only 3-2-4 is an SSN.
_CUES = ("ssn", "ss#", "ss no", "social security", "社会安全号", "社会保障号", "社安号")


def is_valid_ssn(area: str, group: str, serial: str) -> bool:
    """The Social Security Administration never issues area 000, 666 or 900-999, group 00
    or serial 0000."""
    return (area not in ("000", "666") and not area.startswith("9")
            and group != "00" and serial != "0000")


class SocialSecurityNumberRecognizer(CharacterRecognizer):
    """A 3-2-4 digit number with a valid area, group and serial, near a word naming an SSN
    ("SSN", "social security number", 社会安全号). The shape alone is a ticket or a part
    number as often as an SSN, so the word is required; score 0.85."""

    ENTITY = "US_SSN"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        lowered = text.lower()
        if not any(cue in lowered for cue in _CUES):
            return
        for match in _SHAPE.finditer(text):
            if not is_valid_ssn(match["area"], match["group"], match["serial"]):
                continue
            start, end = match.start(), match.end()
            if (_SAYS_SSN.search(text, max(0, start - _BEFORE_WINDOW), start)
                    or _SAYS_SSN.search(text, end, end + _AFTER_WINDOW)):
                yield start, end, 0.85
