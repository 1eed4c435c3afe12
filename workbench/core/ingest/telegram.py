"""Telegram Desktop exports (result.json): one chat, or a full export with many."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.core.errors import ImportFailed
from workbench.core.ingest.base import ImportContext, ImportedSource
from workbench.core.ingest.chat import ChatMessage, chat_source, parse_time
from workbench.core.ingest.lines import message_problem
from workbench.core.messages import Message

FORMAT = "telegram"
_MEDIA = {"sticker": "[sticker]", "voice_message": "[voice]", "video_file": "[video]",
          "video_message": "[video]", "audio_file": "[voice]", "animation": "[sticker]"}


def _chats(data: Any) -> list[dict[str, Any]] | None:
    if isinstance(data, dict) and isinstance(data.get("chats"), dict) \
            and isinstance(data["chats"].get("list"), list):
        return [c for c in data["chats"]["list"] if isinstance(c, dict)]
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        return [data]
    return None


def looks_like_export(data: Any) -> bool:
    chats = _chats(data)
    if not chats:
        return False
    for chat in chats:
        for message in chat.get("messages") or []:
            if isinstance(message, dict):
                return "date_unixtime" in message or "from_id" in message \
                    or "actor_id" in message
    return "chats" in data if isinstance(data, dict) else False


def from_json(path: Path, data: Any, ctx: ImportContext) -> ImportedSource:
    chats = _chats(data)
    if chats is None:
        raise ImportFailed(path, Message("ingest.not-telegram"))
    messages: list[ChatMessage] = []
    for chat in chats:
        name = str(chat.get("name") or chat.get("id") or path.stem)
        for index, record in enumerate(chat.get("messages") or []):
            if not isinstance(record, dict) or record.get("type", "message") != "message":
                continue  # service messages: joins, pins, calls
            messages.append(_message(path, ctx, index, name, record))
    if not messages:
        raise ImportFailed(path, Message("ingest.no-messages", ("Telegram",)))
    return chat_source(path, FORMAT, messages)


def _message(path: Path, ctx: ImportContext, index: int, chat: str,
             record: dict[str, Any]) -> ChatMessage:
    # date_unixtime is exact; date is local wall-clock time of the exporting computer.
    when = parse_time(record.get("date_unixtime"), ctx.timezone) or parse_time(
        record.get("date"), ctx.timezone)
    if when is None:
        raise ImportFailed(path, Message("ingest.telegram-no-time", (index + 1, repr(chat))))
    text = _text(record.get("text"))
    if not text.strip():
        if "photo" in record:
            text = "[photo]"
        elif record.get("media_type") in _MEDIA:
            text = _MEDIA[record["media_type"]]
        elif "file" in record:
            text = "[file]"
    if problem := message_problem(index + 1, text):
        raise ImportFailed(path, problem)
    sender = str(record.get("from") or record.get("actor") or record.get("from_id") or "")
    return ChatMessage(chat, sender, when, text)


def _text(value: Any) -> str:
    # A str, or a list of str and {"type": "bold"|"link"|…, "text": …} entities.
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", ""))
                       if isinstance(part, dict) else "" for part in value)
    return ""
