"""Images (PNG, JPEG): stored as they are and checked to be real images; OCR comes later."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from workbench.core.artifacts import Artifact, ArtifactKind, bytes_digest
from workbench.core.errors import ImportFailed
from workbench.core.ingest.base import ImportContext, ImportedSource, read_bytes
from workbench.core.ingest.documents import ExtractionError

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}


def image_artifact(name: str, data: bytes) -> Artifact:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            width, height, fmt = image.width, image.height, (image.format or "").lower()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ExtractionError(f"it is not a readable image ({exc})") from exc
    return Artifact(
        kind=ArtifactKind.IMAGE,
        title=name,
        source_format=fmt or Path(name).suffix.lstrip(".").lower(),
        image_sha256=bytes_digest(data),
        image_bytes=data,
        meta={"width": width, "height": height},
    )


def load(path: Path, ctx: ImportContext) -> ImportedSource:
    try:
        artifact = image_artifact(path.name, read_bytes(path))
    except ExtractionError as exc:
        raise ImportFailed(path, str(exc)) from exc
    return ImportedSource(path, artifact.source_format, (path,), (artifact,))
