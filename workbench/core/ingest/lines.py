"""Overlong lines and messages: the limit on one, and finding the first past it."""

from __future__ import annotations

import math

# People's lines and messages are short: Slack caps a message at 40,000 characters and the
# mail standard (RFC 5322) a line at 998. A line of megabytes is binary or corrupt data, or a
# file pasted in as text; it would stall scanning and the review view, so it is refused with
# its number rather than imported. Lines are counted in bytes as read, before decoding (a
# hostile file is never decoded to find out); a chat message, once decoded, in characters.
MAX_LINE_BYTES = 4 * 1024 * 1024

TEXT_HINT = ("No chat export or document people write has a line this long: it is probably "
             "binary or corrupt data, or a file (such as an image) pasted in as text. Remove "
             "that line, or leave the file out.")
MAIL_HINT = ("Mail keeps its lines under 1,000 characters, so this is probably not mail but "
             "corrupt or binary data.")
CHAT_HINT = ("Chat apps allow far shorter messages, so this is probably not a real chat "
             "export, or it is corrupt.")


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


def line_problem(data: bytes, hint: str) -> str | None:
    """Why `data` is refused, naming its first overlong line and the limit; None if it is not."""
    found = first_long_line(data, MAX_LINE_BYTES)
    if found is None:
        return None
    number, length = found
    return long_line(number, size_text(length), hint)


def long_line(number: int, length: str, hint: str) -> str:
    return f"line {number} is {length} long; {_accepts('lines')} {hint}"


def message_problem(number: int, text: str) -> str | None:
    """Why a chat message (numbered from 1 in its file) is refused; None if it is not."""
    if len(text) <= MAX_LINE_BYTES:
        return None
    size = size_text(len(text))
    return f"message {number} is {size} long; {_accepts('chat messages')} {CHAT_HINT}"


def _accepts(what: str) -> str:
    return f"the workbench accepts {what} of up to {size_text(MAX_LINE_BYTES)}."


def size_text(size: int) -> str:
    """A size for people, rounded up so that anything past a limit never reads as equal to it."""
    if size >= 1 << 20:
        return f"{math.ceil(size * 10 / (1 << 20)) / 10:g} MB"
    if size >= 1 << 10:
        return f"{math.ceil(size / (1 << 10))} KB"
    return f"{size} bytes"
