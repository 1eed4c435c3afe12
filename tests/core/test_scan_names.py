"""Names that hold another name: a colleague whose name contains the employee's nickname, a
label before a colon, a colleague's nickname (a new user's report). End to end: a workspace
scan, the default policy (`review --auto`) and the skill built from it."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

from tests.core.parties import make_parties
from workbench.core.package import consent
from workbench.core.package.skill import build_skill
from workbench.core.pii.profile import SelfProfile
from workbench.core.review import decisions as review
from workbench.core.review import scan
from workbench.core.workspace import Workspace


def _skill(tmp_path: Path, fixtures: Path, profile: SelfProfile,
           material: dict[str, str] | None = None,
           folders: tuple[Path, ...] = ()) -> tuple[Workspace, str]:
    """A consented workspace of `profile` with `material` (file name -> text) and `folders`
    imported, scanned, reviewed by the default policy, and the text of the skill built."""
    employee, hr, recipient = make_parties(tmp_path / "homes")
    paths: list[Path] = []
    if material:
        folder = tmp_path / "material"
        folder.mkdir()
        for name, text in material.items():
            (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder)
    for source in folders:
        shutil.copytree(source, tmp_path / source.name)
        paths.append(tmp_path / source.name)
    with employee:
        ws = Workspace.create(tmp_path / "ws", profile, "Asia/Shanghai")
        ws.import_paths(paths)
        scan.scan_workspace(ws)
        terms = consent.terms_from_mapping(
            consent.terms_from_file(fixtures / "consent_terms.json"),
            countersigner=hr.card.fingerprint, recipients=[recipient.card.fingerprint],
            delete_by="2030-01-01")
        consent.record_decision(ws, terms, "given", employee.card, datetime.now(UTC))
        review.auto_review(ws)
    folder = build_skill(ws, tmp_path / "out")
    text = "\n".join(p.read_text("utf-8") for p in sorted(folder.rglob("*.md"))
                     if not p.is_relative_to(folder / "consent"))
    return ws, text


def _people(ws: Workspace) -> dict[str, set[tuple[str, str | None]]]:
    """Each PERSON value found -> the (party, person key) pairs it was tagged with."""
    found: dict[str, set[tuple[str, str | None]]] = {}
    for f in ws.findings():
        if f.entity == "PERSON":
            found.setdefault(f.value, set()).add((f.party, f.person_key))
    return found


def test_a_colleague_whose_name_holds_my_nickname_is_pseudonymised(tmp_path: Path,
                                                                   fixtures: Path) -> None:
    profile = SelfProfile(name="李娜", aliases=("娜娜", "Lina Li", "Lina"))
    ws, text = _skill(tmp_path, fixtures, profile, {
        "测试环境.txt": "欧阳娜娜负责测试环境，有问题找欧阳娜娜。\n"
                        "王娜娜明天到，Lina Lindqvist owns the test env; ask Lina Lindqvist.\n"
                        "谢谢娜娜，找娜娜或者和娜娜说都行。Lina is on call.\n",
    })
    try:
        people = _people(ws)
    finally:
        ws.close()
    for colleague in ("欧阳娜娜", "王娜娜", "Lina Lindqvist"):
        assert colleague not in text, colleague
        (tag,) = people[colleague]
        assert tag[0] == "third_party", (colleague, tag)
    # Each is a person of their own, not the employee nor each other.
    keys = {next(iter(people[c]))[1] for c in ("欧阳娜娜", "王娜娜", "Lina Lindqvist")}
    assert len(keys) == 3 and "self" not in keys
    # The employee's own nickname, alone (after 谢谢, 找, 和), is still theirs and kept.
    assert people["娜娜"] == {("self", "self")}
    assert people["Lina"] == {("self", "self")}
    assert "谢谢娜娜，找娜娜或者和娜娜说都行。Lina is on call." in text


def test_a_longer_form_that_is_itself_my_name_stays_mine(tmp_path: Path,
                                                         fixtures: Path) -> None:
    profile = SelfProfile(name="欧阳娜娜", aliases=("娜娜", "Lina Lindqvist", "Lina"))
    ws, text = _skill(tmp_path, fixtures, profile, {
        "notes.txt": "欧阳娜娜负责测试环境，娜娜明天到。Lina Lindqvist owns it; Lina too.\n"})
    try:
        people = _people(ws)
    finally:
        ws.close()
    assert "欧阳娜娜负责测试环境，娜娜明天到。Lina Lindqvist owns it; Lina too." in text
    assert all(tags == {("self", "self")} for tags in people.values()), people


def test_a_label_before_a_colon_is_not_a_name(tmp_path: Path, fixtures: Path) -> None:
    profile = SelfProfile(name="李娜", aliases=("Lina Li",))
    lines = ["Primary: Lina Li", "Secondary: Lina Li", "Owner: Lina Li", "Backup: Lina Li",
             "Contact: Lina Li", "Note: 找李娜", "负责人：李娜", "备注：李娜值班"]
    ws, text = _skill(tmp_path, fixtures, profile, {
        "值班表.md": "# 值班安排\n\n" + "\n".join(lines) + "\n",
        "oncall.txt": "\n".join(lines) + "\n",
    })
    try:
        people = _people(ws)
    finally:
        ws.close()
    labels = {"Primary", "Secondary", "Owner", "Backup", "Contact", "Note", "负责人", "备注"}
    assert not labels & set(people), people
    for line in lines:
        assert line in text, line
    assert not re.search(r"(?:Colleague |同事)[A-Z][:：]", text)


def test_a_colleagues_nickname_gets_their_alias(tmp_path: Path, fixtures: Path) -> None:
    profile = SelfProfile(name="王小明", aliases=("小明",))
    ws, text = _skill(tmp_path, fixtures, profile, {
        "日常.txt": "天天加班，常常熬夜，慢慢来，谢谢大家，哈哈，刚刚发布。\n",
    }, folders=(fixtures / "feishu",))
    try:
        people = _people(ws)
        lina = scan.sender_keys(ws)["李娜"]  # a sender of the chat: a colleague here
    finally:
        ws.close()
    assert lina.startswith("person:")
    assert people["娜娜"] == {("third_party", lina)}  # one person, one alias
    assert "娜娜" not in text and "李娜" not in text
    assert "天天加班，常常熬夜，慢慢来，谢谢大家，哈哈，刚刚发布。" in text
    assert not {"天天", "常常", "慢慢", "谢谢", "哈哈", "刚刚"} & set(people)


def test_a_nickname_of_a_name_only_mentioned_gets_its_alias(tmp_path: Path,
                                                            fixtures: Path) -> None:
    """李娜 is no sender and not in the people table, only named in a document."""
    profile = SelfProfile(name="王小明", aliases=("小明",))
    ws, text = _skill(tmp_path, fixtures, profile, {
        "交接.txt": "支付网关由李娜负责。\n娜娜，明天上午发布，小娜也来。\n天天加班，刚刚发布。\n",
    })
    try:
        people = _people(ws)
    finally:
        ws.close()
    (lina,) = people["李娜"]
    assert lina[0] == "third_party"
    assert people["娜娜"] == people["小娜"] == {lina}
    assert "娜娜" not in text and "李娜" not in text and "小娜" not in text
    assert "天天加班，刚刚发布。" in text
