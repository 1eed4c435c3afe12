"""A fingerprint as cards show it: in groups of four, for reading aloud."""

from __future__ import annotations


def group4(fingerprint: str) -> str:
    """A fingerprint in groups of four, as cards show it, for reading aloud."""
    return " ".join(fingerprint[i:i + 4] for i in range(0, len(fingerprint), 4))
