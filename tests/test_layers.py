"""Rules of the layout: each core package imports only the layers below it (ARCHITECTURE.md §2)."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "workbench" / "core"

FOUNDATION = "foundation"
# A layer may import itself and every layer listed before it.
LAYERS = (FOUNDATION, "trust", "ingest", "pii", "workspace", "review", "package", "services",
          "top")
MAY_IMPORT: dict[str, set[str]] = {
    FOUNDATION: {FOUNDATION},
    "trust": {FOUNDATION, "trust"},
    "ingest": {FOUNDATION, "ingest"},
    "pii": {FOUNDATION, "ingest", "pii"},
    "workspace": {FOUNDATION, "trust", "ingest", "pii", "workspace"},
    "review": {FOUNDATION, "trust", "ingest", "pii", "workspace", "review"},
    "package": {FOUNDATION, "trust", "ingest", "pii", "workspace", "review", "package"},
    "services": {FOUNDATION, "trust", "ingest", "pii", "workspace", "review", "package",
                 "services"},
    "top": set(LAYERS),
}
TOP_MODULES = {"demo", "diagnostics"}  # they gather from every layer


def layer_of(dotted: str) -> str | None:
    parts = dotted.split(".")
    if parts[:2] != ["workbench", "core"] or len(parts) < 3:
        return None
    head = parts[2]
    if head in TOP_MODULES:
        return "top"
    if (CORE / head).is_dir():
        return head
    return FOUNDATION


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "workbench.core":
                found += [(node.lineno, f"workbench.core.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


def test_every_core_package_imports_only_the_layers_below_it():
    wrong = []
    for path in sorted(CORE.rglob("*.py")):
        module = ".".join(path.relative_to(CORE.parent.parent).with_suffix("").parts)
        here = layer_of(module.removesuffix(".__init__"))
        if here is None:
            continue
        for line, target in imports_of(path):
            there = layer_of(target)
            if there is not None and there not in MAY_IMPORT[here]:
                wrong.append(f"{path.relative_to(CORE)}:{line} ({here}) imports {target} ({there})")
    assert not wrong, "\n".join(wrong)


def test_the_core_root_holds_only_the_foundation_and_the_demo():
    root_modules = {p.stem for p in CORE.glob("*.py")} - {"__init__"}
    assert root_modules - TOP_MODULES <= {
        "atomic", "clock", "display", "errors", "logs", "messages", "paths", "progress",
    }, root_modules
    for package in LAYERS:
        if package in (FOUNDATION, "top"):
            continue
        doc = ast.get_docstring(ast.parse((CORE / package / "__init__.py").read_text()))
        assert doc and "May import" in doc, f"{package}/__init__.py must say what it may import"


FRONT_ENDS = [CORE.parent / "cli.py", CORE.parent / "__main__.py", CORE.parent / "gui",
              CORE.parent / "terminal"]
FRONT_END_MAY_IMPORT = {FOUNDATION, "services", "top"}
# Front-end files not yet moved onto the services layer (ARCHITECTURE.md §2). Empty when done.
PENDING: set[str] = set()


def front_end_files() -> list[Path]:
    files: list[Path] = []
    for entry in FRONT_ENDS:
        files += sorted(entry.rglob("*.py")) if entry.is_dir() else [entry]
    return files


def test_front_ends_call_only_the_services_layer_and_the_foundation():
    wrong = []
    for path in front_end_files():
        name = path.relative_to(CORE.parent).as_posix()
        if name in PENDING:
            continue
        for line, target in imports_of(path):
            there = layer_of(target)
            if there is not None and there not in FRONT_END_MAY_IMPORT:
                wrong.append(f"{name}:{line} imports {target} ({there}); call core/services")
    assert not wrong, "\n".join(wrong)


def test_the_pending_list_only_names_files_that_still_need_it():
    stale = []
    for name in sorted(PENDING):
        path = CORE.parent / name
        if not path.exists():
            stale.append(f"{name} no longer exists")
            continue
        if all(layer_of(t) in FRONT_END_MAY_IMPORT | {None} for _, t in imports_of(path)):
            stale.append(f"{name} already calls only services: drop it from PENDING")
    assert not stale, "\n".join(stale)
