from pathlib import Path

import pytest

from tests.core.ingest.helpers import extract, extract_one
from workbench.core.artifacts import ArtifactKind
from workbench.core.errors import ImportFailed


def test_png_and_jpeg_are_image_artifacts(fixtures: Path):
    png, jpg = (s.artifacts[0] for s in extract(fixtures / "images"))
    assert png.kind is jpg.kind is ArtifactKind.IMAGE
    assert (png.meta["width"], png.meta["height"]) == (720, 360)
    assert png.image_bytes == (fixtures / "images/chat_screenshot.png").read_bytes()
    assert jpg.source_format == "jpeg"


def test_corrupt_image_is_refused(tmp_path: Path):
    path = tmp_path / "broken.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    with pytest.raises(ImportFailed, match="not a readable image"):
        extract_one(path)


def test_colleague_skill_folder_gives_one_artifact_per_file(fixtures: Path):
    (source,) = extract(fixtures / "colleague_skill")
    assert source.source_format == "colleague-skill"
    titles = sorted(a.title for a in source.artifacts)
    assert titles == [
        "li-na/SKILL.md",
        "li-na/knowledge/messages/payment_gateway.txt",
        "li-na/meta.json",
        "li-na/persona.md",
        "li-na/work.md",
    ]
    assert all(a.kind is ArtifactKind.SKILL_FILE for a in source.artifacts)
    work = next(a for a in source.artifacts if a.title.endswith("work.md"))
    assert "AKIAIOSFODNN7EXAMPLE" in work.text
