"""Shared by the chat importers: placeholders, and one artifact per conversation per day."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.ingest.artifacts import Artifact, ArtifactKind, Person, Segment

if TYPE_CHECKING:
    from workbench.core.ingest.base import ImportedSource as ImportedSourceT

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
    "[名片]": "contact-card",
    "[表情包]": "sticker",
    "[音乐分享]": "link",
    "[合并转发]": "forwarded",
    "[聊天记录]": "forwarded",
    "[小程序]": "link",
    "[视频号]": "video",
    "[gif表情]": "sticker",
    "[语音通话]": "call",
    "[视频通话]": "call",
    "[音视频通话]": "call",
    "[拍一拍]": "system",
    # WhatsApp and Telegram
    "<mediaomitted>": "file",
    "<медиафайлопущен>": "file",
    "imageomitted": "image",
    "videoomitted": "video",
    "audioomitted": "voice",
    "stickeromitted": "sticker",
    "documentomitted": "file",
    "gifomitted": "sticker",
    "<attachedfile>": "file",
}

_WHITESPACE = re.compile(r"[ \t\u3000\u200e\u200f\u202a-\u202e]+")


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
    return [Person(name=m.sender, source=source) for m in messages
            if m.sender and m.sender not in NOT_PEOPLE]


# The sender of a message an export marks as the employee's own (MemoTrace's IsSender=1,
# PyWxDump's is_sender=1): it is theirs whatever nickname the export shows beside it.
SELF_SENDER = "我"
# Senders that exporters write for the app itself or for "me", not a person's name.
NOT_PEOPLE = {"系统消息", "系统", "system", SELF_SENDER, "对方"}


# Chat exporters write local wall-clock times in these shapes; the workspace's zone is theirs.
_STAMP_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
    "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y.%m.%d %H:%M:%S", "%Y.%m.%d %H:%M",
)
# Beyond this an epoch number can only be milliseconds (10^11 s is the year 5138).
MS_THRESHOLD = 10**11


def parse_time(raw: object, zone: tzinfo) -> datetime | None:
    """A message time from an export: epoch seconds or milliseconds, ISO 8601 with or without
    an offset, or a local `YYYY-MM-DD HH:MM[:SS]` (also with `/` or `.`, unpadded); None if
    it is none of these."""
    if raw is None or isinstance(raw, bool):
        return None
    text = str(raw).strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        pass
    else:
        seconds = number / 1000 if number >= MS_THRESHOLD else number
        try:
            return datetime.fromtimestamp(seconds, tz=zone)
        except (OverflowError, OSError, ValueError):
            return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
        for fmt in _STAMP_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    return parsed.astimezone(zone) if parsed.tzinfo else parsed.replace(tzinfo=zone)


def chat_source(
    path: Path,
    source_format: str,
    messages: list[ChatMessage],
    *,
    encoding: str | None = None,
    originals: tuple[Path, ...] | None = None,
    meta: dict[str, object] | None = None,
) -> ImportedSourceT:
    """The chat-days of `messages` as one imported source, its senders as the people seen."""
    from dataclasses import replace

    from workbench.core.ingest.base import ImportedSource

    artifacts = group_by_day(messages, source_format)
    if encoding or meta:
        artifacts = [replace(a, encoding=encoding or a.encoding, meta={**a.meta, **(meta or {})})
                     for a in artifacts]
    return ImportedSource(path, source_format, originals or (path,), tuple(artifacts),
                          tuple(senders(messages, source_format)))
