"""EMPLOYEE_ID: staff numbers after a word that says so (工号, 员工编号, employee ID, staff no.)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.core.pii.recognizers.base import CharacterRecognizer

# A staff number has no shape of its own (E10234, 007321, HR-2024-118): only the word before it
# makes it one, and the value must hold a digit ("工号 待定" is not a number).
_AFTER_WORD = re.compile(
    r"(?:工号|员工号|员工编号|职工号|职工编号|人员编号|"
    r"(?<![A-Za-z])(?i:employee|staff|emp)[ \t]*(?i:id|no\.?|number|#)(?![A-Za-z]))"
    r"[ \t]*(?:[:：#]|是|为|為)?[ \t]*"
    r"(?P<value>[A-Za-z]{0,4}[-_]?\d[A-Za-z0-9\-_]{2,15})(?![A-Za-z0-9\-_])"
)
_CUES = ("工号", "员工", "职工", "人员编号", "employee", "staff", "emp")


class EmployeeIdRecognizer(CharacterRecognizer):
    """Staff numbers, only right after a word that names one; score 0.8."""

    ENTITY = "EMPLOYEE_ID"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        lowered = text.lower()
        if not any(cue in lowered for cue in _CUES):
            return
        for match in _AFTER_WORD.finditer(text):
            if not any(c.isdigit() for c in match.group("value")):
                continue
            yield match.start("value"), match.end("value"), 0.8
