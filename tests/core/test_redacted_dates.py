"""A day the employee redacts in an item's text does not leave by the item's own dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.ingest.artifacts import ArtifactKind
from workbench.core.package.skill import build_skill
from workbench.core.pii.profile import SelfProfile
from workbench.core.review import decisions as review
from workbench.core.review import scan
from workbench.core.review.dates import names_day
from workbench.core.workspace import Workspace


@pytest.mark.parametrize("value", [
    "2016-08-06", "2016/8/6", "8/6", "6 Aug", "August 6th", "2016年8月6日", "8月6日",
    "06.08.2016",
])
def test_names_the_day(value: str):
    assert names_day(value, "2016-08-06T13:20:00+08:00")


@pytest.mark.parametrize("value", [
    "2017-08-06", "August", "8", "Zhang Wei", "+1 415 555 0132", "9/7", "E12345678", "",
])
def test_does_not_name_the_day(value: str):
    assert not names_day(value, "2016-08-06T13:20:00+08:00")


def test_month_and_day_equal_need_both_numbers():
    assert names_day("5/5", "2020-05-05") and not names_day("5", "2020-05-05")


def test_a_hand_redacted_day_is_withheld_from_file_name_and_skill_table(tmp_path: Path,
                                                                          fixtures: Path):
    export = tmp_path / "WhatsApp Chat with Wang Fang.txt"
    export.write_text("06.08.2016, 13:20 - Wang Fang: clinic visit on 2016-08-06, off sick\n"
                      "06.08.2016, 13:24 - Lina Li: get well soon\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "ws", SelfProfile.from_file(fixtures / "self.json"),
                          "Asia/Shanghai")
    try:
        ws.import_paths([export])
        scan.scan_workspace(ws)
        review.apply_default_policy(ws)
        chat = ws.artifacts(ArtifactKind.CHAT)[0]
        start = (chat.text or "").index("2016-08-06")
        review.redact_span(ws, chat.id, start, start + len("2016-08-06"))
        review.approve(ws, chat.id)
        folder = build_skill(ws, tmp_path / "out")
    finally:
        ws.close()
    files = [p.name for p in (folder / "references" / "chats").glob("*.md")]
    assert files == ["undated-chat-001.md"]
    everything = "\n".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.md"))
    assert "2016-08-06" not in everything and "2016-08-06" not in " ".join(files)
