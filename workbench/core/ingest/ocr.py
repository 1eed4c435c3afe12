"""OCR for screenshots and photos (RapidOCR, models inside the wheel): lines with their boxes."""

from __future__ import annotations

import functools
import io
import os
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageOps


@dataclass(frozen=True)
class OcrLine:
    text: str
    box: tuple[int, int, int, int]  # x, y, width, height in upright image pixels
    score: float


_lock = threading.Lock()


def quiet_onnxruntime() -> None:
    """Stop onnxruntime's telemetry (from 1.29 on Linux it resolves and posts to a Microsoft
    collector and keeps a device id under ~/.cache/Microsoft). ORT reads the variable only
    when it is first imported — `workbench/__init__.py` sets it before that — and the API
    call turns events off for the session as well."""
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    import onnxruntime

    disable = getattr(onnxruntime, "disable_telemetry_events", None)
    if disable is not None:
        disable()


@functools.cache
def _engine() -> Any:
    quiet_onnxruntime()
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def read_lines(data: bytes) -> list[OcrLine]:
    """Text lines of an image, top to bottom. The image is turned upright (EXIF) first, so
    boxes match what the reviewer sees and what the export paints."""
    import numpy

    with Image.open(io.BytesIO(data)) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
        pixels = numpy.asarray(upright)[:, :, ::-1]  # RapidOCR expects OpenCV's BGR order
    with _lock:  # one OCR session, not safe to share between threads
        result, _elapsed = _engine()(pixels)
    lines = []
    for points, text, score in result or []:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        x, y = int(min(xs)), int(min(ys))
        lines.append(OcrLine(str(text), (x, y, int(max(xs)) - x, int(max(ys)) - y),
                             float(score)))
    return sorted(lines, key=lambda line: (line.box[1], line.box[0]))


def _width(char: str) -> int:
    # Hanzi and full-width characters are about twice as wide as Latin letters and digits.
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def sub_box(box: tuple[int, int, int, int], text: str, start: int,
            end: int) -> tuple[int, int, int, int]:
    """The part of a line's box that characters start..end cover, by their share of the
    line's width (OCR gives no per-character positions; hanzi count double), widened by a
    character on each side so an estimate errs towards covering more."""
    x, y, width, height = box
    widths = [_width(c) for c in text]
    total = sum(widths)
    if total <= 0:
        return box
    left = x + width * max(0, sum(widths[:start]) - 1) // total
    right = x + -(-width * min(total, sum(widths[:end]) + 1) // total)
    return (left, y, max(1, right - left), height)
