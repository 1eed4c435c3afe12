"""WECHAT_ID: WeChat account IDs after a word that says so (微信, WeChat, vx), and wxid_ IDs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.core.pii.recognizers.base import CharacterRecognizer

# A WeChat ID is 6-20 letters, digits, "_" or "-", starting with a letter; without a context
# word that shape is any identifier, so only the word before it makes it one.
_AFTER_WORD = re.compile(
    r"(?:微信号?|威信|薇信|(?<![A-Za-z])(?i:wechat(?:[ \t]*id)?|weixin|vx|wx)(?![A-Za-z]))"
    r"[ \t]*(?:[:：]|是|为|号|id|ID)?[ \t]*(?:[:：][ \t]*)?"
    r"(?P<value>[A-Za-z][A-Za-z0-9_\-]{5,19})(?![A-Za-z0-9_\-@.])"
)
# Internal IDs of old accounts: recognisable on their own.
_WXID = re.compile(r"(?<![A-Za-z0-9_])wxid_[a-z0-9]{8,20}(?![A-Za-z0-9_])")
# Words that follow 微信 without being an ID ("微信 group", "WeChat Pay").
_NOT_IDS = frozenset({"group", "groups", "chat", "pay", "work", "official", "account",
                      "message", "messages", "moments", "channel", "mini"})


class WeChatIdRecognizer(CharacterRecognizer):
    """WeChat IDs. A value with a digit or "_"/"-" scores 0.75; a plain word 0.5 ("微信
    kevinzhou" is an ID, "WeChat today" is not: plain words are checked against a list)."""

    ENTITY = "WECHAT_ID"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        lowered = text.lower()
        if "wxid_" in lowered:
            for match in _WXID.finditer(text):
                yield match.start(), match.end(), 0.85
        if not ("微信" in text or "信" in text or "we" in lowered or "vx" in lowered
                or "wx" in lowered):
            return
        for match in _AFTER_WORD.finditer(text):
            value = match.group("value")
            if value.lower() in _NOT_IDS:
                continue
            score = 0.75 if re.search(r"[\d_\-]", value) else 0.5
            yield match.start("value"), match.end("value"), score
