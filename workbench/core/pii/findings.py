"""What the detector reports (`Finding`), and merging overlapping findings into one per span."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace


def shown_detector(detector: str, text: str) -> str:
    """The detector a finding is shown as found by: findings stored before each language's
    spaCy model had a name of its own say SpacyRecognizer for both, and one in hanzi was
    found by the Chinese model."""
    if detector == "SpacyRecognizer" and re.search(r"[\u4e00-\u9fff]", text):
        return "ChineseSpacyRecognizer"
    return detector


@dataclass(frozen=True)
class Finding:
    """One piece of personal data in a text: Python `str` offsets into the scanned text."""

    entity: str
    start: int
    end: int
    score: float
    text: str
    detector: str
    # Set when the value is a known person's: their key, and whether it is the employee.
    person: str | None = None
    is_self: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "entity": self.entity,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 2),
            "text": self.text,
            "detector": self.detector,
        }

    @property
    def length(self) -> int:
        return self.end - self.start


# A sensitive-category finding covers a whole sentence and describes it; it must not swallow
# the concrete identifiers inside that sentence, so it merges only with its own kind.
# Places are the NER's least certain guess ("e5ed:5454，Lucas" tagged a place): they never
# win a span from a name or an identifier.
WEAK_ENTITIES = frozenset({"LOCATION"})


def _layer(entity: str) -> str:
    if entity.startswith("SENSITIVE_"):
        return "sensitive"
    return "weak" if entity in WEAK_ENTITIES else "identifier"


def merge_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Keep one finding per span: where findings overlap, the highest score wins, then the
    longest. Sensitive-category findings (sentences) are merged among themselves only."""
    kept: list[Finding] = []
    ranked = sorted(findings, key=lambda f: (_layer(f.entity) == "weak", -f.score, -f.length,
                                             f.person is None, f.start, f.entity))
    # Who a span belongs to survives even when another recognizer's finding wins the span.
    owners = {(f.entity, f.start, f.end): f for f in ranked if f.person is not None}
    for finding in ranked:
        layer = _layer(finding.entity)
        if layer == "sensitive":
            clash = any(k.entity == finding.entity and k.start < finding.end
                        and finding.start < k.end for k in kept)
        elif layer == "weak":
            clash = any(_layer(k.entity) != "sensitive" and k.start < finding.end
                        and finding.start < k.end for k in kept)
        else:
            clash = any(_layer(k.entity) == layer and k.start < finding.end
                        and finding.start < k.end for k in kept)
        if not clash:
            owner = owners.get((finding.entity, finding.start, finding.end))
            if owner is not None and finding.person is None:
                finding = replace(finding, person=owner.person, is_self=owner.is_self)
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.start, f.end, f.entity))
