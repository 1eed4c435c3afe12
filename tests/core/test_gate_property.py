"""No sequence of review calls yields an approved artifact the gate would refuse (issue 15).

A hypothesis state machine imports, scans, decides, redacts, approves, excludes and undoes in
any order. After every step each approved artifact must hold a valid approval and pass the
gate, except for a scan made stale by newly imported people (which only a scan fixes, and the
export refuses until then); after a scan, nothing at all may be wrong."""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from workbench.core.errors import WorkbenchError
from workbench.core.pii.findings import Finding
from workbench.core.pii.profile import SelfProfile
from workbench.core.review import decisions as review
from workbench.core.review import gate, scan
from workbench.core.workspace import Workspace

PATTERNS = (("SECRET", re.compile(r"AKIA[0-9A-Z]{8}")),
            ("PHONE_NUMBER", re.compile(r"1[3-9][0-9]{9}")),
            ("EMAIL_ADDRESS", re.compile(r"[a-z]+@example\.com")))


class RegexDetector:
    """A fast stand-in with the detector's interface: the gate does not care who found what."""

    def analyze_many(self, texts, lang="auto", progress=None, cancel=None, processes=1):
        return [[Finding(entity, m.start(), m.end(), 0.9, m.group(), "RegexDetector")
                 for entity, pattern in PATTERNS for m in pattern.finditer(text)]
                for text in texts]


LINES = st.lists(st.sampled_from([
    "deploy key AKIA12345678 rotated", "call me on 13812345678", "mail bob@example.com",
    "nothing personal here", "the runbook is in the wiki", "ping 13998765432 or AKIAZZZZ9999",
]), min_size=1, max_size=4)


class ReviewMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="gate-property-"))
        self.ws = Workspace.create(self.root / "ws", SelfProfile(name="李娜"), "Asia/Shanghai")
        self.files = 0
        self.scanned_since_import = True

    def teardown(self) -> None:
        self.ws.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def _ids(self) -> list[str]:
        return [a for a, _state in self.ws.artifact_states()]

    @rule(lines=LINES)
    def import_file(self, lines: list[str]) -> None:
        self.files += 1
        path = self.root / f"note-{self.files}.txt"
        path.write_text("\n".join([f"note {self.files}", *lines]), encoding="utf-8")
        self.ws.import_paths([path])
        self.scanned_since_import = False

    @rule()
    def scan(self) -> None:
        scan.scan_workspace(self.ws, make_detector=lambda _people: RegexDetector())
        self.scanned_since_import = True

    @rule(pick=st.integers(0, 50), by_hand=st.booleans())
    def approve(self, pick: int, by_hand: bool) -> None:
        ids = self._ids()
        if ids:
            with contextlib.suppress(WorkbenchError):
                review.approve(self.ws, ids[pick % len(ids)], by_hand=by_hand)

    @rule(pick=st.integers(0, 200),
          decision=st.sampled_from(list(review.Decision)[:3]), everywhere=st.booleans())
    def decide(self, pick: int, decision: review.Decision, everywhere: bool) -> None:
        findings = self.ws.findings()
        if findings:
            with contextlib.suppress(WorkbenchError):
                review.decide(self.ws, findings[pick % len(findings)].id, decision, everywhere)

    @rule()
    def default_policy(self) -> None:
        review.apply_default_policy(self.ws)

    @rule(pick=st.integers(0, 50), start=st.integers(0, 30), length=st.integers(1, 10))
    def redact_span(self, pick: int, start: int, length: int) -> None:
        ids = self._ids()
        if ids:
            with contextlib.suppress(WorkbenchError):
                review.redact_span(self.ws, ids[pick % len(ids)], start, start + length)

    @rule(pick=st.integers(0, 50))
    def exclude(self, pick: int) -> None:
        ids = self._ids()
        if ids:
            review.exclude(self.ws, ids[pick % len(ids)])

    @rule()
    def undo(self) -> None:
        review.undo(self.ws)

    @rule()
    def auto_review(self) -> None:
        review.auto_review(self.ws, scan=False)

    @invariant()
    def approved_means_the_gate_agrees(self) -> None:
        allowed = set() if self.scanned_since_import else {gate.Rule.STALE_SCAN}
        context = gate.GateContext.of(self.ws)
        for artifact_id, state in self.ws.artifact_states():
            if state.value != "approved":
                continue
            blockers = gate.approval_blockers(self.ws, artifact_id, by_hand=True,
                                              context=context)
            assert {b.rule for b in blockers} <= allowed, blockers
            assert gate.approval_holds(self.ws, artifact_id, self.ws.findings(artifact_id))


ReviewMachine.TestCase.settings = settings(
    max_examples=25, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
test_no_sequence_approves_what_the_gate_refuses = ReviewMachine.TestCase
