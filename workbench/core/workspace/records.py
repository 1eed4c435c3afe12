"""Canonical digests of a scan's and a review's findings, which the workspace MACs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Protocol


class _Finding(Protocol):
    entity: str
    start: int
    end: int
    detector: str
    box: tuple[int, int, int, int] | None


def box_text(box: tuple[int, int, int, int] | None) -> str:
    """A box as the findings table stores it ('' for none)."""
    return json.dumps([int(v) for v in box]) if box else ""


def scan_digest(findings: Iterable[_Finding]) -> str:
    """What a scan found in one artifact (detector findings only), order and ids aside."""
    items = sorted({(f.entity, f.start, f.end, f.detector, box_text(f.box))
                    for f in findings if f.detector != "manual"})
    return _digest(items)


def review_digest(findings: Iterable[object]) -> str:
    """Every finding of one artifact with its decision and who it is about: an approval is
    valid only while this stays the same."""
    items = sorted((f.entity, f.start, f.end, f.detector, box_text(f.box),  # type: ignore[attr-defined]
                    f.decision, f.person_key or "")  # type: ignore[attr-defined]
                   for f in findings)
    return _digest(items)


def _digest(items: list[tuple[object, ...]]) -> str:
    return hashlib.sha256(json.dumps(items, ensure_ascii=False).encode("utf-8")).hexdigest()
