"""Pseudonyms for third parties: the same person is the same alias (同事A / Colleague A)."""

from __future__ import annotations


def letters(ordinal: int) -> str:
    """0 → A, 25 → Z, 26 → AA: spreadsheet-style, so any number of colleagues fits."""
    label = ""
    ordinal += 1
    while ordinal:
        ordinal, rest = divmod(ordinal - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def alias(ordinal: int, language: str) -> str:
    return f"同事{letters(ordinal)}" if language == "zh" else f"Colleague {letters(ordinal)}"
