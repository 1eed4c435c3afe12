"""PERSON in Latin-script chat from given-name and surname lexicons, with no spaCy needed.

spaCy's small English model misses many first names in chat ("Thanks Sophie!", "Paging
Andrew:", "请 Chiara 联系客户"). This recognizer finds every capitalised Latin word with one
compiled regex, then classifies it by set lookups in `resources/lexicons/`:

- `given_names.txt`: a listed given name alone → PERSON 0.6 ("Dear Arjun,", "请Anna确认").
- followed by one or two surnames, or by an unknown capitalised word that is not a common
  English word → one span, 0.75 ("Rachel Müller", "Emma Reyes", "Jan de Vries"); a known
  surname before a given name also joins ("Zhang Wei", "Nguyen Van Minh").
- `name_words_ambiguous.txt`: names that are also words (Will, May, Grace, Ruby) count only in
  strong patterns: "Hi Will,", "@May", "Mrs. May", "Will Smith".
- a surname after a title → the name only, 0.7 ("Mr. Smith" → "Smith").

Lowercase words never match: "thanks tom" is left to KnownPeopleRecognizer, which knows the
workspace's people. Speed, measured: 10,000 chat messages (~56 characters, mixed English and
Chinese) in 0.08-0.12 s on a 2-core x86-64 development VM with CPython 3.11; the test suite
asserts < 0.3 s (best of three runs).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from workbench.core.paths import resources_dir
from workbench.core.pii.recognizers.base import result

GIVEN = 1
SURNAME = 2
AMBIGUOUS = 4
COMMON = 8

SCORE_GIVEN = 0.6
SCORE_TITLE = 0.7
SCORE_FULL_NAME = 0.75

# One capitalised Latin word: "Anna", "Müller", "Zoë", "O'Brien", "McDonald", "DeShawn",
# "Jean-Luc", "Min-jun". Edges are explicit Latin-script lookarounds, not \b: `regex` treats
# hanzi as word characters, so \b finds no edge in "请Anna确认". A word glued to a letter,
# digit, "_", "/" or "\", or to a letter or digit through "." "-" "'", is part of an
# identifier, path, URL or e-mail address ("anna.Smith@", "x-Anna"), not a name. A possessive
# "'s" may follow.
_TOKEN = regex.compile(
    r"""
    (?<![\p{Latin}\p{N}_/\\])(?<![\p{Latin}\p{N}][.'’\-])
    (?:\p{Lu}['’])?\p{Lu}[\p{Ll}\p{M}]+(?:\p{Lu}[\p{Ll}\p{M}]+)?
    (?:-[\p{Lu}\p{Ll}][\p{Ll}\p{M}]*(?:\p{Lu}[\p{Ll}\p{M}]+)?)*
    (?![\p{Latin}\p{N}_@])(?![.\-][\p{Latin}\p{N}])(?!['’](?!s(?!\p{Latin}))\p{Latin})
    """,
    regex.VERBOSE,
)
# What may sit between two words of one name: a space, a middle initial ("John F. Kennedy")
# or a lowercase particle ("Jan de Vries", "Ludwig van Beethoven", "Maria da Silva").
_GAP = regex.compile(
    r"[ \u00a0](?:\p{Lu}\.[ \u00a0]|(?:van der|van den|van de|von der|de la|de los|van|von|de|"
    r"del|della|di|da|do|dos|das|du|le|la|ter|ten|bin|binti|ibn|al|el)[ \u00a0])?"
)
# An unknown word is taken for a surname only if it is plainly a capitalised name word, not
# "JavaScript" or "MacBook".
_PLAIN_WORD = regex.compile(r"(?:Mc|O['’])?\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}[\p{Ll}\p{M}]+)*")
# Endings of English words, not of names: "Anna Meeting notes" is not "Anna Meeting".
_WORD_ENDINGS = ("ing", "tion", "sion", "ment", "ness", "able", "ible", "ity", "ous", "ive",
                 "ful", "less", "ed", "ly", "ism", "ist", "ware", "ship")
# Address words before an ambiguous name: "Hi Will," "Thanks Grace!" "cc Mark" "ask May:".
_ADDRESS_BEFORE = regex.compile(
    r"(?:^|[^\p{Latin}])(?:hi|hey|hiya|hello|dear|thanks|thank you|thx|cheers|morning|"
    r"good morning|congrats|welcome|cc|ping|paging|ask|tell|with|and)(?:[ \t]+|[ \t]*[,:][ \t]*)$",
    regex.IGNORECASE,
)
# …and what must follow it: punctuation that closes an address, a line end or the text end.
_ADDRESS_AFTER = regex.compile(r"[ \t]*(?:[,!:，！：]|\r?\n|$)")
# Titles and place prefixes are themselves capitalised words, so they are checked as the
# token before the name: a set lookup instead of a regex search per name.
_TITLES = frozenset(
    "Mr Mrs Ms Mx Miss Dr Prof Professor Sir Dame Madam Mme Mlle Herr Frau Sr Sra Señor Señora"
    .split()
)
# Words that make the next capitalised word part of a place or a term: "San Diego",
# "St. Louis", "Santa Clara", "Lake Louise", "Round Robin", "Hurricane Katrina".
_PLACE_PREFIXES = frozenset(
    "San Santa Santo São Sao Saint St Ste Sankt Los Las El Fort Ft Port Puerto Porto Lake "
    "Mount Mt Cape New Monte Ciudad Isla Villa Round Hurricane Typhoon Cyclone Project "
    "Operation".split()
)
_PREFIX_GAP = regex.compile(r"\.?[ \t\u00a0]+")
# A name followed by one of these is a place, an organisation or a term: "Victoria Street",
# "Elizabeth Line", "Charles Bridge", "Madison Square", "Morgan Bank", "Down Syndrome".
_PLACE_AFTER = frozenset(
    "street st road rd avenue ave boulevard blvd square station line bridge centre center "
    "tower towers building plaza mall airport hospital clinic university college school "
    "institute foundation inc ltd llc corp corporation company co group bank hotel museum "
    "gallery island islands lake mountain mountains bay beach valley harbour harbor falls "
    "gardens garden stadium arena theatre theater church cathedral cup award prize syndrome "
    "disease effect protocol algorithm theorem distribution principle conjecture "
    "city town county province district village sdn bhd pte gmbh".split()
)
# Two-word places whose words are both in the lexicons: "Hong Kong", "Sri Lanka".
_PLACE_PAIRS = frozenset({
    ("hong", "kong"), ("sri", "lanka"), ("costa", "rica"), ("viet", "nam"),
    ("chiang", "mai"), ("ho", "chi"), ("san", "marino"), ("morgan", "stanley"),
    ("kuala", "lumpur"), ("abu", "dhabi"), ("tel", "aviv"), ("buenos", "aires"),
})
# Capitalised words that follow a name without being a surname ("Anna Will check", "Ask Tom
# Monday", "Thanks Sophie Great work", "Wei Jira ticket"): they end a name and are never
# guessed to be an unknown surname. Kept small; tool names live in name_words_ambiguous.txt.
COMMON_WORDS = frozenset(
    """
    a an the and or but nor so yet if as at by for from in into of off on onto out over to up
    with without about after before between during under via per than then there here this
    that these those it its he she we they you i me him her us them my your his our their
    who whom whose what when where why how which is are was were be been being am do does did
    done have has had having will would can could may might must shall should ought let
    not no yes yeah yep nope ok okay sure please pls thanks thank thx sorry hi hey hello
    dear cheers regards best bye see also just still already again only even ever never now
    today tomorrow yesterday tonight morning afternoon evening night week weekend month year
    all any some every each both either neither other another such same more most less few
    many much very too really quite great good nice cool awesome perfect done fine quick
    new old next last first second third final per re fwd fw cc bcc subject note notes todo
    update updates meeting call sync standup review reviewed approved approve merged merge
    deploy deployed release ticket issue bug fix fixed action items agenda summary status
    lead manager director engineer engineering product design marketing sales support ops
    finance legal office team teams group lab labs dept department hr it qa dev prod staging
    backend frontend infra platform data security devops oncall mobile web cloud
    pr prs mr api ui ux doc docs sheet sheets slide slides deck drive calendar chat channel
    thread email mail inbox link file files folder page pages
    said says wrote replied asked joined left added removed shared sent posted commented
    mentioned edited changed created assigned reported closed opened resolved requested
    mon tue tues wed thu thur thurs fri sat
    monday tuesday wednesday thursday friday saturday sunday
    jan feb mar apr jun jul aug sep sept oct nov dec
    january february march april may june july august september october november december
    mr mrs ms mx dr prof sir madam
    english chinese mandarin cantonese spanish french german japanese korean indian
    american british european asian african
    google microsoft apple amazon meta alibaba tencent baidu huawei bytedance oracle ibm
    excel word powerpoint chrome windows linux mac macos android ios iphone ipad
    """.split()
)


@dataclass(frozen=True)
class _Lexicons:
    flags: dict[str, int]
    # word as written → flags: chat repeats the same names, so each spelling is folded once.
    seen: dict[str, int] = field(default_factory=dict)

    def kind(self, word: str) -> int:
        found = self.seen.get(word)
        if found is None:
            if len(self.seen) > 200_000:
                self.seen.clear()  # bound the memory of a long scan of odd capitalised words
            found = self.seen[word] = _classify(word, self.flags)
        return found


_FOLD_SPECIAL = str.maketrans({
    "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ı": "i", "ß": "ss",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d",
    "’": "'", "-": "",
})


def fold(word: str) -> str:
    """Lookup key: case, accents and hyphens ignored ("José" = "jose", "Min-jun" = "minjun")."""
    if word.isascii():
        return word.lower().replace("-", "")
    decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _read_list(name: str) -> list[str]:
    path = resources_dir() / "lexicons" / name
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            # "de Vries", "Dela Cruz": the last word is what stands after a given name.
            words.append(line.split()[-1])
    return words


@functools.cache
def lexicons() -> _Lexicons:
    """The three lists as one word → flags map, read once per process."""
    flags: dict[str, int] = {}
    for name, flag in (("given_names.txt", GIVEN), ("surnames_latin.txt", SURNAME),
                       ("name_words_ambiguous.txt", AMBIGUOUS)):
        for word in _read_list(name):
            key = fold(word)
            flags[key] = flags.get(key, 0) | flag
    # Place and organisation words end a name like common words do, so "Victoria Street"
    # is not taken for "Victoria" + an unknown surname before the place check sees it.
    for word in COMMON_WORDS | _PLACE_AFTER:
        flags[word] = flags.get(word, 0) | COMMON
    return _Lexicons(flags)


def _classify(word: str, table: dict[str, int]) -> int:
    found = table.get(fold(word))
    if found is not None:
        return found
    if "-" not in word:
        return 0
    # "Anne-Sophie", "Smith-Jones": a compound of known names is a name of the same kind;
    # it is ambiguous only if every part is ("Rose-Mary" is still clearly a name).
    parts = [table.get(fold(p), 0) for p in word.split("-") if p]
    combined = 0
    for flag in (GIVEN, SURNAME):
        if parts and all(p & flag for p in parts):
            combined |= flag
    if combined and all(p & AMBIGUOUS for p in parts):
        combined |= AMBIGUOUS
    return combined


def _is_unknown_name_word(word: str, flags: int) -> bool:
    return (flags == 0 and _PLAIN_WORD.fullmatch(word) is not None
            and not word.lower().endswith(_WORD_ENDINGS))


class _Message:
    """The capitalised words of one text, their kinds and which of them run together."""

    __slots__ = ("ends", "joined", "kinds", "starts", "text", "words")

    def __init__(self, text: str, lex: _Lexicons) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[str] = []
        for match in _TOKEN.finditer(text):
            start, end = match.span()
            self.starts.append(start)
            self.ends.append(end)
            self.words.append(match.group())
        self.kinds = [lex.kind(word) for word in self.words]
        self.joined = [self._gap_joins(i) for i in range(len(self.words) - 1)] + [False]

    def _gap_joins(self, i: int) -> bool:
        end, start = self.ends[i], self.starts[i + 1]
        if start - end == 1:
            return self.text[end] in " \u00a0"
        return start - end <= 12 and _GAP.fullmatch(self.text, end, start) is not None

    def after(self, i: int, words: frozenset[str]) -> bool:
        """Token i - 1 is one of `words`, right before token i ("Dr. Smith", "San Diego")."""
        return (i > 0 and self.words[i - 1] in words
                and _PREFIX_GAP.fullmatch(self.text, self.ends[i - 1], self.starts[i]) is not None)


class GivenNameRecognizer(EntityRecognizer):
    """Given names (and the surnames that follow them) from lexicons, case-sensitive, in
    English, Chinese and mixed text. `nlp_artifacts` is ignored: this runs without spaCy."""

    name: str  # set by Presidio's __init__, which carries no annotations

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entities=["PERSON"],
            name="GivenNameRecognizer",
            supported_language=supported_language,
        )

    def load(self) -> None:
        lexicons()

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and "PERSON" not in entities:
            return []
        msg = _Message(text, lexicons())
        found: list[RecognizerResult] = []
        i = 0
        while i < len(msg.words):
            if msg.joined[i] and (fold(msg.words[i]), fold(msg.words[i + 1])) in _PLACE_PAIRS:
                i += 2
                continue
            span = _span_at(msg, i)
            if span is None:
                i += 1
                continue
            last, score = span
            place_after = msg.joined[last] and fold(msg.words[last + 1]) in _PLACE_AFTER
            if not place_after and not msg.after(i, _PLACE_PREFIXES):
                found.append(result(self.name, self.id, "PERSON", msg.starts[i], msg.ends[last],
                                    score))
            i = last + 1
        return found


def _span_at(msg: _Message, i: int) -> tuple[int, float] | None:
    """(index of the name's last token, score) for a name starting at token i, or None."""
    kinds, joined = msg.kinds, msg.joined
    kind = kinds[i]
    if kind & GIVEN:
        ambiguous = bool(kind & AMBIGUOUS)
        last = _extend(msg, i, ambiguous)
        if last > i:
            return last, SCORE_FULL_NAME
        if not ambiguous or _strong_context(msg.text, msg.starts[i], msg.ends[i]):
            return i, SCORE_GIVEN
        if msg.after(i, _TITLES):
            return i, SCORE_TITLE
        return None
    if kind & SURNAME and not kind & COMMON and joined[i]:
        # Surname first, as Chinese, Korean, Vietnamese and Hungarian names are often
        # written: "Zhang Wei", "Park Ji-hoon", "Nguyen Van Minh". After a surname that is not
        # itself a word, a given name that is one still counts: "Wang Fang", "Chen Bin".
        nxt = kinds[i + 1]
        if (nxt & GIVEN and not nxt & COMMON and joined[i + 1]
                and kinds[i + 2] & GIVEN and not kinds[i + 2] & (AMBIGUOUS | COMMON)):
            return i + 2, SCORE_FULL_NAME
        ambiguous_ok = not kind & AMBIGUOUS
        if nxt & GIVEN and not nxt & COMMON and (ambiguous_ok or not nxt & AMBIGUOUS):
            return i + 1, SCORE_FULL_NAME
    if not kind & COMMON and msg.after(i, _TITLES) and (
            kind or _is_unknown_name_word(msg.words[i], kind)):
        # "Mr. Smith", "Dr. Okonkwo", "Ms. Brown": the name without its title.
        if joined[i] and _surname_like(kinds[i + 1], msg.words[i + 1]):
            return i + 1, SCORE_TITLE
        return i, SCORE_TITLE
    return None


def _extend(msg: _Message, i: int, ambiguous: bool) -> int:
    """Index of the last token of "First [Middle] Last" starting at token i (i if none)."""
    kinds, joined = msg.kinds, msg.joined
    if not joined[i]:
        return i
    nxt = kinds[i + 1]
    if nxt & COMMON:
        return i
    if ambiguous:
        # "Will Smith", "Grace Hopper", "Jack Chen" — but not "Jack White", "May Day".
        return i + 1 if nxt & SURNAME and not nxt & AMBIGUOUS else i
    # The first word may be a surname too, written first: "Li Na", "Kim Min-jun".
    surname_first = kinds[i] & SURNAME and nxt & GIVEN
    if not (_surname_like(nxt, msg.words[i + 1]) or surname_first
            or (nxt & GIVEN and not nxt & AMBIGUOUS)):
        return i
    last = i + 1
    # A third word only if it is a known surname ("Anna Maria Rossi"), or if the second was
    # a middle given name and the third is an unknown name word ("Mary Jane Okonjo").
    if joined[last]:
        third = kinds[last + 1]
        middle_given = nxt & GIVEN and not nxt & SURNAME
        if (third & SURNAME and not third & COMMON) or (
                middle_given and _is_unknown_name_word(msg.words[last + 1], third)):
            last += 1
    return last


def _surname_like(kind: int, word: str) -> bool:
    if kind & COMMON:
        return False
    return bool(kind & SURNAME) or _is_unknown_name_word(word, kind)


def _strong_context(text: str, start: int, end: int) -> bool:
    """An ambiguous name used to address someone: "@May", "Hi Will,", "Thanks Grace!"."""
    if text[start - 1:start] == "@":
        return True
    return (_ADDRESS_BEFORE.search(text, max(0, start - 16), start) is not None
            and _ADDRESS_AFTER.match(text, end) is not None)
