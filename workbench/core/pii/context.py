"""Raising a finding's score when a context word stands near it, in any script."""

from __future__ import annotations

import copy
import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts


class NearbyWordsContextEnhancer(ContextAwareEnhancer):
    """Presidio's default enhancer compares lemmas of the tokens around a match, which finds
    nothing in Chinese (no spaces, no lemmas): this one looks at the characters around it.
    Latin context words must stand as words ("tel" does not match inside "hotel")."""

    def __init__(self, before: int = 24, after: int = 8, factor: float = 0.35,
                 floor: float = 0.4) -> None:
        super().__init__(context_similarity_factor=factor,
                         min_score_with_context_similarity=floor,
                         context_prefix_count=before, context_suffix_count=after)
        self._patterns: dict[str, re.Pattern[str] | None] = {}

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        by_id = {r.id: r for r in recognizers}
        results = []
        for found in raw_results:
            recognizer = by_id.get(found.recognition_metadata.get(
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, ""))
            pattern = self._pattern_for(recognizer) if recognizer else None
            already = found.recognition_metadata.get(
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY)
            if pattern is None or already or found.score >= 1.0:
                results.append(found)
                continue
            window = text[max(0, found.start - self.context_prefix_count):found.start] + " " + \
                text[found.end:found.end + self.context_suffix_count]
            if pattern.search(window):
                found = copy.copy(found)
                found.recognition_metadata = dict(found.recognition_metadata)
                found.score = min(1.0, max(found.score + self.context_similarity_factor,
                                           self.min_score_with_context_similarity))
                found.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            results.append(found)
        return results

    def _pattern_for(self, recognizer: EntityRecognizer) -> re.Pattern[str] | None:
        if recognizer.id not in self._patterns:
            words = [w for w in (recognizer.context or []) if w]
            parts = [rf"(?<![a-z]){re.escape(w.lower())}(?![a-z])" if w.isascii()
                     else re.escape(w) for w in words]
            self._patterns[recognizer.id] = (
                re.compile("|".join(parts), re.IGNORECASE) if parts else None
            )
        return self._patterns[recognizer.id]
