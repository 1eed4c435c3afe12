"""Shared by the chat importers: placeholders, and one artifact per conversation per day."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from workbench.core.artifacts import Artifact, ArtifactKind, Person, Segment

# Chat exports stand these in for non-text content; they are counted, not reviewed as text.
PLACEHOLDERS: dict[str, str] = {
    "[图片]": "image",
    "[image]": "image",
    "[photo]": "image",
    "[撤回了一条消息]": "recalled",
    "[消息已撤回]": "recalled",
    "[message recalled]": "recalled",
    "[文件]": "file",
    "[file]": "file",
    "[语音]": "voice",
    "[voice]": "voice",
    "[视频]": "video",
    "[video]": "video",
    "[表情]": "sticker",
    "[sticker]": "sticker",
    "[动画表情]": "sticker",
    "[链接]": "link",
    "[位置]": "location",
    "[红包]": "red-packet",
}

_WHITESPACE = re.compile(r"[ \t\u3000]+")


def placeholder_kind(text: str) -> str | None:
    return PLACEHOLDERS.get(_WHITESPACE.sub("", text.strip()).casefold())


@dataclass(frozen=True)
class ChatMessage:
    conversation: str
    sender: str
    time: datetime
    text: str


def group_by_day(messages: list[ChatMessage], source_format: str) -> list[Artifact]:
    """One chat artifact per (conversation, local day), messages in time order."""
    days: dict[tuple[str, str], list[ChatMessage]] = defaultdict(list)
    for message in messages:
        days[(message.conversation, message.time.date().isoformat())].append(message)
    artifacts = []
    for (conversation, day), day_messages in sorted(days.items()):
        day_messages.sort(key=lambda m: m.time)
        segments = tuple(_segment(m) for m in day_messages)
        artifacts.append(
            Artifact(
                kind=ArtifactKind.CHAT,
                title=f"{conversation} · {day}",
                source_format=source_format,
                segments=segments,
                started_at=day_messages[0].time.isoformat(),
                ended_at=day_messages[-1].time.isoformat(),
                meta={"conversation": conversation, "day": day},
            )
        )
    return artifacts


def _segment(message: ChatMessage) -> Segment:
    kind = placeholder_kind(message.text)
    return Segment(
        text=message.text.strip() if kind else message.text,
        sender=message.sender,
        time=message.time.isoformat(),
        placeholder=kind,
    )


def senders(messages: list[ChatMessage], source: str) -> list[Person]:
    return [Person(name=m.sender, source=source) for m in messages if m.sender]
