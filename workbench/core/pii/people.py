"""Known people as values (no Presidio here): who the workspace knows, and pinyin forms."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.pii.chinese import COMPOUND_SURNAMES


@dataclass(frozen=True)
class KnownPerson:
    """Someone the workspace knows, with every identifier it has for them."""

    key: str
    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    bank_cards: tuple[str, ...] = ()
    is_self: bool = False


def pinyin_forms(name: str) -> list[str]:
    """张伟 → ["Zhang Wei", "Wei Zhang"]; 欧阳娜娜 → ["Ouyang Nana", "Nana Ouyang"]."""
    from pypinyin import Style, lazy_pinyin

    surname_length = 2 if name[:2] in COMPOUND_SURNAMES else 1
    syllables = lazy_pinyin(name, style=Style.NORMAL)
    if len(syllables) != len(name) or not all(s.isalpha() and s.isascii() for s in syllables):
        return []
    surname = "".join(syllables[:surname_length]).capitalize()
    given = "".join(syllables[surname_length:]).capitalize()
    if not given:
        return []
    return [f"{surname} {given}", f"{given} {surname}"]
