"""Seeded synthetic English workplace-chat lines for the English NER model.

Names are English first names, pinyin names in both orders ("Zhang Wei", "Wei Zhang"), and
English name + Chinese surname ("Kevin Zhou"); each template is written in sentence case or
all lower case. Name-free negatives teach what is *not* a name in chat: file names, times,
code identifiers, tool words ("Runbook", "DB_PASSWORD", "09:05:00"). Names of held-out dev
PERSON spans are never generated (the caller passes them as ``banned``).
"""

from __future__ import annotations

import random

FIRST = ("Kevin Amy Jason Linda Eric Grace David Cindy Leo Iris Mike Sophia Jack Emma Peter Vivian Alex "
         "Nina Tom Lucy Frank Helen Tony Sandy Ryan Jenny Bruce Cathy Vincent Joyce Allen Daisy Sam Ivy "
         "Oscar Mandy Steven Wendy Henry Rachel Simon Teresa Victor Fiona Ray Carol Ben Anna Max Elsa").split()
PINYIN_SURNAMES = ("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng "
                   "Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du "
                   "Ye Cheng Wei Su Lu Ding Shen Ouyang Situ Zhuge Shangguan").split()
PINYIN_GIVEN = ("Wei Fang Na Min Jing Li Qiang Lei Jun Yang Yong Yan Jie Juan Tao Ming Chao Xiu Xia Ping Gang "
                "Hua Hao Ting Xue Lin Xin Yi Chen Bo Yu Jia Jun Wen Bin Kai Feng Liang Fei Jian Rui Xiaoming "
                "Jianguo Haiyan Zhiqiang Yiming Siyuan Zihan Xiaohong Yuxuan Mingyu Jiahao").split()
OTHER_SURNAMES = "Smith Johnson Brown Miller Davis Garcia Wilson Taylor Clark Lewis Walker Young King Scott".split()

# {P} full name, {F} first name only, {H} a handle. WNUT-17 leaves @mentions unlabelled, so the
# templates use no {H}; handles are found by the detector's rules instead.
POS = [
    "{P} said the deploy is done", "please ask {F} about the invoice", "can you review this , {F} ?",
    "thanks {F} !", "{F} , the meeting moved to 3pm", "cc {P} and {P}", "{P} is on leave today",
    "I sent the report to {P}", "ping {F} when the build is green", "{F} : ok", "{F} : got it , thanks",
    "Hi {F} , the contract is signed", "Dear {P} , please find the file attached", "talked to {F} yesterday",
    "{P} from finance will join", "{F} and {F} own the migration", "let {F} know", "{P} approved the budget",
    "can you call {F} back ?", "meeting with {P} at 10", "{F} left the company , ask {F}", "regards , {P}",
    "Best , {F}", "hand it over to {P}", "lunch with {F} ?", "{F} says hi", "who is {P} ?",
    "{F} {F} please check", "assigned to {P}", "reviewer : {P}", "{P} ( ops ) restarted the server",
]
NEG = [
    "Runbook updated", "see you at 09:05", "the job runs at 09:05:00", "set DB_PASSWORD in the env file",
    "run ops/rollback.sh if it fails", "thanks all", "got it", "ok , will do", "deploy is done",
    "meeting moved to Monday", "please review the PR", "build is green", "Happy New Year !",
    "see the attached spreadsheet", "the server restarted at 14:30", "check README.md first",
    "Good morning team", "Bank card details are in the vault", "lunch at noon ?", "Q3 budget approved",
    "use the staging config", "Release Notes v2.3", "Action items below", "Sprint review tomorrow",
    "the API key rotated", "Invoice attached", "call me back", "on leave today", "Welcome aboard !",
]


def _name(rng: random.Random, banned: set[str]) -> str:
    while True:
        r = rng.random()
        if r < 0.35:
            name = f"{rng.choice(PINYIN_SURNAMES)} {rng.choice(PINYIN_GIVEN)}"
        elif r < 0.5:
            name = f"{rng.choice(PINYIN_GIVEN)} {rng.choice(PINYIN_SURNAMES)}"
        elif r < 0.75:
            name = f"{rng.choice(FIRST)} {rng.choice(PINYIN_SURNAMES)}"
        else:
            name = f"{rng.choice(FIRST)} {rng.choice(OTHER_SURNAMES)}"
        if name.lower() not in banned:
            return name


def _first(rng: random.Random, banned: set[str]) -> str:
    while True:
        name = rng.choice(FIRST) if rng.random() < 0.7 else rng.choice(PINYIN_GIVEN)
        if name.lower() not in banned:
            return name


def _handle(rng: random.Random, banned: set[str]) -> str:
    parts = _name(rng, banned).lower().split()
    sep = rng.choice(["", "_", "."])
    tail = rng.choice(["", "", str(rng.randint(1, 99)), str(rng.randint(1980, 2005))])
    return sep.join(parts) + tail


def generate(n: int, rng: random.Random, banned: set[str]) -> list[tuple[list[str], list[tuple[int, int, str]]]]:
    """n rows (about 80 % with names); each is (tokens, character spans in " ".join(tokens))."""
    rows = []
    for _ in range(n):
        lower = rng.random() < 0.4
        if rng.random() < 0.2:
            text = rng.choice(NEG)
            words = (text.lower() if lower else text).split()
            rows.append((words, []))
            continue
        template = rng.choice(POS)
        words: list[str] = []
        spans: list[tuple[int, int, str]] = []
        for tok in template.split():
            value = None
            if "{P}" in tok:
                value, prefix = _name(rng, banned), ""
            elif "{F}" in tok:
                value, prefix = _first(rng, banned), ""
            elif "{H}" in tok:
                value, prefix = _handle(rng, banned), "@"
            if value is None:
                words.append(tok.lower() if lower else tok)
                continue
            if lower:
                value = value.lower()
            start = len(" ".join(words)) + (1 if words else 0)
            if prefix:  # "@handle" is one token; the span is the whole token
                words.append(prefix + value)
                spans.append((start, start + len(prefix) + len(value), "PERSON"))
            else:
                toks = value.split()
                words.extend(toks)
                spans.append((start, start + len(value), "PERSON"))
        rows.append((words, spans))
    return rows
