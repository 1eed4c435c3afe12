"""WhatsApp chat exports (.txt): Android `06.08.2016, 13:23 - Name: text` and iOS
`[06/08/2016, 13:23:45] Name: text`, in day-first or month-first order and 12- or 24-hour time.

WhatsApp writes dates in the phone's locale and never says which order it used; the order
is decided from the whole file (a first number above 12 can only be a day).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from workbench.core.errors import ImportFailed
from workbench.core.ingest.base import ImportContext, ImportedSource
from workbench.core.ingest.chat import ChatMessage, chat_source
from workbench.core.ingest.decode import DecodedText
from workbench.core.ingest.lines import message_problem
from workbench.core.messages import Message

FORMAT = "whatsapp"
LINE = re.compile(
    r"^\[?(?P<a>\d{1,4})[./-](?P<b>\d{1,2})[./-](?P<c>\d{1,4}),?\s"
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\s?(?P<ampm>[AaPp])\.?\s?[Mm]\.?)?\]?"
    r"(?:\s[-–]\s|\s)(?P<rest>.*)$")
# Marks phones put around names and times (LRM, narrow no-break space).
_INVISIBLE = str.maketrans({"\u200e": "", "\u200f": "", "\u202a": "", "\u202c": "",
                            "\u202f": " ", "\u00a0": " "})


def looks_like_messages(text: str) -> bool:
    lines = [line.translate(_INVISIBLE) for line in text[:200_000].splitlines()[:400]
             if line.strip()]
    if not lines or not LINE.match(lines[0]):
        return False
    matched = [m for m in map(LINE.match, lines) if m]
    with_sender = sum(1 for m in matched if _split_sender(m["rest"])[0])
    return with_sender >= 1 and len(matched) * 2 >= len(lines)


def _split_sender(rest: str) -> tuple[str, str]:
    sender, sep, text = rest.partition(": ")
    if not sep or len(sender) > 80 or "\n" in sender:
        return "", rest
    return sender.strip(), text


def _order(matches: list[re.Match[str]]) -> str:
    """"ymd", "dmy" or "mdy" for the whole file."""
    if any(len(m["a"]) == 4 for m in matches):
        return "ymd"
    if any(int(m["a"]) > 12 for m in matches):
        return "dmy"
    if any(int(m["b"]) > 12 for m in matches):
        return "mdy"
    # Undecidable from the numbers: 12-hour clocks go with US month-first dates.
    return "mdy" if any(m["ampm"] for m in matches) else "dmy"


def from_text(path: Path, decoded: DecodedText, ctx: ImportContext) -> ImportedSource:
    lines = [line.translate(_INVISIBLE) for line in decoded.text.splitlines()]
    matches = [m for m in map(LINE.match, lines) if m]
    order = _order(matches)
    messages: list[ChatMessage] = []
    for number, line in enumerate(lines, start=1):
        match = LINE.match(line)
        if match is None:
            if messages and line.strip():
                last = messages[-1]
                messages[-1] = ChatMessage(last.conversation, last.sender, last.time,
                                           f"{last.text}\n{line}")
            continue
        sender, text = _split_sender(match["rest"])
        if not sender:
            continue  # WhatsApp's own notices ("Messages are end-to-end encrypted")
        when = _when(match, order)
        if when is None:
            raise ImportFailed(path, Message("ingest.line-impossible-time", (number,)))
        if problem := message_problem(len(messages) + 1, text):
            raise ImportFailed(path, problem)
        messages.append(ChatMessage(_conversation(path), sender,
                                    when.replace(tzinfo=ctx.timezone), text))
    if not messages:
        raise ImportFailed(path, Message("ingest.no-whatsapp"))
    return chat_source(path, FORMAT, messages, encoding=decoded.encoding,
                       meta={"date_order": order})


def _when(match: re.Match[str], order: str) -> datetime | None:
    a, b, c = (int(match[k]) for k in "abc")
    year, month, day = (a, b, c) if order == "ymd" else (c, b, a) if order == "dmy" else (c, a, b)
    if year < 100:
        year += 2000
    hour = int(match["h"])
    if match["ampm"]:
        hour = hour % 12 + (12 if match["ampm"] in "Pp" else 0)
    try:
        return datetime(year, month, day, hour, int(match["m"]), int(match["s"] or 0))
    except ValueError:
        return None


def _conversation(path: Path) -> str:
    # "WhatsApp Chat with Zhang Wei.txt" / "WhatsApp Chat - Team.txt"
    name = re.sub(r"^WhatsApp Chat (?:with |- )", "", path.stem)
    return name or path.stem
