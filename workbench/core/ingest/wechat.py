"""WeChat/WeCom exports: MemoTrace (WeChatMsg), PyWxDump, WeFlow, chatlog and ChatLab, as chats.

The exporters read the same message database and write it in their own shapes: CSV with
their own column names, text with a header line (time and sender) above each message, and
JSON. Each is recognised from its content: its CSV header, its header lines, its keys.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench.core import clock
from workbench.core.errors import ImportFailed, reason_of
from workbench.core.ingest.base import ImportContext, ImportedSource
from workbench.core.ingest.chat import (
    SELF_SENDER,
    ChatMessage,
    chat_source,
    parse_time,
    placeholder_kind,
)
from workbench.core.ingest.decode import DecodedText
from workbench.core.ingest.lines import message_problem
from workbench.core.messages import Message

FORMAT = "wechat"

# WeChat's message types (the database's Type column) that carry no text of their own.
_TYPE_PLACEHOLDERS = {
    3: "[图片]", 34: "[语音]", 42: "[名片]", 43: "[视频]", 47: "[动画表情]", 48: "[位置]",
    50: "[语音通话]",
}
# PyWxDump and WeFlow write the type as a name.
_TYPE_NAME_PLACEHOLDERS = {
    "图片": "[图片]", "语音": "[语音]", "视频": "[视频]", "动画表情": "[动画表情]",
    "表情": "[表情]", "名片": "[名片]", "位置": "[位置]", "文件": "[文件]",
    "语音通话": "[语音通话]", "音视频通话": "[音视频通话]", "image": "[图片]",
    "voice": "[语音]", "video": "[视频]", "sticker": "[表情]", "file": "[文件]",
    "location": "[位置]",
}
# ChatLab's numeric types (0 is text).
_CHATLAB_PLACEHOLDERS = {1: "[图片]", 2: "[语音]", 3: "[视频]", 4: "[文件]", 5: "[表情]",
                         8: "[链接]", 9: "[位置]", 20: "[红包]", 22: "[语音通话]"}
_SYSTEM_TYPES = {10000, 10002}
_SYSTEM_TYPE_NAMES = {"系统通知", "系统消息", "system"}

# Columns by which each exporter's CSV is known, lower-cased: (format, required columns).
CSV_SHAPES: tuple[tuple[str, frozenset[str]], ...] = (
    ("memotrace", frozenset({"localid", "talkerid", "type", "issender", "createtime",
                             "strcontent"})),
    ("memotrace", frozenset({"消息id", "类型", "发送人", "时间", "内容"})),
    ("pywxdump", frozenset({"type_name", "is_sender", "talker", "createtime"})),
    ("chatlog", frozenset({"time", "sendername", "sender", "content"})),
)


def csv_shape(header_line: str) -> str | None:
    """Which exporter wrote a CSV whose first line is `header_line`; None if none of them."""
    try:
        columns = next(csv.reader([header_line.lstrip("\ufeff")]))
    except (csv.Error, StopIteration):
        return None
    names = {c.strip().lower() for c in columns}
    for fmt, required in CSV_SHAPES:
        if required <= names:
            return fmt
    return None


def from_csv(path: Path, decoded: DecodedText, ctx: ImportContext) -> ImportedSource:
    """A WeChat CSV export, decoded by the caller, which found its header to be one."""
    first_line = decoded.text.split("\n", 1)[0]
    fmt = csv_shape(first_line)
    if fmt is None:
        raise ImportFailed(path, Message("ingest.not-wechat-csv"))
    reader = csv.DictReader(io.StringIO(decoded.text.lstrip("\ufeff"), newline=""))
    names = _pywxdump_users(path) if fmt == "pywxdump" else {}
    messages: list[ChatMessage] = []
    total_lines = max(decoded.text.count("\n"), 1)
    try:
        for number, row in enumerate(reader, start=2):
            if number % 2000 == 0:
                ctx.within_file(min(reader.line_num / total_lines, 1.0))
            lowered = {(k or "").strip().lower(): (v or "") for k, v in row.items()
                       if isinstance(v, str)}
            message = _csv_message(path, ctx, fmt, number, lowered)
            if message is not None:
                messages.append(ChatMessage(names.get(message.conversation,
                                                      message.conversation),
                                            names.get(message.sender, message.sender),
                                            message.time, message.text))
    except csv.Error as exc:
        raise ImportFailed(path, Message("ingest.csv-malformed",
                                         (reader.line_num, reason_of(exc)))) from exc
    if not messages:
        raise ImportFailed(path, Message("ingest.no-messages", ("WeChat",)))
    return chat_source(path, f"{FORMAT}-{fmt}", messages, encoding=decoded.encoding)


def _csv_message(path: Path, ctx: ImportContext, fmt: str, number: int,
                 row: dict[str, str]) -> ChatMessage | None:
    if fmt == "memotrace" and "localid" in row:
        raw_time = row.get("strtime") or row.get("createtime")
        sender = row.get("remark") or row.get("nickname") or row.get("sender") or ""
        text = _typed_text(row.get("type"), row.get("strcontent", ""))
        is_self = row.get("issender", "").strip() == "1"
        # MemoTrace names its file "<contact>_utf8.csv"; before 2024 a one-to-one chat's rows
        # stopped after StrTime (no Remark/NickName/Sender): the other side is the contact.
        conversation = path.stem.removesuffix("_utf8") or path.stem
        if not is_self and not {"remark", "nickname", "sender"} & row.keys():
            sender = conversation
    elif fmt == "memotrace":
        raw_time, sender = row.get("时间"), row.get("发送人", "")
        text, is_self, conversation = row.get("内容", ""), False, path.stem
        if kind := _TYPE_NAME_PLACEHOLDERS.get(row.get("类型", "").strip()):
            text = text if placeholder_kind(text) else kind
    elif fmt == "pywxdump":
        raw_time, sender = row.get("createtime"), row.get("talker", "")
        is_self = row.get("is_sender", "").strip() == "1"
        conversation = row.get("room_name") or path.stem
        text = row["msg"] if "msg" in row else _pywxdump_content(row.get("content", ""))
        type_name = row.get("type_name", "").strip()
        if type_name in _TYPE_NAME_PLACEHOLDERS and not placeholder_kind(text or ""):
            text = _TYPE_NAME_PLACEHOLDERS[type_name]
        if type_name in _SYSTEM_TYPE_NAMES:
            sender = "系统消息"
        text = text or ""
    else:  # chatlog
        raw_time = row.get("time")
        sender = row.get("sendername") or row.get("sender", "")
        text, is_self = row.get("content", ""), False
        conversation = row.get("talkername") or row.get("talker") or path.stem
    if is_self:
        # The exporter's own flag, not the name beside it: MemoTrace writes the employee's
        # WeChat remark or nickname there, which may be none of the names in her profile.
        sender = SELF_SENDER
    when = parse_time(raw_time, ctx.timezone)
    if when is None:
        raise ImportFailed(path, Message("ingest.line-no-time", (number, repr(raw_time))))
    if problem := message_problem(number, text):
        raise ImportFailed(path, problem)
    return ChatMessage(conversation, sender.strip(), when, text)


USERS_FILE = "users.json"
MAX_USERS_BYTES = 64 * 1024 * 1024


def _pywxdump_users(path: Path) -> dict[str, str]:
    """wxid → the name people know, from the users.json PyWxDump writes beside its CSVs
    (its `talker` and `room_name` columns hold wxids); empty when there is none."""
    users = path.parent / USERS_FILE
    try:
        if not users.is_file() or users.stat().st_size > MAX_USERS_BYTES:
            return {}
        data = json.loads(users.read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    names = {}
    for wxid, user in data.items():
        if isinstance(user, dict):
            name = user.get("remark") or user.get("nickname") or user.get("account")
            if isinstance(name, str) and name.strip():
                names[str(wxid)] = name.strip()
    return names


def _typed_text(raw_type: str | None, content: str) -> str:
    try:
        kind = int(str(raw_type).strip())
    except ValueError:
        return content
    if kind in _TYPE_PLACEHOLDERS:
        return _TYPE_PLACEHOLDERS[kind]
    return content


def _pywxdump_content(raw: str) -> str:
    # The first CSV generation wrote the content as JSON: {"msg": ..., "src": ...}.
    stripped = raw.strip()
    if stripped[:1] in '{"':
        try:
            value = json.loads(stripped)
        except json.JSONDecodeError:
            return raw
        if isinstance(value, dict):
            return str(value.get("msg") or "")
        if isinstance(value, str):
            return value
    return raw


# -- text exports ------------------------------------------------------------------------

# MemoTrace: `2024-03-05 09:30:00 张伟`; WeFlow: `2024-03-05 09:30:00 '张伟'`.
_DATED_HEADER = re.compile(
    r"^(?P<time>\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}:\d{2}) (?P<quote>'?)(?P<sender>[^\n]{1,80}?)"
    r"(?P=quote)\s*$")
# chatlog: `张伟(wxid_x) 03-05 09:30:00`, `我 [项目群(123@chatroom)] 2024-03-05 09:30:00`.
_CHATLOG_HEADER = re.compile(
    r"^(?P<sender>[^\n]{1,80}?)(?: \[(?P<talker>[^\]\n]{1,120})\])? "
    r"(?P<time>(?:\d{4}-)?\d{2}-\d{2} \d{2}:\d{2}:\d{2})\s*$")
_NAME_AND_ID = re.compile(r"^(?P<name>.*?)\((?P<id>[^()]*)\)$")


def text_shape(text: str) -> str | None:
    """"memotrace", "weflow" or "chatlog" when the text is such an export: its first non-empty
    line is a header line and header lines make up a good part of its lines."""
    lines = [line for line in text[:200_000].splitlines()[:400] if line.strip()]
    if not lines:
        return None
    for shape, pattern in (("dated", _DATED_HEADER), ("chatlog", _CHATLOG_HEADER)):
        if not pattern.match(lines[0]):
            continue
        is_header = [bool(pattern.match(line)) for line in lines]
        headers = sum(is_header)
        # A header above a message body, not a log whose every line starts with a time.
        with_body = sum(1 for i, h in enumerate(is_header)
                        if h and i + 1 < len(lines) and not is_header[i + 1])
        if headers * 3 >= len(lines) and with_body * 2 >= headers:
            if shape == "chatlog":
                return "chatlog"
            match = _DATED_HEADER.match(lines[0])
            return "weflow" if match and match["quote"] else "memotrace"
    return None


def from_text(path: Path, decoded: DecodedText, ctx: ImportContext) -> ImportedSource:
    """A MemoTrace, WeFlow or chatlog text export, decoded by the caller."""
    shape = text_shape(decoded.text)
    if shape is None:
        raise ImportFailed(path, Message("ingest.not-wechat-text"))
    pattern = _CHATLOG_HEADER if shape == "chatlog" else _DATED_HEADER
    year = _reference_year(path) if shape == "chatlog" else None
    messages: list[ChatMessage] = []
    body: list[str] = []
    header: re.Match[str] | None = None
    for line in [*decoded.text.splitlines(), None]:
        match = pattern.match(line) if line is not None else None
        if line is not None and match is None:
            if header is not None:
                body.append(line)
            continue
        if header is not None:
            messages.append(_text_message(path, ctx, shape, header, body, year, len(messages)))
        header, body = match, []
    if not messages:
        raise ImportFailed(path, Message("ingest.no-messages", ("WeChat",)))
    return chat_source(path, f"{FORMAT}-{shape}", messages, encoding=decoded.encoding)


def _text_message(path: Path, ctx: ImportContext, shape: str, header: re.Match[str],
                  body: list[str], year: int | None, index: int) -> ChatMessage:
    text = "\n".join(body).strip("\n")
    if problem := message_problem(index + 1, text):
        raise ImportFailed(path, problem)
    stamp = header["time"]
    if shape == "chatlog" and len(stamp) == len("03-05 09:30:00"):
        stamp = f"{year}-{stamp}"
    when = parse_time(stamp, ctx.timezone)
    if when is None:
        raise ImportFailed(path, Message("ingest.impossible-time", (index + 1, header["time"])))
    sender = header["sender"].strip()
    conversation = path.stem
    if not text and shape == "memotrace":
        # MemoTrace writes WeChat's notices ("你撤回了一条消息") as a header line alone.
        sender, text = "系统消息", sender
    if shape == "chatlog":
        sender = _display_name(sender)
        if header["talker"]:
            conversation = _display_name(header["talker"])
    return ChatMessage(conversation, sender, when, text)


def _display_name(value: str) -> str:
    # chatlog writes `Name(wxid)`; the name is what people know, the id is an account.
    match = _NAME_AND_ID.match(value.strip())
    return match["name"].strip() or match["id"] if match else value.strip()


_YEAR_IN_NAME = re.compile(r"(20\d{2})-\d{2}-\d{2}")


def _reference_year(path: Path) -> int:
    """The year chatlog's `MM-DD` times are in: from a date in the file's name (chatlog names
    its exports by the time range), else the year the file was last written."""
    if found := _YEAR_IN_NAME.search(path.name):
        return int(found[1])
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).year
    except OSError:
        return clock.now_local().year


# -- JSON exports ------------------------------------------------------------------------

def json_shape(data: Any) -> str | None:
    """"chatlab" or "chatlog" when parsed JSON is one of their exports."""
    if isinstance(data, dict) and isinstance(data.get("chatlab"), dict) \
            and isinstance(data.get("messages"), list):
        return "chatlab"
    if isinstance(data, list) and data and all(isinstance(r, dict) for r in data[:50]) \
            and all("talker" in r and "content" in r and "time" in r for r in data[:50]):
        return "chatlog"
    return None


def from_json(path: Path, data: Any, ctx: ImportContext) -> ImportedSource:
    shape = json_shape(data)
    if shape == "chatlab":
        messages = _chatlab_messages(path, data, ctx)
    elif shape == "chatlog":
        messages = _chatlog_messages(path, data, ctx)
    else:
        raise ImportFailed(path, Message("ingest.not-chatlab"))
    if not messages:
        raise ImportFailed(path, Message("ingest.chat-no-messages"))
    return chat_source(path, shape, messages)


def _chatlab_messages(path: Path, data: dict[str, Any], ctx: ImportContext) -> list[ChatMessage]:
    meta = data.get("meta")
    if not isinstance(meta, dict):
        meta = {}
    conversation = str(meta.get("name") or path.stem)
    members = {str(m.get("platformId")): _member_name(m) for m in data.get("members") or []
               if isinstance(m, dict) and m.get("platformId")}
    out = []
    for index, record in enumerate(data["messages"]):
        if not isinstance(record, dict):
            raise ImportFailed(path, Message("ingest.not-an-object", (index + 1,)))
        sender_id = str(record.get("sender") or "")
        sender = (record.get("accountName") or record.get("groupNickname")
                  or members.get(sender_id) or sender_id)
        text = record.get("content")
        text = "" if text is None else str(text)
        kind = record.get("type")
        if isinstance(kind, int) and kind in _CHATLAB_PLACEHOLDERS and not text.strip():
            text = _CHATLAB_PLACEHOLDERS[kind]
        out.append(_json_message(path, ctx, index, conversation, str(sender), text,
                                 record.get("timestamp")))
    return out


def _member_name(member: dict[str, Any]) -> str:
    return str(member.get("groupNickname") or member.get("accountName")
               or member.get("platformId"))


def _chatlog_messages(path: Path, data: list[Any], ctx: ImportContext) -> list[ChatMessage]:
    out = []
    for index, record in enumerate(data):
        if not isinstance(record, dict):
            raise ImportFailed(path, Message("ingest.not-an-object", (index + 1,)))
        sender = record.get("senderName") or ("我" if record.get("isSelf") else "") \
            or record.get("sender") or ""
        conversation = record.get("talkerName") or record.get("talker") or path.stem
        content = record.get("content")
        text = content if isinstance(content, str) else ""
        kind = record.get("type")
        if not text.strip() and isinstance(kind, int) and kind in _TYPE_PLACEHOLDERS:
            text = _TYPE_PLACEHOLDERS[kind]
        if isinstance(kind, int) and kind in _SYSTEM_TYPES:
            sender = "系统消息"
        out.append(_json_message(path, ctx, index, str(conversation), str(sender), text,
                                 record.get("time")))
    return out


def _json_message(path: Path, ctx: ImportContext, index: int, conversation: str, sender: str,
                  text: str, raw_time: Any) -> ChatMessage:
    if problem := message_problem(index + 1, text):
        raise ImportFailed(path, problem)
    when = parse_time(raw_time, ctx.timezone)
    if when is None:
        raise ImportFailed(path, Message("ingest.bad-time", (index + 1, repr(raw_time))))
    return ChatMessage(conversation, sender.strip(), when, text)


# -- MemoTrace HTML ------------------------------------------------------------------------

# MemoTrace writes its HTML export as a page whose script holds one JavaScript object per
# message: `{ type:1, text: '…',is_send:0,…,timestamp:1709602200,…,displayname:'张伟'},`.
_JS_OBJECT_START = re.compile(r"\{\s*type\s*:\s*-?\d+\s*,")
_JS_PAIR = re.compile(r"(\w+)\s*:\s*('(?:[^'\\\n]|\\.)*'|-?\d+)")
_JS_ESCAPE = re.compile(r"\\(.)")
_JS_ESCAPES = {"n": "\n", "r": "\r", "t": "\t"}
_HTML_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
_HTML_TYPE_PLACEHOLDERS = {3: "[图片]", 34: "[语音]", 43: "[视频]", 47: "[动画表情]",
                           50: "[语音通话]"}


def html_shape(text: str) -> bool:
    """True when an HTML file is a MemoTrace (WeChatMsg) chat export."""
    head = text[:200_000]
    return "displayname" in head and "timestamp" in head and bool(
        _JS_OBJECT_START.search(head))


def from_html(path: Path, decoded: DecodedText, ctx: ImportContext) -> ImportedSource:
    import html as html_module

    text = decoded.text
    found = _HTML_TITLE.search(text[:10_000])
    conversation = html_module.unescape(found[1]).strip() if found else path.stem
    starts = [m.start() for m in _JS_OBJECT_START.finditer(text)]
    messages: list[ChatMessage] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        fields = {key: value for key, value in _JS_PAIR.findall(text[start:end])}
        if "timestamp" not in fields:
            continue
        values = {k: _js_value(v) for k, v in fields.items()}
        body = _html_message_text(values)
        sender = str(values.get("displayname") or "")
        if values.get("type") == 0:
            sender = "系统消息"  # recalls, joins: MemoTrace writes them with no name
        elif values.get("is_send") == 1:
            sender = SELF_SENDER  # the employee's own, whatever name it is shown with
        messages.append(_json_message(path, ctx, len(messages), conversation,
                                      html_module.unescape(sender), body,
                                      values["timestamp"]))
    if not messages:
        raise ImportFailed(path, Message("ingest.no-messages", ("WeChat HTML",)))
    return chat_source(path, f"{FORMAT}-memotrace", messages, encoding=decoded.encoding)


def _js_value(raw: str) -> Any:
    if raw.startswith("'"):
        return _JS_ESCAPE.sub(lambda m: _JS_ESCAPES.get(m[1], m[1]), raw[1:-1])
    return int(raw)


def _html_message_text(values: dict[str, Any]) -> str:
    import html as html_module

    kind = values.get("type")
    if isinstance(kind, int) and kind in _HTML_TYPE_PLACEHOLDERS:
        return _HTML_TYPE_PLACEHOLDERS[kind]
    text = str(values.get("text") or "")
    if kind == 49:
        sub_type = values.get("sub_type")
        if sub_type == 6:
            return f"[文件] {values.get('file_name') or ''}".strip()
        if sub_type == 5:
            return " ".join(str(values.get(k) or "") for k in ("title", "url")).strip() \
                or "[链接]"
        if values.get("refer_text"):
            text = f"{text}\n> {values['refer_text']}"
    return html_module.unescape(_BR.sub("\n", text))
