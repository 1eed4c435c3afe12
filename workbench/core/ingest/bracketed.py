"""colleague-skill's collector text: `[time][群名] 内容`, `[time] [张三] 内容`, `[昨天 14:32] 内容`.

Its Feishu, DingTalk and generic collectors write a Markdown-ish file: a heading, `目标：name`
(whose messages were collected), then one message a line behind its time in brackets. The
DingTalk collector copies times as the web app shows them ("昨天 14:32", "14:32", "星期一
09:10"); they are resolved against the day of collection, which the collector records in
`collection_summary.json` beside its output (else the file's modification day is used).
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

from workbench.core import clock
from workbench.core.errors import ImportFailed
from workbench.core.ingest.base import ImportContext, ImportedSource
from workbench.core.ingest.chat import ChatMessage, chat_source
from workbench.core.ingest.decode import DecodedText
from workbench.core.ingest.lines import message_problem
from workbench.core.messages import Message

FORMAT = "collector"
SUMMARY_NAME = "collection_summary.json"
# `[time][chat] text` (a chat name, no space) or `[time] [sender] text` (a sender).
LINE = re.compile(r"^\[(?P<time>[^\[\]\n]{1,40})\]"
                  r"(?:(?P<space> ?)\[(?P<tag>[^\[\]\n]{1,80})\])? ?(?P<text>.*)$")
_META = re.compile(r"^(?:#|---|目标[：:]|来源[：:]|共 |注意[：:]|Target:|Source:)")
_TARGET = re.compile(r"^目标[：:]\s*(?P<name>.+?)\s*$", re.MULTILINE)
_CLOCK = r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"
_FULL = re.compile(r"^(?P<y>\d{4})[-/.](?P<mo>\d{1,2})[-/.](?P<d>\d{1,2})[ T]" + _CLOCK + "$")
_MONTH_DAY = re.compile(r"^(?P<mo>\d{1,2})(?:[-/]|月)(?P<d>\d{1,2})日? " + _CLOCK + "$")
_RELATIVE = re.compile(r"^(?:(?P<word>今天|昨天|前天|星期[一二三四五六日天]|周[一二三四五六日天])"
                       r" ?)?" + _CLOCK + "$")
_WEEKDAYS = "一二三四五六日"
_PRIVATE_HEADING = re.compile(r"^##\s*私聊")


def resolve_time(stamp: str, reference: date) -> datetime | None:
    """A naive local time for what the collector wrote, or None if it is not a time."""
    stamp = " ".join(stamp.split())
    try:
        if match := _FULL.match(stamp):
            return datetime(int(match["y"]), int(match["mo"]), int(match["d"]),
                            *_clock(match))
        if match := _MONTH_DAY.match(stamp):
            moment = datetime(reference.year, int(match["mo"]), int(match["d"]), *_clock(match))
            # A month and day after the collection day can only be last year's.
            return moment if moment.date() <= reference else moment.replace(
                year=reference.year - 1)
        if match := _RELATIVE.match(stamp):
            return datetime.combine(_relative_day(match["word"], reference),
                                    time(*_clock(match)))
    except ValueError:
        return None
    return None


def _clock(match: re.Match[str]) -> tuple[int, int, int]:
    return int(match["h"]), int(match["m"]), int(match["s"] or 0)


def _relative_day(word: str | None, reference: date) -> date:
    if word in (None, "今天"):
        return reference
    if word == "昨天":
        return reference - timedelta(days=1)
    if word == "前天":
        return reference - timedelta(days=2)
    weekday = _WEEKDAYS.index(word[-1].replace("天", "日"))
    back = (reference.weekday() - weekday) % 7 or 7
    return reference - timedelta(days=back)


def _body_lines(text: str) -> list[str]:
    """The lines after the collector's preamble (a `#` heading and `key：value` notes up to
    the first `---`), headings and rules left out."""
    lines = text.splitlines()
    if lines and lines[0].startswith("#") and "---" in lines:
        lines = lines[lines.index("---"):]
    return [line for line in lines if line.strip() and not _META.match(line)]


def looks_like_messages(text: str) -> bool:
    """True when most lines that are not headings or notes are `[time] …` message lines."""
    today = date.today()
    lines = _body_lines(text[:200_000])[:2000]
    if not lines:
        return False
    messages = 0
    for line in lines:
        match = LINE.match(line)
        if match and resolve_time(match["time"], today) is not None:
            messages += 1
    return messages >= 1 and messages * 2 >= len(lines)


def reference_day(path: Path, ctx: ImportContext) -> tuple[date, str]:
    """The day relative times count from, and where it was taken from."""
    summary = path.parent / SUMMARY_NAME
    try:
        data = json.loads(summary.read_text(encoding="utf-8"))
        collected = datetime.fromisoformat(str(data["collected_at"]))
        if collected.tzinfo is not None:
            collected = collected.astimezone(ctx.timezone)
        return collected.date(), SUMMARY_NAME
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        pass
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=ctx.timezone).date(), "mtime"
    except OSError:
        return clock.now_utc().astimezone(ctx.timezone).date(), "today"


def from_text(path: Path, decoded: DecodedText, ctx: ImportContext) -> ImportedSource:
    """A collector text file, decoded by the caller, which found its lines to be messages."""
    reference, reference_from = reference_day(path, ctx)
    found = _TARGET.search(decoded.text)
    target = found["name"] if found else ""
    messages: list[ChatMessage] = []
    seen: set[tuple[datetime, str]] = set()
    private = False
    for line in decoded.text.splitlines():
        if line.startswith("## "):
            private = bool(_PRIVATE_HEADING.match(line))
            continue
        match = LINE.match(line)
        moment = resolve_time(match["time"], reference) if match else None
        if match is None or moment is None:
            if messages and line.strip() and not _META.match(line):
                last = messages[-1]
                messages[-1] = ChatMessage(last.conversation, last.sender, last.time,
                                           f"{last.text}\n{line}")
            continue
        when = moment.replace(tzinfo=ctx.timezone)
        text = match["text"]
        # The private-chat section repeats the target's private messages (listed above it
        # by length) with both sides: those are imported once. Elsewhere a message said
        # twice in a minute is two messages.
        if private and (when, text) in seen:
            continue
        if not private:
            seen.add((when, text))
        sender, conversation = target, ("私聊" if private else path.stem)
        if match["tag"] is not None:
            if match["space"]:
                sender = match["tag"].strip()
            else:
                conversation = match["tag"].strip()
        if problem := message_problem(len(messages) + 1, text):
            raise ImportFailed(path, problem)
        messages.append(ChatMessage(conversation, sender, when, text))
    if not messages:
        raise ImportFailed(path, Message("ingest.no-bracketed"))
    return chat_source(path, FORMAT, messages, encoding=decoded.encoding,
                       meta={"relative_times_from": f"{reference.isoformat()} "
                                                    f"({reference_from})"})
