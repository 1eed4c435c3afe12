"""Whose data a finding is: the employee's own (self), someone else's, or nobody's."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.core.pii.findings import Finding
from workbench.core.pii.people import KnownPerson, pinyin_forms

SELF_KEY = "self"
# Entities that are about a person; a match that is not the employee's is a third party's.
PERSONAL_ENTITIES = frozenset({
    "PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CN_RESIDENT_ID", "CN_PASSPORT", "BANK_CARD",
    "CREDIT_CARD", "IBAN_CODE", "ADDRESS",
})
# Entities whose value identifies someone well enough to pseudonymise consistently.
PSEUDONYMISED = frozenset({"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"})


def normalise(entity: str, value: str) -> str:
    if entity in {"PHONE_NUMBER", "CN_RESIDENT_ID", "BANK_CARD", "CREDIT_CARD", "IBAN_CODE"}:
        digits = re.sub(r"[^0-9A-Za-z]", "", value).upper()
        # "+86 139…" and "139…" are the same phone.
        return digits[-11:] if entity == "PHONE_NUMBER" else digits
    return re.sub(r"\s+", "", value).casefold()


@dataclass(frozen=True)
class Party:
    party: str  # "self" | "third_party" | "none"
    person_key: str | None


class PartyTagger:
    """Tags findings from the self profile and the people table."""

    def __init__(self, self_person: KnownPerson | None) -> None:
        self._self_values: set[tuple[str, str]] = set()
        if self_person:
            for name in self_person.names:
                for form in (name, *pinyin_forms(name)):
                    self._self_values.add(("PERSON", normalise("PERSON", form)))
            groups = (("EMAIL_ADDRESS", self_person.emails), ("PHONE_NUMBER", self_person.phones),
                      ("CN_RESIDENT_ID", self_person.ids), ("BANK_CARD", self_person.bank_cards),
                      ("CREDIT_CARD", self_person.bank_cards))
            for entity, values in groups:
                self._self_values.update((entity, normalise(entity, v)) for v in values)

    def tag(self, finding: Finding) -> Party:
        if finding.person:
            return Party("self" if finding.is_self else "third_party", finding.person)
        if finding.entity not in PERSONAL_ENTITIES:
            return Party("none", None)
        value = normalise(finding.entity, finding.text)
        if (finding.entity, value) in self._self_values:
            return Party("self", SELF_KEY)
        key = f"{finding.entity.lower()}:{value}" if finding.entity in PSEUDONYMISED else None
        return Party("third_party", key)
