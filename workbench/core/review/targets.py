"""Finding the artifact a user names on the command line: its id, a unique id prefix, or its
title."""

from __future__ import annotations

from workbench.core.errors import BadInputError
from workbench.core.messages import t
from workbench.core.workspace import ArtifactSummary, Workspace

# Shorter prefixes would match by accident as the workspace grows.
MIN_PREFIX = 4


def find_artifact(ws: Workspace, ref: str) -> ArtifactSummary:
    """The one artifact `ref` names; a one-line error naming `ref` if none or several do."""
    ref = ref.strip()
    summaries = ws.artifact_summaries()
    exact = [s for s in summaries if s.id == ref]
    if exact:
        return exact[0]
    bare = ref.removeprefix("sha256:")
    by_prefix = [s for s in summaries
                 if len(bare) >= MIN_PREFIX and s.id.removeprefix("sha256:").startswith(bare)]
    if len(by_prefix) == 1:
        return by_prefix[0]
    by_title = [s for s in summaries if s.title == ref] or \
        [s for s in summaries if s.title.casefold() == ref.casefold()]
    if len(by_title) == 1 and not by_prefix:
        return by_title[0]
    matches = len(by_prefix) + len(by_title)
    if matches:
        raise BadInputError(t("target.ambiguous", ref=ref, count=matches))
    raise BadInputError(t("target.none", ref=ref))


def short_id(artifact_id: str) -> str:
    """The id as the command line lists it: enough of the digest to be unique in practice."""
    return artifact_id.removeprefix("sha256:")[:12]


def find_artifacts(ws: Workspace, refs: list[str]) -> list[ArtifactSummary]:
    """Every named artifact, each once, in the order given; nothing if any name fails."""
    found: dict[str, ArtifactSummary] = {}
    for ref in refs:
        summary = find_artifact(ws, ref)
        found.setdefault(summary.id, summary)
    return list(found.values())
