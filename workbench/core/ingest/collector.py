"""Collector text exports: one line per message, `YYYY-MM-DD HH:MM 发送人：内容`."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from workbench.core.errors import ImportFailed
from workbench.core.ingest.base import ImportContext, ImportedSource
from workbench.core.ingest.chat import ChatMessage, group_by_day, senders
from workbench.core.ingest.decode import DecodedText
from workbench.core.ingest.lines import message_problem
from workbench.core.messages import Message

FORMAT = "collector"
# The sender ends at the first colon, full-width (：) or half-width (:).
MESSAGE_LINE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[ T](?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s+"
    r"(?P<sender>[^：:\n]{1,64}?)\s*[：:]\s?(?P<text>.*)$"
)


def looks_like_messages(text: str) -> bool:
    """True when the first non-empty line is a message line and most lines are."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or not MESSAGE_LINE.match(lines[0]):
        return False
    return sum(1 for line in lines if MESSAGE_LINE.match(line)) >= len(lines) / 2


def from_text(path: Path, decoded: DecodedText, ctx: ImportContext) -> ImportedSource:
    """The messages of a collector export, read and decoded (with its lines checked) by the
    caller, which decided from the text that it is one."""
    messages: list[ChatMessage] = []
    more: list[str] = []  # the lines after the first of a message that spans lines
    for number, line in enumerate(decoded.text.splitlines(), start=1):
        match = MESSAGE_LINE.match(line)
        if match:
            _join_lines(path, messages, more)
            messages.append(_message(path, ctx, number, match))
        elif messages and line.strip():
            more.append(line)
    _join_lines(path, messages, more)
    if not messages:
        raise ImportFailed(path, Message("ingest.no-collector"))
    artifacts = tuple(
        replace(a, encoding=decoded.encoding) for a in group_by_day(messages, FORMAT)
    )
    return ImportedSource(path, FORMAT, (path,), artifacts, tuple(senders(messages, FORMAT)))


def _join_lines(path: Path, messages: list[ChatMessage], more: list[str]) -> None:
    # Joined once per message: appending line by line would copy the message for each line.
    if more:
        last = messages[-1]
        messages[-1] = replace(last, text="\n".join([last.text, *more]))
        more.clear()
    if messages and (problem := message_problem(len(messages), messages[-1].text)):
        raise ImportFailed(path, problem)


def _message(path: Path, ctx: ImportContext, number: int, match: re.Match[str]) -> ChatMessage:
    stamp = f"{match['date']} {match['time']}"
    try:
        fmt = "%Y-%m-%d %H:%M:%S" if stamp.count(":") == 2 else "%Y-%m-%d %H:%M"
        when = datetime.strptime(stamp, fmt).replace(tzinfo=ctx.timezone)
    except ValueError as exc:
        raise ImportFailed(path, Message("ingest.line-impossible-stamp", (number, stamp))) \
            from exc
    return ChatMessage(path.stem, match["sender"].strip(), when, match["text"])
