from pathlib import Path

import pytest

from tests.core.ingest.helpers import extract, extract_one
from workbench.core.errors import ImportFailed
from workbench.core.ingest.artifacts import ArtifactKind


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


def test_an_image_whose_pixels_do_not_decode_is_refused_at_import(tmp_path, fixtures):
    from workbench.core.errors import ImportFailed
    from workbench.core.ingest import ImportContext, extract_all, plan_import

    data = (fixtures / "images/whiteboard_photo.jpg").read_bytes()
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(data[: len(data) // 2])  # the header is intact, the scan data is not
    with pytest.raises(ImportFailed, match="not a readable image"):
        extract_all(plan_import([broken]), ImportContext())
