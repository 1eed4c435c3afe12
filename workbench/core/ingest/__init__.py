"""Importing material: detect each input's format and extract it into artifacts.

One module per format; this package's entry point walks files and folders and dispatches.
Extraction never writes anything: the workspace stores the result in one transaction.

May import only the foundation modules at the core's root: importers know nothing of
workspaces, detection or packages.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from workbench.core.errors import Cancelled, ImportFailed, UnsupportedFormat, WorkbenchError
from workbench.core.ingest import (
    bracketed,
    colleague_skill,
    collector,
    documents,
    email,
    feishu,
    images,
    office,
    outlook,
    slack,
    telegram,
    wechat,
    whatsapp,
)
from workbench.core.ingest.base import (
    ImportContext,
    ImportedSource,
    Importer,
    open_input,
    read_text,
)
from workbench.core.ingest.decode import looks_binary
from workbench.core.messages import Message
from workbench.core.progress import CancelToken, ProgressCallback, no_progress

__all__ = ["ImportContext", "ImportPlan", "ImportedSource", "extract_all", "plan_import"]


@dataclass
class ImportPlan:
    """What an import will read: (path, importer) pairs, and the files in folders it will
    pass over, each with why (in the user's language); with `keep_going`, the paths named
    that cannot be imported at all (a missing path, a format it cannot read), each with why."""

    items: list[tuple[Path, Importer]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    failed: list[ImportFailed] = field(default_factory=list)


def plan_import(paths: list[Path], *, keep_going: bool = False) -> ImportPlan:
    """What to read from `paths`. A path named that cannot be imported stops the plan, or
    with `keep_going` is listed in `failed` and the others still go in (as a folder's files
    do)."""
    plan = ImportPlan()
    for path in paths:
        try:
            if path.is_dir():
                _plan_folder(path, plan)
            elif path.is_file():
                plan.items.append((path, importer_for_file(path)))
            else:
                raise ImportFailed(path, Message("ingest.no-such-path"))
        except ImportFailed as exc:
            if not keep_going:
                raise
            plan.failed.append(exc)
    return plan


def _plan_folder(folder: Path, plan: ImportPlan) -> None:
    if slack.is_export(folder):
        plan.items.append((folder, slack.load))
        return
    if colleague_skill.is_skill_folder(folder):
        plan.items.append((folder, colleague_skill.load))
        return
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            _plan_folder(child, plan)
        elif child.is_file():
            try:
                plan.items.append((child, importer_for_file(child, in_folder=True)))
            except UnsupportedFormat as exc:
                # Rendered now: the plan is shown by the front end that made it.
                plan.skipped.append((child, exc.problem))


def importer_for_file(path: Path, *, in_folder: bool = False) -> Importer:
    """The importer for one file, chosen by its name and, where names are shared by many
    formats (.json, .txt, .csv, .zip) or say nothing (no suffix, an unknown one), by its
    content. In a folder, a JSON or CSV file that is no chat export the workbench knows (a
    tool's settings or summary, a contact list) is passed over, with why; given on its own,
    a CSV is imported as a document."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        if in_folder and (reason := _json_skip_reason(path)):
            raise UnsupportedFormat(path, reason)
        return _json_file
    if suffix == ".txt":
        return _text_or_messages
    if suffix == ".csv":
        if in_folder and not _csv_looks_like_chat(path):
            raise UnsupportedFormat(path, Message("ingest.csv-not-chat"))
        return _csv_file
    if suffix == ".zip":
        if slack.zip_is_export(path):
            return slack.load_zip
        raise UnsupportedFormat(path, Message("ingest.zip-not-slack"))
    if suffix in {".html", ".htm"}:
        return _html_file
    if suffix in office.LEGACY:
        raise UnsupportedFormat(path, office.legacy_message(suffix))
    if suffix in documents.TEXT_SUFFIXES or suffix in {".docx", ".pdf"} \
            or suffix in office.SUFFIXES:
        return documents.load
    if suffix == ".eml":
        return email.load_eml
    if suffix == ".mbox":
        return email.load_mbox
    if suffix == ".emlx":
        return email.load_emlx
    if suffix == ".msg":
        return outlook.load_msg
    if suffix in {".pst", ".ost"}:
        return outlook.load_pst
    if suffix in images.IMAGE_SUFFIXES:
        return images.load
    if sniffed := _sniff(path, in_folder=in_folder):
        return sniffed
    if in_folder:
        raise UnsupportedFormat(path, Message("ingest.not-a-format"))
    raise UnsupportedFormat(path, Message("ingest.unsupported", (suffix or path.name,)))


SNIFF_BYTES = 64 * 1024
_OLE_MESSAGE_STREAM = "__substg1.0_".encode("utf-16-le")
_MAIL_HEADERS = (b"from:", b"to:", b"subject:", b"date:", b"received:", b"return-path:",
                 b"message-id:", b"mime-version:", b"delivered-to:")
_OFFICE_PARTS = (("word/document.xml", ".docx"), ("xl/workbook.xml", ".xlsx"),
                 ("ppt/presentation.xml", ".pptx"))


def _head(path: Path) -> bytes:
    try:
        with open_input(path) as file:
            return file.read(SNIFF_BYTES)
    except ImportFailed:
        return b""


def _sniff(path: Path, *, in_folder: bool) -> Importer | None:
    """The importer for a file whose name says nothing the workbench knows (no suffix, or
    one no exporter uses), from signatures in its first bytes: a Thunderbird mailbox has no
    suffix, a saved message or export may carry any. Plain text without a chat shape is a
    document only when it has no suffix and is given on its own: a folder's README or
    Makefile is not material, and a suffix the workbench does not know is refused by it."""
    head = _head(path)
    if not head:
        return None
    if head.startswith(outlook.PST_MAGIC):
        return outlook.load_pst
    if head.startswith(outlook.OLE_MAGIC):
        return outlook.load_msg if _OLE_MESSAGE_STREAM in head else None
    if documents.pdf_start(head) >= 0:
        return documents.load_as(".pdf")
    if head.startswith(b"PK\x03\x04"):
        if slack.zip_is_export(path):
            return slack.load_zip
        for part, suffix in _OFFICE_PARTS:
            if part.encode() in head:
                return documents.load_as(suffix)
        return None
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return images.load
    if head.startswith(b"From "):
        return email.load_mbox
    first_line = head.split(b"\n", 1)[0].lower()
    if first_line.startswith(_MAIL_HEADERS):
        return email.load_eml
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"{", b"[")) and _json_skip_reason(path) is None:
        return _json_file
    if looks_binary(head):
        return None
    if wechat.csv_shape(_first_line(head)):
        return _csv_file
    if _head_is_chat_text(head) or (not in_folder and not path.suffix):
        return _text_or_messages
    return None


def _first_line(head: bytes) -> str:
    line = head.split(b"\n", 1)[0].rstrip(b"\r")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return line.decode(encoding)
        except UnicodeDecodeError:
            continue
    return ""


def _head_is_chat_text(head: bytes) -> bool:
    text = head.decode("utf-8-sig", errors="ignore")
    # The last line may be cut mid-way; judge the complete ones.
    text = text.rsplit("\n", 1)[0] if len(head) == SNIFF_BYTES else text
    return any(shape(text) for shape in (collector.looks_like_messages, wechat.text_shape,
                                         whatsapp.looks_like_messages,
                                         bracketed.looks_like_messages))


def _csv_looks_like_chat(path: Path) -> bool:
    """Whether a CSV file in a folder is a chat export, from its header line; every
    exporter the workbench knows writes one."""
    head = _head(path)
    return not head or wechat.csv_shape(_first_line(head)) is not None


def _text_or_messages(path: Path, ctx: ImportContext) -> ImportedSource:
    decoded = read_text(path)
    text = decoded.text
    if collector.looks_like_messages(text):
        return collector.from_text(path, decoded, ctx)
    if wechat.text_shape(text):
        return wechat.from_text(path, decoded, ctx)
    if whatsapp.looks_like_messages(text):
        return whatsapp.from_text(path, decoded, ctx)
    if bracketed.looks_like_messages(text):
        return bracketed.from_text(path, decoded, ctx)
    if text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[") and _json_skip_reason(path) is None:
        # A chat export saved as text (an API's answer pasted into a .txt).
        try:
            return _json_file(path, ctx)
        except ImportFailed:
            pass
    return documents.text_source(path, decoded)


def _html_file(path: Path, ctx: ImportContext) -> ImportedSource:
    decoded = read_text(path, long_lines=True)
    if wechat.html_shape(decoded.text):
        return wechat.from_html(path, decoded, ctx)
    return documents.load(path, ctx)


def _csv_file(path: Path, ctx: ImportContext) -> ImportedSource:
    decoded = read_text(path)
    if wechat.csv_shape(decoded.text.split("\n", 1)[0]):
        return wechat.from_csv(path, decoded, ctx)
    return documents.text_source(path, decoded)


def _json_file(path: Path, ctx: ImportContext) -> ImportedSource:
    data = feishu.parse_json(path)
    if wechat.json_shape(data):
        return wechat.from_json(path, data, ctx)
    if telegram.looks_like_export(data):
        return telegram.from_json(path, data, ctx)
    if isinstance(data, dict) and {"collected_at", "files"} <= data.keys():
        raise ImportFailed(path, Message("ingest.colleague-summary"))
    return feishu.from_json(path, data, ctx)


# Keys by which a chat export shows itself in its first bytes.
_CHAT_KEYS = (b'"messages"', b'"records"', b'"chatlab"', b'"talker"', b'"chats"',
              b'"items"')
_MESSAGE_KEYS = (b'"content"', b'"text"', b'"message"', b'"body"')
JSON_SNIFF_BYTES = SNIFF_BYTES


def _json_skip_reason(path: Path) -> Message | None:
    """Why a JSON file in a folder is not worth importing as a chat, judged from its first
    bytes (None if it is: an object with a message list, or a list of objects with message
    text); a file that cannot be read is not skipped, so that its import says why."""
    try:
        with open_input(path) as file:
            head = file.read(JSON_SNIFF_BYTES)
    except ImportFailed:
        return None
    if b'"collected_at"' in head and b'"files"' in head:
        return Message("ingest.colleague-summary-skipped")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") and any(key in head for key in _CHAT_KEYS):
        return None
    if stripped.startswith(b"[") and any(key in head for key in _MESSAGE_KEYS):
        return None
    return Message("ingest.json-not-chat")


def extract_all(
    plan: ImportPlan,
    ctx: ImportContext,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    failures: list[ImportFailed] | None = None,
) -> list[ImportedSource]:
    """Run every importer in the plan. The first failure stops the whole import, unless a
    `failures` list is given: then each file that fails is added to it and the rest go on
    (a file is extracted whole or not at all)."""
    sources = []
    total = len(plan.items)
    for done, (path, importer) in enumerate(plan.items):
        if cancel:
            cancel.check("The import")
        progress(done, total, path.name)

        def within(fraction: float, done: int = done, name: str = path.name) -> None:
            if cancel:
                cancel.check("The import")
            progress(done, total, f"{name} ({fraction:.0%})")

        try:
            sources.append(importer(path, replace(ctx, within_file=within)))
        except Cancelled:
            raise
        except WorkbenchError as exc:
            if failures is None:
                raise
            failures.append(exc if isinstance(exc, ImportFailed) else ImportFailed(path, exc))
    progress(total, total, "")
    return sources
