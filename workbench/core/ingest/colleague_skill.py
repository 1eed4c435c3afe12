"""Colleague.skill output folders (SKILL.md, work.md, persona.md, meta.json, knowledge/**)."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.errors import ImportFailed
from workbench.core.ingest.artifacts import Artifact, ArtifactKind, Segment
from workbench.core.ingest.base import ImportContext, ImportedSource, read_bytes
from workbench.core.ingest.decode import NotText, decode_text
from workbench.core.ingest.documents import ExtractionError
from workbench.core.ingest.images import IMAGE_SUFFIXES, image_artifact
from workbench.core.ingest.lines import TEXT_HINT, line_problem
from workbench.core.messages import Message

FORMAT = "colleague-skill"
MARKERS = ("meta.json", "persona.md", "work.md")


def is_skill_folder(folder: Path) -> bool:
    if (folder / "SKILL.md").is_file():
        return any((folder / m).is_file() for m in MARKERS)
    # The tool's example folders carry meta.json (with persona.md, work.md) but no SKILL.md.
    return _is_skill_meta(folder / "meta.json")


# The keys colleague-skill writes in meta.json; a chat export has none of these.
_META_KEYS = {"slug", "company", "level", "profile", "persona", "impression", "tags"}


def _is_skill_meta(path: Path) -> bool:
    try:
        if not path.is_file() or path.stat().st_size > 1 << 20:
            return False
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "name" in data and bool(_META_KEYS & data.keys())


def load(folder: Path, ctx: ImportContext) -> ImportedSource:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not _hidden(p, folder))
    artifacts = [_file_artifact(folder, path) for path in files]
    return ImportedSource(folder, FORMAT, tuple(files), tuple(artifacts))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _file_artifact(folder: Path, path: Path) -> Artifact:
    title = f"{folder.name}/{path.relative_to(folder).as_posix()}"
    data = read_bytes(path)
    try:
        if path.suffix.lower() in IMAGE_SUFFIXES:
            return image_artifact(title, data)
        if problem := line_problem(data, TEXT_HINT):
            raise NotText(problem)
        decoded = decode_text(data)
    except (ExtractionError, NotText) as exc:
        raise ImportFailed(path, Message("ingest.colleague-file-unreadable", (exc.message,))) \
            from exc
    return Artifact(
        kind=ArtifactKind.SKILL_FILE,
        title=title,
        source_format=FORMAT,
        segments=(Segment(decoded.text, field="body"),),
        encoding=decoded.encoding,
        meta={"skill": folder.name, "path": path.relative_to(folder).as_posix()},
    )
