"""Slack export folders: users.json, channels.json and <channel>/<day>.json files."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from workbench.core.artifacts import Person
from workbench.core.errors import ImportFailed
from workbench.core.ingest.base import ImportContext, ImportedSource
from workbench.core.ingest.chat import ChatMessage, group_by_day
from workbench.core.ingest.feishu import parse_json
from workbench.core.ingest.lines import message_problem

FORMAT = "slack"
CONVERSATION_LISTS = ("channels.json", "groups.json", "mpims.json", "dms.json")
# Join/leave notices and the like are Slack's own messages, not the people's.
SKIPPED_SUBTYPES = {"channel_join", "channel_leave", "group_join", "group_leave", "bot_add"}
_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")
_LINK = re.compile(r"<(?P<url>(?:https?|mailto|tel):[^|>]+)(?:\|(?P<label>[^>]+))?>")


def is_export(folder: Path) -> bool:
    return (folder / "users.json").is_file() and any(
        (folder / name).is_file() for name in CONVERSATION_LISTS
    )


def load(folder: Path, ctx: ImportContext) -> ImportedSource:
    users_path = folder / "users.json"
    users = _list(users_path, parse_json(users_path))
    names = {u["id"]: _display_name(u) for u in users if isinstance(u, dict) and "id" in u}
    originals = [users_path]
    messages: list[ChatMessage] = []
    for list_name in CONVERSATION_LISTS:
        list_path = folder / list_name
        if not list_path.is_file():
            continue
        originals.append(list_path)
        for conversation in _list(list_path, parse_json(list_path)):
            if not isinstance(conversation, dict):
                raise ImportFailed(list_path, "an entry is not a conversation object")
            label = str(conversation.get("name") or conversation.get("id") or "")
            day_dir = folder / label
            if not label or not day_dir.is_dir():
                continue
            for day_file in sorted(day_dir.glob("*.json")):
                originals.append(day_file)
                messages.extend(_day_messages(day_file, ctx, label, names))
    if not messages:
        raise ImportFailed(folder, "the Slack export holds no messages")
    people = [
        Person(name=_display_name(u), email=(u.get("profile") or {}).get("email"), source=FORMAT)
        for u in users
        if isinstance(u, dict)
    ]
    return ImportedSource(
        folder, FORMAT, tuple(originals), tuple(group_by_day(messages, FORMAT)), tuple(people)
    )


def _list(path: Path, data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise ImportFailed(path, "not part of a Slack export: expected a JSON list")
    return data


def _display_name(user: dict[str, Any]) -> str:
    profile = user.get("profile") or {}
    return str(
        user.get("real_name") or profile.get("real_name") or profile.get("display_name")
        or user.get("name") or user.get("id")
    )


def _day_messages(
    path: Path, ctx: ImportContext, channel: str, names: dict[str, str]
) -> list[ChatMessage]:
    out = []
    for index, record in enumerate(_list(path, parse_json(path))):
        if not isinstance(record, dict) or record.get("subtype") in SKIPPED_SUBTYPES:
            continue
        try:
            when = ctx.local_time(float(record["ts"]))
        except (KeyError, TypeError, ValueError, OverflowError, OSError) as exc:
            raise ImportFailed(path, f"message {index + 1} has no valid 'ts' time") from exc
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
