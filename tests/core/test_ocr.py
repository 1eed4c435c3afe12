"""Screenshots: OCR lines with boxes; the detectors find PII in OCR text (spaces lost) and
every finding gets a box; pictures inside documents become image artifacts."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from PIL import Image

from workbench.core.ingest import ocr
from workbench.core.ingest.artifacts import ArtifactKind
from workbench.core.review import scan
from workbench.core.workspace import Workspace

pytestmark = pytest.mark.skipif(not ocr.available(), reason="rapidocr-onnxruntime missing")


def test_screenshot_lines_with_boxes_and_speed(fixtures: Path):
    data = (fixtures / "images/chat_screenshot.png").read_bytes()
    ocr.read_lines(data)  # load the models once
    started = time.perf_counter()
    lines = ocr.read_lines(data)
    elapsed = time.perf_counter() - started
    print(f"OCR of the 720×360 screenshot: {elapsed:.2f} s")
    assert elapsed < 5  # 1.0–1.6 s on the 2-core build machine; CI may be busier
    texts = [line.text for line in lines]
    assert "TomBaker" in texts and any("13812345678" in t for t in texts)
    for line in lines:
        x, y, w, h = line.box
        assert 0 <= x < 720 and 0 <= y < 360 and w > 0 and h > 0


def test_every_phone_email_ip_and_colleague_in_the_screenshot_gets_a_box(
        workspace: Workspace, fixtures: Path):
    # The people table (from chats and Slack) lets known names be found in pixels.
    workspace.import_paths([fixtures / "feishu/chat_export.json", fixtures / "slack",
                            fixtures / "images/chat_screenshot.png"])
    scan.scan_workspace(workspace)
    (image,) = workspace.artifacts(ArtifactKind.IMAGE)
    boxed = {(f.entity, f.value): f.box for f in workspace.findings(image.id)}
    for expected in [("PHONE_NUMBER", "13812345678"), ("PHONE_NUMBER", "+14155550132"),
                     ("EMAIL_ADDRESS", "chen.zong@client.example.org"),
                     ("IP_ADDRESS", "10.20.30.40"), ("PERSON", "张伟"), ("PERSON", "王芳"),
                     ("PERSON", "TomBaker")]:
        assert boxed.get(expected), expected
    line_phone = boxed[("PHONE_NUMBER", "13812345678")]
    assert line_phone[0] > 93  # a sub-box of its line, not the whole line


def test_pictures_inside_a_docx_become_image_artifacts(workspace: Workspace, tmp_path: Path):
    import docx

    picture = io.BytesIO()
    Image.new("RGB", (80, 40), "white").save(picture, format="PNG")
    document = docx.Document()
    document.add_paragraph("Architecture diagram below")
    document.add_picture(io.BytesIO(picture.getvalue()))
    path = tmp_path / "design.docx"
    document.save(path)
    summary = workspace.import_paths([path])
    assert summary.added_by_kind == {"document": 1, "image": 1}
    (doc,) = workspace.artifacts(ArtifactKind.DOCUMENT)
    (child,) = workspace.artifacts(ArtifactKind.IMAGE)
    assert workspace.attachments_of(doc.id) == [child.id]
    assert child.title.startswith("design.docx — ")
