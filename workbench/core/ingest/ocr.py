"""OCR for screenshots and photos (RapidOCR, models inside the wheel): lines with their boxes."""

from __future__ import annotations

import functools
import io
import itertools
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
    # Where each character's middle is across the picture (x in upright pixels), one per
    # character of `text`, as the recogniser placed it; None when it gave no such places.
    centers: tuple[int, ...] | None = None


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
        # Word boxes: where the recogniser saw each character, so a span of a line is
        # painted where its characters are, not where their share of the line puts them.
        result, _elapsed = _engine()(pixels, return_word_box=True)
    lines = []
    for points, text, score, *chars in result or []:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        x, y = int(min(xs)), int(min(ys))
        box = (x, y, int(max(xs)) - x, int(max(ys)) - y)
        lines.append(OcrLine(str(text), box, float(score),
                             _centers(str(text), box, *chars[:2])))
    return sorted(lines, key=lambda line: (line.box[1], line.box[0]))


def _centers(text: str, box: tuple[int, int, int, int], cells: Any = None,
             letters: Any = None) -> tuple[int, ...] | None:
    """The middle of each character of `text` across the picture, from the recogniser's
    character cells; None unless there is one cell per character, in reading order along a
    line that runs across (a line read downwards, or cells that do not match the text, are
    placed by `sub_box`'s estimate instead)."""
    if not cells or not letters or len(cells) != len(text) or len(letters) != len(text) \
            or "".join(str(c) for c in letters) != text:
        return None
    try:
        centers = tuple(round(sum(float(p[0]) for p in cell) / len(cell)) for cell in cells)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    x, _y, width, _height = box
    if any(b < a for a, b in itertools.pairwise(centers)) \
            or not all(x <= c <= x + width for c in centers):
        return None
    return centers


def _width(char: str) -> int:
    # Hanzi and full-width characters are about twice as wide as Latin letters and digits.
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def sub_box(box: tuple[int, int, int, int], text: str, start: int, end: int,
            centers: tuple[int, ...] | None = None) -> tuple[int, int, int, int]:
    """The part of a line's box that characters start..end cover: from the middle of the
    character before them to the middle of the one after (the line's ends at its ends),
    where the recogniser placed each character (`centers`); without those places, by their
    share of the line's width (hanzi count double), widened by a character on each side.
    Either errs towards covering more."""
    x, y, width, height = box
    if centers is not None and len(centers) == len(text) and 0 <= start < end <= len(text):
        left = centers[start - 1] if start > 0 else x
        right = centers[end] if end < len(text) else x + width
        return (left, y, max(1, right - left), height)
    widths = [_width(c) for c in text]
    total = sum(widths)
    if total <= 0:
        return box
    left = x + width * max(0, sum(widths[:start]) - 1) // total
    right = x + -(-width * min(total, sum(widths[:end]) + 1) // total)
    return (left, y, max(1, right - left), height)
