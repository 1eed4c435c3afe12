"""When two names (or emails) look alike to a reader, and when one name is forged-looking.

One fold for every comparison of parties' names and emails: importing a card next to the
known ones, the recipients HR is shown before countersigning, a second identity of your own.
Two texts look alike when, after `skeleton` (compatibility forms such as full-width letters,
every invisible character and space dropped) and with "-", "_" and dots dropped, the Unicode
TR39 confusables map makes them the same in one of three readings: as typed, in small letters
or in capitals. (TR39 maps Cyrillic "Н" to "H" but small "н" to small-capital "ʜ", and "I" to
"l" but not "i": case folding before or after the map alone misses one or the other.)

The confusables data comes from `confusable_homoglyphs`, which ships Unicode's own
confusables.txt and Scripts.txt as data (no network): a maintained copy of the standard
table rather than a hand-made list that knows some Cyrillic and Greek letters and misses the
rest (Armenian "ո" drawn like "n", Cherokee, mathematical letters...).

A word that mixes Latin, Cyrillic, Greek or Armenian letters (or other alphabets) is what
such a forgery looks like and is never an honest name; Chinese, Japanese and Korean
characters beside Latin ones ("陈静 Jing Chen", "卡拉OK") are fine.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from confusable_homoglyphs import categories, confusables

from workbench.core.display import skeleton

# The scripts written beside Latin letters in honest names and words.
_CJK = frozenset({"HAN", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO"})
_NEUTRAL = frozenset({"COMMON", "INHERITED", "Unknown"})
# confusables.json wraps right-to-left characters in LEFT-TO-RIGHT MARKs for display.
_MARKS = str.maketrans("", "", "\u200e\u200f")
# Separators a name or address is spelt with or without ("HR_Team", "xinghe-example.com"),
# dropped with dashes and connectors after the map ("·" stands for its class, "・" among it).
_DOTS = frozenset(".·")


@cache
def _table() -> dict[int, str]:
    """Each confusable character to one member of its TR39 class: the class's prototype when
    it is a sequence ("m" is "rn"), else a plain ASCII letter when there is one."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # The file lists each pair both ways (a character to its prototype and back): the
    # classes are the connected groups.
    for char, alikes in confusables.confusables_data.items():
        for alike in alikes:
            a, b = root(char.translate(_MARKS)), root(alike["c"].translate(_MARKS))
            if a != b:
                parent[a] = b
    groups: dict[str, list[str]] = {}
    for member in list(parent):
        groups.setdefault(root(member), []).append(member)
    table: dict[int, str] = {}
    for group in groups.values():
        chosen = min(group, key=lambda x: (len(x) == 1, not (x.isascii() and x.isalpha()),
                                           not x.isascii(), x != x.casefold(), x))
        table.update({ord(x): chosen for x in group if len(x) == 1 and x != chosen})
    return table


def _mapped(text: str) -> str:
    """`text` through the confusables map until nothing changes (a prototype may hold
    characters that are themselves mapped after normalising)."""
    for _ in range(4):
        again = unicodedata.normalize("NFKC", text.translate(_table()))
        if again == text:
            break
        text = again
    return "".join(c for c in text if unicodedata.category(c) not in ("Pc", "Pd")
                   and c not in _DOTS)


def folds(text: str) -> frozenset[str]:
    """What `text` looks like, read as typed, in small letters and in capitals (each tagged,
    so only readings of the same kind are compared)."""
    # `skeleton` of one character is empty when it draws as nothing or as a space.
    base = "".join(c for c in unicodedata.normalize("NFKC", text) if skeleton(c))
    return frozenset({"=" + _mapped(base), "a" + _mapped(base.casefold()),
                      "A" + _mapped(base.upper())})


def alike(one: str, other: str) -> bool:
    """Whether two names, or two emails, look the same to a reader (an empty one is like
    nothing). An email is compared whole: its "@" is kept, so "a@bc" is not "ab@c"."""
    if not skeleton(one) or not skeleton(other):
        return False
    return not folds(one).isdisjoint(folds(other))


def mixed_word(text: str) -> str:
    """The first word of `text` whose letters come from more than one alphabet besides
    Chinese, Japanese or Korean ("Pаyments" with a Cyrillic а), else ""."""
    word: list[str] = []
    for char in unicodedata.normalize("NFKC", text) + " ":
        if unicodedata.category(char)[0] in ("L", "M"):
            word.append(char)
            continue
        scripts = {categories.alias(c) for c in word} - _NEUTRAL - _CJK
        if len(scripts) > 1:
            return "".join(word)
        word = []
    return ""
