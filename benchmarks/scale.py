"""Owns the generated material of a large workspace: chat exports and an mailbox at scale.

    python benchmarks/scale.py OUT [--messages 20000] [--emails 0]

`material(folder, messages, emails)` writes collector chat exports (`YYYY-MM-DD HH:MM
发送人：内容`, one file per conversation, one artifact per conversation and day) holding
`messages` lines drawn from the seeded chat stream of `benchmarks.corpus`, and an mbox of
`emails` messages shaped as Python's `email` package writes them (quoted-printable UTF-8
bodies, encoded-word headers). Deterministic for a seed. `make_parties_and_workspace` adds
the three identities and an empty workspace, as the demo lays them out, so a benchmark can
run the whole flow.
"""

from __future__ import annotations

import argparse
import mailbox
import re
import sys
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from random import Random
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import EN_FIRST, EN_LAST, ZH_GIVEN_2, ZH_SURNAMES, chat_stream

EMPLOYEE = "李娜"
CONVERSATIONS = ("payments-team", "release-war-room", "client-xinghe", "weekly-sync")
MESSAGES_PER_DAY = 180
ZONE = ZoneInfo("Asia/Shanghai")


def _colleagues(rng: Random, n: int) -> list[tuple[str, str]]:
    """(display name, mailbox local part) of `n` distinct invented colleagues."""
    people: list[tuple[str, str]] = []
    while len(people) < n:
        if rng.random() < 0.6:
            (surname, sur_py), (given, given_py) = rng.choice(ZH_SURNAMES), rng.choice(ZH_GIVEN_2)
            person = (surname + given, f"{given_py}.{sur_py}")
        else:
            first, last = rng.choice(EN_FIRST), rng.choice(EN_LAST)
            local = re.sub(r"[^a-z]", "", first.lower()) + "." + re.sub(r"[^a-z]", "",
                                                                         last.lower())
            person = (f"{first} {last}", local)
        if person[0] not in {p[0] for p in people} and person[0] != EMPLOYEE:
            people.append(person)
    return people


def write_chats(folder: Path, messages: int, seed: int = 11) -> list[Path]:
    """`messages` lines over the conversations, MESSAGES_PER_DAY a conversation a day."""
    rng = Random(seed)
    texts = chat_stream(seed=seed, n=messages)
    colleagues = _colleagues(rng, 24)
    folder.mkdir(parents=True, exist_ok=True)
    lines: dict[str, list[str]] = {c: [] for c in CONVERSATIONS}
    start = datetime(2024, 1, 2, 9, 0, tzinfo=ZONE)
    for i, text in enumerate(texts):
        conversation = CONVERSATIONS[(i // MESSAGES_PER_DAY) % len(CONVERSATIONS)]
        day = i // (MESSAGES_PER_DAY * len(CONVERSATIONS))
        when = start + timedelta(days=day, minutes=2 * (i % MESSAGES_PER_DAY))
        sender = EMPLOYEE if rng.random() < 0.3 else rng.choice(colleagues)[0]
        lines[conversation].append(f"{when:%Y-%m-%d %H:%M} {sender}：{text}")
    paths = []
    for conversation, body in lines.items():
        if body:
            path = folder / f"{conversation}.txt"
            path.write_text("\n".join(body) + "\n", encoding="utf-8")
            paths.append(path)
    return paths


def write_mbox(path: Path, emails: int, seed: int = 12) -> Path:
    rng = Random(seed)
    texts = chat_stream(seed=seed, n=emails * 6)
    colleagues = _colleagues(rng, 24)
    box = mailbox.mbox(path, create=True)
    start = datetime(2024, 1, 2, 8, 0, tzinfo=ZONE)
    try:
        box.lock()
        for i in range(emails):
            other, local = rng.choice(colleagues)
            message = EmailMessage()
            message["From"] = f"{EMPLOYEE} <lina.li@xinghe.example.com>"
            message["To"] = f"{other} <{local}@xinghe.example.com>"
            message["Subject"] = f"Re: {texts[6 * i][:40].splitlines()[0]} ({i})"
            message["Date"] = format_datetime(start + timedelta(hours=5 * i))
            message["Message-ID"] = f"<bench-{seed}-{i}@xinghe.example.com>"
            body = "\n\n".join(texts[6 * i + 1:6 * i + 6])
            message.set_content(f"{other}，\n\n{body}\n\n{EMPLOYEE}\n")
            box.add(message)
        box.flush()
    finally:
        box.unlock()
        box.close()
    return path


def material(folder: Path, messages: int, emails: int = 0) -> list[Path]:
    """The files to import: chat exports, and an mbox when `emails` > 0."""
    paths = write_chats(folder / "chats", messages)
    if emails:
        paths.append(write_mbox(folder / "inbox.mbox", emails))
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--emails", type=int, default=0)
    args = parser.parse_args(argv)
    for path in material(args.out, args.messages, args.emails):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
