"""Naming an item on the command line: its id, a unique start of it, or its title."""

from pathlib import Path

import pytest

from workbench.core.errors import BadInputError
from workbench.core.review.targets import find_artifact, find_artifacts, short_id


def test_an_item_is_found_by_id_prefix_or_title_and_never_by_a_guess(workspace, tmp_path: Path):
    for folder, text in (("a", "first notes"), ("b", "second notes"), ("c", "other")):
        (tmp_path / folder).mkdir()
        name = "other.md" if folder == "c" else "notes.md"
        (tmp_path / folder / name).write_text(text, encoding="utf-8")
    workspace.import_paths([tmp_path / "a", tmp_path / "b", tmp_path / "c"])
    items = {a.title + a.text: a.id for a in workspace.artifacts()}
    other = items["other.mdother"]

    assert find_artifact(workspace, other).id == other
    assert find_artifact(workspace, short_id(other)).id == other
    assert find_artifact(workspace, other.removeprefix("sha256:")[:6]).id == other
    assert find_artifact(workspace, "OTHER.md").id == other  # titles ignore case
    with pytest.raises(BadInputError, match="matches 2 items"):
        find_artifact(workspace, "notes.md")  # two items share the title
    with pytest.raises(BadInputError, match="No item"):
        find_artifact(workspace, other.removeprefix("sha256:")[:3])  # too short to trust
    with pytest.raises(BadInputError, match="No item 'missing'"):
        find_artifacts(workspace, [other, "missing"])
    assert [a.id for a in find_artifacts(workspace, [other, short_id(other)])] == [other]
