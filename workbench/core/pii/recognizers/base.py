"""Shared set-up for the pattern recognizers: ASCII-safe regex flags next to CJK text."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

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


class CharacterRecognizer(EntityRecognizer):
    """A recognizer that reads characters, not tokens: subclasses set ENTITY, CONTEXT and
    implement `find(text)` yielding (start, end, score)."""

    name: str  # set by Presidio's __init__, which carries no annotations

    ENTITY = ""
    CONTEXT: list[str] = []

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], name=type(self).__name__,
                         supported_language=supported_language, context=self.CONTEXT or None)

    def load(self) -> None:
        """Nothing to load: patterns are compiled at import."""

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        return [result(self.name, self.id, self.ENTITY, start, end, score)
                for start, end, score in self.find(text)]

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        raise NotImplementedError
