"""The demo: every step of the flow that exists, run on the sample material in resources/."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from workbench.core.paths import cache_dir, resources_dir
from workbench.core.profile import SelfProfile
from workbench.core.workspace import Workspace

Report = Callable[[str], None]

DEMO_TIMEZONE = "Asia/Shanghai"


def demo_material() -> Path:
    return resources_dir() / "demo"


def default_demo_dir() -> Path:
    return cache_dir() / "demo-workspace"


def build_demo_workspace(target: Path, report: Report) -> Path:
    """Create a fresh workspace at `target` and import every demo sample into it."""
    material = demo_material()
    if target.exists():
        if not (target / "workspace.sqlite").exists() and any(target.iterdir()):
            raise FileExistsError(f"{target} exists and is not a demo workspace; not touching it")
        shutil.rmtree(target)
    profile = SelfProfile.from_file(material / "self.json")
    report(f"1. Create workspace for {profile.name} at {target} (time zone {DEMO_TIMEZONE})")
    with Workspace.create(target, profile, DEMO_TIMEZONE) as ws:
        inputs = sorted(p for p in material.iterdir()
                        if p.is_dir() or p.suffix not in {".json", ".md"})
        report(f"2. Import {len(inputs)} sources: {', '.join(p.name for p in inputs)}")
        summary = ws.import_paths(inputs)
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(summary.added_by_kind.items()))
        report(f"   imported {summary.added} artifacts ({kinds}); "
               f"{summary.people_added} people seen")
        status = ws.status()
        report(f"3. Status: {status.artifacts} artifacts, {status.by_state['pending']} pending "
               f"review, {status.people} people")
    return target


def scan_demo_workspace(target: Path, report: Report) -> None:
    from workbench.core.scan import scan_workspace

    with Workspace.open(target) as ws:
        report("4. Scan for personal data (English + Chinese detectors, offline)")
        summary = scan_workspace(ws)
        parties = Counter(f.party for f in ws.findings())
        by_entity = ", ".join(f"{n} {e}" for e, n in ws.findings_by_entity().items())
        report(f"   {summary.findings} findings in {summary.scanned} artifacts: {by_entity}")
        report(f"   about the employee: {parties['self']}, about others: "
               f"{parties['third_party']}, other: {parties['none']}; "
               f"{len(ws.pseudonym_ordinals())} colleagues get consistent aliases")


def run_demo(target: Path, report: Report) -> Path:
    """The whole headless flow; each step prints what it did."""
    build_demo_workspace(target, report)
    scan_demo_workspace(target, report)
    report(f"Done. The demo workspace is at {target}")
    return target
