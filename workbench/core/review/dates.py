"""Whether a value the employee redacted names an item's own day, so that day is withheld
everywhere the item leaves (its file name, the skill's table of references)."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"\d+")
_MONTH_WORDS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")), start=1)
    for name in names
}
_WORD = re.compile(r"[A-Za-z]+")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def names_day(value: str, day: str | None) -> bool:
    """True when `value` ("2024-06-11", "6/11", "June 11", "2024年6月11日") writes the date of
    `day` (an ISO timestamp or date). Errs on the side of withholding: any month/day pair that
    matches counts, unless the value also names another year."""
    if not day or not _ISO_DAY.match(day):
        return False
    year, month, date = int(day[:4]), int(day[5:7]), int(day[8:10])
    numbers = [int(n) for n in _NUMBER.findall(value)]
    months = {_MONTH_WORDS[w.lower()] for w in _WORD.findall(value)
              if w.lower() in _MONTH_WORDS}
    if any(n > 31 and n != year for n in numbers):
        return False
    small = [n for n in numbers if n <= 31]
    if months:
        return month in months and date in small
    if month == date:
        return small.count(date) >= 2
    return month in small and date in small
