"""What is redacted in a picture's text is painted in its pixels: spans marked by hand, values
swept from elsewhere and the detector's findings alike, with boxes that cover the glyphs' ink;
a span that cannot be placed in the picture stops its approval and its export."""

from __future__ import annotations

import dataclasses
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from workbench.core.errors import RefusedError
from workbench.core.ingest import images, ocr
from workbench.core.ingest.artifacts import Artifact, ArtifactKind, ArtifactState
from workbench.core.package import bundle
from workbench.core.package.skill import build_skill
from workbench.core.review import decisions as review
from workbench.core.review import scan
from workbench.core.review.redact import (
    RedactionContext,
    Sweep,
    paint_boxes,
    picture_boxes,
    upright_picture,
)
from workbench.core.services import reviewing
from workbench.core.workspace import ArtifactRow, Workspace

pytestmark = pytest.mark.skipif(not ocr.available(), reason="rapidocr-onnxruntime missing")


def _png(image: Image.Image) -> bytes:
    data = io.BytesIO()
    image.save(data, format="PNG")
    return data.getvalue()


def _read(image: Image.Image) -> str:
    """What OCR reads in a picture, all lines run together and folded."""
    return " ".join(line.text for line in ocr.read_lines(_png(image))).lower()


def _screenshot(workspace: Workspace, fixtures: Path) -> ArtifactRow:
    workspace.import_paths([fixtures / "images/chat_screenshot.png"])
    scan.scan_workspace(workspace)
    review.auto_review(workspace)
    (image,) = workspace.artifacts(ArtifactKind.IMAGE)
    return image


def test_a_span_marked_by_hand_in_a_screenshot_is_painted_in_the_exported_picture(
        workspace: Workspace, fixtures: Path, tmp_path: Path) -> None:
    image = _screenshot(workspace, fixtures)
    at = image.text.index("VPNserver")
    assert "vpnserver" in _read(upright_picture(workspace.read_blob(image.image_blob or "")))
    review.redact_span(workspace, image.id, at, at + len("VPNserver"))
    review.approve(workspace, image.id)
    folder = build_skill(workspace, tmp_path)
    (exported,) = (folder / "assets").glob("*.png")
    with Image.open(exported) as out:
        read = _read(out.convert("RGB"))
    assert "vpn" not in read and "server" not in read, read
    # What was read before and not redacted still reads: the box covers the span, not all.
    assert "tombaker" in read


def test_a_value_swept_from_elsewhere_is_painted_where_the_picture_shows_it(
        workspace: Workspace, fixtures: Path) -> None:
    image = _screenshot(workspace, fixtures)
    # "TomBaker" redacted in another item: the sweep redacts it in this one's text too.
    context = RedactionContext({}, Sweep.of({"TomBaker": ("PERSON", "")}), {})
    placed = picture_boxes(image, [], context, "en")
    assert placed.unplaced == 0 and placed.boxes
    upright = upright_picture(workspace.read_blob(image.image_blob or ""))
    assert "tombaker" in _read(upright)
    assert "tombaker" not in _read(paint_boxes(upright, placed.boxes))


def _boxless(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pictures whose OCR lines come without boxes (read by an older or other OCR)."""
    original = images.image_artifact

    def without_boxes(name: str, data: bytes) -> Artifact:
        artifact = original(name, data)
        return dataclasses.replace(artifact, segments=tuple(
            dataclasses.replace(s, box=None) for s in artifact.segments))

    monkeypatch.setattr(images, "image_artifact", without_boxes)


def test_a_span_that_cannot_be_placed_in_the_picture_is_refused_at_approval_and_export(
        workspace: Workspace, fixtures: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _boxless(monkeypatch)
    image = _screenshot(workspace, fixtures)
    at = image.text.index("VPNserver")
    review.redact_span(workspace, image.id, at, at + len("VPNserver"))
    with pytest.raises(RefusedError) as refused:
        review.approve(workspace, image.id)
    assert refused.value.code == "review.span-not-in-picture"
    assert "chat_screenshot.png" in str(refused.value)
    assert workspace.artifact(image.id).state is ArtifactState.PENDING
    # An approval made without the check (an older version of the app) does not carry the
    # span out: the export checks again from what is stored.
    monkeypatch.setattr(review, "check_picture_boxes", lambda *args: None)
    review.approve(workspace, image.id)
    monkeypatch.undo()
    # The export page lists it before anything is built or signed.
    blockers = [b for b in bundle.export_blockers(workspace, datetime.now(UTC))
                if b.code == "span-not-in-picture"]
    assert [b.items for b in blockers] == [(image.id,)]
    assert "chat_screenshot.png" in blockers[0].as_message().text("en")
    out = tmp_path / "out"
    with pytest.raises(RefusedError) as refused:
        build_skill(workspace, out)
    assert refused.value.code == "review.span-not-in-picture"
    assert not out.exists() or not list(out.iterdir())  # nothing was written


def test_the_refusal_reads_in_both_languages() -> None:
    from workbench.core.messages import t

    english = t("review.span-not-in-picture", "shot.png", 1, lang="en")
    assert "'shot.png'" in english and "1 passage " in english and "exclude" in english
    assert "shot.png" in t("review.span-not-in-picture", "shot.png", 2, lang="zh")


# Dark blue ink, so a pixel of it is told apart from the black a redaction paints.
INK = (20, 30, 120)


def test_image_boxes_cover_glyphs(workspace: Workspace, tmp_path: Path) -> None:
    """Every pixel of a redacted word's ink is painted: none of its edges stay readable."""
    font = ImageFont.load_default(30)  # the font Pillow carries, the same everywhere
    # Glyphs far wider than their neighbours (a share of the line's width misplaces them),
    # descenders, and letters that reach past their cells.
    lines = [("Ticket owner: ", "Quigley", " (desk 4)"),
             ("iiii Tel ", "MWMW", ", fill in"),
             ("Call ", "Jiffy", " on Monday")]
    picture = Image.new("RGB", (640, 80 + 70 * len(lines)), "white")
    words = Image.new("L", picture.size, 0)  # where the redacted words' ink is
    draw, mask = ImageDraw.Draw(picture), ImageDraw.Draw(words)
    for row, (before, word, after) in enumerate(lines):
        x, y = 40.0, 40 + 70 * row
        draw.text((x, y), before, fill=INK, font=font)
        x += font.getlength(before)
        draw.text((x, y), word, fill=INK, font=font)
        mask.text((x, y), word, fill=255, font=font)
        draw.text((x + font.getlength(word), y), after, fill=INK, font=font)
    path = tmp_path / "badge.png"
    picture.save(path)
    workspace.import_paths([path])
    scan.scan_workspace(workspace)
    review.apply_default_policy(workspace)
    (image,) = workspace.artifacts(ArtifactKind.IMAGE)
    for _before, word, _after in lines:
        at = image.text.index(word)
        review.redact_span(workspace, image.id, at, at + len(word))
    painted = reviewing.painted_picture(workspace, image.id).convert("RGB")
    ink = [(x, y) for y in range(words.height) for x in range(words.width)
           if words.getpixel((x, y))]
    assert ink
    left = [p for p in ink if painted.getpixel(p) != (0, 0, 0)]
    assert not left, f"{len(left)} of {len(ink)} ink pixels unpainted, e.g. {left[:5]}"


def test_ocr_keeps_where_each_character_is_without_changing_the_item(fixtures: Path) -> None:
    data = (fixtures / "images/chat_screenshot.png").read_bytes()
    artifact = images.image_artifact("chat_screenshot.png", data)
    assert artifact.segments
    for segment in artifact.segments:
        assert segment.chars is not None and len(segment.chars) == len(segment.text)
        assert segment.box is not None
        x, _y, width, _height = segment.box
        assert all(x <= c <= x + width for c in segment.chars)
    # The same picture imported before the places were kept is the same item.
    bare = dataclasses.replace(artifact, segments=tuple(
        dataclasses.replace(s, chars=None) for s in artifact.segments))
    assert bare.id == artifact.id
