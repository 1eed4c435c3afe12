"""Which writing systems a text uses, to route it to the English and/or Chinese analysis."""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
# Two Latin letters in a row: a word the English model could read (not a lone "A" or "x").
_LATIN_WORD = re.compile(r"[A-Za-z]{2}")
# A capitalised word ("Sophie", "Zhang"): what English NER needs to tag a name or place.
_TITLECASE_WORD = re.compile(r"(?<![A-Za-z])[A-Z][a-z]")


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def has_latin_words(text: str) -> bool:
    return _LATIN_WORD.search(text) is not None


def has_titlecase_word(text: str) -> bool:
    return _TITLECASE_WORD.search(text) is not None


def languages_for(text: str, requested: str = "auto") -> tuple[str, ...]:
    """The analyses a text needs: ("en",), ("zh",) or both for mixed text."""
    if requested in ("en", "zh"):
        return (requested,)
    han, latin = has_han(text), has_latin_words(text)
    if han and latin:
        return ("zh", "en")
    return ("zh",) if han else ("en",)


def dominant_language(text: str) -> str:
    """'zh' when hanzi outnumber Latin letters, else 'en' (for aliases and placeholders)."""
    han = len(_HAN.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    return "zh" if han and han * 2 >= latin else "en"
