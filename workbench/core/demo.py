"""The demo: every step of the flow that exists, run on the sample material in resources/.

It plays all three parties on one machine, each in its own home (like GNUPGHOME), with keys
in passphrase-protected files (demo passphrase below) so no demo key lands in the OS keyring.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from workbench.core import clock
from workbench.core.errors import BadInputError, WorkspaceInUse, coded
from workbench.core.messages import Joined, label, label_message, t
from workbench.core.package import consent
from workbench.core.paths import cache_dir, resources_dir, using_home
from workbench.core.pii.profile import SelfProfile
from workbench.core.services import countersigning, receiving
from workbench.core.services import deadlines as deadline_service
from workbench.core.trust import keys
from workbench.core.workspace import Workspace
from workbench.core.workspace import lock as workspace_lock

Report = Callable[[str], None]

DEMO_TIMEZONE = "Asia/Shanghai"
# Strong enough for the key store's passphrase rule, which the demo follows like everyone.
DEMO_PASSPHRASE = "demo: three parties, one laptop"
PARTIES = (("employee", "李娜", "lina.li@xinghe.example.com"),
           ("hr", "陈静", "hr@xinghe.example.com"),
           ("recipient", "Payments AI team", "ai-team@xinghe.example.com"))


@dataclass(frozen=True)
class DemoLayout:
    root: Path

    @property
    def workspace(self) -> Path:
        return self.root / "workspace"

    def home(self, role: str) -> Path:
        return self.root / "homes" / role


def demo_material() -> Path:
    return resources_dir() / "demo"


def default_demo_dir() -> Path:
    """A fresh folder for each run, so two demos at once (two `make run`s) never share or
    delete each other's workspace. Earlier runs that no window or process still uses go."""
    base = cache_dir() / "demos"
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    for old in sorted(base.iterdir()):
        if old.is_dir():
            with contextlib.suppress(WorkspaceInUse, OSError):
                _remove_unused(DemoLayout(old))
    stamp = clock.file_stamp()
    return base / f"run-{stamp}-{os.getpid()}-{secrets.token_hex(3)}"


def _remove_unused(layout: DemoLayout) -> None:
    """Delete a demo folder unless its workspace is open somewhere (then WorkspaceInUse)."""
    if (layout.workspace / "workspace.sqlite").exists():
        _check_unused(layout)
        shutil.rmtree(layout.root)
    elif clock.now_utc().timestamp() - layout.root.stat().st_mtime > 3600:
        shutil.rmtree(layout.root)  # a run that stopped before its workspace existed


def as_party(layout: DemoLayout, role: str) -> AbstractContextManager[Path]:
    return using_home(layout.home(role), WORKBENCH_KEYRING="file",
                      WORKBENCH_PASSPHRASE=DEMO_PASSPHRASE)


def _check_unused(layout: DemoLayout) -> None:
    """WorkspaceInUse while another window or process has the demo's workspace open. (The
    lock is let go before deleting: Windows cannot delete a file that is locked.)"""
    with workspace_lock.holding(layout.workspace):
        pass


def reset(root: Path) -> DemoLayout:
    layout = DemoLayout(root)
    if root.exists():
        if not (layout.workspace / "workspace.sqlite").exists() and any(root.iterdir()):
            raise coded(BadInputError, "demo.not-a-demo-folder", root)
        if (layout.workspace / "workspace.sqlite").exists():
            _check_unused(layout)
        shutil.rmtree(root)
    root.mkdir(parents=True, mode=0o700)
    return layout


def create_parties(layout: DemoLayout, report: Report) -> dict[str, keys.IdentityCard]:
    report(t("demo.identities", passphrase=DEMO_PASSPHRASE))
    cards = {}
    for role, name, email in PARTIES:
        with as_party(layout, role):
            cards[role] = keys.create_identity(keys.Role(role), name, email)
        report(t("demo.identity", role=label("role", role), card=cards[role].label(),
                 fingerprint=cards[role].short))
    for role in cards:
        with as_party(layout, role):
            for other, card in cards.items():
                if other != role:
                    path = layout.home(role) / f"{card.fingerprint}.wbid.json"
                    path.write_bytes(keys.card_bytes(card))
                    # In real life the owner reads it out by phone; here each party knows it.
                    keys.import_contact(path, fingerprint=card.short)
    report(t("demo.cards-exchanged"))
    return cards


def build_demo_workspace(layout: DemoLayout, report: Report) -> Path:
    """Create the workspace and import every demo sample into it (as the employee)."""
    material = demo_material()
    profile = SelfProfile.from_file(material / "self.json")
    report(t("demo.workspace", name=profile.name, path=layout.workspace,
             timezone=DEMO_TIMEZONE))
    with as_party(layout, "employee"), Workspace.create(layout.workspace, profile,
                                                        DEMO_TIMEZONE) as ws:
        inputs = sorted(p for p in material.iterdir()
                        if p.is_dir() or p.suffix not in {".json", ".md"})
        report(t("demo.import", count=len(inputs), names=", ".join(p.name for p in inputs)))
        summary = ws.import_paths(inputs)
        kinds = t("list.items").join(t("count.of", label=label("kind", k), count=n)
                                     for k, n in sorted(summary.added_by_kind.items()))
        report(t("demo.imported", count=summary.added, kinds=kinds,
                 people=summary.people_added))
    return layout.workspace


def scan_demo_workspace(layout: DemoLayout, report: Report) -> None:
    from workbench.core.review.scan import scan_workspace

    with as_party(layout, "employee"), Workspace.open(layout.workspace) as ws:
        report(t("demo.scan"))
        summary = scan_workspace(ws)
        parties = Counter(f.party for f in ws.findings())
        by_entity = t("list.items").join(
            t("count.of", label=label("entity", e), count=n)
            for e, n in ws.findings_by_entity().items())
        report(t("demo.scanned", findings=summary.findings, scanned=summary.scanned,
                 by_entity=by_entity))
        report(t("demo.parties", own=parties["self"], others=parties["third_party"],
                 none=parties["none"], aliases=len(ws.pseudonym_ordinals())))


def review_and_build(layout: DemoLayout, report: Report) -> Path:
    from workbench.core.package.skill import build_skill
    from workbench.core.review import decisions as review

    with as_party(layout, "employee"), Workspace.open(layout.workspace) as ws:
        summary = review.auto_review(ws)
        report(t("demo.reviewed", decided=summary.decided, approved=summary.approved,
                 left=summary.left))
        for item in review.unresolved(ws):
            boxes = [f for f in ws.findings(item.artifact_id) if f.box]
            review.approve(ws, item.artifact_id)
            report(t("demo.looked-at", title=item.title, boxes=len(boxes)))
        folder = build_skill(ws, layout.root / "skill")
        files = sum(1 for p in folder.rglob("*") if p.is_file())
        report(t("demo.built", folder=folder, files=files))
    return folder


def request_overrides(recipient: str, delete_by: str) -> dict[str, object]:
    """What HR's demo request sets on top of resources/demo/consent_terms.json."""
    return {"recipients": [recipient], "delete_by": delete_by,
            "separate_consent": {"health": True, "financial": True},
            # Both languages, as the demo's purposes are; no fee is the notice's own word for
            # none, in the notice's language.
            "licence": {"terms": "仅限内部使用，不得对第三方冒充本人 / internal use only; no "
                                 "impersonation towards third parties",
                        "fee": "", "until": delete_by}}


def sign_hr_request(layout: DemoLayout, cards: dict[str, keys.IdentityCard], now: datetime,
                    report: Report) -> Path:
    """HR signs the demo's consent request, the one way the CLI's `consent request` signs
    one; HR keeps a copy that its countersign compares the package with."""
    delete_by = (now + timedelta(days=180)).date().isoformat()
    request_path = layout.root / "consent-request.json"
    with as_party(layout, "hr"):
        countersigning.request_consent(
            consent.terms_from_file(demo_material() / "consent_terms.json"), request_path, now,
            employee=cards["employee"].fingerprint,
            overrides=request_overrides(cards["recipient"].fingerprint, delete_by))
    report(t("demo.requested", hr=cards["hr"].name, delete_by=delete_by,
             recipient=cards["recipient"].name, file=request_path.name))
    return request_path


def request_and_give_consent(layout: DemoLayout, cards: dict[str, keys.IdentityCard],
                             report: Report) -> None:
    now = clock.now_utc()
    request_path = sign_hr_request(layout, cards, now, report)
    with as_party(layout, "employee"), Workspace.open(layout.workspace) as ws:
        request = consent.read_request(request_path)
        # The employee narrows the request: financial data stays out.
        chosen = consent.terms_from_mapping(consent.terms_json(request.terms),
                                            separate_consent={"health": True})
        record, notice = consent.record_decision(ws, chosen, "given", cards["employee"], now,
                                                 request)
        # What was found, not what the record declares (only what is consented to).
        sensitive = [name for name, _count in consent.workspace_facts(ws).sensitive]
        report(t("demo.consented", employee=cards["employee"].name, characters=len(notice),
                 digest=record["notice"]["sha256"][:12], sensitive=Joined(
                     tuple(label_message("sensitive", c) for c in sensitive), "items")))
        report(t("demo.record-signed", record=record["record_id"], ledger=ws.ledger_path.name,
                 entries=ws.ledger_path.read_text(encoding="utf-8").count("\n")))
    from workbench.core.trust import ledger

    with as_party(layout, "recipient"):
        check = ledger.verify((layout.workspace / "ledger.jsonl").read_text(),
                              keys.public_keys())
    report(t("demo.ledger-verified", entries=check.entries) if check.ok else
           t("demo.ledger-failed", reason=check.reason, entries=check.entries))


def package_flow(layout: DemoLayout, cards: dict[str, keys.IdentityCard],
                 report: Report) -> None:
    from workbench.core.package import bundle
    from workbench.core.package.deadlines import status_message

    now = clock.now_utc()
    package = layout.root / "handover.cwpkg"
    with as_party(layout, "employee"), Workspace.open(layout.workspace) as ws:
        result = bundle.export(ws, package, cards["employee"], now)
    report(t("demo.exported", file=package.name, files=result.files,
             package=result.package[:19]))
    with as_party(layout, "hr"):
        countersigning.countersign(package, now)
    report(t("demo.countersigned", hr=cards["hr"].name))
    with as_party(layout, "recipient"):
        checked = receiving.verify_package(package, now)
        report(t("demo.package-valid" if checked.openable else "demo.package-refused",
                 checks=Joined(tuple(c.title_message() for c in checked.checks), "items")))
        opened = receiving.open_package(package, layout.root / "received", now)
        report(t("demo.opened", folder=opened.folder, delete_by=opened.delete_by))
        skill_checks = receiving.verify_skill(opened.folder, now)
        passed = all(c.ok for c in skill_checks)
        report(t("demo.skill-verified" if passed else "demo.skill-failed"))
    revocation = layout.root / "withdrawal.revocation"
    with as_party(layout, "employee"):
        deadline_service.withdraw(package, revocation, now)
    report(t("demo.withdrawn", employee=cards["employee"].name, file=revocation.name))
    with as_party(layout, "recipient"):
        receiving.import_revocation(revocation)
        (purged,) = receiving.purge_due(now, layout.root)
        deleted = Joined(tuple(label_message("purge", r["item"].replace(" ", "-"))
                               for r in purged.removed if r["state"] == "deleted"), "items")
        report(t("demo.purged", deleted=deleted, receipt=purged.receipt.name))
    with as_party(layout, "employee"):
        receiving.import_receipt(purged.receipt)
        (row,) = deadline_service.deadlines(now)
    report(t("demo.receipt", employee=cards["employee"].name, counterpart=row.counterpart,
             delete_by=row.delete_by, status=status_message(row.status)))


def prepare_review_demo(root: Path, report: Report) -> DemoLayout:
    """For the desktop app: the three parties, and a workspace imported and scanned, ready
    for the employee to review by hand."""
    layout = reset(root)
    create_parties(layout, report)
    build_demo_workspace(layout, report)
    scan_demo_workspace(layout, report)
    return layout


def run_demo(root: Path, report: Report) -> Path:
    """The whole headless flow; each step prints what it did."""
    layout = reset(root)
    cards = create_parties(layout, report)
    build_demo_workspace(layout, report)
    scan_demo_workspace(layout, report)
    request_and_give_consent(layout, cards, report)
    review_and_build(layout, report)
    package_flow(layout, cards, report)
    report(t("demo.done", root=root, workspace=layout.workspace))
    return layout.workspace


def act_as(layout: DemoLayout, role: str) -> None:
    """Be this party of the demo for the rest of the process (the app opening the demo as
    its employee), with the same key store as `as_party`."""
    os.environ.update(WORKBENCH_HOME=str(layout.home(role)), WORKBENCH_KEYRING="file",
                      WORKBENCH_PASSPHRASE=DEMO_PASSPHRASE)
