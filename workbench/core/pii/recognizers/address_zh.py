"""ADDRESS: Chinese postal addresses (省/市/区/县/路/街/号/单元/室 …)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.core.pii.chinese import places_zh
from workbench.core.pii.recognizers.base import CharacterRecognizer

_H = r"[\u4e00-\u9fff]"
_NUM = r"[0-9０-９一二三四五六七八九十百零〇]"
_SP = r"[ \t]?"
# A building's name after the street number, but never the sentence going on: "88号附近的咖啡
# 中心" is where to meet, not the address.
_BUILDING_CHAR = rf"(?:(?!附近|对面|旁边|门口|楼下|楼上|隔壁|里面|的|和|在|去|到|见|吃){_H})"
_ADDRESS = re.compile(
    rf"(?:{_H}{{2,7}}?(?:省|自治区|特别行政区))?"
    rf"(?:{_H}{{2,7}}?(?:市|自治州|地区|盟))?"
    rf"(?:{_H}{{1,7}}?(?:区|县|旗))?"
    rf"(?:{_H}{{1,7}}?(?:镇|乡|街道))?"
    rf"(?:{_H}(?:{_H}|{_NUM}){{0,11}}?(?:大街|大道|胡同|路|街|巷|弄))"
    rf"(?:{_SP}{_NUM}+(?:-{_NUM}+)?{_SP}号(?:院)?)?"
    rf"(?:{_BUILDING_CHAR}{{2,10}}?(?:大厦|大楼|中心|广场|花园|小区|公寓|家园|苑|软件园|科技园|"
    rf"产业园|工业园|园区))?"
    # After the street number people space the rest out ("27号 3 号楼 502"); a bare room
    # number after a space needs three digits or more, so "27号 3 个人" stays a sentence.
    rf"(?:{_SP}{_NUM}+{_SP}(?:号楼|栋|幢|座|号院))?"
    rf"(?:{_SP}[A-Za-z]{_SP}座)?"
    rf"(?:{_SP}{_NUM}+{_SP}单元)?"
    rf"(?:{_SP}{_NUM}+{_SP}(?:层|楼))?"
    rf"(?:{_NUM}+(?:室|房|号房)?|[ \t]*{_NUM}+{_SP}(?:室|房|号房)|[ \t]+[0-9]{{3,5}}(?![0-9]))?"
)
_UNITS = re.compile(
    r"省|自治区|市|区|县|旗|镇|乡|街道|大街|大道|胡同|路|街|巷|弄|号|单元|室|栋|幢|座|层|楼|大厦|小区"
)
# Words that precede an address in a sentence ("我住在北京市…") but are not part of it.
_LEADING_NOISE = re.compile(r"^(?:[^\u4e00-\u9fff]|[我你他她们家住在于到往去寄送是的地址为：])+")
# The first administrative unit of an address: a listed place right before it is where the
# address starts ("明天去北京市…" starts at 北京, "公司搬到了上海市…" at 上海).
_FIRST_UNIT = re.compile(r"新区|自治区|省|市|区|县")


class ChineseAddressRecognizer(CharacterRecognizer):
    """An address needs a street-level part plus at least two more parts (a city, district,
    building number or room), so "中山路" alone or "高速路" in chat is not an address."""

    CONTEXT = ["地址", "住址", "住在", "寄到", "收货", "家在", "address"]

    ENTITY = "ADDRESS"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        for match in _ADDRESS.finditer(text):
            value = match.group()
            if not value:
                continue
            noise = _LEADING_NOISE.match(value)
            start = match.start() + (noise.end() if noise else 0)
            start = _place_start(text, start, match.end())
            value = text[start:match.end()]
            parts = len(_UNITS.findall(value))
            if parts < 3:
                continue
            score = 0.75 if parts >= 4 else 0.55
            yield start, match.end(), score


def _place_start(text: str, start: int, end: int) -> int:
    """Where the address really starts: at a listed place that ends at its first unit."""
    unit = _FIRST_UNIT.search(text, start, end)
    if unit is None:
        return start
    places = places_zh()
    for at in range(start, unit.start() - 1):
        if text[at:unit.start()] in places:
            return at
    return start
