"""The employee's own identifiers ("self"), so findings about them are told from colleagues'."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from workbench.core.errors import BadInputError, coded


@dataclass(frozen=True)
class SelfProfile:
    name: str
    aliases: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    bank_cards: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("extra")
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}

    @classmethod
    def from_json(cls, data: object) -> SelfProfile:
        # `data` comes from a file the user chose: its shape is checked, not assumed.
        if not isinstance(data, dict) or not str(data.get("name") or "").strip():
            raise coded(BadInputError, "profile.needs-name")
        lists = ("aliases", "emails", "phones", "ids", "bank_cards")
        for key in lists:
            if not isinstance(data.get(key, []), list):
                raise coded(BadInputError, "profile.not-a-list", key)
        def strings(key: str) -> tuple[str, ...]:
            return tuple(str(v).strip() for v in data.get(key, []) if str(v).strip())

        return cls(name=str(data["name"]).strip(), aliases=strings("aliases"),
                   emails=strings("emails"), phones=strings("phones"), ids=strings("ids"),
                   bank_cards=strings("bank_cards"))

    @classmethod
    def from_file(cls, path: Path) -> SelfProfile:
        try:
            return cls.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise coded(BadInputError, "profile.unreadable", path, exc) from exc
