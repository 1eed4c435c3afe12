"""Chinese language helpers: jieba loaded once (cache in the app's cache dir), surnames."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator

from workbench.core.paths import cache_dir

# The most common surnames (about 90% of the population), for @-mentions and name checks.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
    "严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁"
    "尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时"
    "穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾"
    "隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)


@functools.cache
def common_surnames() -> frozenset[str]:
    return frozenset(_SURNAMES)


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
