from pathlib import Path

import pytest

from tests.core.ingest.helpers import extract_one
from workbench.core.errors import ImportFailed
from workbench.core.ingest.artifacts import ArtifactKind


def test_markdown_is_one_document_with_its_encoding(fixtures: Path):
    (doc,) = extract_one(fixtures / "docs/handover_notes.md").artifacts
    assert doc.kind is ArtifactKind.DOCUMENT
    assert doc.encoding == "utf-8"
    assert "北京市海淀区中关村大街27号3单元502" in doc.text


def test_gb18030_text_is_detected_and_recorded(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_bytes("值班电话：010-62345678，联系人张伟".encode("gb18030"))
    (doc,) = extract_one(path).artifacts
    assert doc.text == "值班电话：010-62345678，联系人张伟"
    assert doc.encoding == "gb18030"


def test_latin1_text_decodes_correctly(fixtures: Path):
    (doc,) = extract_one(fixtures / "bad/latin1_notes.txt").artifacts
    assert doc.text.strip() == "Café contact: müller@example.de"
    assert doc.encoding == "iso-8859-1"


def test_docx_paragraphs_and_table_cells(fixtures: Path):
    (doc,) = extract_one(fixtures / "docs/onboarding.docx").artifacts
    assert "导师：张伟，电话 13812345678。" in doc.text
    assert "张伟 | 310115198811124517" in doc.text


def test_pdf_text_layer_per_page(fixtures: Path):
    (doc,) = extract_one(fixtures / "docs/runbook.pdf").artifacts
    assert doc.segments[0].field == "page 1"
    assert "13912345678" in doc.text and "lina.li@xinghe.example.com" in doc.text
    assert "Xh#2024!root" in doc.text


def test_text_named_docx_is_refused(fixtures: Path):
    with pytest.raises(ImportFailed, match="not a Word document"):
        extract_one(fixtures / "bad/not_really.docx")


def test_garbage_pdf_is_refused(tmp_path: Path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n garbage")
    with pytest.raises(ImportFailed, match=r"broken\.pdf"):
        extract_one(path)


def test_unsupported_file_is_refused_by_name(tmp_path: Path):
    path = tmp_path / "tool.exe"
    path.write_bytes(b"MZ")
    with pytest.raises(ImportFailed, match=r"'\.exe' files are not supported"):
        extract_one(path)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pptx"])
def test_a_zip_that_asks_for_an_unknown_zip_version_is_refused_not_a_crash(tmp_path: Path,
                                                                            suffix: str):
    """Found by the fuzzer: zipfile raises NotImplementedError ("zip file version 8.4") for
    a version or method it cannot read; that is a damaged file, said in one line."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
    data = bytearray(buffer.getvalue())
    data[4] = 84  # version needed to extract, local header
    data[data.find(b"PK\x01\x02") + 6] = 84  # and central directory
    path = tmp_path / f"odd{suffix}"
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFailed):
        extract_one(path)
