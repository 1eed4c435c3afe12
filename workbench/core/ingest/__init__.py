"""Importing material: detect each input's format and extract it into artifacts.

One module per format; this package's entry point walks files and folders and dispatches.
Extraction never writes anything: the workspace stores the result in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from workbench.core.errors import Cancelled, ImportFailed, UnsupportedFormat, WorkbenchError
from workbench.core.ingest import (
    colleague_skill,
    collector,
    documents,
    email,
    feishu,
    images,
    slack,
)
from workbench.core.ingest.base import ImportContext, ImportedSource, Importer, read_text
from workbench.core.progress import CancelToken, ProgressCallback, no_progress

__all__ = ["ImportContext", "ImportPlan", "ImportedSource", "extract_all", "plan_import"]


@dataclass
class ImportPlan:
    """What an import will read: (path, importer) pairs, and files it will pass over."""

    items: list[tuple[Path, Importer]] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def plan_import(paths: list[Path]) -> ImportPlan:
    plan = ImportPlan()
    for path in paths:
        if path.is_dir():
            _plan_folder(path, plan)
        elif path.is_file():
            plan.items.append((path, importer_for_file(path)))
        else:
            raise ImportFailed(path, "no such file or folder")
    return plan


def _plan_folder(folder: Path, plan: ImportPlan) -> None:
    if slack.is_export(folder):
        plan.items.append((folder, slack.load))
        return
    if colleague_skill.is_skill_folder(folder):
        plan.items.append((folder, colleague_skill.load))
        return
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            _plan_folder(child, plan)
        elif child.is_file():
            try:
                plan.items.append((child, importer_for_file(child)))
            except UnsupportedFormat:
                plan.skipped.append(child)


def importer_for_file(path: Path) -> Importer:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return feishu.load
    if suffix == ".txt":
        return _text_or_messages
    if suffix in documents.TEXT_SUFFIXES or suffix in {".docx", ".pdf"}:
        return documents.load
    if suffix == ".eml":
        return email.load_eml
    if suffix == ".mbox":
        return email.load_mbox
    if suffix in images.IMAGE_SUFFIXES:
        return images.load
    raise UnsupportedFormat(
        path,
        f"'{suffix or path.name}' files are not supported. The workbench imports chat exports "
        "(.json, .txt, Slack folders), email (.eml, .mbox), documents (.txt, .md, .docx, .pdf) "
        "and images (.png, .jpg).",
    )


def _text_or_messages(path: Path, ctx: ImportContext) -> ImportedSource:
    decoded = read_text(path)
    if collector.looks_like_messages(decoded.text):
        return collector.from_text(path, decoded, ctx)
    return documents.text_source(path, decoded)


def extract_all(
    plan: ImportPlan,
    ctx: ImportContext,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    failures: list[ImportFailed] | None = None,
) -> list[ImportedSource]:
    """Run every importer in the plan. The first failure stops the whole import, unless a
    `failures` list is given: then each file that fails is added to it and the rest go on
    (a file is extracted whole or not at all)."""
    sources = []
    total = len(plan.items)
    for done, (path, importer) in enumerate(plan.items):
        if cancel:
            cancel.check("The import")
        progress(done, total, path.name)

        def within(fraction: float, done: int = done, name: str = path.name) -> None:
            if cancel:
                cancel.check("The import")
            progress(done, total, f"{name} ({fraction:.0%})")

        try:
            sources.append(importer(path, replace(ctx, within_file=within)))
        except Cancelled:
            raise
        except WorkbenchError as exc:
            if failures is None:
                raise
            failures.append(exc if isinstance(exc, ImportFailed) else ImportFailed(path, str(exc)))
    progress(total, total, "")
    return sources
