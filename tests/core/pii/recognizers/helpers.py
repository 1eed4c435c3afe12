"""Running one recognizer over a text and reading back (entity, text, score)."""

from __future__ import annotations


def spans(recognizer, text: str) -> list[tuple[str, str]]:
    return sorted((r.entity_type, text[r.start:r.end]) for r in recognizer.analyze(text, []))


def values(recognizer, text: str) -> list[str]:
    return [value for _, value in spans(recognizer, text)]


def scores(recognizer, text: str) -> dict[str, float]:
    return {text[r.start:r.end]: r.score for r in recognizer.analyze(text, [])}
