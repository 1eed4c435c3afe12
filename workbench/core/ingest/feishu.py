"""Feishu/Lark chat exports (JSON): the object and bare-list shapes and their field variants."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench.core.errors import ImportFailed, json_problem
from workbench.core.ingest.base import ImportContext, ImportedSource, read_text
from workbench.core.ingest.chat import ChatMessage, group_by_day, senders
from workbench.core.ingest.lines import message_problem
from workbench.core.messages import Message

FORMAT = "feishu"
SENDER_FIELDS = ("sender_name", "sender", "from", "user_name")
CONTENT_FIELDS = ("content", "text", "message", "body")
TIME_FIELDS = ("create_time", "timestamp", "time")
# Beyond this an epoch number can only be milliseconds (10^11 s is the year 5138).
_MS_THRESHOLD = 10**11


def load(path: Path, ctx: ImportContext) -> ImportedSource:
    return from_json(path, parse_json(path), ctx)


def from_json(path: Path, data: Any, ctx: ImportContext) -> ImportedSource:
    """A Feishu/Lark export (or a collector's `records` JSON), already parsed."""
    records, chat_name = _message_records(path, data)
    messages = [_message(path, ctx, i, r, chat_name) for i, r in enumerate(records)]
    if not messages:
        raise ImportFailed(path, Message("ingest.chat-no-messages"))
    fmt = "collector" if isinstance(data, dict) and "records" in data else FORMAT
    return ImportedSource(
        path=path,
        source_format=fmt,
        originals=(path,),
        artifacts=tuple(group_by_day(messages, fmt)),
        people=tuple(senders(messages, fmt)),
    )


def parse_json(path: Path) -> Any:
    return parse_json_text(path, read_text(path, long_lines=True).text)


def parse_json_text(path: Path, text: str) -> Any:
    """Parsed JSON, or refused naming `path` and where the JSON breaks."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated string"):
            why = Message("ingest.json-truncated", (exc.lineno, exc.colno))
        else:
            why = Message("ingest.json-invalid", (json_problem(exc.msg), exc.lineno, exc.colno))
        raise ImportFailed(path, why) from exc


def _message_records(path: Path, data: Any) -> tuple[list[dict[str, Any]], str]:
    chat_name = path.stem
    if isinstance(data, dict):
        chat_name = str(data.get("chat_name") or data.get("name") or chat_name)
        inner = data.get("data")
        if not isinstance(inner, dict):
            inner = data
        # colleague-skill's collectors write {"records": [{sender, content, timestamp}]}.
        records = inner.get("messages", inner.get("items", inner.get("records")))
    else:
        records = data
    if not isinstance(records, list):
        raise ImportFailed(path, Message("ingest.feishu-not-list"))
    for index, record in enumerate(records):
        if not isinstance(record, dict) or not any(f in record for f in CONTENT_FIELDS):
            raise ImportFailed(path, Message("ingest.feishu-not-message", (
                index + 1, ", ".join(CONTENT_FIELDS))))
    return records, chat_name


def _message(
    path: Path, ctx: ImportContext, index: int, record: dict[str, Any], chat_name: str
) -> ChatMessage:
    text = content_text(_first(record, CONTENT_FIELDS))
    if problem := message_problem(index + 1, text):
        raise ImportFailed(path, problem)
    return ChatMessage(
        conversation=str(record.get("chat_name") or chat_name),
        sender=_sender(record),
        time=_time(path, ctx, index, record),
        text=text,
    )


def _first(record: dict[str, Any], fields: tuple[str, ...]) -> Any:
    for name in fields:
        if record.get(name) is not None:
            return record[name]
    return None


def _sender(record: dict[str, Any]) -> str:
    sender = _first(record, SENDER_FIELDS)
    if isinstance(sender, dict):
        sender = sender.get("name") or sender.get("sender_name") or sender.get("id")
    return str(sender).strip() if sender is not None else ""


def content_text(content: Any) -> str:
    """Content as str, {"text"}, a list of {"text"}, or any of those JSON-encoded in a str."""
    if isinstance(content, str):
        stripped = content.strip()
        if stripped[:1] in "{[" and stripped[-1:] in "}]":
            try:
                decoded = json.loads(stripped)
            except json.JSONDecodeError:
                return content
            if _is_rich(decoded):
                return content_text(decoded)
        return content
    if isinstance(content, dict):
        if "text" in content:
            return content_text(content["text"])
        if "content" in content:
            return content_text(content["content"])
        return ""
    if isinstance(content, list):
        return "".join(content_text(part) for part in content)
    return "" if content is None else str(content)


def _is_rich(value: Any) -> bool:
    if isinstance(value, dict):
        return "text" in value or "content" in value
    return isinstance(value, list) and bool(value) and all(_is_rich(v) for v in value)


def _time(path: Path, ctx: ImportContext, index: int, record: dict[str, Any]) -> datetime:
    raw = _first(record, TIME_FIELDS)
    if raw is None:
        raise ImportFailed(path, Message("ingest.feishu-no-time", (
            index + 1, ", ".join(TIME_FIELDS))))
    try:
        number = float(raw)
    except (TypeError, ValueError):
        try:
            parsed = datetime.fromisoformat(str(raw))
        except ValueError as exc:
            raise ImportFailed(path, Message("ingest.bad-time", (index + 1, repr(raw)))) \
                from exc
        return parsed.astimezone(ctx.timezone) if parsed.tzinfo else parsed.replace(
            tzinfo=ctx.timezone
        )
    seconds = number / 1000 if number >= _MS_THRESHOLD else number
    try:
        return ctx.local_time(seconds)
    except (OverflowError, OSError, ValueError) as exc:
        raise ImportFailed(path, Message("ingest.time-out-of-range", (index + 1, repr(raw)))) \
            from exc
