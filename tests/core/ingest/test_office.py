import io
import zipfile
from pathlib import Path

import pytest

from tests.core.ingest.helpers import extract, extract_one
from workbench.core.errors import ImportFailed, UnsupportedFormat
from workbench.core.ingest import plan_import
from workbench.core.ingest.artifacts import ArtifactKind


def test_xlsx_is_one_artifact_per_sheet_with_cells_as_a_table(fixtures: Path):
    source = extract_one(fixtures / "office/contacts.xlsx")
    assert source.source_format == "xlsx"
    contacts, budget = source.artifacts
    assert contacts.kind is ArtifactKind.DOCUMENT
    assert contacts.title == "contacts.xlsx — 通讯录"
    assert contacts.text.splitlines() == [
        "姓名 | 手机 | 邮箱", "张伟 | 13812345678 | zhang.wei@xinghe.example.com",
        "王芳 | 13987654321"]
    assert budget.text.splitlines() == ["项目 | 金额", "服务器 | 1200", "合计 | 1200"]
    (picture,) = contacts.children
    assert picture.kind is ArtifactKind.IMAGE


def test_legacy_xls_sheet_with_whole_numbers(fixtures: Path):
    (sheet,) = extract_one(fixtures / "office/payroll.xls").artifacts
    assert sheet.title == "payroll.xls — 工资"
    assert "张伟 | 25000 | 110105199003071239" in sheet.text


def test_pptx_slides_with_notes_tables_and_pictures(fixtures: Path):
    (deck,) = extract_one(fixtures / "office/release_plan.pptx").artifacts
    fields = [s.field for s in deck.segments]
    assert fields == ["slide 1", "slide 1 notes", "slide 2"]
    assert "值班：张伟 13812345678" in deck.segments[0].text
    assert deck.segments[1].text == "讲者备注：王芳下周请病假，别在会上提"
    assert "陈总 | chen.zong@client.example.com" in deck.segments[2].text
    assert [c.kind for c in deck.children] == [ArtifactKind.IMAGE]


def test_opendocument_text_sheet_and_presentation(fixtures: Path):
    (odt,) = extract_one(fixtures / "office/handover.odt").artifacts
    assert odt.text.splitlines() == ["交接说明", "服务器密码在 1Password 的“支付”保险库里。",
                                     "姓名 | 电话", "张伟 | 13812345678"]
    assert [c.kind for c in odt.children] == [ArtifactKind.IMAGE]
    (ods,) = extract_one(fixtures / "office/roster.ods").artifacts
    # the empty cell repeated 16,000 times to the row's end is not expanded
    assert ods.text == "姓名 | 工号\n王芳 | E10234"
    (odp,) = extract_one(fixtures / "office/review.odp").artifacts
    assert [s.field for s in odp.segments] == ["slide 1", "slide 1 notes"]
    assert odp.segments[1].text == "备注：预算别外传"


def test_html_honours_its_meta_charset(fixtures: Path):
    (page,) = extract_one(fixtures / "office/page.html").artifacts
    assert page.encoding == "gb2312"
    assert "联系人：张伟，手机 13812345678" in page.text
    assert "chen.zong@client.example.com" in page.text
    assert "<td>" not in page.text


def test_rtf_escapes_decoded_in_the_declared_code_page(fixtures: Path):
    (doc,) = extract_one(fixtures / "office/notes.rtf").artifacts
    assert doc.text == "张伟 13812345678\nPassword: Qz!2024pay"


@pytest.mark.parametrize("name", ["old.doc", "old.ppt"])
def test_legacy_word_and_powerpoint_say_to_save_as_the_new_format(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(UnsupportedFormat, match=r"save it as \.(docx|pptx)"):
        extract_one(path)
    # in a folder it is passed over, not fatal
    (tmp_path / "ok.md").write_text("# notes\n", encoding="utf-8")
    plan = plan_import([tmp_path])
    assert [p.name for p, _ in plan.skipped] == [name]


def test_whole_office_folder_imports(fixtures: Path):
    sources = extract(fixtures / "office")
    assert len(sources) == 8


def test_text_named_xlsx_is_refused_plainly(tmp_path: Path):
    path = tmp_path / "fake.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(ImportFailed, match="zip archives"):
        extract_one(path)


def test_damaged_workbook_is_refused_plainly(tmp_path: Path, fixtures: Path):
    data = (fixtures / "office/contacts.xlsx").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/workbook.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)
    path = tmp_path / "broken.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ImportFailed, match=r"not a readable \.xlsx file"):
        extract_one(path)


def test_html_whose_markup_the_standard_parser_rejects_still_gives_its_text():
    """Found by the fuzzer: "<![OCTYPE" made html.parser raise AssertionError."""
    from workbench.core.ingest.email import html_to_text

    text = html_to_text("<![OCTYPE html>\n<html><body><p>周报 &amp; 张伟 13812345678</p>"
                        "</body></html>")
    assert "周报 & 张伟 13812345678" in text
