"""Office and web documents: Excel (.xlsx, .xls), PowerPoint (.pptx), OpenDocument (.odt,
.ods, .odp), HTML and RTF, as text segments (a sheet's cells as a table, a slide with its
notes), with the pictures inside them.

Legacy binary Word and PowerPoint files (.doc, .ppt) have no maintained pure-Python reader;
they are refused with what to do instead.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

from workbench.core.errors import Problem
from workbench.core.ingest.artifacts import Segment
from workbench.core.ingest.decode import NotText, decode_text
from workbench.core.messages import Message

if TYPE_CHECKING:
    import xlrd.sheet
    from pptx.shapes.base import BaseShape

# Reading stops past these: a sheet of a million rows is data, not material to review.
MAX_ROWS = 100_000
MAX_COLUMNS = 500
SUFFIXES = {".xlsx", ".xlsm", ".xls", ".pptx", ".odt", ".ods", ".odp", ".html", ".htm",
            ".rtf"}
# Legacy binary formats no maintained pure-Python reader handles: the catalogue code that
# says what to do.
LEGACY = {".doc": "ingest.legacy-doc", ".ppt": "ingest.legacy-ppt"}


def legacy_message(suffix: str) -> Message:
    """What to do with a legacy .doc/.ppt."""
    return Message(LEGACY[suffix])
MEDIA_FOLDERS = {".xlsx": "xl/media/", ".xlsm": "xl/media/", ".pptx": "ppt/media/",
                 ".odt": "Pictures/", ".ods": "Pictures/", ".odp": "Pictures/"}


class OfficeError(Problem):
    """The bytes are not a readable document of the type their name says."""


def extract(suffix: str, data: bytes) -> tuple[tuple[Segment, ...], str | None]:
    """(segments, encoding) of an office or web document by its suffix."""
    if suffix in LEGACY:
        raise OfficeError(legacy_message(suffix))
    if suffix in {".html", ".htm"}:
        return extract_html(data)
    if suffix == ".rtf":
        return extract_rtf(data)
    reader = {".xlsx": extract_xlsx, ".xlsm": extract_xlsx, ".xls": extract_xls,
              ".pptx": extract_pptx, ".odt": extract_odt, ".ods": extract_ods,
              ".odp": extract_odp}[suffix]
    # Each library fails on damaged input with exceptions of its own (zipfile, lxml,
    # struct, KeyError…); all of them mean the same thing to the user.
    try:
        return reader(data), None
    except OfficeError:
        raise
    except Exception as exc:
        raise OfficeError("ingest.office-unreadable", suffix, exc) from exc


def media(suffix: str, data: bytes) -> list[tuple[str, bytes]]:
    """(name, bytes) of the PNG and JPEG pictures inside a zip-based document."""
    folder = MEDIA_FOLDERS.get(suffix)
    if folder is None:
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [(Path(n).name, archive.read(n)) for n in archive.namelist()
                    if n.startswith(folder)
                    and Path(n).suffix.lower() in {".png", ".jpg", ".jpeg"}]
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, RuntimeError,
            NotImplementedError):
        return []


def table_rows(rows: Iterable[Iterable[object]]) -> list[str]:
    """Rows as ` | `-separated cells, trailing empty cells and empty rows left out."""
    lines = []
    for count, row in enumerate(rows):
        if count >= MAX_ROWS:
            lines.append(f"… (more than {MAX_ROWS} rows; the rest is left out)")
            break
        cells = ["" if v is None else " ".join(str(v).split()) for v in row][:MAX_COLUMNS]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append(" | ".join(cells))
    return lines


def extract_xlsx(data: bytes) -> tuple[Segment, ...]:
    import openpyxl

    # Cached values, not formulas: what the people who open the sheet see.
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return tuple(Segment("\n".join(table_rows(sheet.iter_rows(values_only=True))),
                             field=f"sheet {sheet.title}") for sheet in book.worksheets)
    finally:
        book.close()


def extract_xls(data: bytes) -> tuple[Segment, ...]:
    import xlrd

    book = xlrd.open_workbook(file_contents=data, on_demand=True)
    segments = []
    for sheet in book.sheets():
        rows = ([_xls_value(cell, book.datemode) for cell in sheet.row(r)]
                for r in range(sheet.nrows))
        segments.append(Segment("\n".join(table_rows(rows)), field=f"sheet {sheet.name}"))
    return tuple(segments)


def _xls_value(cell: xlrd.sheet.Cell, datemode: Literal[0, 1]) -> object:
    import xlrd

    # .xls stores every number as a float and dates as day counts.
    # xlrd gives a date or number cell a float value (str only for text cells).
    if cell.ctype == xlrd.XL_CELL_DATE and isinstance(cell.value, float):
        try:
            return xlrd.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
        return int(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    return cell.value


def extract_pptx(data: bytes) -> tuple[Segment, ...]:
    from pptx import Presentation

    segments = []
    for number, slide in enumerate(Presentation(io.BytesIO(data)).slides, start=1):
        lines: list[str] = []
        for shape in slide.shapes:
            lines.extend(_shape_lines(shape))
        segments.append(Segment("\n".join(lines), field=f"slide {number}"))
        notes = slide.notes_slide.notes_text_frame if slide.has_notes_slide else None
        if notes is not None and notes.text.strip():
            segments.append(Segment(notes.text, field=f"slide {number} notes"))
    return tuple(segments)


def _shape_lines(shape: BaseShape) -> list[str]:
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.shapes.group import GroupShape

    if isinstance(shape, GraphicFrame) and shape.has_table:
        return table_rows((cell.text for cell in row.cells) for row in shape.table.rows)
    if isinstance(shape, GroupShape):
        return [line for child in shape.shapes for line in _shape_lines(child)]
    if isinstance(shape, Shape) and shape.has_text_frame:
        return [p.text for p in shape.text_frame.paragraphs if p.text.strip()]
    return []


def _odf(data: bytes) -> Any:
    """An OpenDocument (odfpy ships no type hints: its document is untyped)."""
    from odf.opendocument import load

    return load(io.BytesIO(data))


def _odf_text(element: Any) -> str:
    from odf import teletype

    text: str = teletype.extractText(element)
    return text


def extract_odt(data: bytes) -> tuple[Segment, ...]:
    document = _odf(data)
    lines: list[str] = []
    for node in document.text.childNodes:
        lines.extend(_odt_block(node))
    return (Segment("\n".join(lines), field="body"),)


# odfpy ships no type hints: its nodes and modules are untyped (Any) below.
def _odt_block(node: Any) -> list[str]:
    from odf import table
    from odf.namespaces import TABLENS, TEXTNS

    qname = getattr(node, "qname", None)
    if qname in {(TEXTNS, "p"), (TEXTNS, "h")}:
        return [_odf_text(node)]
    if qname == (TABLENS, "table"):
        return _odf_table_rows(node, table)
    return [line for child in getattr(node, "childNodes", []) for line in _odt_block(child)]


def _odf_table_rows(sheet: Any, table: ModuleType) -> list[str]:
    def rows() -> Iterable[list[str]]:
        for row in sheet.getElementsByType(table.TableRow):
            cells: list[str] = []
            for cell in row.childNodes:
                value = _odf_text(cell)
                # Spreadsheets pad rows with one cell repeated thousands of times: repeat
                # only cells that hold something.
                repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1) if value else 1
                cells.extend([value] * min(repeat, MAX_COLUMNS))
                if len(cells) >= MAX_COLUMNS:
                    break
            yield cells

    return table_rows(rows())


def extract_ods(data: bytes) -> tuple[Segment, ...]:
    from odf import table

    document = _odf(data)
    return tuple(Segment("\n".join(_odf_table_rows(sheet, table)),
                         field=f"sheet {sheet.getAttribute('name')}")
                 for sheet in document.spreadsheet.getElementsByType(table.Table))


def extract_odp(data: bytes) -> tuple[Segment, ...]:
    from odf import draw, presentation, text

    document = _odf(data)
    segments = []
    for number, page in enumerate(document.presentation.getElementsByType(draw.Page), 1):
        notes = page.getElementsByType(presentation.Notes)
        in_notes = {id(p) for n in notes for p in n.getElementsByType(text.P)}
        body = [_odf_text(p) for p in page.getElementsByType(text.P) if id(p) not in in_notes]
        segments.append(Segment("\n".join(line for line in body if line.strip()),
                                field=f"slide {number}"))
        note_text = "\n".join(_odf_text(p) for n in notes for p in n.getElementsByType(text.P)
                              if _odf_text(p).strip())
        if note_text:
            segments.append(Segment(note_text, field=f"slide {number} notes"))
    return tuple(segments)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def extract_html(data: bytes) -> tuple[tuple[Segment, ...], str]:
    """A web page as text; its own <meta charset> is honoured before guessing."""
    from workbench.core.ingest.email import html_to_text

    found = _META_CHARSET.search(data[:4096])
    try:
        decoded = decode_text(data, declared=found[1].decode("ascii") if found else None)
    except NotText as exc:
        raise OfficeError(exc.message) from exc
    return (Segment(html_to_text(decoded.text), field="body"),), decoded.encoding


_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")


def extract_rtf(data: bytes) -> tuple[tuple[Segment, ...], str]:
    """RTF as text; `\\'xx` escapes are decoded in the code page the file declares."""
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise OfficeError("ingest.not-rtf")
    found = _CODE_PAGE.search(data[:4096])
    encoding = f"cp{int(found[1])}" if found else "cp1252"
    if encoding == "cp936":
        encoding = "gb18030"
    try:
        source = data.decode("latin-1")  # RTF itself is 7-bit; escapes carry the rest
        # striprtf's function carries no annotations; it returns the text.
        convert: Callable[..., str] = rtf_to_text
        text = convert(source, encoding=encoding, errors="replace")
    except (LookupError, ValueError, IndexError, RecursionError) as exc:
        raise OfficeError("ingest.rtf-damaged", type(exc).__name__) from exc
    return (Segment(text.strip("\n"), field="body"),), encoding
