"""What the service tests share: the clock, the fixtures folder, terms, a consented workspace."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.core.parties import Party
from workbench.core.review import decisions
from workbench.core.services import consenting
from workbench.core.workspace import Workspace

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
FIXTURES = Path(__file__).parents[2] / "fixtures"


def terms(hr: Party, recipient: Party) -> consenting.ConsentTerms:
    return consenting.terms_from_mapping(
        {"purposes": [{"dpv": "dpv:ServiceProvision", "text": "release knowledge"}],
         "controller": {"name": "Xinghe Tech", "contact": "privacy@xinghe.example.com"}},
        countersigner=hr.card.fingerprint, recipients=[recipient.card.fingerprint],
        delete_by="2027-03-31")


def reviewed_and_consented(root: Path, parties: tuple[Party, Party, Party]) -> None:
    employee, hr, recipient = parties
    with Workspace.open(root) as ws:
        decisions.auto_review(ws)
    consenting.decide(root, terms(hr, recipient), "given", employee.card, NOW)
