"""Images (PNG, JPEG): checked to be real images, stored as they are, their text read by OCR."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from workbench.core.errors import ImportFailed
from workbench.core.ingest import ocr
from workbench.core.ingest.artifacts import Artifact, ArtifactKind, Segment, bytes_digest
from workbench.core.ingest.base import ImportContext, ImportedSource, read_bytes
from workbench.core.ingest.documents import ExtractionError

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}


def image_artifact(name: str, data: bytes) -> Artifact:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            width, height, fmt = image.width, image.height, (image.format or "").lower()
        # verify() reads the structure only: a damaged stream shows when the pixels decode,
        # and it must be refused here, not later in OCR, review or export.
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except Image.DecompressionBombError as exc:
        raise ExtractionError("ingest.image-too-large", exc) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ExtractionError("ingest.image-unreadable", exc) from exc
    segments: tuple[Segment, ...] = ()
    if ocr.available():
        # The recognised lines become the image's text (with their boxes), so the detectors
        # can find the names and numbers in its pixels.
        segments = tuple(Segment(line.text, field="ocr", box=line.box, chars=line.centers)
                         for line in ocr.read_lines(data) if line.text.strip())
    return Artifact(
        kind=ArtifactKind.IMAGE,
        title=name,
        source_format=fmt or Path(name).suffix.lstrip(".").lower(),
        segments=segments,
        image_sha256=bytes_digest(data),
        image_bytes=data,
        meta={"width": width, "height": height, "ocr": ocr.available()},
    )


def load(path: Path, ctx: ImportContext) -> ImportedSource:
    try:
        artifact = image_artifact(path.name, read_bytes(path))
    except ExtractionError as exc:
        raise ImportFailed(path, exc.message) from exc
    return ImportedSource(path, artifact.source_format, (path,), (artifact,))
