"""Overlong lines and messages: the limit on one, and finding the first past it."""

from __future__ import annotations

import math

from workbench.core.messages import Message

# People's lines and messages are short: Slack caps a message at 40,000 characters and the
# mail standard (RFC 5322) a line at 998. A line of megabytes is binary or corrupt data, or a
# file pasted in as text; it would stall scanning and the review view, so it is refused with
# its number rather than imported. Lines are counted in bytes as read, before decoding (a
# hostile file is never decoded to find out); a chat message, once decoded, in characters.
MAX_LINE_BYTES = 4 * 1024 * 1024

# What the refusal adds about the kind of file (catalogue codes).
TEXT_HINT = "lines.text-hint"
MAIL_HINT = "lines.mail-hint"
CHAT_HINT = "lines.chat-hint"


def first_long_line(data: bytes, limit: int) -> tuple[int, int] | None:
    """(number, length) of the first line longer than `limit` bytes, or None.

    Each step jumps from a line's start to the last line break within `limit` of it, so the
    scan runs at C speed however many lines there are, and copies nothing.
    """
    start = 0
    while len(data) - start > limit:
        stop = start + limit + 1
        last = max(data.rfind(b"\n", start, stop), data.rfind(b"\r", start, stop))
        if last < 0:
            ends = [i for i in (data.find(b"\n", start), data.find(b"\r", start)) if i >= 0]
            breaks = (data.count(b"\n", 0, start) + data.count(b"\r", 0, start)
                      - data.count(b"\r\n", 0, start))
            return breaks + 1, min(ends, default=len(data)) - start
        start = last + 1
    return None


def line_problem(data: bytes, hint: str) -> Message | None:
    """Why `data` is refused, naming its first overlong line and the limit; None if it is not."""
    found = first_long_line(data, MAX_LINE_BYTES)
    if found is None:
        return None
    number, length = found
    return long_line(number, size_text(length), hint)


def long_line(number: int, length: object, hint: str) -> Message:
    """Line `number` is `length` long (a size, or a message such as "more than 4 MB")."""
    return Message("lines.long-line", (str(number), length, size_text(MAX_LINE_BYTES),
                                       Message(hint)))


def message_problem(number: int, text: str) -> Message | None:
    """Why a chat message (numbered from 1 in its file) is refused; None if it is not."""
    if len(text) <= MAX_LINE_BYTES:
        return None
    return Message("lines.long-message", (str(number), size_text(len(text)),
                                          size_text(MAX_LINE_BYTES), Message(CHAT_HINT)))


def size_text(size: int) -> str:
    """A size for people, rounded up so that anything past a limit never reads as equal to it."""
    if size >= 1 << 20:
        return f"{math.ceil(size * 10 / (1 << 20)) / 10:g} MB"
    if size >= 1 << 10:
        return f"{math.ceil(size / (1 << 10))} KB"
    return f"{size} bytes"
