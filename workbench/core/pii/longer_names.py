"""A longer name around a known person's: 欧阳娜娜 and 王娜娜 hold the nickname 娜娜, "Lina
Lindqvist" the name "Lina". Such a name is someone else's, and the known match inside it must
not win the span: were it the employee's, the whole name would be kept, in clear, as theirs."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from workbench.core.pii.chinese import COMPOUND_SURNAMES, common_surnames, jieba_posseg
from workbench.core.pii.recognizers.base import result
from workbench.core.pii.recognizers.known_people import PERSON_KEY

RECOGNIZER = "LongerNameRecognizer"
SCORE = 0.85
# Surname characters that before a name are mostly a word of their own: 和娜娜 is "and 娜娜",
# 向娜娜 "to 娜娜", 于 "at", 时 "when", 连 "even".
_PARTICLES = frozenset("和向于时连同跟与及对给把被让叫找问请陪帮替为是在等由从比像将说"
                       "也都就还又再才")
_HANZI = re.compile(r"^[\u4e00-\u9fff]+$")
_LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z'\-]*$")
# The next word of a Latin name: capitalised, after spaces on the same line.
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z][A-Za-z'\-]*)(?![A-Za-z0-9_@]|[.\-][A-Za-z0-9])")
# Characters either side the word segmenter reads with a surname candidate.
_MARGIN = 6


def _owner(found: RecognizerResult) -> str | None:
    """The key of the known person a PERSON finding names, or None."""
    if found.entity_type != "PERSON":
        return None
    owner = (found.recognition_metadata or {}).get(PERSON_KEY)
    return str(owner) if owner else None


def yield_to_longer_names(text: str, raw: list[RecognizerResult]) -> list[RecognizerResult]:
    """`raw` with each match of a known person's name that lies inside a longer name replaced
    by that name (found by a model, or a surname written right before it), unless the longer
    form is itself one of that person's names. The employee first: 娜娜 in 欧阳娜娜."""
    known = [r for r in raw if _owner(r)]
    if not known:
        return raw
    dropped: set[int] = set()
    added: list[RecognizerResult] = []
    for found in known:
        span = _longer_name(text, found, raw)
        if span is None:
            continue
        start, end = span
        if any(_owner(k) == _owner(found) and k.start <= start and end <= k.end
               for k in known):
            continue  # "Lina Li" around "Lina": the longer form is theirs too
        dropped.add(id(found))
        if not any(r.entity_type == "PERSON" and (r.start, r.end) == span
                   and r.score >= SCORE for r in raw + added):
            added.append(result(RECOGNIZER, RECOGNIZER, "PERSON", start, end, SCORE))
    if not dropped:
        return raw
    return [r for r in raw if id(r) not in dropped] + added


def _longer_name(text: str, found: RecognizerResult,
                 raw: list[RecognizerResult]) -> tuple[int, int] | None:
    value = text[found.start:found.end]
    if _HANZI.match(value):
        start = surname_before(text, found.start, len(value))
        return (start, found.end) if start is not None else None
    if _LATIN_WORD.match(value):
        return _surname_after(text, found, raw)
    return None


def surname_before(text: str, at: int, length: int) -> int | None:
    """Where the surname written right before the hanzi name at `at` starts (欧阳 of
    欧阳娜娜, 王 of 王娜娜), or None: 谢谢娜娜, 公司娜娜 and 和娜娜 have no surname there."""
    if at >= 2 and text[at - 2:at] in COMPOUND_SURNAMES and length <= 2:
        return at - 2
    if at < 1 or length > 3:
        return None
    char = text[at - 1]
    if char not in common_surnames() or char in _PARTICLES:
        return None
    if at >= 2 and text[at - 2] == char:
        return None  # 谢谢, 常常: a doubled word
    return None if _ends_a_word(text, at - 1) else at - 1


def _ends_a_word(text: str, position: int) -> bool:
    """Whether the character at `position` is the last of a word that starts before it
    (司 of 公司, 明 of 说明), as the word segmenter reads the text around it."""
    offset = max(0, position - _MARGIN)
    start = offset
    for word, _flag in jieba_posseg()(text[offset:position + _MARGIN]):
        end = start + len(word)
        if start <= position < end:
            return start < position
        start = end
    return False


def _surname_after(text: str, found: RecognizerResult,
                   raw: list[RecognizerResult]) -> tuple[int, int] | None:
    """"Lina Lindqvist" around "Lina": a name the models found that starts with the match
    and goes on to the next word, or the next word being a surname."""
    from workbench.core.pii.plausible import not_names_en
    from workbench.core.pii.recognizers.person_en import (
        AMBIGUOUS,
        COMMON,
        SURNAME,
        fold,
        lexicons,
    )

    following = _NEXT_WORD.match(text, found.end)
    if following is None:
        return None
    word = following.group(1)
    flags = lexicons().flags.get(fold(word), 0)
    if flags & (COMMON | AMBIGUOUS) or word.casefold() in not_names_en():
        return None  # "Lina Thanks", "Lina Will": a word, not a surname
    span = (found.start, following.end(1))
    ends = [r.end for r in raw if r.entity_type == "PERSON" and _owner(r) != _owner(found)
            and r.start == found.start and r.end >= span[1]]
    if ends:
        return found.start, min(ends)
    return span if flags & SURNAME else None
