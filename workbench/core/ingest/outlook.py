"""Outlook messages (.msg) and mailboxes (.pst/.ost), and Teams chats that Microsoft Purview
delivers in them; read with python-oxmsg (MIT) and libpff (LGPL), never by hand."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from workbench.core import clock
from workbench.core.errors import ImportFailed, Problem, os_reason, reason_of
from workbench.core.ingest.artifacts import Artifact, ArtifactKind, Person, Segment
from workbench.core.ingest.base import ImportContext, ImportedSource, read_bytes
from workbench.core.ingest.chat import ChatMessage, group_by_day, senders
from workbench.core.ingest.email import attachment_artifact, decode_header_value, html_to_text
from workbench.core.ingest.lines import message_problem
from workbench.core.messages import Message, t

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PST_MAGIC = b"!BDN"
# Message classes of Teams chat messages (Purview eDiscovery exports).
TEAMS_CLASSES = ("IPM.SkypeTeams.Message", "IPM.Microsoft.Teams")
PID_DISPLAY_TO, PID_DISPLAY_CC = 0x0E04, 0x0E03


def _html_or_text(text: str | None, html: str | bytes | None) -> str:
    if text and text.strip():
        return text.replace("\r\n", "\n")
    if isinstance(html, bytes):
        from workbench.core.ingest.decode import NotText, decode_text

        try:
            html = decode_text(html.replace(b"\x00", b"")).text
        except NotText:
            return ""
    return html_to_text(html) if html else ""


def _address_list(value: str) -> str:
    """Addresses as people write them: `张伟 <zhang.wei@…>`, without the quotes."""
    pairs = getaddresses([value])
    if not pairs or not any(a for _, a in pairs):
        return value
    return ", ".join(f"{n} <{a}>" if n else a for n, a in pairs)


def _people(values: list[str]) -> list[Person]:
    return [Person(name=name or None, email=address if "@" in address else None,
                   source="email")
            for name, address in getaddresses(values) if name or "@" in address]


def _iso(when: datetime | None, ctx: ImportContext) -> str | None:
    return None if when is None else clock.iso_in_zone(when, ctx.timezone)


def _mail_artifact(subject: str, sender: str, to: str, cc: str, when: str | None, body: str,
                   children: tuple[Artifact, ...], folder: str | None = None) -> Artifact:
    fields = {"subject": subject, "from": sender, "to": to, "cc": cc}
    segments = [Segment(" ".join(v.split()), field=k) for k, v in fields.items() if v]
    if when:
        segments.append(Segment(when, field="date"))
    segments.append(Segment(body, field="body"))
    meta: dict[str, Any] = {"attachments": len(children)}
    if folder:
        meta["folder"] = folder
    return Artifact(kind=ArtifactKind.EMAIL, title=subject or "(no subject)",
                    source_format="email", segments=tuple(segments), started_at=when,
                    ended_at=when, meta=meta, children=children)


def load_msg(path: Path, ctx: ImportContext) -> ImportedSource:
    data = read_bytes(path)
    if not data.startswith(OLE_MAGIC):
        raise ImportFailed(path, Message("ingest.not-msg"))
    from oxmsg import Message as OutlookMessage

    # python-oxmsg and olefile fail on damaged files with their own exceptions.
    try:
        message = OutlookMessage.load(io.BytesIO(data))
        sender = _address_list(decode_header_value(message.sender or ""))
        subject = message.subject or ""
        message_class = message.message_class or ""
        to = decode_header_value(message.properties.str_prop_value(PID_DISPLAY_TO) or "")
        cc = decode_header_value(message.properties.str_prop_value(PID_DISPLAY_CC) or "")
        body = _html_or_text(message.body, message.html_body)
        when = message.sent_date
        recipients = [(r.name or "", r.email_address or "") for r in message.recipients]
        attachments = [(a.file_name or "attachment", a.mime_type or "application/octet-stream",
                        a.file_bytes or b"") for a in message.attachments]
    except Exception as exc:
        raise ImportFailed(path, Message("ingest.msg-damaged", (reason_of(exc),))) from exc
    people = _people([sender]) + [Person(name=n or None, email=e or None, source="email")
                                  for n, e in recipients if n or e]
    if message_class.startswith(TEAMS_CLASSES):
        return _teams_source(path, ctx, subject, sender, when, body, people)
    children = tuple(attachment_artifact(n, t, d) for n, t, d in attachments)
    artifact = _mail_artifact(subject, sender, to, cc, _iso(when, ctx), body, children)
    return ImportedSource(path, "msg", (path,), (artifact,), tuple(people))


def _teams_source(path: Path, ctx: ImportContext, subject: str, sender: str,
                  when: datetime | None, body: str, people: list[Person]) -> ImportedSource:
    if when is None:
        raise ImportFailed(path, Message("ingest.teams-no-time"))
    if problem := message_problem(1, body):
        raise ImportFailed(path, problem)
    name = next((p.name or p.email for p in _people([sender])), "") or ""
    local = when.astimezone(ctx.timezone) if when.tzinfo else when.replace(tzinfo=ctx.timezone)
    message = ChatMessage(subject or path.stem, name, local, body)
    return ImportedSource(path, "teams", (path,), tuple(group_by_day([message], "teams")),
                          tuple(people))


def load_pst(path: Path, ctx: ImportContext) -> ImportedSource:
    """Every message in every folder of an Outlook data file, the folder path kept as
    context; a message that cannot be read is left out with a note."""
    # Not read through open_input: an Outlook data file is often larger than any chat
    # export, and libpff reads it a block at a time rather than whole.
    try:
        with path.open("rb") as probe:
            magic = probe.read(4)
    except PermissionError as exc:
        raise ImportFailed(path, Message("ingest.no-permission")) from exc
    except OSError as exc:
        raise ImportFailed(path, Message("ingest.unreadable", (os_reason(exc),))) \
            from exc
    if magic != PST_MAGIC:
        raise ImportFailed(path, Message("ingest.not-pst"))
    import pypff

    pst = pypff.file()
    # pypff reports a structure it cannot follow as OSError, and as MemoryError when an
    # object for it cannot be made; in a damaged file either means the same.
    try:
        pst.open(str(path))
    except (OSError, MemoryError) as exc:
        raise ImportFailed(path, Message("ingest.pst-damaged-or-encrypted",
                                         (_why(exc, prefix=False),))) from exc
    artifacts: list[Artifact] = []
    people: list[Person] = []
    notes: list[str] = []
    chats: list[ChatMessage] = []
    try:
        root = pst.get_root_folder()
        if root is None:
            raise ImportFailed(path, Message("ingest.pst-no-root"))
        _walk(root, "", ctx, artifacts, people, notes, chats)
    except (OSError, MemoryError) as exc:
        raise ImportFailed(path, Message("ingest.pst-damaged", (_why(exc, prefix=False),))) \
            from exc
    finally:
        pst.close()
    artifacts.extend(group_by_day(chats, "teams"))
    people.extend(senders(chats, "teams"))
    if not artifacts:
        raise ImportFailed(path, Message("ingest.pst-none-readable", (notes[0],)) if notes
                           else Message("ingest.pst-no-messages"))
    return ImportedSource(path, "pst", (path,), tuple(artifacts), tuple(people), tuple(notes))


def _walk(folder: Any, where: str, ctx: ImportContext, artifacts: list[Artifact],
          people: list[Person], notes: list[str], chats: list[ChatMessage]) -> None:
    """Every message under `folder`; a message or folder that cannot be read is left out
    with a note saying where and why, and the walk goes on."""
    for index in range(folder.get_number_of_sub_messages()):
        try:
            item = folder.get_sub_message(index)
            if item is None:
                raise Problem("ingest.not-found")
            _pst_message(item, where, ctx, artifacts, people, chats)
        except (OSError, MemoryError, ValueError, UnicodeDecodeError, ImportFailed) as exc:
            # A note is text, rendered now for the front end that runs the import.
            notes.append(t("ingest.pst-message-left-out", index + 1, where or "/", _why(exc)))
    for index in range(folder.get_number_of_sub_folders()):
        try:
            sub = folder.get_sub_folder(index)
            if sub is None:
                raise Problem("ingest.not-found")
            name = sub.get_name() or f"folder {index + 1}"
            _walk(sub, f"{where}/{name}", ctx, artifacts, people, notes, chats)
        except (OSError, MemoryError, Problem) as exc:
            notes.append(t("ingest.pst-folder-left-out", index + 1, where or "/", _why(exc)))


def _pst_message(item: Any, where: str, ctx: ImportContext, artifacts: list[Artifact],
                 people: list[Person], chats: list[ChatMessage]) -> None:
    properties = _properties(item)
    message_class = _string(properties.get(PID_MESSAGE_CLASS))
    if message_class.startswith(TEAMS_CLASSES):
        _teams_item(properties, where, ctx, chats)
        return
    if not hasattr(item, "get_subject"):
        # libpff gives calendar items, contacts and other classes it has no type for as
        # bare items: they are not mail, and the workbench does not import them.
        raise Problem("ingest.pst-not-mail", message_class or "non-mail")
    headers = item.get_transport_headers() or ""
    from email.parser import HeaderParser

    parsed = HeaderParser().parsestr(headers) if headers else None

    def header(name: str) -> str:
        return decode_header_value(str(parsed.get(name, ""))) if parsed else ""

    subject = item.get_subject() or header("subject")
    sender = header("from") or (item.get_sender_name() or "")
    body = _html_or_text(item.get_plain_text_body() and _text(item.get_plain_text_body()),
                         item.get_html_body())
    when = _utc(item.get_delivery_time() or item.get_client_submit_time())
    children = []
    for number in range(item.get_number_of_attachments()):
        attachment = item.get_attachment(number)
        size = attachment.get_size() or 0
        data = attachment.read_buffer(size) if size else b""
        name = _attachment_name(attachment) or f"attachment-{number + 1}"
        children.append(attachment_artifact(name, "application/octet-stream", data))
    # Mail written in Outlook has no Internet headers: its recipients' names stand in.
    to = header("to") or _string(properties.get(PID_DISPLAY_TO))
    cc = header("cc") or _string(properties.get(PID_DISPLAY_CC))
    artifacts.append(_mail_artifact(subject, sender, to, cc, _iso(when, ctx), body,
                                    tuple(children), where or "/"))
    people.extend(_people([v for v in (sender, header("to"), header("cc")) if v]))


def _teams_item(properties: dict[int, Any], where: str, ctx: ImportContext,
                chats: list[ChatMessage]) -> None:
    """A Teams message as Purview stores it: libpff has no type for its class, so its
    properties are read from the item's record set."""
    when = _utc(_time(properties.get(PID_DELIVERY_TIME))
                or _time(properties.get(PID_CLIENT_SUBMIT_TIME)))
    if when is None:
        raise Problem("ingest.teams-no-time")
    html = properties.get(PID_HTML)
    body = _html_or_text(_string(properties.get(PID_BODY)),
                         html.get_data() if html is not None else None)
    if problem := message_problem(1, body):
        raise Problem(problem)
    name = (_string(properties.get(PID_SENDER_NAME))
            or _string(properties.get(PID_SENDER_ADDRESS)))
    subject = _string(properties.get(PID_SUBJECT))
    chats.append(ChatMessage(subject or where.rsplit("/", 1)[-1] or "Teams", name,
                             when.astimezone(ctx.timezone), body))


def _why(exc: Exception, *, prefix: bool = True) -> object:
    """What went wrong, as a value for a message (a message in the reader's language, or
    libpff's own words)."""
    if isinstance(exc, (OSError, MemoryError)):
        # libpff's errors chain one sentence per C function; the last says what failed.
        last = str(exc).rstrip(". ").rsplit(". ", 1)[-1].split(": ", 1)[-1]
        return Message("ingest.damaged-because", (last,)) if prefix else last
    return exc.reason if isinstance(exc, ImportFailed) else reason_of(exc)


def _utc(when: datetime | None) -> datetime | None:
    # libpff converts the file's FILETIMEs, which are UTC, to naive datetimes.
    if when is not None and when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    return when


PID_MESSAGE_CLASS, PID_SUBJECT, PID_CLIENT_SUBMIT_TIME = 0x001A, 0x0037, 0x0039
PID_SENDER_NAME, PID_SENDER_ADDRESS, PID_DELIVERY_TIME = 0x0C1A, 0x0C1F, 0x0E06
PID_BODY, PID_HTML = 0x1000, 0x1013


def _properties(item: Any) -> dict[int, Any]:
    """The item's property entries by id, from its first record set: libpff has getters
    for the common properties of mail only."""
    found: dict[int, Any] = {}
    try:
        record_set = item.get_record_set(0)
        for number in range(record_set.get_number_of_entries()):
            entry = record_set.get_entry(number)
            found.setdefault(entry.get_entry_type(), entry)
    except (OSError, AttributeError, IndexError, ValueError):
        return found
    return found


def _string(entry: Any) -> str:
    if entry is None:
        return ""
    try:
        return entry.get_data_as_string() or ""
    except (OSError, ValueError, UnicodeDecodeError):
        return ""


def _time(entry: Any) -> datetime | None:
    if entry is None:
        return None
    try:
        value = entry.get_data_as_datetime()
    except (OSError, ValueError, OverflowError):
        return None
    return value if isinstance(value, datetime) else None


def _text(value: bytes | str) -> str:
    if isinstance(value, str):
        return value
    from workbench.core.ingest.decode import NotText, decode_text

    try:
        return decode_text(value.replace(b"\x00", b"")).text
    except NotText:
        return ""


def _attachment_name(attachment: Any) -> str | None:
    # libpff exposes the long file name as a record entry (PR_ATTACH_LONG_FILENAME).
    for getter in ("get_long_filename", "get_name", "get_filename"):
        if hasattr(attachment, getter):
            try:
                name: str | None = getattr(attachment, getter)()
                return name
            except (OSError, ValueError):
                continue
    return None
