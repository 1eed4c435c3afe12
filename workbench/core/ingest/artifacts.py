"""The reviewable units (artifacts) every importer produces, and their content digests."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import rfc8785


class ArtifactKind(StrEnum):
    CHAT = "chat"
    EMAIL = "email"
    ATTACHMENT = "attachment"
    DOCUMENT = "document"
    IMAGE = "image"
    SKILL_FILE = "skill-file"


class ArtifactState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    EXCLUDED = "excluded"


@dataclass(frozen=True)
class Segment:
    """One piece of an artifact: a chat message, an email field, a document's text.

    `placeholder` marks non-text content a chat export stands in for ("[图片]"): it is
    counted and shown, but it carries no text to review.
    """

    text: str
    sender: str | None = None
    time: str | None = None
    field: str | None = None
    placeholder: str | None = None
    box: tuple[int, int, int, int] | None = None  # OCR lines: where the text is in the image
    chars: tuple[int, ...] | None = None  # OCR lines: each character's middle (x), if read

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {k: v for k, v in self.__dict__.items() if v is not None}
        if self.box is not None:
            data["box"] = list(self.box)
        if self.chars is not None:
            data["chars"] = list(self.chars)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Segment:
        box, chars = data.get("box"), data.get("chars")
        return cls(**{**data, "box": tuple(box) if box else None,
                      "chars": tuple(chars) if chars else None})


@dataclass(frozen=True)
class Person:
    """Someone seen in the material: a chat sender, an email correspondent, a Slack member."""

    name: str | None
    email: str | None = None
    source: str = ""

    def key(self) -> tuple[str, str]:
        return ((self.name or "").strip().casefold(), (self.email or "").strip().casefold())


@dataclass(frozen=True)
class Artifact:
    """One reviewable unit. Its id is the digest of its canonical extracted content."""

    kind: ArtifactKind
    title: str
    source_format: str
    segments: tuple[Segment, ...] = ()
    started_at: str | None = None
    ended_at: str | None = None
    encoding: str | None = None
    image_sha256: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    # The picture itself, for images that are not files of their own (email attachments).
    image_bytes: bytes | None = field(default=None, compare=False, repr=False)
    children: tuple[Artifact, ...] = field(default=(), compare=False)

    def canonical_content(self) -> dict[str, Any]:
        """What the id covers: everything a reviewer sees, nothing about where it came from."""
        content: dict[str, Any] = {
            "kind": str(self.kind),
            "title": self.title,
            # Where OCR placed each character says how to paint a line, not what it reads:
            # a picture imported again is the same item as before its places were kept.
            "segments": [{k: v for k, v in s.as_json().items() if k != "chars"}
                         for s in self.segments],
        }
        if self.image_sha256:
            content["image_sha256"] = self.image_sha256
        return content

    @property
    def id(self) -> str:
        return content_digest(self.canonical_content())

    @property
    def text(self) -> str:
        """The reviewable text: every non-placeholder segment, one per line."""
        return "\n".join(s.text for s in self.segments if s.placeholder is None)

    def placeholder_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for segment in self.segments:
            if segment.placeholder:
                counts[segment.placeholder] = counts.get(segment.placeholder, 0) + 1
        return counts


def content_digest(content: Any) -> str:
    """`sha256:` of the RFC 8785 canonical JSON of `content`."""
    return "sha256:" + hashlib.sha256(rfc8785.dumps(content)).hexdigest()


def bytes_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
