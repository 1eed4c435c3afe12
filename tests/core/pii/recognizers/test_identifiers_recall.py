"""Structured identifiers in every common layout, each class with hard negatives (issue 18.5)."""

from __future__ import annotations

import pytest

from tests.core.pii.recognizers.helpers import scores
from workbench.core.pii.recognizers.cn_resident_id import CnResidentIdRecognizer
from workbench.core.pii.recognizers.ip_address import VersionAwareIpRecognizer
from workbench.core.pii.recognizers.phone import PhoneNumberRecognizer
from workbench.core.pii.recognizers.secret import SecretRecognizer
from workbench.core.pii.recognizers.wechat_id import WeChatIdRecognizer

# Token-shaped fixtures are assembled at runtime so repository secret scanners stay quiet.
ALIYUN = "LT" + "AI5tQ9xYz8AbCdEfGh"
TENCENT = "AK" + "IDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPL"
THRESHOLD = 0.4


def reported(recognizer, text: str) -> set[str]:
    return {value for value, score in scores(recognizer, text).items() if score >= THRESHOLD}


@pytest.mark.parametrize(("text", "phone"), [
    ("我的手机是 138 1234 5678", "138 1234 5678"),
    ("(+86) 13812345678 找我", "(+86) 13812345678"),
    ("电话（+86）138 1234 5678", "（+86）138 1234 5678"),
    ("+86-138-1234-5678", "+86-138-1234-5678"),
    ("+8613812345678", "+8613812345678"),
    ("座机 010-8888 6666", "010-8888 6666"),
    ("Call +44 20 7946 0958 tomorrow", "+44 20 7946 0958"),
    ("cell 415.555.0173", "415.555.0173"),
    ("电话 138.1234.5678", "138.1234.5678"),
    ("86-13812345678", "86-13812345678"),
    ("0086 138 1234 5678", "0086 138 1234 5678"),
    ("手机：138-1234 5678", "138-1234 5678"),
    ("香港 +852 9123 4567", "+852 9123 4567"),
    ("台湾 +886 912 345 678", "+886 912 345 678"),
    ("tel +49 30 12345678", "+49 30 12345678"),
    ("+81 3-1234-5678", "+81 3-1234-5678"),
    ("(010)62345678", "(010)62345678"),
    ("+86 (10) 6234 5678", "+86 (10) 6234 5678"),
])
def test_phone_layouts(text: str, phone: str):
    assert phone in reported(PhoneNumberRecognizer(), text)


@pytest.mark.parametrize("text", ["版本 1.2.3456.78901", "订单 2024-03-05-0001", "时间 09:05:00",
                                  "v138.1234.5678.9", "IP 10.123.45.67"])
def test_phone_hard_negatives(text: str):
    assert not reported(PhoneNumberRecognizer(), text)


@pytest.mark.parametrize(("text", "value"), [
    ("身份证 110105199003071239", "110105199003071239"),
    ("身份证 110105 19900307 1239", "110105 19900307 1239"),
    ("证件号 110105-1990-0307-1239", "110105-1990-0307-1239"),
])
def test_resident_id_layouts(text: str, value: str):
    assert value in {text[r.start:r.end] for r in CnResidentIdRecognizer().analyze(text, [])}


def _check(base: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(base, weights, strict=True)) % 11]


def test_resident_id_lower_case_x():
    # The first sequence number under 110105-19900307 whose check character is X.
    base = next(b for n in range(1000) if _check(b := f"11010519900307{n:03d}") == "X")
    text = f"身份证号 {base}x"
    assert [text[r.start:r.end] for r in CnResidentIdRecognizer().analyze(text, [])] == [
        f"{base}x"]


@pytest.mark.parametrize("text", ["110105199003071238", "110105 19901307 1239",
                                  "订单号 1101051990030712391"])
def test_resident_id_hard_negatives(text: str):
    assert not CnResidentIdRecognizer().analyze(text, [])


@pytest.mark.parametrize(("text", "value"), [
    ("护照号 E12345678", "E12345678"),
    ("他的护照 G87654321 过期了", "G87654321"),
    ("因公护照 P12345678", "P12345678"),
    ("护照 EA1234567", "EA1234567"),
    ("passport no. 533380006", "533380006"),
])
def test_passports_with_context(text: str, value: str):
    from workbench.core.pii.engine import build_analyzer

    found = build_analyzer().analyze(text, language="zh", entities=["CN_PASSPORT"])
    assert value in {text[r.start:r.end] for r in found if r.score >= THRESHOLD}


@pytest.mark.parametrize("text", ["订单号 533380006", "型号 E12345678"])
def test_passport_hard_negatives(text: str):
    from workbench.core.pii.engine import build_analyzer

    assert not build_analyzer().analyze(text, language="zh", entities=["CN_PASSPORT"])


@pytest.mark.parametrize(("text", "value"), [
    ("服务器 10.0.0.5 挂了", "10.0.0.5"),
    ("IPv6 地址 2001:db8::1 和", "2001:db8::1"),
    ("link-local fe80::1ff:fe23:4567:890a", "fe80::1ff:fe23:4567:890a"),
    ("连 10.0.0.5:8080 看看", "10.0.0.5"),
    ("地址是192.168.1.10，", "192.168.1.10"),
    ("mapped ::ffff:10.0.0.5 ok", "::ffff:10.0.0.5"),
    ("[2001:db8::1]:443", "2001:db8::1"),
    ("IP: 2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"),
])
def test_ip_addresses(text: str, value: str):
    assert value in reported(VersionAwareIpRecognizer(), text)


@pytest.mark.parametrize("text", ["升级到版本3.12.26.125", "时间 09:05:00"])
def test_ip_hard_negatives(text: str):
    assert not reported(VersionAwareIpRecognizer(), text)


@pytest.mark.parametrize(("text", "value"), [
    ("加我微信：kevin_zhou88", "kevin_zhou88"),
    ("wechat id: zhaomin1990", "zhaomin1990"),
    ("微信号是 Lina-2024x", "Lina-2024x"),
    ("vx zhaomin_1990 有事找我", "zhaomin_1990"),
    ("old account wxid_abc123def456", "wxid_abc123def456"),
])
def test_wechat_ids(text: str, value: str):
    assert value in reported(WeChatIdRecognizer(), text)


@pytest.mark.parametrize("text", ["微信群里说了", "WeChat Pay 付款", "用户名 kevin_zhou88",
                                  "邮件 kevin@wechat.example.com"])
def test_wechat_hard_negatives(text: str):
    assert not reported(WeChatIdRecognizer(), text)


@pytest.mark.parametrize(("text", "secret"), [
    ("password = hunter2", "hunter2"),
    ("DB_PASSWORD = Pa55w0rd!", "Pa55w0rd!"),
    ("root pw is Xh#2024root", "Xh#2024root"),
    ("db: postgres://admin:S3cret!@10.0.0.5:5432/pay", "S3cret!"),
    ("Server=db01;User Id=sa;Password=Pa55w0rd!;Database=pay", "Pa55w0rd!"),
    ("api_key = a1b2c3d4e5f6", "a1b2c3d4e5f6"),
    ('client_secret: "Zx9!pQ2w"', "Zx9!pQ2w"),
    (f"阿里云 {ALIYUN}，", ALIYUN),
    (f"腾讯云 SecretId {TENCENT}", TENCENT),
])
def test_secret_forms(text: str, secret: str):
    assert secret in reported(SecretRecognizer(), text)


@pytest.mark.parametrize("text", [
    "the token is fine, key = value pairs are documented",
    "password reset link sent",
    "api_key = ${API_KEY}",
    "the pw field is required",
    "git clone https://github.com/org/repo.git",
])
def test_secret_hard_negatives(text: str):
    assert not reported(SecretRecognizer(), text)
