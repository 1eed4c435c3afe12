"""Canonical digests of a scan's and a review's findings, which the workspace MACs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Protocol


class _Finding(Protocol):
    # Read-only members, so frozen dataclasses (NewFinding, StoredFinding) match.
    @property
    def entity(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def detector(self) -> str: ...
    @property
    def box(self) -> tuple[int, int, int, int] | None: ...


class _ReviewedFinding(_Finding, Protocol):
    @property
    def decision(self) -> str: ...
    @property
    def person_key(self) -> str | None: ...


def box_text(box: tuple[int, int, int, int] | None) -> str:
    """A box as the findings table stores it ('' for none)."""
    return json.dumps([int(v) for v in box]) if box else ""


def scan_digest(findings: Iterable[_Finding]) -> str:
    """What a scan found in one artifact (detector findings only), order and ids aside."""
    items = sorted({(f.entity, f.start, f.end, f.detector, box_text(f.box))
                    for f in findings if f.detector != "manual"})
    return _digest(items)


def review_digest(findings: Iterable[_ReviewedFinding]) -> str:
    """Every finding of one artifact with its decision and who it is about: an approval is
    valid only while this stays the same."""
    return review_digest_of_rows(
        (f.entity, f.start, f.end, f.detector, box_text(f.box), f.decision, f.person_key)
        for f in findings)


def review_digest_of_rows(rows: Iterable[Sequence[object]]) -> str:
    """The same from the findings table's plain columns (entity, start, end, detector, box,
    decision, person key): no value needs decrypting."""
    items = sorted((str(e), _int(s), _int(n), str(d), str(b or ""), str(c), str(p or ""))
                   for e, s, n, d, b, c, p in rows)
    return _digest(items)


def content_digest(kind: str, title: str, segments: str, image_blob: str | None,
                   started_at: str | None, ended_at: str | None, meta: str) -> str:
    """What an artifact shows, as stored: an approval is bound to it, so text written into a
    row (or a picture swapped in) after approval voids the approval."""
    return _digest([[kind, title, segments, image_blob or "", started_at or "",
                     ended_at or "", meta]])


def _int(value: object) -> int:
    """A column that holds an integer (sqlite gives int; a string of digits is accepted as
    before)."""
    if isinstance(value, int | str | float):
        return int(value)
    raise TypeError(f"not an integer column: {type(value).__name__}")


def _digest(items: Sequence[Sequence[object]]) -> str:
    return hashlib.sha256(json.dumps(items, ensure_ascii=False).encode("utf-8")).hexdigest()
