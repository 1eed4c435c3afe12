"""Shared set-up for the pattern recognizers: ASCII-safe regex flags next to CJK text."""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult

# Python's \b and \w treat hanzi as word characters, so "到a@b.com谢谢" has no boundary
# before "a" unless patterns are ASCII-only. Presidio compiles its patterns with the `regex`
# module, whose flag values differ from the standard `re` module's: use these for Presidio.
ASCII_FLAGS = regex.ASCII | regex.IGNORECASE | regex.MULTILINE | regex.DOTALL
ASCII_CASE_SENSITIVE = regex.ASCII | regex.MULTILINE | regex.DOTALL


def result(
    recognizer_name: str, recognizer_id: str, entity: str, start: int, end: int, score: float
) -> RecognizerResult:
    """A RecognizerResult that names the recognizer that found it."""
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer_name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer_id,
        },
    )
