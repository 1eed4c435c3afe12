"""Manual boxes on images: stored, removable, undoable; painted into the exported pixels,
with no metadata surviving."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from workbench.core.ingest.artifacts import ArtifactKind
from workbench.core.package.skill import build_skill
from workbench.core.review import decisions as review
from workbench.core.review import scan
from workbench.core.review.redact import paint_boxes
from workbench.core.workspace import Workspace


def test_boxes_can_be_drawn_removed_and_undone(workspace: Workspace, fixtures: Path):
    workspace.import_paths([fixtures / "images/chat_screenshot.png"])
    (image,) = workspace.artifacts(ArtifactKind.IMAGE)
    ids = workspace.add_box_findings(image.id, [(10, 20, 100, 30), (200, 40, 50, 25)])
    assert [f.box for f in workspace.findings(image.id)] == [(10, 20, 100, 30),
                                                             (200, 40, 50, 25)]
    workspace.remove_findings([ids[0]])
    assert [f.box for f in workspace.findings(image.id)] == [(200, 40, 50, 25)]
    review.undo(workspace)
    assert len(workspace.findings(image.id)) == 2


def test_painted_export_has_black_boxes_and_no_metadata(workspace: Workspace, fixtures: Path,
                                                        tmp_path: Path):
    workspace.import_paths([fixtures / "images", fixtures / "collector/docs.txt"])
    scan.scan_workspace(workspace)
    review.auto_review(workspace)
    png, jpg = workspace.artifacts(ArtifactKind.IMAGE)
    workspace.add_box_findings(png.id, [(0, 0, 120, 40)])
    review.approve(workspace, png.id)
    review.approve(workspace, jpg.id)
    folder = build_skill(workspace, tmp_path)
    assets = sorted((folder / "assets").glob("*.png"))
    assert len(assets) == 2
    for path in assets:
        with Image.open(path) as out:
            assert not out.info.get("exif") and not out.getexif()
            assert not {k for k in out.info if k not in ("dpi",)} - {"gamma"}
    with Image.open(fixtures / "images/chat_screenshot.png") as original:
        assert original.info  # the sample does carry text chunks
    painted = [p for p in assets if Image.open(p).convert("RGB").getpixel((60, 20))
               == (0, 0, 0)]
    assert len(painted) == 1


def test_pseudonym_boxes_carry_the_alias():
    image = Image.new("RGB", (200, 60), "white")
    painted = paint_boxes(image, [((10, 10, 120, 40), "Colleague A")])
    pixels = [painted.getpixel((x, y)) for x in range(12, 128) for y in range(12, 48)]
    assert (0, 0, 0) in pixels and (255, 255, 255) in pixels  # text drawn on a white box

