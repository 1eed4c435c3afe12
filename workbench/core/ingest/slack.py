"""Slack exports: users.json, channels.json and <channel>/<day>.json files, as the folder
or as the .zip Slack lets the workspace owner download."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from workbench.core.errors import ImportFailed, reason_of
from workbench.core.ingest.artifacts import Person
from workbench.core.ingest.base import ImportContext, ImportedSource, read_bytes
from workbench.core.ingest.chat import ChatMessage, group_by_day
from workbench.core.ingest.decode import NotText, decode_text
from workbench.core.ingest.feishu import parse_json, parse_json_text
from workbench.core.ingest.lines import message_problem
from workbench.core.messages import Message

FORMAT = "slack"
CONVERSATION_LISTS = ("channels.json", "groups.json", "mpims.json", "dms.json")
# Join/leave notices and the like are Slack's own messages, not the people's.
SKIPPED_SUBTYPES = {"channel_join", "channel_leave", "group_join", "group_leave", "bot_add"}
_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")
_LINK = re.compile(r"<(?P<url>(?:https?|mailto|tel):[^|>]+)(?:\|(?P<label>[^>]+))?>")
# A Slack export zip holds JSON, which compresses well, but not a thousandfold.
MAX_ZIP_EXPANDED = 2 * 1024 * 1024 * 1024
MAX_ZIP_EXPANSION = 200


def is_export(folder: Path) -> bool:
    return (folder / "users.json").is_file() and any(
        (folder / name).is_file() for name in CONVERSATION_LISTS
    )


def load(folder: Path, ctx: ImportContext) -> ImportedSource:
    def read(name: str) -> Any:
        return parse_json(folder / name)

    def days(label: str) -> list[str]:
        day_dir = folder / label
        if not day_dir.is_dir():
            return []
        return [f"{label}/{p.name}" for p in sorted(day_dir.glob("*.json"))]

    def exists(name: str) -> bool:
        return (folder / name).is_file()

    source, used = _load(folder, ctx, read, days, exists)
    return ImportedSource(folder, FORMAT, tuple(folder / n for n in used), source.artifacts,
                          source.people)


def zip_is_export(path: Path) -> bool:
    """True when the zip file holds a Slack export (users.json and a conversation list)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _zip_root(archive.namelist()) is not None
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        # NotImplementedError: a zip whose directory asks for a newer zip version.
        return False


def _zip_root(names: list[str]) -> str | None:
    # At the top, or inside the one folder the export was zipped from.
    for name in names:
        posix = PurePosixPath(name)
        if posix.name == "users.json" and len(posix.parts) <= 2:
            root = "" if len(posix.parts) == 1 else f"{posix.parts[0]}/"
            if any(f"{root}{n}" in names for n in CONVERSATION_LISTS):
                return root
    return None


def load_zip(path: Path, ctx: ImportContext) -> ImportedSource:
    data = read_bytes(path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError) as exc:
        raise ImportFailed(path, Message("ingest.zip-unreadable", (reason_of(exc),))) from exc
    expanded = sum(i.file_size for i in infos)
    if expanded > MAX_ZIP_EXPANDED or expanded > MAX_ZIP_EXPANSION * max(len(data), 1):
        raise ImportFailed(path, Message("ingest.zip-bomb", (expanded // (1 << 20),)))
    names = [i.filename for i in infos if not i.is_dir()]
    root = _zip_root(names)
    if root is None:
        raise ImportFailed(path, Message("ingest.zip-not-slack-export"))
    present = set(names)

    def read(name: str) -> Any:
        label = path / name
        try:
            raw = archive.read(root + name)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, zlib.error,
                NotImplementedError, RuntimeError) as exc:
            raise ImportFailed(label, Message("ingest.damaged-in-zip", (reason_of(exc),))) from exc
        try:
            text = decode_text(raw).text
        except NotText as exc:
            raise ImportFailed(label, exc.message) from exc
        return parse_json_text(label, text)

    def days(label: str) -> list[str]:
        prefix = f"{root}{label}/"
        return sorted(n[len(root):] for n in present
                      if n.startswith(prefix) and n.endswith(".json")
                      and "/" not in n[len(prefix):])

    def exists(name: str) -> bool:
        return root + name in present

    source, _ = _load(path, ctx, read, days, exists)
    with archive:
        return ImportedSource(path, FORMAT, (path,), source.artifacts, source.people)


def _load(
    where: Path,
    ctx: ImportContext,
    read: Callable[[str], Any],
    days: Callable[[str], list[str]],
    exists: Callable[[str], bool],
) -> tuple[ImportedSource, list[str]]:
    users = _list(where / "users.json", read("users.json"))
    names = {u["id"]: _display_name(u) for u in users if isinstance(u, dict) and "id" in u}
    used = ["users.json"]
    messages: list[ChatMessage] = []
    for list_name in CONVERSATION_LISTS:
        if not exists(list_name):
            continue
        used.append(list_name)
        for conversation in _list(where / list_name, read(list_name)):
            if not isinstance(conversation, dict):
                raise ImportFailed(where / list_name, Message("ingest.slack-not-conversation"))
            label = str(conversation.get("name") or conversation.get("id") or "")
            if not label or "/" in label or label in {".", ".."}:
                continue
            for day_file in days(label):
                used.append(day_file)
                messages.extend(_day_messages(where / day_file, read(day_file), ctx, label,
                                              names))
    if not messages:
        raise ImportFailed(where, Message("ingest.no-messages", ("Slack",)))
    people = [
        Person(name=_display_name(u), email=(u.get("profile") or {}).get("email"), source=FORMAT)
        for u in users
        if isinstance(u, dict)
    ]
    return ImportedSource(where, FORMAT, (where,), tuple(group_by_day(messages, FORMAT)),
                          tuple(people)), used


def _list(path: Path, data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise ImportFailed(path, Message("ingest.slack-not-list"))
    return data


def _display_name(user: dict[str, Any]) -> str:
    profile = user.get("profile") or {}
    return str(
        user.get("real_name") or profile.get("real_name") or profile.get("display_name")
        or user.get("name") or user.get("id")
    )


def _day_messages(
    path: Path, data: Any, ctx: ImportContext, channel: str, names: dict[str, str]
) -> list[ChatMessage]:
    out = []
    for index, record in enumerate(_list(path, data)):
        if not isinstance(record, dict) or record.get("subtype") in SKIPPED_SUBTYPES:
            continue
        try:
            when = ctx.local_time(float(record["ts"]))
        except (KeyError, TypeError, ValueError, OverflowError, OSError) as exc:
            raise ImportFailed(path, Message("ingest.slack-no-ts", (index + 1,))) from exc
        sender = names.get(record.get("user", ""), record.get("user_name") or
                           record.get("username") or record.get("user") or "")
        raw = str(record.get("text") or "")
        if problem := message_problem(index + 1, raw):
            raise ImportFailed(path, problem)
        text = _plain_text(raw, names)
        if not text and record.get("files"):
            text = "[file]"
        out.append(ChatMessage(f"#{channel}", str(sender), when, text))
    return out


def _plain_text(text: str, names: dict[str, str]) -> str:
    text = _MENTION.sub(lambda m: "@" + names.get(m[1], m[1]), text)
    text = _LINK.sub(lambda m: m["label"] or m["url"].removeprefix("mailto:"), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
