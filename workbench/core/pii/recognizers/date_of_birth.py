"""DATE_OF_BIRTH: a date that words say is someone's birth date ("DOB 1990-03-14",
"出生日期：1990年3月14日", "生日 3月14日"). Other dates are not personal and stay unflagged."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.core.pii.recognizers.base import CharacterRecognizer

_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_DATE = (
    r"(?P<date>"
    r"(?P<y1>\d{4})[-/.年](?P<m1>\d{1,2})(?:[-/.月](?P<d1>\d{1,2})[日号]?|月)?"
    r"|(?:(?P<y2>\d{4})年)?(?P<m2>\d{1,2})月(?P<d2>\d{1,2})[日号]"
    r"|(?P<a3>\d{1,2})[-/.](?P<b3>\d{1,2})(?:[-/.](?P<y3>\d{4}|\d{2}))?"
    rf"|(?P<m4>(?i:{_MONTHS}))\.?[ \t]+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?"
    r"(?:,?[ \t]+(?P<y4>\d{4}))?"
    rf"|(?P<d5>\d{{1,2}})(?:st|nd|rd|th)?[ \t]+(?P<m5>(?i:{_MONTHS}))\.?"
    r"(?:,?[ \t]+(?P<y5>\d{4}))?"
    r")(?![0-9A-Za-z])"
)
# The cue, then what may stand between it and the date.
_CUE_THEN_DATE = re.compile(
    r"(?:(?<![A-Za-z])(?i:d\.?o\.?b\.?|date[ \t]+of[ \t]+birth|birth[ \t]*date|birthday|"
    r"born(?:[ \t]+on)?)(?![A-Za-z])"
    r"[ \t]*(?:[:：=#]|(?i:is|was|on)(?![A-Za-z]))?[ \t]*(?:(?i:on)[ \t]+)?"
    r"|(?:出生日期|出生年月日?|出生于|生于|生日|出生)[ \t]*(?:[:：]|是|为|為|在)?[ \t]*)"
    r"(?<![0-9])" + _DATE)
# "1990年3月14日出生": the date first.
_DATE_THEN_CUE = re.compile(r"(?<![0-9])" + _DATE + r"[ \t]*(?:出生|生人)")
_CUES = ("dob", "d.o.b", "birth", "born", "出生", "生于", "生日")


def _plausible(match: re.Match[str]) -> bool:
    """A real month and day, and a year in a living person's range."""
    year = match["y1"] or match["y2"] or match["y3"] or match["y4"] or match["y5"]
    month = match["m1"] or match["m2"] or match["m4"] or match["m5"]
    day = match["d1"] or match["d2"] or match["d4"] or match["d5"]
    if match["a3"]:
        first, second = int(match["a3"]), int(match["b3"])
        # 14/03/1990 or 03/14/1990: one of the two is the month.
        return (1 <= min(first, second) <= 12 and max(first, second) <= 31
                and (year is None or len(year) == 2 or 1900 <= int(year) <= 2100))
    if year is not None and not 1900 <= int(year) <= 2100:
        return False
    if month is not None and month.isdigit() and not 1 <= int(month) <= 12:
        return False
    return day is None or 1 <= int(day) <= 31


class DateOfBirthRecognizer(CharacterRecognizer):
    """The date after (or, for 出生, before) a word saying it is a birth date; the span is the
    date only. Score 0.85."""

    ENTITY = "DATE_OF_BIRTH"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        lowered = text.lower()
        if not any(cue in lowered for cue in _CUES):
            return
        for pattern in (_CUE_THEN_DATE, _DATE_THEN_CUE):
            for match in pattern.finditer(text):
                if _plausible(match):
                    yield match.start("date"), match.end("date"), 0.85
