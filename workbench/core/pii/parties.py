"""Whose data a finding is: the employee's own (self), someone else's, or nobody's."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.core.pii.findings import Finding
from workbench.core.pii.linking import NameLinker
from workbench.core.pii.people import KnownPerson, pinyin_forms
from workbench.core.pii.recognizers.email_obfuscated import plain_email

SELF_KEY = "self"
# Who found a nickname of a name seen in the material, and how sure that is.
NICKNAME_RECOGNIZER = "NicknameRecognizer"
NICKNAME_SCORE = 0.65
# Entities that are about a person; a match that is not the employee's is a third party's.
PERSONAL_ENTITIES = frozenset({
    "PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CN_RESIDENT_ID", "CN_PASSPORT", "BANK_CARD",
    "CREDIT_CARD", "IBAN_CODE", "ADDRESS", "WECHAT_ID", "EMPLOYEE_ID", "US_SSN", "CN_CAR_PLATE",
    "DATE_OF_BIRTH",
})
# Entities whose value identifies someone well enough to pseudonymise consistently.
PSEUDONYMISED = frozenset({"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "WECHAT_ID"})
# Entities whose value may be a variant of a person's name (陈总, Kevin, zhaomin_1990).
LINKED = frozenset({"PERSON", "WECHAT_ID"})


def normalise(entity: str, value: str) -> str:
    if entity in {"PHONE_NUMBER", "CN_RESIDENT_ID", "BANK_CARD", "CREDIT_CARD", "IBAN_CODE",
                  "US_SSN"}:
        digits = re.sub(r"[^0-9A-Za-z]", "", value).upper()
        # "+86 139…" and "139…" are the same phone.
        return digits[-11:] if entity == "PHONE_NUMBER" else digits
    if entity == "EMAIL_ADDRESS":
        value = plain_email(value)  # "kevin[at]example[dot]com" is kevin@example.com
    return re.sub(r"\s+", "", value).casefold()


@dataclass(frozen=True)
class Party:
    party: str  # "self" | "third_party" | "none"
    person_key: str | None


class PartyTagger:
    """Tags findings from the self profile and the people table, linking name variants to
    one person before anyone gets an alias."""

    def __init__(self, self_person: KnownPerson | None,
                 others: Sequence[KnownPerson] = ()) -> None:
        self.linker = NameLinker([*([self_person] if self_person else []), *others])
        self._nicknames: tuple[int, re.Pattern[str] | None] | None = None
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

    def learn(self, names: Iterable[str]) -> None:
        """Full names seen in the text being scanned, so their variants link to them."""
        self.linker.learn(names)

    def nicknames_in(self, text: str, findings: Sequence[Finding]) -> list[Finding]:
        """Nicknames of names seen in the material (娜娜 where 李娜 was seen) that no finding
        of `text` covers, each to be linked to its name. 王娜娜 around one is someone else's
        name, found as such."""
        from workbench.core.pii.longer_names import RECOGNIZER, SCORE, surname_before

        pattern = self._nickname_pattern()
        if pattern is None:
            return []
        found: list[Finding] = []
        for match in pattern.finditer(text):
            start, end = match.span()
            before = surname_before(text, start, end - start)
            if before is not None:
                start, detector, score = before, RECOGNIZER, SCORE
            else:
                detector, score = NICKNAME_RECOGNIZER, NICKNAME_SCORE
            if any(f.start < end and start < f.end for f in (*findings, *found)):
                continue
            found.append(Finding("PERSON", start, end, score, text[start:end], detector))
        return found

    def _nickname_pattern(self) -> re.Pattern[str] | None:
        from workbench.core.pii.recognizers.known_people import nickname_regex, nicknames

        learned = self.linker.learned_hanzi
        if self._nicknames is not None and self._nicknames[0] == len(learned):
            return self._nicknames[1]
        # A nickname two names seen share (娜娜 of 李娜 and of 王娜娜) is found all the same,
        # as a person of its own; one the employee may go by is left to the detector.
        sources = sorted({nickname_regex(nickname) for name in learned
                          for nickname in nicknames(name)
                          if SELF_KEY not in self.linker.owners(nickname)},
                         key=lambda s: (-len(s), s))
        pattern = re.compile("|".join(sources)) if sources else None
        self._nicknames = (len(learned), pattern)
        return pattern

    def tag(self, finding: Finding) -> Party:
        if finding.person:
            return Party("self" if finding.is_self else "third_party", finding.person)
        if finding.entity not in PERSONAL_ENTITIES:
            return Party("none", None)
        value = normalise(finding.entity, finding.text)
        if (finding.entity, value) in self._self_values:
            return Party("self", SELF_KEY)
        if finding.entity in LINKED:
            linked = self.linker.key_for(finding.text)
            if linked is not None:
                return Party("self" if linked == SELF_KEY else "third_party", linked)
        key = f"{finding.entity.lower()}:{value}" if finding.entity in PSEUDONYMISED else None
        return Party("third_party", key)
