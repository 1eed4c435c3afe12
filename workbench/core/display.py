"""Untrusted text made safe to show: control characters, escape sequences and bidi
overrides rendered visibly, so a name in a package cannot repaint a terminal or the app."""

from __future__ import annotations

import unicodedata

# Cc: C0/C1 controls (ESC starts every ANSI sequence); Cf: format characters such as the
# bidi overrides U+202E and U+2066-2069 and zero-width marks; Zl/Zp: line and paragraph breaks.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp"})
# Letters and symbols that draw as nothing (Hangul fillers, the blank Braille cell, Khmer
# inherent vowels, the Mongolian vowel separator): a name padded with one looks like the name.
_BLANK_LOOKING = frozenset({0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x2800, 0x3164, 0xFFA0})
# Unicode's Default_Ignorable_Code_Point ranges that are not format characters (Cf): the
# combining grapheme joiner, variation selectors, Mongolian free variation selectors and the
# reserved ignorables draw nothing, so "HR Te\u034fam" looks like "HR Team"
# (DerivedCoreProperties.txt; Python's unicodedata does not expose the property).
_IGNORABLE_RANGES = ((0x034F, 0x034F), (0x180B, 0x180F), (0xFE00, 0xFE0F), (0xFFF0, 0xFFF8),
                     (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF))


def visible(text: object) -> str:
    """`text` with every character that could hide or rewrite what is shown escaped as
    \\xNN or \\uNNNN, so it stays on one line and shows exactly what it holds."""
    out = []
    for char in str(text):
        if _hides(char):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def _hides(char: str) -> bool:
    category = unicodedata.category(char)
    code = ord(char)
    return (category in _HIDDEN or code in _BLANK_LOOKING
            or (category == "Zs" and char != " ")
            or any(low <= code <= high for low, high in _IGNORABLE_RANGES))


def skeleton(text: str) -> str:
    """What `text` looks like, for telling look-alikes apart: compatibility forms folded
    (full-width "ｃ" is "c"), case folded, and every character that draws as nothing or as a
    plain space dropped, so "陈静" padded with a Hangul filler is "陈静"."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in folded if not _hides(c) and c != " ")


def columns(text: str) -> int:
    """How many terminal columns `text` takes: wide and full-width characters (hanzi) two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)
