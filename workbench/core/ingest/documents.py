"""Documents: plain text and Markdown, Word (.docx) and PDF, from a file or an attachment."""

from __future__ import annotations

import io
import threading
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.errors import ImportFailed, Problem
from workbench.core.ingest.artifacts import Artifact, ArtifactKind, Segment
from workbench.core.ingest.base import ImportContext, ImportedSource, read_bytes
from workbench.core.ingest.decode import DecodedText, NotText, decode_text
from workbench.core.ingest.lines import TEXT_HINT, line_problem

if TYPE_CHECKING:
    from docx.table import Table

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".csv", ".log", ".rst"}


class ExtractionError(Problem):
    """The bytes are not a readable document of the type their name says."""


def extract_text_file(data: bytes) -> tuple[tuple[Segment, ...], str]:
    if problem := line_problem(data, TEXT_HINT):
        raise ExtractionError(problem)
    try:
        decoded = decode_text(data)
    except NotText as exc:
        raise ExtractionError(exc.message) from exc
    return _text_segments(decoded), decoded.encoding


def _text_segments(decoded: DecodedText) -> tuple[Segment, ...]:
    return (Segment(decoded.text, field="body"),)


def docx_images(data: bytes) -> list[tuple[str, bytes]]:
    """(name, bytes) of every picture inside a Word document."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [(Path(name).name, archive.read(name)) for name in archive.namelist()
                    if name.startswith("word/media/")
                    and Path(name).suffix.lower() in {".png", ".jpg", ".jpeg"}]
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError, KeyError,
            zlib.error):
        return []


def pdf_images(data: bytes) -> list[tuple[str, bytes]]:
    """(name, bytes) of every picture on the PDF's pages (those Pillow can decode)."""
    from pypdf import PdfReader

    found = []
    try:
        reader = PdfReader(io.BytesIO(data[max(pdf_start(data), 0):]))
        if reader.is_encrypted:
            reader.decrypt("")  # protected against editing only, as extract_pdf reads it
        for number, page in enumerate(reader.pages, start=1):
            for index, image in enumerate(page.images, start=1):
                if image.image is None:  # pypdf could not decode it: nothing to show
                    continue
                buffer = io.BytesIO()
                image.image.save(buffer, format="PNG")
                found.append((f"page-{number}-image-{index}.png", buffer.getvalue()))
    except Exception:
        return found
    return found


MAX_SCANNED_PAGES = 300
SCAN_DPI = 200
MAX_SCAN_PIXELS = 4000


def pdf_page_pictures(data: bytes) -> list[tuple[str, bytes]]:
    """Each page rendered as a PNG (at a resolution OCR reads well), for PDFs that are
    scans with no text layer."""
    import pypdfium2 as pdfium

    found = []
    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return []
        try:
            for index in range(min(len(document), MAX_SCANNED_PAGES)):
                page = document[index]
                # A page may claim to be metres wide: cap the picture, not the memory.
                width, height = page.get_size()
                scale = min(SCAN_DPI / 72, MAX_SCAN_PIXELS / max(width, height, 1.0))
                image = page.render(scale=scale).to_pil()
                buffer = io.BytesIO()
                image.save(buffer, format="PNG")
                found.append((f"page-{index + 1}.png", buffer.getvalue()))
                page.close()
        except (pdfium.PdfiumError, ValueError, OSError, MemoryError):
            return found
        finally:
            document.close()
    return found


# A real .docx rarely expands more than a few times; a "zip bomb" expands a thousandfold.
MAX_EXPANDED_BYTES = 256 * 1024 * 1024
MAX_EXPANSION = 200


def _refuse_zip_bomb(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError) as exc:
        # NotImplementedError: zipfile's word for a version or method it cannot read.
        raise ExtractionError("ingest.zip-damaged", exc) from exc
    if expanded > MAX_EXPANDED_BYTES or expanded > MAX_EXPANSION * max(len(data), 1):
        raise ExtractionError("ingest.zip-bomb-from", expanded // (1 << 20), len(data) // 1024)


def extract_docx(data: bytes) -> tuple[Segment, ...]:
    """Paragraphs and tables in body order; tables as ` | `-separated rows."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ExtractionError("ingest.not-docx")
    _refuse_zip_bomb(data)
    import docx  # python-docx is slow to import; only documents need it
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    # A damaged document can fail deep inside python-docx, lxml or zlib with any of their
    # own exceptions; each means the same thing to the user.
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines.extend(_table_rows(block))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, zlib.error,
            EOFError, OSError, AttributeError, IndexError, TypeError,
            NotImplementedError) as exc:
        raise ExtractionError("ingest.docx-unreadable", exc) from exc
    except Exception as exc:  # lxml's XMLSyntaxError and kin
        raise ExtractionError("ingest.docx-damaged", type(exc).__name__) from exc
    return (Segment("\n".join(lines).strip("\n"), field="body"),)


def _table_rows(table: Table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = cell.text.strip()
            # Merged cells repeat in python-docx; keep each once.
            if not cells or cells[-1] != text:
                cells.append(text)
        rows.append(" | ".join(cells))
    return rows


# PDFium is not thread-safe: one document at a time, whichever thread imports.
_PDFIUM = threading.Lock()
_PDF_HEADER_WITHIN = 1024  # readers accept a %PDF header this far into the file
_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


def pdf_start(data: bytes) -> int:
    """Where the PDF starts: mail gateways and download tools leave junk before %PDF."""
    return data.find(b"%PDF-", 0, _PDF_HEADER_WITHIN)


def extract_pdf(data: bytes) -> tuple[Segment, ...]:
    """The text layer, one segment per page, read by PDFium (the engine in Chrome): it maps
    the predefined CJK CMaps (Big5, GBK, Shift-JIS) that text in PDFs without a ToUnicode
    table depends on, and drops text drawn twice for a bold effect. A PDF protected only
    against editing (an empty password to open) is read as viewers read it."""
    if pdf_start(data) < 0:
        raise ExtractionError("ingest.not-pdf")
    import pypdfium2 as pdfium

    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == _PASSWORD_ERROR:
                raise ExtractionError("ingest.pdf-password") from exc
            raise ExtractionError("ingest.pdf-damaged", exc) from exc
        try:
            pages = []
            for index in range(len(document)):
                page = document[index]
                textpage = page.get_textpage()
                pages.append(textpage.get_text_range())
                textpage.close()
                page.close()
        except (pdfium.PdfiumError, ValueError, OSError) as exc:
            raise ExtractionError("ingest.pdf-damaged", exc) from exc
        finally:
            document.close()
    return tuple(Segment(_tidy_pdf_text(text), field=f"page {n}") for n, text in
                 enumerate(pages, 1))


def _tidy_pdf_text(text: str) -> str:
    # Some PDF writers (Qt's among them) separate words with tabs in the text layer; PDFium
    # ends lines with CR LF and marks soft hyphens and line-end hyphens with control codes.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-")
    text = text.replace("\ufffe", "").replace("\x00", "")
    lines = (" ".join(line.replace("\t", " ").split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def document_artifact(name: str, data: bytes, kind: ArtifactKind,
                      suffix: str | None = None) -> Artifact:
    """Extract a document of any supported type by its name's suffix, or by `suffix` when
    its content told what it is."""
    from workbench.core.ingest import office

    suffix = suffix or Path(name).suffix.lower()
    encoding = None
    pictures: list[tuple[str, bytes]] = []
    if suffix == ".docx":
        segments, fmt = extract_docx(data), "docx"
        pictures = docx_images(data)
    elif suffix == ".pdf":
        segments, fmt = extract_pdf(data), "pdf"
        # A scan has no text layer: each page is read by OCR as a picture of itself.
        pictures = (pdf_page_pictures(data) if not any(s.text.strip() for s in segments)
                    else pdf_images(data))
    elif suffix in office.SUFFIXES or suffix in office.LEGACY:
        if suffix in office.MEDIA_FOLDERS:
            if not zipfile.is_zipfile(io.BytesIO(data)):
                raise ExtractionError("ingest.not-zip-document", suffix)
            _refuse_zip_bomb(data)
        try:
            segments, encoding = office.extract(suffix, data)
        except office.OfficeError as exc:
            raise ExtractionError(exc.message) from exc
        fmt = suffix.lstrip(".")
        pictures = office.media(suffix, data)
    elif suffix in TEXT_SUFFIXES or not suffix:
        (segments, encoding), fmt = extract_text_file(data), suffix.lstrip(".") or "txt"
    else:
        raise ExtractionError("ingest.not-document-type", suffix)
    # Pictures inside a document are reviewed on their own: the Markdown the skill carries
    # holds only the text, and a picture may show what the text does not.
    from workbench.core.ingest.images import image_artifact

    children = tuple(image_artifact(f"{name} — {picture}", content)
                     for picture, content in pictures)
    return Artifact(kind=kind, title=name, source_format=fmt, segments=segments,
                    encoding=encoding, children=children)


# Workbooks are reviewed sheet by sheet: each sheet is often shared (or not) on its own.
SHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


def load(path: Path, ctx: ImportContext, suffix: str | None = None) -> ImportedSource:
    try:
        artifact = document_artifact(path.name, read_bytes(path), ArtifactKind.DOCUMENT,
                                     suffix)
    except ExtractionError as exc:
        raise ImportFailed(path, exc.message) from exc
    artifacts: tuple[Artifact, ...] = (artifact,)
    if (suffix or path.suffix.lower()) in SHEET_SUFFIXES and artifact.segments:
        artifacts = tuple(
            replace(artifact, title=f"{path.name} — {segment.field.removeprefix('sheet ')}",
                    segments=(segment,), children=artifact.children if index == 0 else (),
                    meta={"sheet": segment.field.removeprefix("sheet ")})
            for index, segment in enumerate(artifact.segments) if segment.field)
    return ImportedSource(path, artifact.source_format, (path,), artifacts)


def load_as(suffix: str) -> Callable[[Path, ImportContext], ImportedSource]:
    """The document importer for a file whose content, not its name, says it is a `suffix`
    document (a PDF saved without `.pdf`)."""
    return partial(load, suffix=suffix)


def text_source(path: Path, decoded: DecodedText) -> ImportedSource:
    """A text file already read and decoded (a .txt that is not a chat export), as a document;
    the same artifact `load` makes of it, without reading and decoding it twice."""
    fmt = path.suffix.lower().lstrip(".") or "txt"
    artifact = Artifact(kind=ArtifactKind.DOCUMENT, title=path.name, source_format=fmt,
                        segments=_text_segments(decoded), encoding=decoded.encoding)
    return ImportedSource(path, fmt, (path,), (artifact,))
