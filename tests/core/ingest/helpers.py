"""Running one importer the way the workspace does, for the importer tests."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from workbench.core.ingest import ImportContext, ImportedSource, extract_all, plan_import

SHANGHAI = ImportContext(ZoneInfo("Asia/Shanghai"))


def extract(*paths: Path) -> list[ImportedSource]:
    return extract_all(plan_import(list(paths)), SHANGHAI)


def extract_one(path: Path) -> ImportedSource:
    (source,) = extract(path)
    return source
