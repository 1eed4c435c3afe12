"""The log holds no personal data: after the whole demo, run with --verbose, no value of the
sample material (names, phones, emails, IDs, secrets, titles, file names, passphrase) appears
in it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import demo_log_file

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DIGITS = re.compile(r"\+?\d[\d -]{6,}\d")


def _checkable(value: str) -> bool:
    """Long enough that finding it in the log means it was written there, not that hex ids,
    times or counts happen to contain it: two hanzi are a name, ASCII needs four characters
    (seven for a number, which timestamps and durations otherwise contain)."""
    if len(value) < 2:
        return False
    if value.isascii():
        return len(value) >= 4 and (not value.isdigit() or len(value) >= 7)
    return True


def sample_values(root: Path) -> set[str]:
    from workbench.core import demo
    from workbench.core.workspace import Workspace

    material = demo.demo_material()
    values = {name for _role, name, email in demo.PARTIES for name in (name, email)}
    values.add(demo.DEMO_PASSPHRASE)
    profile = json.loads((material / "self.json").read_text(encoding="utf-8"))
    values |= {profile["name"], *(v for key, items in profile.items() if key != "name"
                                 for v in items)}
    terms = json.loads((material / "consent_terms.json").read_text(encoding="utf-8"))
    values |= {terms["controller"]["name"], terms["controller"]["contact"],
               *(p["text"] for p in terms["purposes"])}
    for path in material.rglob("*"):
        if path.is_file():  # its name, as the user sees it (folders are named by format)
            values.add(path.name)
        if path.is_file() and path.suffix in {".txt", ".json", ".md", ".mbox", ".eml"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            values |= set(_EMAIL.findall(text)) | set(_DIGITS.findall(text))
    layout = demo.DemoLayout(root)
    with demo.as_party(layout, "employee"), Workspace.open(layout.workspace) as ws:
        values |= {f.value for f in ws.findings()}
        values |= {a.title for a in ws.artifacts()}
        # The files imported (a folder import's source is the folder, named by its format).
        values |= {Path(a.source_path).name for a in ws.artifacts()
                   if Path(a.source_path).suffix}
        values |= {v for p in ws.people() for v in (p.name, p.email) if v}
    return {v.strip() for v in values if _checkable(v.strip())}


def test_the_demo_log_holds_no_sample_value(headless_demo):
    code, root, _out = headless_demo
    assert code == 0
    log = demo_log_file(root).read_text(encoding="utf-8")
    # The run was logged, at the boundaries, with debug lines (--verbose).
    for event in ("cli.start", "keys.created", "import.done", "scan.done", "scan.batch",
                  "consent.recorded", "review.auto", "export.done", "countersign.done",
                  "open.done", "withdraw.done", "revocation.imported", "purge.done",
                  "receipt.imported", "cli.end command=demo exit=0"):
        assert event in log, event
    values = sample_values(root)
    assert len(values) > 100  # the check covers the material, not a handful of names
    assert {"李娜", "13912345678", "lina.li@xinghe.example.com"} <= values
    folded = log.casefold()
    leaked = sorted(v for v in values if v.casefold() in folded)
    assert leaked == [], leaked


def test_the_log_file_is_the_owners_alone(headless_demo):
    _code, root, _out = headless_demo
    path = demo_log_file(root)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
