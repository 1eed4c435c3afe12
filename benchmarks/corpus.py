"""Owns the seeded benchmark corpora for the PII detector: a labelled set and a speed stream.

Everything here is pure standard-library Python and deterministic for a seed
(`random.Random(seed)` only; nothing iterates a set or dict whose order could depend on
PYTHONHASHSEED), so a quality or speed number can be reproduced exactly.

Two corpora:

* `labelled_messages(seed, n)` — workplace chat and email lines in English (`"en"`), Chinese
  (`"zh"`) and Chinese with English names/emails/terms mixed in (`"mixed"`), each with gold
  `Span`s for the PII it contains and, separately, the spans of *decoys*: things a naive
  detector flags that are not PII (order numbers, versions, amounts, tickets, bad checksums…).
* `chat_stream(seed, n)` — unlabelled chat messages with realistic repetition, for throughput.

Labelling rules (the contract the quality harness scores against):

* Only the value is labelled: `password: hunter2!x` -> `hunter2!x`; `IBAN DE89…` -> `DE89…`;
  `10.0.3.17:8080` -> `10.0.3.17` (the port is not part of an address).
* PHONE_NUMBER includes its country prefix and the formatting inside the number
  (`+86 138 1234 5678`, `(021) 6123 4567`); never an extension.
* BANK_CARD is a debit/salary card in Chinese banking context (UnionPay `62…`, some `4…`);
  CREDIT_CARD is a Visa/Mastercard/Amex card. The harness scores them as one class.
  Both are Luhn-valid and never equal to a valid resident id.
* CN_RESIDENT_ID is an 18-character id with a real birth date and a valid ISO 7064
  MOD 11-2 check character (`X` included). Ids with a wrong check character are decoys.
* SECRET: AWS access key ids (`AKIA…`) and secret keys, GitHub `ghp_` tokens, Slack `xoxb-`
  tokens, password values after `password:` / `密码：` and similar, and one-time codes.
* PERSON, English: full names (`Priya Sharma`, `Zhang Wei` in pinyin) as one span, first
  names used to address or mention someone (`Thanks Tom`); `'s` is outside the span. No
  honorific-plus-surname forms (`Mr. Smith`) are generated, so no rule is needed for them.
* PERSON, Chinese: the full name only — surname (single or compound: 欧阳, 司马, 诸葛, 上官…)
  plus given name, 2–4 characters. A title after a full name is outside the span
  (`张伟经理` -> `张伟`). A surname with only a title or prefix (`陈总`, `王经理`, `小王`,
  `老张`) is *not* labelled: it does not identify a person on its own; those are decoys of
  kind HONORIFIC.
* URLs are not labelled (hostnames only, so no URL hides an IP or email); a URL prediction
  is ignored by the harness.
* Verification codes (`验证码 123456`, "your verification code is 482913") are SECRET: the
  code opens the account until it expires. A meeting's dial-in passcode is a decoy of kind OTP
  (and no phone number either).

Run `python benchmarks/corpus.py --check` for the generator's self-checks and statistics.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import ipaddress
import itertools
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from random import Random
from typing import NamedTuple

__all__ = [
    "CARD_ENTITIES",
    "DECOY_KINDS",
    "ENTITIES",
    "EN_NEGATIVE",
    "EN_POSITIVE",
    "MIXED_NEGATIVE",
    "MIXED_POSITIVE",
    "ZH_NEGATIVE",
    "ZH_POSITIVE",
    "LabelledMessage",
    "Span",
    "chat_stream",
    "cn_id_ok",
    "iban_ok",
    "labelled_messages",
    "luhn_ok",
    "validate_message",
    "validate_value",
]


class Span(NamedTuple):
    """A labelled stretch of a message: `text[start:end]` (Python str indices)."""

    entity: str
    start: int
    end: int


@dataclass(frozen=True)
class LabelledMessage:
    """One message with its gold PII spans.

    `decoys` (an addition to the three core fields, defaulting to empty) marks the non-PII
    look-alikes in the message so the harness can say which ones a detector tripped on.
    """

    text: str
    lang: str  # "en", "zh" or "mixed" (Chinese with English names/emails/terms)
    spans: tuple[Span, ...]
    decoys: tuple[Span, ...] = ()


ENTITIES: tuple[str, ...] = (
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CN_RESIDENT_ID",
    "BANK_CARD",
    "CREDIT_CARD",
    "IBAN_CODE",
    "IP_ADDRESS",
    "SECRET",
    "PERSON",
)
CARD_ENTITIES: tuple[str, ...] = ("BANK_CARD", "CREDIT_CARD")
DECOY_KINDS: tuple[str, ...] = (
    "ORDER_NO", "VERSION", "VERSION_IPLIKE", "AMOUNT", "DATE", "TIME", "TICKET",
    "BAD_RESIDENT_ID", "BAD_CARD", "BUILD", "ROOM", "OTP", "COMMIT", "PERCENT", "PORT",
    "TRACKING_NO", "INVOICE_NO", "BIC", "HONORIFIC", "PR",
)

# ---------------------------------------------------------------------------------------------
# Checksums (shared by the generators and the validators, and used by the tests).
# ---------------------------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# First two digits of a mainland/HK/Macau/Taiwan administrative code; anything else is not an id.
_ID_PROVINCES = (
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
)
_ID_RE = re.compile(r"\d{17}[\dX]")


def _id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def cn_id_ok(value: str) -> bool:
    """True for an 18-char resident id: known province, real birth date, MOD 11-2 check."""
    value = value.upper()
    if not _ID_RE.fullmatch(value) or value[:2] not in _ID_PROVINCES:
        return False
    try:
        born = _dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if not _dt.date(1900, 1, 1) <= born <= _dt.date(2030, 12, 31):
        return False
    return _id_check_char(value[:17]) == value[17]


def _luhn_sum(digits: str) -> int:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total


def luhn_ok(value: str) -> bool:
    """Luhn check on the digits of `value` (spaces and dashes are ignored)."""
    digits = value.replace(" ", "").replace("-", "")
    return digits.isdigit() and len(digits) >= 12 and _luhn_sum(digits) % 10 == 0


def _luhn_complete(partial: str) -> str:
    """Append the check digit that makes `partial` Luhn-valid."""
    return partial + str((10 - _luhn_sum(partial + "0") % 10) % 10)


_IBAN_LENGTHS = {"DE": 22, "GB": 22, "FR": 27, "CH": 21, "AT": 20, "BE": 16}


def _iban_mod97(s: str) -> int:
    return int("".join(str(int(c, 36)) for c in s)) % 97


def iban_ok(value: str) -> bool:
    """Mod-97 check and the country length, for the countries this corpus generates."""
    compact = value.replace(" ", "")
    length = _IBAN_LENGTHS.get(compact[:2])
    if length is None or len(compact) != length or not compact.isalnum():
        return False
    return _iban_mod97(compact[4:] + compact[:4]) == 1


# ---------------------------------------------------------------------------------------------
# Value pools. Invented people; company domains are fictional or generic mail providers.
# ---------------------------------------------------------------------------------------------

EN_FIRST = (
    "Tom", "Priya", "Rahul", "Emily", "James", "Sarah", "Michael", "Olivia", "Daniel", "Sophie",
    "Carlos", "Aisha", "Kevin", "Lily", "Jason", "Cathy", "Ahmed", "Yuki", "Hannah", "Lucas",
    "Chloe", "Ethan", "Natalie", "Ryan", "Megan", "Arjun", "Fatima", "Oliver", "Isabella",
    "Nathan", "Zoe", "Marcus", "Elena", "Diego", "Anna", "Peter", "Laura", "Ben", "Rachel",
    "Victor", "Nina", "Samuel", "Julia", "Andrew", "Jessica", "David", "Emma", "Leo", "Omar",
    "Sofia", "Hiroshi", "Ananya", "Wei", "Jing", "Kenji", "Ingrid", "Tomasz", "Chiara",
)
EN_LAST = (
    "Smith", "Sharma", "Johnson", "Patel", "Garcia", "Nguyen", "Chen", "Kim", "Müller",
    "O'Brien", "Williams", "Brown", "Martinez", "Khan", "Tanaka", "Rossi", "Kowalski",
    "Anderson", "Thompson", "Lee", "Wong", "Liu", "Singh", "Fischer", "Dubois", "Silva",
    "Ivanova", "Hughes", "Clarke", "Murphy", "Rodriguez", "Cohen", "Schmidt", "Novak", "Park",
    "Okafor", "Mensah", "Walker", "Bennett", "Hoffmann", "Larsen", "Costa", "Reyes", "Gupta",
    "Iyer", "Sato", "Petrov", "Fernandez", "Wright", "Davies", "Evans", "Moreau", "Jensen",
    "Lindqvist", "Smith-Jones", "Nakamura", "Haddad",
)
# (hanzi, pinyin)
ZH_SURNAMES = (
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"),
    ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("高", "gao"),
    ("林", "lin"), ("罗", "luo"), ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"),
    ("唐", "tang"), ("许", "xu"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"),
    ("彭", "peng"), ("曾", "zeng"), ("肖", "xiao"), ("田", "tian"), ("董", "dong"), ("潘", "pan"),
    ("蒋", "jiang"), ("蔡", "cai"), ("杜", "du"), ("叶", "ye"), ("程", "cheng"), ("苏", "su"),
    ("魏", "wei"), ("吕", "lv"), ("丁", "ding"), ("沈", "shen"), ("姚", "yao"), ("卢", "lu"),
    ("姜", "jiang"), ("崔", "cui"), ("钟", "zhong"), ("谭", "tan"), ("陆", "lu"), ("范", "fan"),
    ("金", "jin"), ("廖", "liao"), ("贾", "jia"), ("夏", "xia"), ("韦", "wei"), ("方", "fang"),
    ("邹", "zou"), ("熊", "xiong"), ("秦", "qin"), ("江", "jiang"), ("薛", "xue"), ("雷", "lei"),
    ("侯", "hou"), ("龙", "long"), ("段", "duan"), ("贺", "he"), ("顾", "gu"), ("龚", "gong"),
)
ZH_COMPOUND_SURNAMES = (
    ("欧阳", "ouyang"), ("司马", "sima"), ("诸葛", "zhuge"), ("上官", "shangguan"),
    ("东方", "dongfang"), ("慕容", "murong"), ("皇甫", "huangfu"), ("令狐", "linghu"),
    ("夏侯", "xiahou"), ("尉迟", "yuchi"),
)
ZH_GIVEN_1 = (
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
    ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"),
    ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("超", "chao"), ("霞", "xia"), ("刚", "gang"),
    ("鹏", "peng"), ("辉", "hui"), ("玲", "ling"), ("婷", "ting"), ("凯", "kai"), ("颖", "ying"),
    ("琳", "lin"), ("斌", "bin"), ("宁", "ning"), ("欣", "xin"), ("悦", "yue"), ("浩", "hao"),
    ("峰", "feng"), ("倩", "qian"), ("睿", "rui"), ("彬", "bin"), ("蕾", "lei"),
)
ZH_GIVEN_2 = (
    ("秀英", "xiuying"), ("浩然", "haoran"), ("子涵", "zihan"), ("欣怡", "xinyi"),
    ("宇轩", "yuxuan"), ("思远", "siyuan"), ("嘉怡", "jiayi"), ("俊杰", "junjie"),
    ("晓东", "xiaodong"), ("建国", "jianguo"), ("海燕", "haiyan"), ("雨桐", "yutong"),
    ("一诺", "yinuo"), ("文博", "wenbo"), ("志强", "zhiqiang"), ("明宇", "mingyu"),
    ("若曦", "ruoxi"), ("天佑", "tianyou"), ("丽娟", "lijuan"), ("晓燕", "xiaoyan"),
    ("国华", "guohua"), ("佳琪", "jiaqi"), ("振宇", "zhenyu"), ("雪梅", "xuemei"),
    ("梓萱", "zixuan"), ("立新", "lixin"), ("春华", "chunhua"), ("鑫磊", "xinlei"),
)
ZH_TITLES = ("总", "经理", "老师", "工", "姐", "哥", "老板", "主任", "律师", "总监")

EN_DOMAINS = (
    "contoso.com", "fabrikam.com", "northwind.io", "globex.com", "initech.co", "acme-corp.com",
    "example.org", "gmail.com", "outlook.com", "hooli.xyz", "umbrella.co.uk", "wayne-ent.com",
)
ZH_DOMAINS = (
    "163.com", "126.com", "foxmail.com", "sina.com", "aliyun.com", "northwind.cn",
    "hengda-tech.com.cn", "xinghe.cn", "bytesea.com", "yunfan.net", "qq.com",
)

_CN_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "145", "147", "150", "151",
    "152", "153", "155", "156", "157", "158", "159", "166", "170", "173", "176", "177", "178",
    "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "193", "195", "198",
    "199",
)
_CN_AREA_3 = ("010", "020", "021", "022", "023", "024", "025", "027", "028", "029")
_CN_AREA_4 = ("0755", "0571", "0512", "0532", "0731", "0592", "0591", "0871", "0769", "0898")
_US_AREAS = ("212", "415", "646", "650", "206", "312", "617", "408", "510", "213", "512", "303")
_ID_REGIONS = (
    "110101", "110105", "110108", "310104", "310115", "440305", "440304", "440106", "330106",
    "320102", "510107", "420106", "610113", "370202", "350203", "430104", "120101", "500103",
    "210102", "220102", "230102", "410105", "450103", "520102", "530102", "620102", "630102",
    "640104", "650102", "130102", "140105", "150102", "340104", "360102", "460106", "540102",
)
_UNIONPAY_BINS = (
    ("622202", 19), ("622848", 19), ("621700", 19), ("622588", 16), ("621226", 19),
    ("623058", 19), ("621483", 16), ("622700", 19), ("621799", 19), ("622262", 19),
    ("625965", 16), ("628288", 16), ("621661", 19), ("601382", 19), ("622609", 17),
    ("621485", 16), ("622150", 19), ("621098", 18),
)
_OTHER_DEBIT_BINS = (("436742", 19), ("427010", 16), ("524047", 16))
_TEST_CARDS = (
    "4111111111111111", "4012888888881881", "4242424242424242", "4000056655665556",
    "5555555555554444", "5105105105105100", "2223003122003222", "5200828282828210",
    "378282246310005", "371449635398431",
)
_PW_WORDS = (
    "Summer", "Welcome", "Dragon", "Monkey", "Sunshine", "Shanghai", "Beijing", "Qwer",
    "Admin", "Changeme", "Tiger", "Panda", "Winter", "Galaxy", "Rocket", "Coffee",
)
_PW_SYMBOLS = "!@#$%^&*_-"
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_B64ISH = _ALNUM + "/+"
_HEX = "0123456789abcdef"

# ---------------------------------------------------------------------------------------------
# Slot generators. Each returns the pieces a slot renders to: (text, entity, decoy kind).
# `ctx` carries the last person named in the message so an email can belong to them.
# ---------------------------------------------------------------------------------------------

Piece = tuple[str, str | None, str | None]
Ctx = dict[str, tuple[str, ...]]


def _digits(rng: Random, k: int) -> str:
    return "".join(rng.choices("0123456789", k=k))


def _group(s: str, sizes: Sequence[int], sep: str = " ") -> str:
    out, i = [], 0
    for size in sizes:
        if i >= len(s):
            break
        out.append(s[i : i + size])
        i += size
    if i < len(s):
        out.append(s[i:])
    return sep.join(out)


def _en_first(rng: Random, ctx: Ctx) -> list[Piece]:
    first = rng.choice(EN_FIRST)
    ctx["en"] = (first, rng.choice(EN_LAST))
    return [(first, "PERSON", None)]


def _en_full(rng: Random, ctx: Ctx) -> list[Piece]:
    if rng.random() < 0.2:  # a Chinese colleague written in pinyin, either order
        sur, given = _zh_parts(rng, compound_p=0.05)
        fam, giv = sur[1].capitalize(), given[1].capitalize()
        ctx["en"] = (giv, fam)
        return [(f"{fam} {giv}" if rng.random() < 0.5 else f"{giv} {fam}", "PERSON", None)]
    first, last = rng.choice(EN_FIRST), rng.choice(EN_LAST)
    ctx["en"] = (first, last)
    return [(f"{first} {last}", "PERSON", None)]


def _zh_parts(rng: Random, compound_p: float = 0.1) -> tuple[tuple[str, str], tuple[str, str]]:
    sur = rng.choice(ZH_COMPOUND_SURNAMES) if rng.random() < compound_p else rng.choice(
        ZH_SURNAMES)
    # Compound surnames mostly take a one-character given name (3 chars in all).
    p_double = 0.2 if len(sur[0]) == 2 else 0.55
    given = rng.choice(ZH_GIVEN_2) if rng.random() < p_double else rng.choice(ZH_GIVEN_1)
    return sur, given


def _zh_name(rng: Random, ctx: Ctx) -> list[Piece]:
    sur, given = _zh_parts(rng)
    ctx["zh"] = (sur[1], given[1])
    return [(sur[0] + given[0], "PERSON", None)]


def _honorific(rng: Random, ctx: Ctx) -> list[Piece]:
    sur = rng.choice(ZH_SURNAMES)[0]
    r = rng.random()
    text = ("小" + sur) if r < 0.15 else ("老" + sur) if r < 0.25 else sur + rng.choice(ZH_TITLES)
    return [(text, None, "HONORIFIC")]


def _local_from(first: str, last: str, rng: Random) -> str:
    first = first.lower().replace("'", "").replace("ü", "u")
    last = last.lower().replace("'", "").replace("ü", "u").replace("-", "")
    style = rng.randrange(6)
    if style == 0:
        return f"{first}.{last}"
    if style == 1:
        return f"{first[0]}{last}"
    if style == 2:
        return f"{first}_{last}"
    if style == 3:
        return f"{first}{last}{rng.randint(1, 99)}"
    if style == 4:
        return f"{last}.{first}"
    return first


def _email(rng: Random, ctx: Ctx) -> list[Piece]:
    if "en" in ctx and rng.random() < 0.85:
        first, last = ctx["en"]
    else:
        first, last = rng.choice(EN_FIRST), rng.choice(EN_LAST)
    return [(f"{_local_from(first, last, rng)}@{rng.choice(EN_DOMAINS)}", "EMAIL_ADDRESS", None)]


def _zh_email(rng: Random, ctx: Ctx) -> list[Piece]:
    if "zh" in ctx and rng.random() < 0.9:
        sur, given = ctx["zh"]
    else:
        s, g = _zh_parts(rng)
        sur, given = s[1], g[1]
    style = rng.randrange(5)
    local = (f"{sur}{given}", f"{given}.{sur}", f"{sur}.{given}",
             f"{sur}{given}{rng.randint(80, 99)}", f"{given[0]}{sur}")[style]
    domain = rng.choice(ZH_DOMAINS)
    if domain == "qq.com":
        local = _digits(rng, 1).replace("0", "1") + _digits(rng, rng.randint(6, 9))
    return [(f"{local}@{domain}", "EMAIL_ADDRESS", None)]


def _qq_email(rng: Random, ctx: Ctx) -> list[Piece]:
    qq = str(rng.randint(1, 9)) + _digits(rng, rng.randint(5, 9))
    return [(f"{qq}@{rng.choice(('qq.com', 'foxmail.com'))}", "EMAIL_ADDRESS", None)]


def _any_email(rng: Random, ctx: Ctx) -> list[Piece]:
    return _zh_email(rng, ctx) if rng.random() < 0.5 else _email(rng, ctx)


def _name_email(rng: Random, ctx: Ctx) -> list[Piece]:
    name = _en_full(rng, ctx)
    first, last = ctx["en"]
    addr = f"{_local_from(first, last, rng)}@{rng.choice(EN_DOMAINS)}"
    return [*name, (" <", None, None), (addr, "EMAIL_ADDRESS", None), (">", None, None)]


def _mobile(rng: Random, ctx: Ctx) -> list[Piece]:
    num = rng.choice(_CN_MOBILE_PREFIXES) + _digits(rng, 8)
    a, b, c = num[:3], num[3:7], num[7:]
    style = rng.randrange(9)
    text = (
        num, num, f"{a} {b} {c}", f"{a}-{b}-{c}", f"+86 {a} {b} {c}", f"+86{num}",
        f"0086 {a}-{b}-{c}", f"+86-{a}-{b}-{c}", f"+86 {num}",
    )[style]
    return [(text, "PHONE_NUMBER", None)]


def _landline(rng: Random, ctx: Ctx) -> list[Piece]:
    if rng.random() < 0.55:
        area, local = rng.choice(_CN_AREA_3), str(rng.randint(2, 8)) + _digits(rng, 7)
    else:
        area = rng.choice(_CN_AREA_4)
        local = str(rng.randint(2, 8)) + _digits(rng, 7)
    half = f"{local[:4]} {local[4:]}"
    style = rng.randrange(6)
    text = (
        f"{area}-{local}", f"({area}) {half}", f"{area}-{half}", f"{area} {local}",
        f"+86 {area[1:]} {half}", f"{area}-{local}",
    )[style]
    return [(text, "PHONE_NUMBER", None)]


def _cn_phone(rng: Random, ctx: Ctx) -> list[Piece]:
    return _mobile(rng, ctx) if rng.random() < 0.7 else _landline(rng, ctx)


def _us_phone(rng: Random, ctx: Ctx) -> list[Piece]:
    area = rng.choice(_US_AREAS)
    if rng.random() < 0.5:  # the 555-01xx fictional range
        exch, line = "555", "01" + _digits(rng, 2)
    else:
        exch = str(rng.randint(2, 9)) + _digits(rng, 2)
        if exch[1:] == "11":
            exch = exch[0] + "21"
        line = _digits(rng, 4)
    style = rng.randrange(5)
    text = (
        f"({area}) {exch}-{line}", f"+1 {area} {exch} {line}", f"{area}-{exch}-{line}",
        f"+1 ({area}) {exch}-{line}", f"{area}.{exch}.{line}",
    )[style]
    return [(text, "PHONE_NUMBER", None)]


def _uk_phone(rng: Random, ctx: Ctx) -> list[Piece]:
    # Ofcom's drama ranges: London 020 7946 0xxx, mobile 07700 900xxx, Manchester 0161 496 0xxx.
    style = rng.randrange(5)
    x = _digits(rng, 3)
    text = (
        f"+44 20 7946 0{x}", f"+44 7700 900{x}", f"020 7946 0{x}", f"+44 161 496 0{x}",
        f"07700 900{x}",
    )[style]
    return [(text, "PHONE_NUMBER", None)]


def _any_phone(rng: Random, ctx: Ctx) -> list[Piece]:
    r = rng.random()
    if r < 0.35:
        return _us_phone(rng, ctx)
    if r < 0.65:
        return _mobile(rng, ctx)
    if r < 0.8:
        return _uk_phone(rng, ctx)
    return _landline(rng, ctx)


_EPOCH_1960 = _dt.date(1960, 1, 1).toordinal()
_EPOCH_2004 = _dt.date(2004, 12, 31).toordinal()


def _cn_id_value(rng: Random, want_x: bool = False) -> str:
    region = rng.choice(_ID_REGIONS)
    born = _dt.date.fromordinal(rng.randint(_EPOCH_1960, _EPOCH_2004)).strftime("%Y%m%d")
    while True:
        first17 = region + born + _digits(rng, 3)
        check = _id_check_char(first17)
        if not want_x or check == "X":
            return first17 + check


def _cnid(rng: Random, ctx: Ctx) -> list[Piece]:
    # About 1 in 11 ids ends in X naturally; force a few more so X handling is always tested.
    return [(_cn_id_value(rng, want_x=rng.random() < 0.12), "CN_RESIDENT_ID", None)]


def _bad_cnid(rng: Random, ctx: Ctx) -> list[Piece]:
    good = _cn_id_value(rng)
    wrong = rng.choice([c for c in "0123456789X" if c != good[-1]])
    return [(good[:-1] + wrong, None, "BAD_RESIDENT_ID")]


def _card_digits(rng: Random, bins: Sequence[tuple[str, int]]) -> str:
    while True:
        prefix, length = rng.choice(bins)
        digits = _luhn_complete(prefix + _digits(rng, length - len(prefix) - 1))
        if not cn_id_ok(digits):  # an 18-digit card must never read as a valid resident id
            return digits


def _format_card(rng: Random, digits: str) -> str:
    r = rng.random()
    if r < 0.45:
        return digits
    if len(digits) == 15:  # Amex prints 4-6-5
        return _group(digits, (4, 6, 5), " " if r < 0.85 else "-")
    return _group(digits, (4, 4, 4, 4, 4), " " if r < 0.85 else "-")


def _bank_card(rng: Random, ctx: Ctx) -> list[Piece]:
    bins = _UNIONPAY_BINS if rng.random() < 0.85 else _OTHER_DEBIT_BINS
    return [(_format_card(rng, _card_digits(rng, bins)), "BANK_CARD", None)]


def _credit_card(rng: Random, ctx: Ctx) -> list[Piece]:
    if rng.random() < 0.3:
        digits = rng.choice(_TEST_CARDS)
    else:
        kind = rng.randrange(4)
        if kind == 0:
            digits = _luhn_complete("4" + _digits(rng, 14))
        elif kind == 1:
            digits = _luhn_complete(str(rng.randint(51, 55)) + _digits(rng, 13))
        elif kind == 2:
            digits = _luhn_complete(str(rng.randint(2221, 2720)) + _digits(rng, 11))
        else:
            digits = _luhn_complete(rng.choice(("34", "37")) + _digits(rng, 12))
    return [(_format_card(rng, digits), "CREDIT_CARD", None)]


def _bad_card(rng: Random, ctx: Ctx) -> list[Piece]:
    digits = _card_digits(rng, (("622202", 16), ("621700", 19), ("411111", 16), ("552233", 16)))
    digits = digits[:-1] + str((int(digits[-1]) + rng.randint(1, 9)) % 10)
    return [(_format_card(rng, digits), None, "BAD_CARD")]


def _iban_value(rng: Random) -> str:
    country = rng.choice(("DE", "DE", "GB", "GB", "FR", "FR", "CH", "AT", "BE"))
    if country == "DE":
        bban = _digits(rng, 18)
    elif country == "GB":
        bban = rng.choice(("NWBK", "BARC", "HBUK", "LOYD", "MIDL")) + _digits(rng, 14)
    elif country == "FR":
        bank, branch, account = _digits(rng, 5), _digits(rng, 5), _digits(rng, 11)
        key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
        bban = f"{bank}{branch}{account}{key:02d}"
    elif country == "CH":
        bban = _digits(rng, 17)
    elif country == "AT":
        bban = _digits(rng, 16)
    else:  # BE: the national check is the first 10 digits mod 97 (0 becomes 97)
        first10 = _digits(rng, 10)
        bban = f"{first10}{int(first10) % 97 or 97:02d}"
    check = 98 - _iban_mod97(bban + country + "00")
    return f"{country}{check:02d}{bban}"


def _iban(rng: Random, ctx: Ctx) -> list[Piece]:
    value = _iban_value(rng)
    if rng.random() < 0.6:  # the paper format: groups of four
        value = _group(value, [4] * 8)
    return [(value, "IBAN_CODE", None)]


def _ipv4(rng: Random, ctx: Ctx) -> list[Piece]:
    r = rng.random()
    if r < 0.3:
        text = f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    elif r < 0.5:
        text = f"192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    elif r < 0.6:
        text = f"172.{rng.randint(16, 31)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    else:
        first = rng.choice((8, 23, 34, 47, 52, 58, 101, 106, 113, 114, 118, 120, 139, 180, 203,
                            211, 220, 221))
        text = f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    return [(text, "IP_ADDRESS", None)]


def _ipv6(rng: Random, ctx: Ctx) -> list[Piece]:
    prefix = rng.choice(("2001:0db8", "240e:0388", "2408:8207", "fe80:0000", "2404:6800"))
    groups = prefix.split(":") + [f"{rng.randrange(0x10000):04x}" for _ in range(6)]
    if rng.random() < 0.5:  # leave a run of zeros so the compressed form has "::"
        groups[2:4] = ["0000", "0000"]
    addr = ipaddress.IPv6Address(":".join(groups))
    text = addr.exploded if rng.random() < 0.25 else addr.compressed
    return [(text, "IP_ADDRESS", None)]


def _ip(rng: Random, ctx: Ctx) -> list[Piece]:
    return _ipv6(rng, ctx) if rng.random() < 0.25 else _ipv4(rng, ctx)


def _aws(rng: Random, ctx: Ctx) -> list[Piece]:
    return [("AKIA" + "".join(rng.choices(_B32, k=16)), "SECRET", None)]


def _aws_secret(rng: Random, ctx: Ctx) -> list[Piece]:
    return [("".join(rng.choices(_B64ISH, k=40)), "SECRET", None)]


def _ghp(rng: Random, ctx: Ctx) -> list[Piece]:
    return [("ghp_" + "".join(rng.choices(_ALNUM, k=36)), "SECRET", None)]


def _slack(rng: Random, ctx: Ctx) -> list[Piece]:
    token = (f"xoxb-{_digits(rng, rng.randint(10, 13))}-{_digits(rng, rng.randint(10, 13))}-"
             + "".join(rng.choices(_ALNUM, k=24)))
    return [(token, "SECRET", None)]


def _password(rng: Random, ctx: Ctx) -> list[Piece]:
    style = rng.randrange(4)
    if style == 0:
        pw = f"{rng.choice(_PW_WORDS)}{rng.randint(2019, 2025)}{rng.choice(_PW_SYMBOLS)}"
    elif style == 1:
        pw = f"{rng.choice(_PW_WORDS)}{rng.choice('@#!')}{_digits(rng, rng.randint(3, 6))}"
    elif style == 2:
        core = "".join(rng.choices(_ALNUM + _PW_SYMBOLS, k=rng.randint(10, 16)))
        pw = rng.choice(_ALNUM) + core + rng.choice(_ALNUM)
    else:
        pw = (rng.choice(_PW_WORDS).lower() + _digits(rng, 2) + rng.choice(_PW_SYMBOLS)
              + rng.choice(_PW_WORDS))
    return [(pw, "SECRET", None)]


# --- decoys -----------------------------------------------------------------------------------


def _decoy(kind: str, make: Callable[[Random], str]) -> Callable[[Random, Ctx], list[Piece]]:
    def gen(rng: Random, ctx: Ctx) -> list[Piece]:
        return [(make(rng), None, kind)]

    return gen


def _order_no(rng: Random) -> str:
    while True:
        day = _dt.date.fromordinal(rng.randint(738_900, 739_600)).strftime("%Y%m%d")
        value = day + _digits(rng, rng.choice((8, 10)))
        if not cn_id_ok(value):
            return value


def _version(rng: Random) -> str:
    v = f"{rng.randint(0, 12)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}"
    r = rng.random()
    return f"v{v}" if r < 0.5 else v if r < 0.8 else f"v{v}-rc.{rng.randint(1, 4)}"


def _version_iplike(rng: Random) -> str:
    # Four dotted numbers, each <= 255: reads exactly like an IPv4 address.
    return f"{rng.randint(1, 12)}.{rng.randint(0, 40)}.{rng.randint(0, 60)}.{rng.randint(1, 250)}"


def _cny(rng: Random) -> str:
    amount = rng.randint(30, 90_000) + rng.choice((0, 0, 0.5, 0.8, 0.99))
    style = rng.randrange(6)
    if style == 0:
        return f"¥{amount:,.2f}"
    if style == 1:
        return f"{int(amount)}元"
    if style == 2:
        return f"{amount:,.2f} 元"
    if style == 3:
        return f"¥{int(amount)}"
    if style == 4:
        return f"RMB {int(amount):,}"
    return f"{amount / 10_000:.1f}万元"


def _usd(rng: Random) -> str:
    amount = rng.randint(9, 60_000)
    style = rng.randrange(4)
    return (f"${amount:,}", f"${amount}.{rng.randint(0, 99):02d}", f"USD {amount:,}",
            f"${amount:,}.00")[style]


def _eur(rng: Random) -> str:
    amount = rng.randint(50, 90_000)
    style = rng.randrange(3)
    return (f"€{amount:,}", f"EUR {amount:,}.00", f"{amount:,} €")[style]


def _date_en(rng: Random) -> str:
    d = _dt.date.fromordinal(rng.randint(739_000, 739_500))
    style = rng.randrange(4)
    return (d.isoformat(), f"{d:%B} {d.day}", f"{d.day} {d:%b %Y}", f"{d.month}/{d.day}")[style]


def _date_zh(rng: Random) -> str:
    d = _dt.date.fromordinal(rng.randint(739_000, 739_500))
    style = rng.randrange(4)
    return (f"{d.month}月{d.day}日", f"{d.year}年{d.month}月{d.day}日", f"{d.month}.{d.day}",
            d.isoformat())[style]


def _time_en(rng: Random) -> str:
    h, m = rng.randint(8, 21), rng.choice((0, 0, 15, 30, 45))
    style = rng.randrange(3)
    if style == 0:
        return f"{h:02d}:{m:02d}"
    if style == 1:
        return f"{h % 12 or 12}{'' if not m else f':{m:02d}'}{'am' if h < 12 else 'pm'}"
    return f"{h:02d}:{m:02d}-{h + 1:02d}:{m:02d}"


def _time_zh(rng: Random) -> str:
    h, m = rng.randint(8, 21), rng.choice((0, 0, 15, 30))
    style = rng.randrange(3)
    if style == 0:
        return f"{h:02d}:{m:02d}"
    if style == 1:
        part = "上午" if h < 12 else "下午" if h < 18 else "晚上"
        return f"{part}{h % 12 or 12}点" + ("半" if m == 30 else "")
    return f"{h}点{m:02d}分"


def _ticket(rng: Random) -> str:
    if rng.random() < 0.15:
        return f"INC{_digits(rng, 7)}"
    project = rng.choice(("PAY", "OPS", "INFRA", "HR", "SEC", "CRM", "APP", "DATA", "BILL", "FIN"))
    return f"{project}-{rng.randint(12, 99_999)}"


def _build(rng: Random) -> str:
    return str(rng.randint(1_000, 99_999)) if rng.random() < 0.7 else (
        f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}.{rng.randint(1, 9)}")


def _room(rng: Random) -> str:
    style = rng.randrange(4)
    return (f"{rng.choice('ABCD')}-{rng.randint(2, 30)}{rng.randint(1, 20):02d}",
            f"{rng.randint(2, 9)}.{rng.randint(1, 40):02d}",
            f"B{rng.randint(1, 3)}-{rng.randint(101, 420)}",
            f"{rng.randint(2, 30)}F-{rng.randint(1, 30):02d}")[style]


def _zh_room(rng: Random) -> str:
    style = rng.randrange(4)
    return (f"{rng.randint(1, 9)}号楼{rng.randint(2, 20)}{rng.randint(1, 30):02d}",
            f"{rng.choice('ABCD')}座{rng.randint(2, 30)}{rng.randint(1, 20):02d}",
            f"{rng.randint(2, 30)}楼{rng.choice(('大会议室', '小会议室', '培训室'))}",
            f"{rng.choice(('望京厅', '西湖厅', '黄浦厅', '深南厅'))}")[style]


def _otp(rng: Random) -> str:
    return _digits(rng, 6 if rng.random() < 0.85 else 4)


def _one_time_code(rng: Random, ctx: Ctx) -> list[Piece]:
    return [(_otp(rng), "SECRET", None)]


def _commit(rng: Random) -> str:
    return "".join(rng.choices(_HEX, k=7 if rng.random() < 0.8 else 40))


def _pct(rng: Random) -> str:
    style = rng.randrange(3)
    return (f"{rng.randint(1, 99)}%", f"{rng.randint(1, 99)}.{rng.randint(1, 9)}%",
            f"99.{rng.choice(('9', '95', '99'))}%")[style]


def _port(rng: Random) -> str:
    return str(rng.choice((8080, 8443, 6379, 3306, 5432, 9200, 27017, 50051, 2379, 15672, 9092)))


def _tracking(rng: Random) -> str:
    style = rng.randrange(4)
    return (f"SF{_digits(rng, 13)}", f"YT{_digits(rng, 13)}", f"JD{_digits(rng, 13)}",
            f"75{_digits(rng, 12)}")[style]


def _invoice(rng: Random) -> str:
    if rng.random() < 0.5:
        return _digits(rng, 8)
    return f"INV-{rng.randint(2023, 2025)}-{_digits(rng, 5)}"


def _bic(rng: Random) -> str:
    return rng.choice(("DEUTDEFF", "COBADEFFXXX", "BKCHCNBJ", "CMBCCNBS", "NWBKGB2L", "BNPAFRPP",
                       "UBSWCHZH80A", "ICBKCNBJSZN"))


def _pr(rng: Random) -> str:
    return f"#{rng.randint(100, 9_999)}"


# slot kind -> (generator, entity class it can produce or None for decoys)
_SLOTS: dict[str, tuple[Callable[[Random, Ctx], list[Piece]], str | None]] = {
    "first": (_en_first, "PERSON"),
    "name": (_en_full, "PERSON"),
    "zh": (_zh_name, "PERSON"),
    "name_email": (_name_email, "PERSON"),  # also EMAIL_ADDRESS; see _TEMPLATE_EXTRA
    "email": (_email, "EMAIL_ADDRESS"),
    "zh_email": (_zh_email, "EMAIL_ADDRESS"),
    "qq_email": (_qq_email, "EMAIL_ADDRESS"),
    "any_email": (_any_email, "EMAIL_ADDRESS"),
    "mobile": (_mobile, "PHONE_NUMBER"),
    "landline": (_landline, "PHONE_NUMBER"),
    "cn_phone": (_cn_phone, "PHONE_NUMBER"),
    "us_phone": (_us_phone, "PHONE_NUMBER"),
    "uk_phone": (_uk_phone, "PHONE_NUMBER"),
    "phone": (_any_phone, "PHONE_NUMBER"),
    "cnid": (_cnid, "CN_RESIDENT_ID"),
    "bank": (_bank_card, "CARD"),
    "credit": (_credit_card, "CARD"),
    "iban": (_iban, "IBAN_CODE"),
    "ipv4": (_ipv4, "IP_ADDRESS"),
    "ipv6": (_ipv6, "IP_ADDRESS"),
    "ip": (_ip, "IP_ADDRESS"),
    "aws": (_aws, "SECRET"),
    "aws_secret": (_aws_secret, "SECRET"),
    "ghp": (_ghp, "SECRET"),
    "slack": (_slack, "SECRET"),
    "pw": (_password, "SECRET"),
    "code": (_one_time_code, "SECRET"),
    # decoys
    "honorific": (_honorific, None),
    "bad_cnid": (_bad_cnid, None),
    "bad_card": (_bad_card, None),
    "order": (_decoy("ORDER_NO", _order_no), None),
    "version": (_decoy("VERSION", _version), None),
    "version4": (_decoy("VERSION_IPLIKE", _version_iplike), None),
    "cny": (_decoy("AMOUNT", _cny), None),
    "usd": (_decoy("AMOUNT", _usd), None),
    "eur": (_decoy("AMOUNT", _eur), None),
    "date": (_decoy("DATE", _date_en), None),
    "zh_date": (_decoy("DATE", _date_zh), None),
    "time": (_decoy("TIME", _time_en), None),
    "zh_time": (_decoy("TIME", _time_zh), None),
    "ticket": (_decoy("TICKET", _ticket), None),
    "build": (_decoy("BUILD", _build), None),
    "room": (_decoy("ROOM", _room), None),
    "zh_room": (_decoy("ROOM", _zh_room), None),
    "otp": (_decoy("OTP", _otp), None),
    "commit": (_decoy("COMMIT", _commit), None),
    "pct": (_decoy("PERCENT", _pct), None),
    "port": (_decoy("PORT", _port), None),
    "tracking": (_decoy("TRACKING_NO", _tracking), None),
    "invoice": (_decoy("INVOICE_NO", _invoice), None),
    "bic": (_decoy("BIC", _bic), None),
    "pr": (_decoy("PR", _pr), None),
}

# ---------------------------------------------------------------------------------------------
# Templates. `{kind}` is a slot; `{kind2}` is a second, different value of the same kind; a
# repeated `{kind}` repeats the same value. POSITIVE templates always yield at least one entity;
# NEGATIVE ones never do (they carry decoys or nothing).
# ---------------------------------------------------------------------------------------------

EN_POSITIVE: tuple[str, ...] = (
    "Hi {first}, the release train for {version} leaves at {time} today. If anything blocks, "
    "ping me on {us_phone}.",
    "@channel on-call this week is {name} ({phone}). Escalation policy is in the wiki; sev1s "
    "go straight to the bridge.",
    "Thanks {first}! Merged as {commit}, will tag {version} after CI goes green.",
    "Can you add {name_email} to the vendor onboarding thread? They start on {date}.",
    "Reimbursement for the Shanghai trip: {cny} hotel + {cny2} taxi. Please pay to my card "
    "{bank}, expense ticket {ticket}.",
    "Prod DB primary is {ipv4}, replica {ipv42}. Don't touch port {port} on the replica, "
    "{first} is running a migration.",
    "FYI the staging bastion moved to {ipv6}. The old host is decommissioned after {date}.",
    "whoever committed {aws} in config/dev.env please rotate it now, it's in the public mirror",
    "Token for the deploy bot: {ghp} (expires in 30 days, I'll rotate it after {version} ships)",
    "Slack app token is {slack}, store it in Vault not in the repo please",
    "Temp credentials for the demo tenant - user: demo-admin, password: {pw}. Change it after "
    "the call with {name}.",
    "Dear {first},\n\nPlease find attached the signed contract. Our bank details are IBAN "
    "{iban}, reference {invoice}.\n\nBest regards,\n{name}",
    "{first} can you call the customer back? Their number is {us_phone}, ask for {name}.",
    "HR needs your ID for the Beijing office badge. For {name} we have {cnid} on file, please "
    "confirm it's correct.",
    "Visa application for {name}: passport copy sent, Chinese resident ID {cnid}, travel "
    "dates {date} to {date2}.",
    "Customer says card {credit} was charged twice ({usd}). Refund ticket {ticket}, can "
    "finance take a look?",
    "Booking the team dinner on the corporate card {credit}, total around {usd}.",
    "Reminder: standup moved to {time}. {first} and {first2} are out today.",
    "Looping in {name} from legal - {email}.",
    "New hire paperwork: {name}, mobile {mobile}, ID {cnid}, salary card {bank}.",
    "Hey {first}, the grafana alert fired for {ipv4} again, CPU at {pct}. Can you check before "
    "the {time} sync?",
    "Please wire the deposit to {iban} (account holder {name}). Invoice {invoice}, amount {eur}.",
    "UK office front desk: {uk_phone}. Ask for {first} if the courier can't find the building.",
    "Out of office until {date}. For urgent issues contact {name} at {email} or {phone}.",
    "{name} left the company last Friday, please remove {email} from all distribution lists.",
    "I reset your VPN password to {pw} - you'll be asked to change it at first login.",
    "Sorry {first}, I pasted the wrong thing earlier. The correct key id is {aws}, the old one "
    "is revoked.",
    "Firewall rule request: allow {ipv4} -> {ipv42} on port {port}, change ticket {ticket}.",
    "Could you share the slides with {first}? Their email is {email}.",
    "Per our call, {name} will be the point of contact for the migration. Direct line "
    "{landline}.",
    "Got a call from {us_phone} claiming to be from IT and asking for my password - reporting "
    "it as phishing.",
    "Paging {first}: checkout latency is up {pct} since build {build}. Rollback?",
    "Shipping address confirmed. Recipient {name}, phone {phone}, order {order}.",
    "Interview panel for Thursday: {name}, {name2} and me. The candidate's number is {mobile} "
    "if we need to reschedule.",
    "Thanks {first} and {first2} for jumping on the incident last night 🙏",
    "The card on file ({credit}) was declined; the customer, {name}, asked us to retry "
    "tomorrow.",
    "GitHub flagged a leaked token in PR {pr}: {ghp}. Revoked, but please check the audit log.",
    "Meeting room {room} is booked for {time}. Dial-in {us_phone}, passcode {otp}. Host: "
    "{first}",
    "{first}, I can't reach {ipv6} from the VPN, can you check the security group?",
    "Please update my bank details for payroll: {bank} (China Merchants Bank). Thanks, {first}",
    "Your password has been reset by {name}. New password: {pw}",
    "Kicking off the quarterly access review. {name} owns the finance apps, {name2} owns infra.",
    "Can someone with admin rights whitelist {ipv4}? It's {first}'s home IP, they're on call this "
    "weekend.",
    "Hi team, I'm {name}, joining from the Singapore office. Best way to reach me is {email}.",
    "Invoice {invoice} is overdue. Please remit {eur} to {iban}, SWIFT {bic}.",
    "Spoke to {name} at the customer, they want the SLA report by {date}. Mobile: {phone}",
    "lunch? {first} is buying 😄",
    "Expense claim for {name}: flights {usd}, hotel {usd2}. Card used: {credit}.",
    "For the runbook: metrics endpoint on {ipv4}:{port}, creds admin / {pw}",
    "DM'd you the prod creds. For the record, the Slack bot token in the old repo was {slack} "
    "- revoked.",
    "{first} - can you review the PR before {time}? It bumps the client to {version}.",
    "Customer escalation from {name} ({email}): tickets {ticket} and {ticket2} are still open "
    "after 5 days.",
    "Background check consent for {name}, ID number {cnid}. Please keep this email "
    "confidential.",
    "Dinner reservation under {first}'s name at {time}. The restaurant's phone: {landline}.",
    "Please wire {usd} to the contractor. IBAN: {iban}. Name on account: {name}.",
    "Heads up: {first} is out sick, {first2} is covering the on-call pager until {date}.",
    "Rotated the AWS keys. New access key id {aws}, secret in 1Password under 'ci-prod'.",
    "Welcome aboard {first}! Your laptop is at the IT desk in room {room}, temporary "
    "password: {pw}",
    "The client's admin panel is at {ipv4}, log in with password {pw} and change it "
    "immediately.",
    "Call me at {phone} if the deploy goes sideways, I'll be on the train until {time}.",
    "{name} from procurement asked for our bank details: {iban}.",
    "Sorry for the delay {first}, the refund to card {bank} was processed on {date}; it can take "
    "3-5 business days.",
    "aws_access_key_id = {aws}\naws_secret_access_key = {aws_secret}\n^ found this in the "
    "Jenkins log, who owns it?",
    "Hi {first}, could you send me {first2}'s number? Never mind, found it: {mobile}",
    "Please reset the BMC password on {ipv4}, it's still the default. New one: {pw}",
    "Can finance refund {usd} to the customer's card? Full number is {credit}, cardholder "
    "{name}.",
    "Typo alert: the ID on the form was {bad_cnid}, the correct one for {name} is {cnid}.",
    "The card number {bad_card} bounced (checksum). {first} re-sent it as {bank}.",
    "Your verification code is {code}. It expires in 10 minutes.",
)

EN_NEGATIVE: tuple[str, ...] = (
    "Release {version} is out. Changelog: {pct} faster cold start, fixed the build {build} "
    "regression.",
    "Heads up: ticket {ticket} is blocked on the vendor. ETA {date}.",
    "Upgraded the agent to version {version4} on all runners, no restarts needed.",
    "Q3 budget is {usd}, we're at {pct} so far.",
    "Deploy finished at {time}. Commit {commit}, build #{build}.",
    "Room {room} is free at {time} if you want to do the retro there.",
    "Order {order} shipped, tracking number {tracking}.",
    "The service listens on port {port} now, update your local config.",
    "Please file expenses over {usd} before {date}.",
    "The test card {bad_card} keeps failing validation - is it a typo in the fixture?",
    "The ID in row 14 ({bad_cnid}) fails the checksum, can you ask HR to re-enter it?",
    "lgtm, ship it",
    "Can we move the 1:1 to {time}? Something came up.",
    "Reminder: the password policy now requires 14 characters and MFA for all admin accounts.",
    "Error rate dropped to {pct} after the fix in {commit}.",
    "Invoice {invoice} paid, {eur}.",
    "Sprint planning on {date} at {time}, please groom your tickets ({ticket}, {ticket2}).",
    "Firmware version {version4} is required for the new badge readers.",
    "Standup notes: auth migration at {pct}, on track for {date}. Blockers: none.",
    "Build {build} failed on the arm64 runner, retrying.",
    "See https://wiki.northwind.io/ops/oncall for the rotation; PR {pr} updates it.",
)

ZH_POSITIVE: tuple[str, ...] = (
    "{zh}，今天{zh_time}发版，版本号{version}，有问题打我电话{mobile}。",
    "本周值班：{zh}（{mobile}），备岗{zh2}（{mobile2}）。",
    "请把报销款打到我的工资卡{bank}，报销单号{ticket}，金额{cny}。",
    "@{zh} 客户那边的联系人是{zh2}，电话{landline}，邮箱{zh_email}。",
    "新员工入职信息：姓名{zh}，身份证号{cnid}，手机{mobile}，银行卡{bank}。",
    "麻烦{zh}帮忙订一下{zh_date}去上海的机票，身份证号{cnid}，手机号{mobile}。",
    "生产库主库地址{ipv4}，从库{ipv42}，端口{port}，今晚{zh_time}停机维护。",
    "测试环境的数据库密码：{pw}，别发到大群里。",
    "谁把{aws}提交到仓库了？赶紧作废重新生成。",
    "GitHub 的部署令牌是{ghp}，30天后过期。",
    "Slack 机器人 token：{slack}，已经配置到 CI 里了。",
    "{zh}老师好，附件是合同扫描件，对公账户信息请见附件。",
    "客户{zh}投诉信用卡{credit}被重复扣款{usd}，工单{ticket}。",
    "海外供应商的收款账户 IBAN：{iban}，请财务{zh_date}前付款。",
    "{zh}的邮箱是{zh_email}，有问题可以直接发邮件。",
    "VPN 新地址是{ipv6}，老地址下周停用。",
    "收到，谢谢{zh}！",
    "差旅报销：{zh}，高铁{cny}，酒店{cny2}，打款账户{bank}。",
    "已经把{zh}加到项目群了，他的手机号是{mobile}。",
    "北京办公室前台电话{landline}，快递到了让前台通知{zh}。",
    "背调授权：候选人{zh}，身份证{cnid}，请注意保密。",
    "{zh}，服务器{ipv4}的磁盘使用率到了{pct}，帮忙看一下。",
    "明天的面试官：{zh}、{zh2}和我，候选人电话{mobile}。",
    "这是我的新号码{mobile}，旧号停用了。",
    "请联系{zh}（{zh_email}，{cn_phone}）确认发票信息。",
    "初始密码是{pw}，首次登录后请修改。",
    "{zh}经理，这周五的评审会改到{zh_time}，会议室{zh_room}。",
    "感谢{zh}和{zh2}昨晚处理故障，辛苦了！",
    "客户的出口 IP 是{ipv4}，请加白名单，变更单{ticket}。",
    "工资卡换成了{bank}，麻烦{zh}帮我更新一下。",
    "我的公司邮箱{zh_email}，个人邮箱{qq_email}，都可以联系。",
    "{zh}已经离职，请回收他的权限，邮箱{zh_email}也停用。",
    "下午和{zh}开会，地点{zh_room}，电话会议号码{landline}。",
    "信用卡{credit}是公司的差旅卡，订酒店用这张。",
    "社保登记需要身份证号，{zh}的是{cnid}，对一下有没有错。",
    "服务器登录：账号 root，密码：{pw}",
    "{zh}，你的快递到了，放在前台了。",
    "机器{ipv6}上的服务挂了，{zh}在看。",
    "上海分公司的座机是{landline}，找{zh}。",
    "报销打款失败，卡号{bank}可能有误，请{zh}核对。",
    "今天{zh}请假，有事找{zh2}，电话{mobile}。",
    "这是客户的联系方式：{zh}，{mobile}，{zh_email}。",
    "AWS 的 access key {aws} 已经泄露到日志里了，{zh}马上轮换一下。",
    "各位，{zh}是新来的运维同学，以后值班表会加上他。",
    "{zh}，机票已出，行程单发到你邮箱{zh_email}了。",
    "供应商开户信息：户名{zh}，卡号{bank}，开户行招商银行深圳分行。",
    "这张卡{credit}在海外网站支付被拒了，是不是额度不够？",
    "请{zh}把{ipv4}从负载均衡里摘掉，我要重启。",
    "紧急联系人：{zh}，关系：配偶，电话{mobile}。",
    "我刚把密码改成{pw}了，你试试能不能登录。",
    "{zh}回复：已确认，{zh_date}到岗。",
    "汇款到德国子公司账户{iban}，用途：服务费，发票号{invoice}。",
    "预订信息：入住人{zh}，身份证{cnid}，联系电话{cn_phone}。",
    "{zh}的分机是{landline}，工作时间都在。",
    "堡垒机地址{ipv4}，账号用你自己的，密码：{pw}",
    "找{zh}拿一下测试账号，他负责和{zh2}那边对接。",
    "老板说这个需求由{zh}负责，{zh2}配合。",
    "感谢{zh}的支持！合同已寄出，快递单号{tracking}。",
    "发票抬头和税号我发到{zh_email}了，请查收。——{zh}",
    "飞书机器人 webhook 里的 token 别再贴群里了：{slack}",
    "出差申请：{zh}，{zh_date}至{zh_date2}，深圳，预算{cny}。",
    "人事那边说{zh}的身份证号{cnid}和系统里不一致，需要重新提交。",
    "@{zh} 客户反馈登录不了，对方电话{cn_phone}，麻烦回个电话。",
    "转账信息：收款人{zh}，银行卡号{bank}，金额{cny}，请今天处理。",
    "我的工作邮箱改成{zh_email}了，旧邮箱{zh_email2}下月停用。",
    "{honorific}，{zh}的报销单已经提交了，金额{cny}。",
    "{zh}的身份证号填成了{bad_cnid}，正确的是{cnid}，麻烦改一下。",
    "卡号{bad_card}不对，正确的工资卡是{bank}。",
    "{honorific}让{zh}在{zh_date}前把合同发过去。",
    "验证码{code}，5分钟内有效，请勿泄露。",
)

ZH_NEGATIVE: tuple[str, ...] = (
    "收到，{zh_time}前处理完。",
    "订单号{order}已发货，快递单号{tracking}。",
    "版本{version}已上线，冷启动速度提升{pct}。",
    "报销金额{cny}，已提交审批，单号{ticket}。",
    "{honorific}说今天的会取消了，改到{zh_date}。",
    "构建{build}失败了，是提交{commit}引入的问题。",
    "会议室{zh_room}，{zh_time}开始，大家准时参加。",
    "服务端口改成{port}了，本地配置记得更新。",
    "客户端升级到版本{version4}后问题消失。",
    "这个身份证号{bad_cnid}校验位不对，麻烦再核对一下。",
    "卡号{bad_card}校验不通过，是不是抄错了？",
    "{honorific}，周报已经发您邮箱了。",
    "{zh_date}{zh_time}全员大会，地点{zh_room}。",
    "本月预算已用{pct}，剩余{cny}。",
    "好的，我看一下。",
    "工单{ticket}已解决，请验证后关闭。",
    "发票号码{invoice}，金额{cny}，已寄出。",
    "今晚{zh_time}发布{version}，预计停机30分钟。",
    "{honorific}让大家在{zh_date}前把 OKR 更新完。",
    "退款{cny}已原路返回，订单号{order}。",
    "P0 故障已恢复，错误率降到{pct}，复盘会定在{zh_date}。",
)

MIXED_POSITIVE: tuple[str, ...] = (
    "{first} 说今天{zh_time}发版，有问题找他。",
    "请把文档发给 {name}，邮箱 {email}。",
    "已经和 {name} 确认过了，合同{zh_date}签。",
    "{first}，你的 PR 我 review 完了，LGTM，可以 merge。",
    "跨境付款：收款人 {name}，IBAN {iban}，金额{eur}。",
    "外籍员工 {name} 的邮箱 {email}，手机 {phone}。",
    "Oncall 交接：{first} 负责到{zh_date}，之后是{zh}。",
    "客户 {name} 的 email 是 {email}，他更喜欢邮件沟通。",
    "{zh} 的 GitHub token {ghp} 过期了，帮忙 renew 一下。",
    "staging 的 DB password: {pw}，别 commit 进去。",
    "meeting 改到{zh_time}了，{first} 和{zh}都要参加。",
    "Hi {zh}，请把 invoice 发到 {email}，谢谢！",
    "server {ipv4} 又 down 了，{first} 在看 log。",
    "{first} 的手机号是 {mobile}，他今天 WFH。",
    "给 {name} 订的酒店，信用卡 {credit} 担保。",
    "HR 需要{zh}的 ID number：{cnid}，请确认。",
    "请 {first} 联系客户，电话 {us_phone}，注意时差。",
    "这个 AWS key {aws} 是谁的？已经在 public repo 里了。",
    "{zh} 刚 join 我们组，email 是 {zh_email}。",
    "Release {version} 的 owner 是 {first}，QA 是{zh}。",
    "Thanks {zh}！报销已经打到你的卡 {bank} 了。",
    "伦敦办公室电话 {uk_phone}，找 {first}。",
    "VPN 连不上 {ipv6}，{first} 帮忙看看？",
    "Slack bot token {slack} 已经 revoke 了，新的在 Vault。",
    "请{first}确认一下客户地址，联系人{zh}，电话{mobile}。",
    "{name} 下周来北京出差，需要帮他订酒店，passport 已经发给 HR 了。",
    "{zh}的 offer letter 已发到 {zh_email}，入职时带身份证原件。",
    "{honorific} 说让 {first} follow up 一下客户的 email：{email}。",
    "验证码 {code} 收到了，thanks。",
)

MIXED_NEGATIVE: tuple[str, ...] = (
    "好的，我 check 一下 {ticket}。",
    "build {build} 挂了，看起来是 flaky test。",
    "deploy 完成，commit {commit}，version {version}。",
    "今天的 standup 改到{zh_time}，room {room}。",
    "{honorific} 说 Q3 budget 还剩 {pct}。",
    "upgrade 到 version {version4} 之后没问题了。",
    "PR {pr} 已经 merge 了，{cny} 的 refund 下周处理。",
)


class _Template(NamedTuple):
    source: str
    segments: tuple[str | tuple[str, str], ...]  # literal text or (slot kind, slot key)
    classes: tuple[str, ...]  # entity classes it can produce, sorted


_SLOT_RE = re.compile(r"\{([a-z_0-9]+)\}")


def _compile(source: str) -> _Template:
    segments: list[str | tuple[str, str]] = []
    classes: list[str] = []
    pos = 0
    for m in _SLOT_RE.finditer(source):
        key = kind = m.group(1)
        if kind not in _SLOTS and kind[-1].isdigit():  # {ipv42}: a second ipv4
            kind = kind[:-1]
        if kind not in _SLOTS:
            raise ValueError(f"unknown slot {{{key}}} in template {source!r}")
        if m.start() > pos:
            segments.append(source[pos : m.start()])
        segments.append((kind, key))
        cls = _SLOTS[kind][1]
        if cls is not None:
            classes.append(cls)
            if kind == "name_email":
                classes.append("EMAIL_ADDRESS")
        pos = m.end()
    if pos < len(source):
        segments.append(source[pos:])
    return _Template(source, tuple(segments), tuple(sorted(set(classes))))


def _compile_all(sources: Sequence[str]) -> tuple[_Template, ...]:
    return tuple(_compile(s) for s in sources)


_POSITIVE = {
    "en": _compile_all(EN_POSITIVE),
    "zh": _compile_all(ZH_POSITIVE),
    "mixed": _compile_all(MIXED_POSITIVE),
}
_NEGATIVE = {
    "en": _compile_all(EN_NEGATIVE),
    "zh": _compile_all(ZH_NEGATIVE),
    "mixed": _compile_all(MIXED_NEGATIVE),
}
for _lang, _tpls in _NEGATIVE.items():
    for _t in _tpls:
        if _t.classes:
            raise ValueError(f"negative {_lang} template yields entities: {_t.source!r}")
for _lang, _tpls in _POSITIVE.items():
    for _t in _tpls:
        if not _t.classes:
            raise ValueError(f"positive {_lang} template yields no entity: {_t.source!r}")


def _render(tpl: _Template, rng: Random) -> tuple[str, list[Span], list[Span]]:
    parts: list[str] = []
    spans: list[Span] = []
    decoys: list[Span] = []
    cache: dict[str, list[Piece]] = {}
    ctx: Ctx = {}
    pos = 0
    for seg in tpl.segments:
        if isinstance(seg, str):
            parts.append(seg)
            pos += len(seg)
            continue
        kind, key = seg
        pieces = cache.get(key)
        if pieces is None:
            pieces = cache[key] = _SLOTS[kind][0](rng, ctx)
        for text, entity, decoy in pieces:
            end = pos + len(text)
            if entity is not None:
                spans.append(Span(entity, pos, end))
            elif decoy is not None:
                decoys.append(Span(decoy, pos, end))
            parts.append(text)
            pos = end
    return "".join(parts), spans, decoys


# ---------------------------------------------------------------------------------------------
# Validation: every span is checked when it is generated, not only in the self-check.
# ---------------------------------------------------------------------------------------------

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_PHONE_CHARS_RE = re.compile(r"\+?[\d ()\-.]+")
_SECRET_RES = (
    re.compile(r"AKIA[A-Z2-7]{16}"),
    re.compile(r"ghp_[A-Za-z0-9]{36}"),
    re.compile(r"xoxb-\d{10,13}-\d{10,13}-[A-Za-z0-9]{24}"),
    re.compile(r"[A-Za-z0-9/+]{40}"),
    re.compile(r"[A-Za-z0-9][A-Za-z0-9!@#$%^&*_\-]{6,22}[A-Za-z0-9!@#$%^&*_\-]"),
    re.compile(r"\d{4}|\d{6}"),  # a one-time code after 验证码 / "verification code is"
)
_EN_NAME_RE = re.compile(r"[A-Z][A-Za-zÀ-ÿ'\-]+( [A-Z][A-Za-zÀ-ÿ'\-]+)?")
_ZH_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,4}")
_TITLE_CHARS = frozenset("总经理老师工姐哥板主任律监小")


def validate_value(entity: str, value: str) -> str | None:
    """Why `value` is not a well-formed `entity`, or None when it is."""
    if value != value.strip() or not value:
        return "surrounding whitespace"
    if entity == "EMAIL_ADDRESS":
        return None if _EMAIL_RE.fullmatch(value) else "not an email"
    if entity == "PHONE_NUMBER":
        n = sum(c.isdigit() for c in value)
        ok = _PHONE_CHARS_RE.fullmatch(value) and 7 <= n <= 15 and value[-1].isdigit()
        return None if ok else "not a phone number"
    if entity == "CN_RESIDENT_ID":
        return None if cn_id_ok(value) else "bad resident id"
    if entity in CARD_ENTITIES:
        digits = value.replace(" ", "").replace("-", "")
        if not (luhn_ok(value) and 15 <= len(digits) <= 19):
            return "card fails Luhn or length"
        if entity == "BANK_CARD" and not 16 <= len(digits) <= 19:
            return "bank card length"
        return "card equals a valid resident id" if cn_id_ok(digits) else None
    if entity == "IBAN_CODE":
        return None if iban_ok(value) else "bad IBAN"
    if entity == "IP_ADDRESS":
        try:
            ipaddress.ip_address(value)
        except ValueError:
            return "not an IP address"
        return None
    if entity == "SECRET":
        return None if any(r.fullmatch(value) for r in _SECRET_RES) else "not a secret shape"
    if entity == "PERSON":
        if _EN_NAME_RE.fullmatch(value):
            return None
        if _ZH_NAME_RE.fullmatch(value) and value[-1] not in _TITLE_CHARS:
            return None
        return "not a name"
    return f"unknown entity {entity}"


def validate_message(msg: LabelledMessage) -> None:
    """Raise ValueError unless every span and decoy of `msg` is well formed and consistent."""
    if msg.lang not in ("en", "zh", "mixed"):
        raise ValueError(f"bad lang {msg.lang!r}")
    everything = sorted([*msg.spans, *msg.decoys], key=lambda s: (s.start, s.end))
    for a, b in itertools.pairwise(everything):
        if b.start < a.end:
            raise ValueError(f"overlapping spans {a} {b} in {msg.text!r}")
    for span in msg.spans:
        if not 0 <= span.start < span.end <= len(msg.text):
            raise ValueError(f"span out of range {span} in {msg.text!r}")
        problem = validate_value(span.entity, msg.text[span.start : span.end])
        if problem:
            raise ValueError(f"{problem}: {span} {msg.text[span.start:span.end]!r}")
    for decoy in msg.decoys:
        value = msg.text[decoy.start : decoy.end]
        if decoy.entity not in DECOY_KINDS or not value:
            raise ValueError(f"bad decoy {decoy} in {msg.text!r}")
        if decoy.entity == "BAD_RESIDENT_ID" and cn_id_ok(value):
            raise ValueError(f"decoy resident id is valid: {value}")
        if decoy.entity == "BAD_CARD" and luhn_ok(value):
            raise ValueError(f"decoy card passes Luhn: {value}")
        if decoy.entity in ("ORDER_NO", "OTP", "INVOICE_NO") and cn_id_ok(value):
            raise ValueError(f"decoy reads as a valid resident id: {value}")
        if decoy.entity == "VERSION_IPLIKE":
            ipaddress.IPv4Address(value)  # deliberately IP-shaped; raises ValueError otherwise


# ---------------------------------------------------------------------------------------------
# Corpus 1: labelled messages.
# ---------------------------------------------------------------------------------------------

# How positive messages pick what to contain: a class first, then a template that has it. This
# keeps rare classes (IBAN, resident ids) from being drowned by names and phones.
_CLASS_WEIGHTS = (
    ("PERSON", 22), ("PHONE_NUMBER", 15), ("EMAIL_ADDRESS", 12), ("CARD", 12), ("SECRET", 11),
    ("IP_ADDRESS", 10), ("CN_RESIDENT_ID", 10), ("IBAN_CODE", 8),
)
LANG_SHARES = (("en", 0.50), ("zh", 0.35), ("mixed", 0.15))
NO_ENTITY_SHARE = 0.20


def _exact_mix(rng: Random, n: int, shares: Sequence[tuple[str, float]]) -> list[str]:
    counts = [(k, round(n * s)) for k, s in shares[:-1]]
    counts.append((shares[-1][0], n - sum(c for _, c in counts)))
    out = [k for k, c in counts for _ in range(c)]
    rng.shuffle(out)
    return out


def labelled_messages(seed: int = 7, n: int = 600) -> list[LabelledMessage]:
    """`n` labelled messages: 50% en, 35% zh, 15% mixed; 20% carry no entity at all.

    Every template is used at least once per language when `n` allows (first pass in shuffled
    order), then positive messages are drawn class-first by `_CLASS_WEIGHTS`.
    """
    rng = Random(seed)
    langs = _exact_mix(rng, n, LANG_SHARES)
    negative = _exact_mix(rng, n, (("neg", NO_ENTITY_SHARE), ("pos", 1 - NO_ENTITY_SHARE)))
    queues: dict[tuple[str, bool], list[_Template]] = {}
    for lang in ("en", "zh", "mixed"):
        for neg, pool in ((True, _NEGATIVE[lang]), (False, _POSITIVE[lang])):
            q = list(pool)
            rng.shuffle(q)
            queues[(lang, neg)] = q
    by_class = {
        lang: {c: [t for t in _POSITIVE[lang] if c in t.classes] for c, _ in _CLASS_WEIGHTS}
        for lang in ("en", "zh", "mixed")
    }
    classes = [c for c, _ in _CLASS_WEIGHTS]
    weights = [w for _, w in _CLASS_WEIGHTS]

    out: list[LabelledMessage] = []
    for lang, neg_flag in zip(langs, negative, strict=True):
        neg = neg_flag == "neg"
        queue = queues[(lang, neg)]
        if queue:
            tpl = queue.pop()
        elif neg:
            tpl = rng.choice(_NEGATIVE[lang])
        else:
            tpl = rng.choice(by_class[lang][rng.choices(classes, weights)[0]])
        text, spans, decoys = _render(tpl, rng)
        msg = LabelledMessage(text, lang, tuple(spans), tuple(decoys))
        validate_message(msg)
        out.append(msg)
    return out


# ---------------------------------------------------------------------------------------------
# Corpus 2: the chat stream for the speed benchmark.
# ---------------------------------------------------------------------------------------------

ACKS = (
    "收到", "好的", "好的👍", "嗯嗯", "谢谢", "收到，谢谢", "明白", "辛苦了", "没问题", "可以",
    "收到👌", "好滴", "马上", "在的", "ok", "OK", "OK的", "thanks", "Thanks!", "thx", "got it",
    "lgtm", "LGTM", "sure", "np", "ty", "👍👍", "ok 👍", "on it", "will do", "+1", "done",
    "noted", "sounds good", "kk", "收到，马上看", "好的，谢谢", "👌👌", "🙏🙏", "哈哈哈",
)
SHORT_LINES = (
    "在吗？", "稍等", "我看一下", "会议链接发一下？", "刚才网断了", "等我五分钟", "brb", "one sec",
    "anyone around?", "running 5 min late", "开会中，晚点回", "[图片]", "[文件] 周报.xlsx",
    "[语音]", "who owns this?", "谁在值班？", "sorry, wrong chat", "已解决", "fixed",
    "rebooting now", "CI is red again", "测试环境又挂了", "我这边复现不了", "可以先合进去",
    "下午有空聊一下吗", "PTAL", "will check after lunch", "今天先这样", "明天再说",
    "[撤回了一条消息]", "有人知道这个怎么配吗？", "是的", "不是这个问题", "let me try",
    "it works now, thanks!", "晚上加班吗", "周报记得交", "链接打不开", "权限开了吗？",
)
BOT_LINES = (
    "[Jenkins] build #{build} passed on main",
    "[Jenkins] build #{build} FAILED on release/{version}",
    "[告警] {ipv4} CPU 使用率 {pct}，持续5分钟",
    "[告警恢复] {ipv4} 磁盘使用率恢复到 {pct}",
    "[GitHub] PR {pr} merged into main by {first}",
    "[日程] {zh_date} {zh_time} 周会",
    "[审批] 报销单 {ticket} 已通过，金额 {cny}",
    "[PagerDuty] {ticket} triggered: checkout p99 > 2s",
)
_BOT = _compile_all(BOT_LINES)
_STREAM_LANGS = (("zh", 45), ("en", 40), ("mixed", 15))


def chat_stream(seed: int = 11, n: int = 100_000) -> list[str]:
    """`n` unlabelled chat messages (2–200 chars) with the repetition of a real workspace.

    About 30% acknowledgements, 10% short lines, 5% bot notifications, 7% exact repeats of a
    recent message, the rest rendered from the same templates as the labelled corpus (about a
    third of those carry PII), sometimes two joined.
    """
    rng = Random(seed)
    langs = [lang for lang, _ in _STREAM_LANGS]
    lang_w = [w for _, w in _STREAM_LANGS]
    out: list[str] = []
    rand = rng.random
    for _ in range(n):
        r = rand()
        if r < 0.30:
            msg = rng.choice(ACKS)
        elif r < 0.40:
            msg = rng.choice(SHORT_LINES)
        elif r < 0.45:
            msg = _render(rng.choice(_BOT), rng)[0]
        elif r < 0.52 and out:
            msg = out[-rng.randint(1, min(len(out), 500))]
        else:
            lang = rng.choices(langs, lang_w)[0]
            pool = _POSITIVE[lang] if rand() < 0.33 else _NEGATIVE[lang]
            msg = _render(rng.choice(pool), rng)[0]
            if rand() < 0.1:
                second = _render(rng.choice(_NEGATIVE[lang]), rng)[0]
                if len(msg) + len(second) < 200:
                    msg = f"{msg}\n{second}" if rand() < 0.5 else f"{msg} {second}"
            if len(msg) > 200:  # long emails: keep the head, as a chat preview would
                msg = msg[:200].rstrip()
        out.append(msg)
    return out


# ---------------------------------------------------------------------------------------------
# Self-check.
# ---------------------------------------------------------------------------------------------


def corpus_stats(msgs: Sequence[LabelledMessage]) -> dict[str, object]:
    """Counts the tests and `--check` assert on (shares are fractions of `len(msgs)`)."""
    n = len(msgs)
    langs = Counter(m.lang for m in msgs)
    entities = Counter(s.entity for m in msgs for s in m.spans)
    decoys = Counter(d.entity for m in msgs for d in m.decoys)
    person_by_lang = Counter(m.lang for m in msgs for s in m.spans if s.entity == "PERSON")
    return {
        "n": n,
        "langs": dict(sorted(langs.items())),
        "no_entity_share": sum(not m.spans for m in msgs) / n,
        "decoy_share": sum(bool(m.decoys) for m in msgs) / n,
        "entities": dict(sorted(entities.items())),
        "decoys": dict(sorted(decoys.items())),
        "person_by_lang": dict(sorted(person_by_lang.items())),
        "ids_with_x": sum(
            m.text[s.start : s.end].endswith("X") for m in msgs for s in m.spans
            if s.entity == "CN_RESIDENT_ID"),
    }


def _self_check() -> None:
    started = time.perf_counter()
    msgs = labelled_messages()
    took = time.perf_counter() - started
    for m in msgs:
        validate_message(m)
    stats = corpus_stats(msgs)
    problems: list[str] = []

    def need(ok: bool, what: str) -> None:
        if not ok:
            problems.append(what)

    n = len(msgs)
    langs = stats["langs"]
    assert isinstance(langs, dict)
    need(n >= 600, f"only {n} messages")
    need(abs(langs.get("en", 0) / n - 0.5) < 0.02, f"en share {langs}")
    need(abs((langs.get("zh", 0) + langs.get("mixed", 0)) / n - 0.5) < 0.02, f"zh share {langs}")
    need(abs(langs.get("mixed", 0) / n - 0.15) < 0.02, f"mixed share {langs}")
    need(0.17 <= float(stats["no_entity_share"]) <= 0.23,  # type: ignore[arg-type]
         f"no-entity share {stats['no_entity_share']}")
    need(float(stats["decoy_share"]) >= 0.25,  # type: ignore[arg-type]
         f"decoy share {stats['decoy_share']}")
    need(len(EN_POSITIVE) + len(EN_NEGATIVE) >= 60, "fewer than 60 EN templates")
    need(len(ZH_POSITIVE) + len(ZH_NEGATIVE) >= 60, "fewer than 60 ZH templates")
    need(len(set(EN_POSITIVE + EN_NEGATIVE)) == len(EN_POSITIVE + EN_NEGATIVE), "EN duplicates")
    need(len(set(ZH_POSITIVE + ZH_NEGATIVE)) == len(ZH_POSITIVE + ZH_NEGATIVE), "ZH duplicates")
    entities = stats["entities"]
    assert isinstance(entities, dict)
    for ent in ENTITIES:
        need(entities.get(ent, 0) >= 20, f"only {entities.get(ent, 0)} {ent} spans")
    need(int(stats["ids_with_x"]) >= 1, "no resident id ends in X")  # type: ignore[call-overload]
    decoys = stats["decoys"]
    assert isinstance(decoys, dict)
    for kind in DECOY_KINDS:
        need(decoys.get(kind, 0) >= 1, f"decoy kind {kind} never generated")
    need(labelled_messages() == msgs, "labelled_messages is not deterministic")
    need(labelled_messages(seed=8) != msgs, "seed has no effect")

    # Every template must render cleanly many times (covers rare format branches).
    rng = Random(0)
    for pool in (*_POSITIVE.values(), *_NEGATIVE.values(), _BOT):
        for tpl in pool:
            for _ in range(30):
                text, spans, dec = _render(tpl, rng)
                validate_message(LabelledMessage(text, "en", tuple(spans), tuple(dec)))

    started = time.perf_counter()
    stream = chat_stream()
    stream_s = time.perf_counter() - started
    need(len(stream) == 100_000, "chat_stream length")
    need(stream_s < 5.0, f"chat_stream took {stream_s:.2f}s")
    need(all(2 <= len(s) <= 200 for s in stream), "chat_stream message length out of 2..200")
    ack_share = sum(s in ACKS for s in stream) / len(stream)
    need(0.25 <= ack_share <= 0.40, f"ack share {ack_share:.2f}")
    need(chat_stream(n=2000) == chat_stream(n=2000), "chat_stream is not deterministic")

    print(f"labelled_messages: {n} messages in {took * 1000:.0f} ms")
    for key, value in stats.items():
        print(f"  {key}: {value}")
    print(f"  templates: en {len(EN_POSITIVE)}+{len(EN_NEGATIVE)}, "
          f"zh {len(ZH_POSITIVE)}+{len(ZH_NEGATIVE)}, "
          f"mixed {len(MIXED_POSITIVE)}+{len(MIXED_NEGATIVE)} (positive+negative)")
    print(f"chat_stream: {len(stream)} messages in {stream_s:.2f} s, "
          f"{len(set(stream))} distinct, acks {ack_share:.0%}, "
          f"mean length {sum(map(len, stream)) / len(stream):.0f} chars")
    if problems:
        print("SELF-CHECK FAILED:\n  " + "\n  ".join(problems))
        raise SystemExit(1)
    print("self-check OK")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="run the generator's self-checks")
    parser.add_argument("--sample", type=int, default=0, metavar="N",
                        help="print N labelled messages with their spans")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.sample:
        for m in labelled_messages(seed=args.seed)[: args.sample]:
            print(f"[{m.lang}] {m.text!r}")
            for s in m.spans:
                print(f"    {s.entity:15} {m.text[s.start:s.end]!r}")
            for d in m.decoys:
                print(f"    ~{d.entity:14} {m.text[d.start:d.end]!r}")
    if args.check:
        _self_check()
    if not (args.check or args.sample):
        parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
