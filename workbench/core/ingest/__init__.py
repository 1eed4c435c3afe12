"""Importing material: detect each input's format and extract it into artifacts.

One module per format; this package's entry point walks files and folders and dispatches.
Extraction never writes anything: the workspace stores the result in one transaction.
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
from workbench.core.progress import CancelToken, ProgressCallback, no_progress

__all__ = ["ImportContext", "ImportPlan", "ImportedSource", "extract_all", "plan_import"]


@dataclass
class ImportPlan:
    """What an import will read: (path, importer) pairs, and files it will pass over."""

    items: list[tuple[Path, Importer]] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def plan_import(paths: list[Path]) -> ImportPlan:
    plan = ImportPlan()
    for path in paths:
        if path.is_dir():
            _plan_folder(path, plan)
        elif path.is_file():
            plan.items.append((path, importer_for_file(path)))
        else:
            raise ImportFailed(path, "no such file or folder")
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
            except UnsupportedFormat:
                plan.skipped.append(child)


def importer_for_file(path: Path, *, in_folder: bool = False) -> Importer:
    """The importer for one file, chosen by its name and, where names are shared by many
    formats (.json, .txt, .csv, .zip), by its content. In a folder, a JSON file that is no
    chat export the workbench knows (a tool's settings or summary) is passed over."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        if in_folder and not _json_looks_like_chat(path):
            raise UnsupportedFormat(path, "it is not a chat export the workbench knows")
        return _json_file
    if suffix == ".txt":
        return _text_or_messages
    if suffix == ".csv":
        return _csv_file
    if suffix == ".zip":
        if slack.zip_is_export(path):
            return slack.load_zip
        raise UnsupportedFormat(path, "the zip file is not a Slack export; unzip it and "
                                "import the files inside")
    if suffix in {".html", ".htm"}:
        return _html_file
    if suffix in office.LEGACY:
        raise UnsupportedFormat(path, office.LEGACY[suffix])
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
    raise UnsupportedFormat(
        path,
        f"'{suffix or path.name}' files are not supported. The workbench imports chat exports "
        "(.json, .txt, .csv, Slack folders and .zip), email (.eml, .emlx, .mbox, .msg, "
        ".pst), documents (.txt, .md, .docx, .pdf, .xlsx, .xls, .pptx, .odt, .ods, .odp, "
        ".html, .rtf) and images (.png, .jpg).",
    )


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
        raise ImportFailed(path, "this is colleague-skill's summary of a collection, not "
                           "material: import the files it lists (messages.txt, docs.txt)")
    return feishu.from_json(path, data, ctx)


# Keys by which a chat export shows itself in its first bytes.
_CHAT_KEYS = (b'"messages"', b'"records"', b'"chatlab"', b'"talker"', b'"chats"',
              b'"items"')
_MESSAGE_KEYS = (b'"content"', b'"text"', b'"message"', b'"body"')
JSON_SNIFF_BYTES = 64 * 1024


def _json_looks_like_chat(path: Path) -> bool:
    """Whether a JSON file in a folder is worth importing as a chat, from its first bytes:
    an object with a message list, or a list of objects with message text."""
    try:
        with open_input(path) as file:
            head = file.read(JSON_SNIFF_BYTES)
    except ImportFailed:
        return True  # let the import say what is wrong with it
    if b'"collected_at"' in head and b'"files"' in head:
        return False
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return any(key in head for key in _CHAT_KEYS)
    if stripped.startswith(b"["):
        return any(key in head for key in _MESSAGE_KEYS)
    return False


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
            failures.append(exc if isinstance(exc, ImportFailed) else ImportFailed(path, str(exc)))
    progress(total, total, "")
    return sources
