"""Three parties on one machine, each in its own WORKBENCH_HOME (as ARCHITECTURE.md §1 intends)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.core.paths import using_home
from workbench.core.trust import keys


def home(path: Path):
    return using_home(path)


@dataclass
class Party:
    home: Path
    card: keys.IdentityCard

    def __post_init__(self) -> None:
        self._entered: list[object] = []  # a stack: `with party:` may nest

    def __enter__(self) -> Party:
        context = home(self.home)
        context.__enter__()
        self._entered.append(context)
        return self

    def __exit__(self, *exc: object) -> None:
        self._entered.pop().__exit__(*exc)


def make_parties(root: Path) -> tuple[Party, Party, Party]:
    """Employee, HR and recipient, each with every other's card imported."""
    parties = []
    for role, name, email in ((keys.Role.EMPLOYEE, "李娜", "lina.li@xinghe.example.com"),
                              (keys.Role.HR, "陈静", "hr@xinghe.example.com"),
                              (keys.Role.RECIPIENT, "Payments AI team", "")):
        folder = root / role.value
        with home(folder):
            parties.append(Party(folder, keys.create_identity(role, name, email)))
    for party in parties:
        with party:
            for other in parties:
                if other is not party:
                    path = party.home / f"{other.card.fingerprint}.wbid.json"
                    path.write_bytes(keys.card_bytes(other.card))
                    keys.import_contact(path)
    employee, hr, recipient = parties
    return employee, hr, recipient
