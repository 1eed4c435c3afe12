"""One person, one key: linking the ways chat names someone (full name, given name, surname
+ title, English name, pinyin, handle) to the one full name they stand for."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from workbench.core.pii.chinese import COMPOUND_SURNAMES, common_surnames
from workbench.core.pii.people import KnownPerson, pinyin_forms

# Titles and forms of address that follow a surname or an English name (陈总, Zhou总, 王姐).
TITLES = ("总经理", "总监", "总裁", "经理", "老师", "主任", "律师", "医生", "博士", "教授",
          "师傅", "老板", "主管", "组长", "处长", "科长", "部长", "局长", "院长", "助理",
          "同学", "阿姨", "姐姐", "哥哥", "大哥", "大姐", "总", "工", "哥", "姐", "董", "老",
          "叔", "导")
# Not "jie" or "ge": "Li Jie" is more often a given name than 李姐.
_TITLES_PINYIN = ("zong", "jingli", "laoshi", "zongjian")
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_LATIN_WORDS = re.compile(r"^[A-Za-z][A-Za-z'\-]*(?: [A-Za-z][A-Za-z'\-]*)+$")
# A pinyin or English name inside a handle must be this long to count: "li" is in "client".
_MIN_HANDLE_PART = 5
# Everyday short forms of English given names: "Mike" in chat is "Michael Chen" of the
# signature, one person. A short form two people could share links to nobody, as any variant.
_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "michael": ("mike", "mikey"), "william": ("will", "bill", "billy"),
    "robert": ("rob", "bob", "bobby"), "richard": ("rick", "rich"), "james": ("jim", "jimmy"),
    "thomas": ("tom", "tommy"), "christopher": ("chris",), "daniel": ("dan", "danny"),
    "david": ("dave",), "joseph": ("joe",), "matthew": ("matt",), "anthony": ("tony",),
    "andrew": ("andy", "drew"), "alexander": ("alex",), "benjamin": ("ben",),
    "jonathan": ("jon",), "nicholas": ("nick",), "samuel": ("sam",), "steven": ("steve",),
    "stephen": ("steve",), "edward": ("ed", "eddie"), "katherine": ("kate", "katie", "kathy"),
    "catherine": ("cathy", "kate"), "elizabeth": ("liz", "beth"), "jennifer": ("jen", "jenny"),
    "margaret": ("maggie", "meg"), "rebecca": ("becky",), "susan": ("sue",),
    "victoria": ("vicky",), "jessica": ("jess",), "timothy": ("tim",), "peter": ("pete",),
    "gregory": ("greg",), "kenneth": ("ken",), "ronald": ("ron",), "jeffrey": ("jeff",),
    "patrick": ("pat",), "vincent": ("vince",), "frederick": ("fred",),
}
_FULL_FORMS: dict[str, set[str]] = {}
for _full, _shorts in _SHORT_FORMS.items():
    for _short in _shorts:
        _FULL_FORMS.setdefault(_short, set()).add(_full)
# English given names as Chinese writes them (陈大卫 is David Chen): the usual transliterations
# only, each of one name.
_TRANSLITERATED = {
    "大卫": "david", "迈克": "mike", "迈克尔": "michael", "约翰": "john", "彼得": "peter",
    "汤姆": "tom", "杰克": "jack", "安娜": "anna", "玛丽": "mary", "丽莎": "lisa",
    "艾米": "amy", "凯文": "kevin", "托尼": "tony", "琳达": "linda", "露西": "lucy",
    "莉莉": "lily", "埃里克": "eric", "艾瑞克": "eric", "史蒂夫": "steve", "詹姆斯": "james",
    "威廉": "william", "亚历克斯": "alex", "杰森": "jason", "安迪": "andy", "艾玛": "emma",
    "凯特": "kate", "海伦": "helen", "乔治": "george", "理查德": "richard", "丹尼尔": "daniel",
    "文森特": "vincent", "维克多": "victor", "爱丽丝": "alice", "艾丽丝": "alice",
    "杰西卡": "jessica", "克里斯": "chris", "马修": "matthew", "安德鲁": "andrew",
    "本杰明": "benjamin", "弗兰克": "frank", "亨利": "henry", "雷蒙德": "raymond",
}


def _given_forms(given: str) -> set[str]:
    """An English given name with its short or full forms (michael: mike, mikey)."""
    return {given, *_SHORT_FORMS.get(given, ()), *_FULL_FORMS.get(given, ())}


def squash(value: str) -> str:
    return re.sub(r"[\s·.]+", "", value).casefold().lstrip("@")


def split_chinese(name: str) -> tuple[str, str] | None:
    """(surname, given name) of a hanzi full name, or None when it does not start with one."""
    if not _HAN_NAME.match(name):
        return None
    if name[:2] in COMPOUND_SURNAMES and len(name) >= 3:
        return name[:2], name[2:]
    if name[0] in common_surnames() and not any(name.endswith(t) for t in TITLES):
        return name[0], name[1:]
    return None


def variants(name: str) -> set[str]:
    """Every squashed form that stands for this full name in chat. Single hanzi given names
    (伟 of 张伟) are left out: alone they are words, not names."""
    forms = {squash(name)}
    parts = split_chinese(name)
    if parts:
        surname, given = parts
        if len(given) >= 2:
            forms.add(given)
        else:
            # 娜娜, 小娜, 阿娜, 娜姐 for 李娜; 伟哥 for 张伟
            forms |= {given * 2, "小" + given, "阿" + given, given + "哥", given + "姐"}
        if len(surname) == 2:
            forms.add(surname)  # 欧阳 for 欧阳建国
        forms |= {surname + t for t in TITLES} | {"老" + surname, "小" + surname}
        py = pinyin_forms(name)
        forms |= {squash(form) for form in py}
        if py:
            latin_surname = py[0].split()[0].casefold()
            forms.add(latin_surname)
            forms |= {latin_surname + t for t in TITLES}
            # "Chen Zong", "Wang Laoshi": the surname and title as English text writes them.
            forms |= {latin_surname + t for t in _TITLES_PINYIN}
            english = _TRANSLITERATED.get(given)
            if english:  # 陈大卫: David Chen, Chen David, David, Dave
                for first in _given_forms(english):
                    forms |= {first, first + latin_surname, latin_surname + first}
    elif _LATIN_WORDS.match(name.strip()):
        words = name.split()
        first, last = words[0].casefold(), words[-1].casefold()
        forms |= {last} | {last + t for t in TITLES} | {first + t for t in TITLES}
        for given in _given_forms(first):  # Michael Chen: Michael, Mike, Mike Chen
            forms |= {given, given + last}
    return forms


def handle_parts(name: str) -> set[str]:
    """Squashed Latin forms long enough to identify this name inside a handle
    ("zhaomin" in "zhaomin_1990", "kevinzhou" in "kevinzhou88")."""
    forms = {squash(f) for f in pinyin_forms(name)} if _HAN_NAME.match(name) else set()
    if _LATIN_WORDS.match(name.strip()):
        forms |= {squash(name), squash(" ".join(reversed(name.split())))}
    return {f for f in forms if len(f) >= _MIN_HANDLE_PART and f.isascii()}


def _is_titled(value: str) -> bool:
    """陈总, 欧阳总, 老王: a surname with a title or 老/小, no given name."""
    if value[:1] in "老小" and len(value) == 2:
        return value[1] in common_surnames()
    surname = value[:2] if value[:2] in COMPOUND_SURNAMES else value[:1]
    return surname in common_surnames() | set(COMPOUND_SURNAMES) and value[len(surname):] in TITLES


class NameLinker:
    """Maps a name as written to the key of the one person it can stand for. Known people
    come first; full names seen in the scanned text are learnt as further people (key
    "person:<name>"). A variant two people share (王总 with two 王s) links to nobody."""

    def __init__(self, people: Sequence[KnownPerson] = ()) -> None:
        self._by_variant: dict[str, set[str]] = {}
        self._handles: dict[str, set[str]] = {}
        self._full: set[str] = set()
        # Hanzi full names learnt from the text, with their keys: their nicknames are looked
        # for in the text (a known person's are found by the detector).
        self.learned_hanzi: dict[str, str] = {}
        for person in people:
            for name in person.names:
                self._add(name.strip(), person.key, exact_only=False)

    def learn(self, values: Iterable[str]) -> None:
        """Full names seen in text become people of their own, unless already known. Hanzi
        names come first, then surname + title forms no full name explains (陈总 with no 陈
        in sight is a person too, and "Chen Zong" is how English text writes them), then
        Latin names, which may be the pinyin of either."""
        values = list(dict.fromkeys(v.strip() for v in values if v.strip()))
        hanzi = [v for v in values if split_chinese(v)]
        titled = [v for v in values if _HAN_NAME.match(v) and not split_chinese(v)
                  and _is_titled(v)]
        latin = [v for v in values if _LATIN_WORDS.match(v)]
        for value in hanzi + latin:
            if value in latin:
                self._learn_titled(titled)
                titled = []
            if squash(value) in self._full or self._by_variant.get(squash(value)):
                continue  # known, or a variant of someone known ("Zhang Wei" for 张伟)
            self._add(value, f"person:{squash(value)}", exact_only=False)
            if value in hanzi:
                self.learned_hanzi[value] = f"person:{squash(value)}"
        self._learn_titled(titled)

    def _learn_titled(self, titled: list[str]) -> None:
        for value in titled:
            if self._by_variant.get(squash(value)):
                continue
            key = f"person:{squash(value)}"
            self._full.add(squash(value))
            for form in (squash(value), *(squash(f) for f in pinyin_forms(value))):
                self._by_variant.setdefault(form, set()).add(key)

    def _add(self, name: str, key: str, exact_only: bool) -> None:
        if not name:
            return
        self._full.add(squash(name))
        self._by_variant.setdefault(squash(name), set()).add(key)
        if exact_only:
            return
        for form in variants(name):
            self._by_variant.setdefault(form, set()).add(key)
        for part in handle_parts(name):
            self._handles.setdefault(part, set()).add(key)

    def owners(self, value: str) -> frozenset[str]:
        """The keys of everyone `value` could stand for, as written (no handle search)."""
        return frozenset(self._by_variant.get(squash(value), ()))

    def key_for(self, value: str) -> str | None:
        """The person key `value` stands for, or None when it names nobody known for sure."""
        form = squash(value)
        exact = self._by_variant.get(form, set())
        if len(exact) == 1:
            return next(iter(exact))
        if exact or not form.isascii():
            return None
        # A handle: "zhaomin_1990", "kevin.zhou88".
        letters = re.sub(r"[^a-z]", "", form)
        owners = {key for part, keys in self._handles.items() if part in letters
                  for key in keys}
        return next(iter(owners)) if len(owners) == 1 else None
