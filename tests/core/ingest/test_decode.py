import pytest

from workbench.core.ingest.decode import NotText, decode_text


@pytest.mark.parametrize(("text", "codec", "named"), [
    ("Name;Stadt\nMüller;Köln\nGroß;Düsseldorf\n", "cp1252", "iso-8859-1"),
    ("Müller", "cp1252", "iso-8859-1"),
    ("Name;Stadt\nMüller;Köln\nGroß;Düsseldorf\n", "mac_roman", "mac_roman"),
    ("Über uns: Café Müller", "mac_roman", "mac_roman"),
    ("Zażółć gęślą jaźń", "cp1250", "cp1250"),
    ("会议纪要：明天上午十点", "gbk", "gb18030"),
    ("李娜", "gbk", "gb18030"),
    ("周报：本周完成支付网关灰度发布，下周继续", "gbk", "gb18030"),
    ("大補帖 會議紀錄", "big5", "big5"),
    ("会議の議事録です。よろしくお願いします。", "shift_jis", "cp932"),
    ("すみません。", "iso2022_jp", "iso-2022-jp"),
    ("你好，世界", "hz", "hz-gb-2312"),
])
def test_guessed_encodings_give_the_right_characters(text: str, codec: str, named: str):
    decoded = decode_text(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == named


def test_latin_text_never_becomes_hanzi():
    decoded = decode_text("Müller;Köln;Jürgen;Bäcker;Straße\n".encode("cp1252"))
    assert not any("\u4e00" <= c <= "\u9fff" for c in decoded.text)


@pytest.mark.parametrize(("text", "charset"), [
    ("すみません。", "iso-2022-jp"), ("你好", "hz-gb-2312"), ("大補帖", "big5"),
    ("镕基与喆", "gb2312"),  # GBK/GB18030 characters labelled gb2312
])
def test_declared_charset_comes_before_utf8_and_is_widened(text: str, charset: str):
    codec = {"gb2312": "gb18030", "hz-gb-2312": "hz", "iso-2022-jp": "iso2022_jp"}.get(
        charset, charset)
    assert decode_text(text.encode(codec), declared=charset).text == text


def test_utf8_labelled_latin1_is_read_as_utf8():
    assert decode_text("中文 Müller".encode(), declared="iso-8859-1").text == "中文 Müller"


def test_damaged_text_behind_a_bom_is_still_decoded():
    decoded = decode_text(b"\xef\xbb\xbf\xe4ber Caf\xe9\n")
    assert decoded.text.endswith("ber Café\n")


def test_nul_bytes_are_not_text():
    with pytest.raises(NotText):
        decode_text(b"abc\x00def")
