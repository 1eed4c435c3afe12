"""CN_CAR_PLATE: mainland Chinese licence plates, ordinary (京A12345) and new-energy
(粤B·D12345, 粤B12345D)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.core.pii.recognizers.base import CharacterRecognizer

# The one-character province (or municipality) abbreviations that start a plate.
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
# Plate letters: the Latin alphabet without I and O, which read as 1 and 0.
_L = "[A-HJ-NP-Z]"
_C = "[A-HJ-NP-Z0-9]"
_PLATE = re.compile(
    rf"(?<![A-Za-z0-9\-_])[{PROVINCES}]{_L}[ ·•・.\-]?"
    # new energy: D/F then 5 (small cars), or 5 digits then D/F (large vehicles)
    rf"(?:[DF]{_C}\d{{4}}|\d{{5}}[DF]|"
    # ordinary: five letters or digits, ending in a digit or 学/警/挂
    rf"{_C}{{4}}[0-9]|{_C}{{4}}[学警挂])"
    r"(?![A-Za-z0-9\-_])"
)
_CONTEXT = re.compile(r"车牌|牌照|车号|号牌|挪车|停车|车主|车辆|(?i:plate|licen[cs]e)")


class CnCarPlateRecognizer(CharacterRecognizer):
    """A province character, a city letter, then five (ordinary) or six (new-energy) letters
    and digits, with at least three digits. Score 0.6 alone, 0.85 near 车牌/plate words."""

    ENTITY = "CN_CAR_PLATE"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        for match in _PLATE.finditer(text):
            value = match.group()
            if sum(c.isdigit() for c in value) < 3:
                continue
            score = 0.85 if _CONTEXT.search(text, max(0, match.start() - 12),
                                            match.end() + 12) else 0.6
            yield match.start(), match.end(), score
