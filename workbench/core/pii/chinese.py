"""Chinese language helpers: jieba loaded once (cache in the app's cache dir), surnames."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator

from workbench.core.paths import cache_dir, resources_dir

# The most common surnames (about 90% of the population), for @-mentions and name checks.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
    "严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁"
    "尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时"
    "穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾"
    "隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)

# Rarer single-character surnames, so the surname test that gates the (slow) Chinese name
# analysis misses almost nobody. Characters that are mostly ordinary words (上, 东, 有, 能…)
# are left out: as a gate they would let every sentence through.
_RARER_SURNAMES = (
    "习宦鱼容慎戈庾暨衡耿弘匡寇禄阙殳沃蔚越夔隆巩厍晁勾融訾阚饶毋乜鞠丰巢蒯荆竺逯盖桓晋楚"
    "鄢钦帅缑亢郈琴佴伯赏墨哈谯笪蔺宓蓬郗班仲宫暴钭厉戎祖幸韶郜蓟薄邰鄂索籍赖屠阴郁胥苍莘贡劳"
    "逄扶堵宰郦雍璩燕冀郏浦别阎充茹"
)
COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "司徒", "夏侯", "令狐", "独孤", "南宫", "西门", "轩辕", "端木", "百里", "呼延", "澹台",
    "公冶", "太史", "申屠", "万俟", "闻人", "赫连", "钟离", "第五", "东郭", "拓跋",
)


@functools.cache
def places_zh() -> frozenset[str]:
    """Provinces, major cities, districts and known areas: resources/lexicons/places_zh.txt."""
    path = resources_dir() / "lexicons" / "places_zh.txt"
    lines = (line.split("#", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(word for line in lines for word in line.split())


# What may follow a place name and keep it a place: 上海市, 浦东新区, 江宁区, 周庄镇.
_PLACE_SUFFIXES = ("新区", "省", "市", "区", "县", "镇")


def is_place_zh(value: str) -> bool:
    """Whether `value` is a listed place, alone or with its administrative suffix."""
    places = places_zh()
    if value in places:
        return True
    return any(value.endswith(s) and value[:-len(s)] in places for s in _PLACE_SUFFIXES)


@functools.cache
def common_surnames() -> frozenset[str]:
    return frozenset(_SURNAMES) | frozenset(_RARER_SURNAMES)


def has_surname_character(text: str) -> bool:
    """True when a Chinese name could start somewhere in `text`."""
    surnames = common_surnames()
    if any(char in surnames for char in text):
        return True
    return any(compound in text for compound in COMPOUND_SURNAMES)


@functools.cache
def jieba_posseg() -> Callable[[str], Iterator[tuple[str, str]]]:
    """jieba's part-of-speech cutter, initialised once with its prefix-dictionary cache kept
    in the app's cache folder (jieba's default is a shared /tmp file)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.tmp_dir = str(cache_dir())
    jieba.dt.cache_file = "jieba.cache"
    jieba.initialize()
    tokenizer = jieba.posseg.POSTokenizer(jieba.dt)

    def cut(text: str) -> Iterator[tuple[str, str]]:
        for pair in tokenizer.cut(text):
            yield pair.word, pair.flag

    return cut


def jieba_frequency(word: str) -> int | None:
    """How often jieba's dictionary has seen `word` (None when it is not a dictionary word)."""
    jieba_posseg()  # initialises jieba with the app's cache folder
    import jieba

    frequency = jieba.get_FREQ(word)
    return int(frequency) if frequency is not None else None
