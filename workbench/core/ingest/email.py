"""Email: .eml messages and .mbox mailboxes, with each attachment its own linked artifact."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from email import policy
from email.errors import HeaderParseError
from email.header import decode_header
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO

from workbench.core import clock
from workbench.core.errors import ImportFailed, reason_of
from workbench.core.ingest import lines
from workbench.core.ingest.artifacts import Artifact, ArtifactKind, Person, Segment
from workbench.core.ingest.base import ImportContext, ImportedSource, open_input, read_bytes
from workbench.core.ingest.decode import DecodedText, NotText, decode_text, looks_binary
from workbench.core.ingest.documents import ExtractionError, document_artifact
from workbench.core.ingest.images import IMAGE_SUFFIXES, image_artifact
from workbench.core.messages import Message, t

# A big mailbox takes minutes (header parsing): say how far along it is, and let a cancel in.
MESSAGES_PER_REPORT = 200
HEADER_FIELDS = ("subject", "from", "to", "cc", "date")
ADDRESS_FIELDS = ("from", "to", "cc", "reply-to")
PART_HINT = "ingest.part-hint"
_MIME_SUFFIX = {"text/plain": ".txt", "text/markdown": ".md", "application/pdf": ".pdf",
                "image/png": ".png", "image/jpeg": ".jpg",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
                ".docx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation":
                ".pptx", "application/vnd.ms-excel": ".xls", "application/rtf": ".rtf",
                "text/html": ".html"}


def load_eml(path: Path, ctx: ImportContext) -> ImportedSource:
    data = read_bytes(path)
    if not data or data.isspace():  # not strip(): that would copy the whole file
        raise ImportFailed(path, Message("ingest.empty"))
    return _one_message(path, data, "eml", ctx)


def _one_message(path: Path, raw: bytes, source_format: str,
                 ctx: ImportContext) -> ImportedSource:
    """A file that holds one message (.eml, the message inside an .emlx)."""
    if looks_binary(raw):
        raise ImportFailed(path, Message("ingest.binary-not-email"))
    if problem := lines.line_problem(raw, lines.MAIL_HINT):
        raise ImportFailed(path, problem)
    message = BytesParser(policy=policy.default).parsebytes(raw)
    if not any(_header(message, h) for h in ("from", "to", "subject", "date")):
        raise ImportFailed(path, Message("ingest.no-email-headers"))
    artifact, people = message_artifact(path, message, ctx)
    return ImportedSource(path, source_format, (path,), (artifact,), tuple(people))


def load_emlx(path: Path, ctx: ImportContext) -> ImportedSource:
    """Apple Mail's .emlx: a line with the message's length in bytes, the message, then a
    property list of Mail's flags (left out)."""
    data = read_bytes(path)
    first, _, rest = data.partition(b"\n")
    try:
        length = int(first.strip())
    except ValueError:
        raise ImportFailed(path, Message("ingest.not-emlx")) from None
    if length <= 0 or length > len(rest):
        raise ImportFailed(path, Message("ingest.emlx-cut-short", (length, len(rest))))
    return _one_message(path, rest[:length], "emlx", ctx)


def load_mbox(path: Path, ctx: ImportContext) -> ImportedSource:
    """Every message of a mailbox; a damaged message is left out with a note saying which
    and why, and the others are imported."""
    artifacts: list[Artifact] = []
    people: list[Person] = []
    notes: list[str] = []
    with open_input(path) as file:
        size = max(os.fstat(file.fileno()).st_size, 1)
        for index, raw in enumerate(read_mbox(path, file)):
            if index % MESSAGES_PER_REPORT == 0:
                ctx.within_file(file.tell() / size)
            try:
                message = BytesParser(policy=policy.default).parsebytes(raw)
                artifact, seen = message_artifact(path, message, ctx)
            except ImportFailed as exc:
                # A note is text, rendered now for the front end that runs the import.
                notes.append(t("ingest.message-left-out", index + 1, exc.reason))
                continue
            artifacts.append(artifact)
            people.extend(seen)
    if not artifacts and notes:
        raise ImportFailed(path, Message("ingest.no-message-readable", (notes[0],)))
    return ImportedSource(path, "mbox", (path,), tuple(artifacts), tuple(people),
                          tuple(notes))


def read_mbox(path: Path, file: BinaryIO) -> Iterator[bytes]:
    """Messages of an mbox, read from the file one at a time so that only one is in memory:
    each starts at a line beginning "From " (the envelope line, dropped); ">From " quoting in
    bodies is undone. Python's mailbox module is not used: it fails on a non-ASCII envelope
    line, which real mailboxes do contain."""
    limit = lines.MAX_LINE_BYTES
    message: list[bytes] = []
    count = 0
    # A line is read at most two bytes past the limit (room for its CR LF), however long.
    for number, line in enumerate(iter(lambda: file.readline(limit + 2), b""), start=1):
        if number == 1 and not line.startswith(b"From "):
            if line.strip() or not _only_blank(file):
                raise ImportFailed(path, Message("ingest.not-mbox"))
            break
        if len(line) > limit and len(line.rstrip(b"\r\n")) > limit:
            problem = lines.long_line(number, Message("lines.more-than",
                                                      (lines.size_text(limit),)), lines.MAIL_HINT)
            raise ImportFailed(path, problem)
        # mboxo/mboxrd: a "From " line starts a message only after a blank line (or another
        # "From " line, or at the top).
        if line.startswith(b"From ") and (not message or not message[-1].strip()):
            if count:
                yield b"".join(message)
            message = []
            count += 1
            continue
        message.append(line[1:] if line.startswith(b">From ") else line)
    if not count:
        raise ImportFailed(path, Message("ingest.mailbox-empty"))
    yield b"".join(message)


def _only_blank(file: BinaryIO) -> bool:
    while chunk := file.read(1 << 20):
        if chunk.strip():
            return False
    return True


def message_artifact(
    path: Path, message: EmailMessage, ctx: ImportContext
) -> tuple[Artifact, list[Person]]:
    # The email package parses lazily and can fail deep inside on malformed headers or MIME
    # structure; that is a damaged message, said plainly.
    try:
        return _message_artifact(path, message, ctx)
    except (HeaderParseError, IndexError, ValueError, AttributeError, TypeError,
            LookupError) as exc:
        raise ImportFailed(path, Message("ingest.message-malformed",
                                         (reason_of(exc),))) from exc


def _message_artifact(
    path: Path, message: EmailMessage, ctx: ImportContext
) -> tuple[Artifact, list[Person]]:
    headers = {name: _header(message, name) for name in HEADER_FIELDS}
    segments = [Segment(value, field=name) for name, value in headers.items() if value]
    segments.append(Segment(_body_text(path, message), field="body"))
    sent = _date(message, ctx)
    children = tuple(_attachment(path, part) for part in message.iter_attachments())
    artifact = Artifact(
        kind=ArtifactKind.EMAIL,
        title=headers["subject"] or "(no subject)",
        source_format="email",
        segments=tuple(segments),
        started_at=sent,
        ended_at=sent,
        meta={"attachments": len(children)},
        children=children,
    )
    return artifact, _correspondents(message)


def _header(message: EmailMessage, name: str) -> str:
    try:
        raw = _raw_header(message, name)
        if raw is None:
            return ""
        return " ".join(decode_header_value(raw, _message_charset(message)).split())
    except (HeaderParseError, ValueError, IndexError, AttributeError, TypeError,
            LookupError):
        return ""


def _raw_header(message: EmailMessage, name: str) -> str | None:
    for key, value in message.raw_items():
        if key.lower() == name:
            return str(value)  # already a str under policy.default
    return None


def _message_charset(message: EmailMessage) -> str | None:
    """The charset of the message's first text part: what a mail client that wrote raw
    8-bit headers most likely wrote them in too."""
    for part in message.walk():
        if part.get_content_maintype() == "text" and (charset := part.get_content_charset()):
            return charset
    return None


_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
_BETWEEN_WORDS = re.compile(r"(?<=\?=)[ \t\r\n]+(?==\?)")


def decode_header_value(raw: str, fallback: str | None = None) -> str:
    """A header's text: RFC 2047 encoded words decoded with the same widening as bodies
    (gb2312 → GB18030, ISO-2022-JP, HZ), raw 8-bit bytes by the message's charset (else
    guessed); both may be in one header."""
    data = raw.encode("utf-8", "surrogateescape")
    text = raw
    if not data.isascii():
        try:
            text = decode_text(data.replace(b"\x00", b""), declared=fallback).text
        except NotText:
            text = data.decode("utf-8", "replace")
    # Whitespace between two encoded words is folding, not text (RFC 2047 §6.2).
    text = _BETWEEN_WORDS.sub("", text)
    return _ENCODED_WORD.sub(lambda m: _encoded_word(m[0], fallback), text)


def _encoded_word(word: str, fallback: str | None) -> str:
    try:
        ((chunk, charset),) = decode_header(word)
    except (ValueError, HeaderParseError, LookupError):
        return word
    if isinstance(chunk, str):
        return chunk
    data: bytes = chunk  # decode_header gives str or bytes chunks
    if charset is None or charset.lower() in {"unknown-8bit"}:
        charset = fallback
    try:
        return decode_text(data.replace(b"\x00", b""), declared=charset).text
    except NotText:
        return data.decode("utf-8", "replace")


def _date(message: EmailMessage, ctx: ImportContext) -> str | None:
    raw = message.get("date")
    if not raw:
        return None
    try:
        when = parsedate_to_datetime(str(raw))
    except (TypeError, ValueError, IndexError):
        return None
    return clock.iso_in_zone(when, ctx.timezone)


def _correspondents(message: EmailMessage) -> list[Person]:
    fallback = _message_charset(message)
    values = [decode_header_value(value, fallback) for key, value in message.raw_items()
              if key.lower() in ADDRESS_FIELDS]
    return [
        Person(name=name or None, email=address if "@" in address else None,
               source="email")
        for name, address in getaddresses(values)
        if name or "@" in address
    ]


def _body_text(path: Path, message: EmailMessage) -> str:
    """The plain part, and the HTML part's text too where it says more: mail clients show
    the HTML part, so what only it carries must be reviewed before it leaves."""
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    plain_text = _part_text(path, plain) if plain is not None else ""
    html_text = html_to_text(_part_text(path, html)) if html is not None else ""
    if not html_text or (plain is not None and _words(html_text) <= _words(plain_text)):
        return plain_text
    return f"{plain_text.rstrip()}\n\n{html_text}" if plain_text.strip() else html_text


def _words(text: str) -> set[str]:
    """Words and single hanzi, ignoring the markup html2text leaves (links, list marks)."""
    import re

    return set(re.findall(r"[A-Za-z0-9@._%+\-]+|[^\sA-Za-z0-9\W]", text.casefold()))


def _part_text(path: Path, part: MIMEPart) -> str:
    try:
        return _decoded(part, _payload(part)).text
    except NotText as exc:
        raise ImportFailed(path, Message("ingest.part-unreadable", (exc.message,))) from exc


def _payload(part: MIMEPart) -> bytes:
    """A leaf part's decoded payload (b"" when it has none)."""
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _decoded(part: MIMEPart, data: bytes) -> DecodedText:
    return _decoded_bytes(data, part.get_content_charset())


def _decoded_bytes(data: bytes, charset: str | None) -> DecodedText:
    # Checked after the transfer encoding is undone: base64 hides a long line from the
    # mailbox's own line check.
    if problem := lines.line_problem(data, PART_HINT):
        raise NotText(problem)
    # A NUL in mail text is debris from the sending program, never meant as text.
    return decode_text(data.replace(b"\x00", b""), declared=charset)


def html_to_text(html: str) -> str:
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = 0
    converter.ignore_images = True
    converter.ignore_emphasis = True
    try:
        return converter.handle(html).strip()
    except AssertionError:
        # The standard library's HTML parser asserts on some malformed markup ("<![OCTYPE"):
        # fall back to the text between the tags rather than lose the file.
        import html as entities

        return entities.unescape(re.sub(r"<[^>]*>", " ", html)).strip()


def _attachment(path: Path, part: EmailMessage) -> Artifact:
    name = part.get_filename() or "attachment"
    data = _payload(part)
    return attachment_artifact(name, part.get_content_type(), data,
                               part.get_content_charset())


def attachment_artifact(name: str, content_type: str, data: bytes,
                        charset: str | None = None) -> Artifact:
    """An attachment as its own artifact: a picture, text, or a document the workbench
    reads; anything else is kept with no text (it still leaves only if reviewed)."""
    if not Path(name).suffix and content_type in _MIME_SUFFIX:
        name += _MIME_SUFFIX[content_type]
    try:
        if Path(name).suffix.lower() in IMAGE_SUFFIXES or content_type.startswith("image/"):
            return image_artifact(name, data)
        if content_type.startswith("text/") and Path(name).suffix.lower() not in {
                ".docx", ".pdf", ".rtf"}:
            decoded = _decoded_bytes(data, charset)
            if content_type == "text/html":
                return Artifact(ArtifactKind.ATTACHMENT, name, "html",
                                (Segment(html_to_text(decoded.text), field="body"),))
            return Artifact(ArtifactKind.ATTACHMENT, name, "txt",
                            (Segment(decoded.text, field="body"),), encoding=decoded.encoding)
        return document_artifact(name, data, ArtifactKind.ATTACHMENT)
    except (ExtractionError, NotText):
        # Not readable as text: it still leaves the laptop only if reviewed, so keep it as
        # an artifact with no text rather than dropping it silently.
        return Artifact(ArtifactKind.ATTACHMENT, name, content_type,
                        (Segment(name, placeholder="binary"),),
                        meta={"content_type": content_type, "size": len(data)})
