import io
from pathlib import Path

import pytest

from tests.core.ingest.helpers import extract_one
from workbench.core.errors import ImportFailed
from workbench.core.ingest import ocr

PAYSLIP = ["工资条 张伟", "应发工资 25000 元", "身份证 110105199003071239"]


def _text(path: Path) -> str:
    (document,) = extract_one(path).artifacts
    return document.text


def test_text_drawn_twice_for_bold_comes_out_once(fixtures: Path):
    assert _text(fixtures / "pdf/payslip_simplified.pdf").splitlines() == PAYSLIP


def test_traditional_chinese_in_a_big5_cmap_without_tounicode(fixtures: Path):
    assert _text(fixtures / "pdf/statement_big5.pdf").splitlines() == [
        "帳戶對帳單 陳大文", "電話 0912-345-678", "身分證字號 A123456789"]


def test_owner_password_only_pdf_is_read(fixtures: Path):
    assert _text(fixtures / "pdf/payslip_owner_password.pdf").splitlines() == PAYSLIP


def test_junk_before_the_pdf_header_is_tolerated(fixtures: Path):
    assert _text(fixtures / "pdf/payslip_leading_junk.pdf").splitlines() == PAYSLIP


def test_a_pdf_that_needs_a_password_to_open_says_so(fixtures: Path, tmp_path: Path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(fixtures / "pdf/payslip_simplified.pdf"))
    writer.encrypt(user_password="open-me", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "locked.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ImportFailed, match="needs a password to open"):
        extract_one(path)


@pytest.mark.skipif(not ocr.available(), reason="OCR models not installed")
def test_a_scan_without_a_text_layer_is_read_page_by_page(fixtures: Path):
    (document,) = extract_one(fixtures / "pdf/scanned_leave_note.pdf").artifacts
    assert not document.text.strip()
    (page,) = document.children
    assert page.title == "scanned_leave_note.pdf — page-1.png"
    assert "13812345678" in "".join(page.text.split())


def test_the_qt_runbook_still_reads(fixtures: Path):
    text = _text(fixtures / "docs/runbook.pdf")
    assert "On-call: 李娜 13912345678, lina.li@xinghe.example.com" in text
