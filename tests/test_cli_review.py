"""`workbench review` from the command line: every review step, scriptable, through the core's
rules; and the samples (images included) taken to an opened package with the CLI alone."""

import json
import re
from pathlib import Path

import pytest

from workbench.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_samples_reach_an_opened_package_with_the_command_line_alone(
    tmp_path: Path, fixtures: Path, capsys, monkeypatch
):
    homes = {role: tmp_path / role for role in ("employee", "hr", "recipient")}
    names = {"employee": "李娜", "hr": "陈静", "recipient": "Payments AI team"}

    def as_(role: str, *argv: object) -> tuple[int, str, str]:
        monkeypatch.setenv("WORKBENCH_HOME", str(homes[role]))
        return run(capsys, *argv)

    for role, name in names.items():
        assert as_(role, "keys", "new", "--role", role, "--name", name)[0] == 0
        (tmp_path / f"{role}.wbid.json").write_text(as_(role, "keys", "export", name)[1])
    for role in names:
        for other in set(names) - {role}:
            assert as_(role, "keys", "import", tmp_path / f"{other}.wbid.json")[0] == 0

    ws = tmp_path / "ws"
    assert as_("employee", "init", ws, "--profile", fixtures / "self.json")[0] == 0
    # The original samples folder (the formats added later have tests of their own): the good
    # files go in, each bad one is listed with its reason.
    import shutil

    samples = tmp_path / "samples"
    for part in ("bad", "colleague_skill", "collector", "docs", "email", "feishu", "images",
                 "slack"):
        shutil.copytree(fixtures / part, samples / part)
    code, out, err = as_("employee", "import", ws, samples, "--format", "json")
    summary = json.loads(out)
    assert code == 2
    assert summary["added_by_kind"]["image"] == 2 and summary["added"] >= 20
    failed = {Path(f["path"]).name for f in summary["failed"]}
    assert {"binary.eml", "truncated.json", "not_really.docx"} <= failed
    assert all(f["reason"] for f in summary["failed"])
    assert as_("employee", "scan", ws, "--quiet")[0] == 0
    code, out, _ = as_("employee", "review", ws, "--auto", "--format", "json")
    left = json.loads(out)["left"]
    assert code == 0 and [item["kind"] for item in left] == ["image", "image"]

    # The images: look at each as it would leave, cover an area, approve.
    screenshot, photo = left
    preview = tmp_path / "look.png"
    code, out, _ = as_("employee", "review", ws, "--show", screenshot["id"], "--image-out",
                       preview)
    assert code == 0 and "13812345678" in out and "Phone number" in out
    from PIL import Image

    with Image.open(preview) as picture:
        width, _height = picture.size
        assert picture.getpixel((320, 74))[:3] == (0, 0, 0)  # the phone number, painted over
    # The picture the user kept is not replaced without --force (red team).
    kept = preview.read_bytes()
    code, _, err = as_("employee", "review", ws, "--show", screenshot["id"], "--image-out",
                       preview)
    assert code == 2 and "exists" in err and preview.read_bytes() == kept
    assert as_("employee", "review", ws, "--show", screenshot["id"], "--image-out", preview,
               "--force")[0] == 0
    code, out, _ = as_("employee", "review", ws, "--box", screenshot["id"], "0,0,20,20")
    assert code == 0 and "Covered" in out
    code, _, err = as_("employee", "review", ws, "--box", screenshot["id"],
                       f"0,0,{width + 1},10")
    assert code == 2 and "outside" in err
    code, out, err = as_("employee", "review", ws, "--approve", screenshot["id"][:6],
                         photo["title"])
    assert code == 0, err
    assert out.count("Approved") == 2
    code, out, _ = as_("employee", "review", ws, "--list", "--format", "json")
    assert json.loads(out)["left"] == []

    code, _, err = as_("employee", "consent", ws, "--purpose", "handover", "--controller",
                       "Xinghe", "--countersigner", "陈静", "--recipient", "Payments AI team",
                       "--delete-by", "2030-01-01", "--yes")
    assert code == 0, err
    package = tmp_path / "skill.cwpkg"
    code, out, err = as_("employee", "export", package.parent / "ws", "--out", package)
    assert code == 0, err
    assert as_("hr", "countersign", package, "--yes")[0] == 0
    code, out, err = as_("recipient", "open", package, "--out", tmp_path / "recv")
    assert code == 0 and "Opened into" in out, err
    skill = next((tmp_path / "recv").iterdir())
    code, out, _ = as_("recipient", "verify-skill", skill)
    assert code == 0 and out.startswith("VALID")
    # The covered image left redacted: its stored copy has the box painted black.
    images = [p for p in skill.rglob("*") if p.suffix.lower() in {".png", ".jpg", ".jpeg"}]
    assert len(images) == 2


@pytest.fixture
def reviewed(tmp_path: Path, fixtures: Path, capsys) -> Path:
    ws = tmp_path / "ws"
    run(capsys, "init", ws, "--profile", fixtures / "self.json")
    run(capsys, "import", ws, fixtures / "feishu/chat_export.json", fixtures / "slack", "-q")
    run(capsys, "scan", ws, "-q")
    return ws


def _show(capsys, ws: Path, ref: str) -> dict:
    code, out, err = run(capsys, "review", ws, "--show", ref, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_show_decide_redact_undo_approve_through_the_core_rules(reviewed: Path, capsys):
    code, out, _ = run(capsys, "review", reviewed, "--list", "--format", "json")
    items = json.loads(out)["left"]
    shown_items = [(i, _show(capsys, reviewed, i["id"])) for i in items]
    slack, shown = next((i, shown) for i, shown in shown_items
                        if any(f["entity"] == "SECRET" for f in shown["findings"]))
    assert shown["artifact"] == slack["artifact"] and shown["state"] == "pending"
    for finding in shown["findings"]:
        assert shown["text"][finding["start"]:finding["end"]] == finding["value"]
    secret = next(f for f in shown["findings"] if f["entity"] == "SECRET")

    # Approving with findings left open is refused by the core, and says why (exit 1).
    code, _, err = run(capsys, "review", reviewed, "--approve", slack["id"])
    assert code == 1 and "still need a decision" in err
    # A secret cannot be kept: the core's rule, not the command line's.
    code, _, err = run(capsys, "review", reviewed, "--decide", f"{secret['id']}=keep")
    assert code == 1 and "cannot be kept" in err
    assert _finding(capsys, reviewed, slack["id"], secret["id"])["decision"] == "pending"

    person = next(f for f in shown["findings"] if f["entity"] == "PERSON")
    code, out, _ = run(capsys, "review", reviewed, "--decide", f"{person['id']}=redact",
                       "--everywhere")
    assert code == 0 and f"#{person['id']}: redact" in out
    assert _finding(capsys, reviewed, slack["id"], person["id"])["decision"] == "redact"
    code, out, _ = run(capsys, "review", reviewed, "--undo")
    assert code == 0 and "Undid the last review step: " in out
    assert "set back to what" in out and "in 支付网关发布群 · 2024-03-04" in out  # by name
    assert _finding(capsys, reviewed, slack["id"], person["id"])["decision"] == "pending"

    start = shown["text"].index(shown["text"].split()[0])
    end = start + len(shown["text"].split()[0])
    code, out, _ = run(capsys, "review", reviewed, "--redact", slack["id"], "--span",
                       f"{start}:{end}", "--format", "json")
    (manual,) = json.loads(out)["findings"]
    assert _finding(capsys, reviewed, slack["id"], manual)["entity"] == "MANUAL"
    code, _, err = run(capsys, "review", reviewed, "--redact", slack["id"], "--span", "9:x")
    assert code == 2 and "START:END" in err

    decisions = [f"{f['id']}=redact" for f in shown["findings"] if f["decision"] == "pending"]
    code, _, err = run(capsys, "review", reviewed, "--decide", *decisions)
    assert code == 0, err
    code, out, _ = run(capsys, "review", reviewed, "--approve", slack["title"])
    assert code == 0 and "Approved" in out
    assert _show(capsys, reviewed, slack["id"])["state"] == "approved"


def _finding(capsys, ws: Path, artifact: str, finding_id: int) -> dict:
    return next(f for f in _show(capsys, ws, artifact)["findings"] if f["id"] == finding_id)


def test_a_name_that_fits_nothing_or_several_changes_nothing(reviewed: Path, capsys):
    code, out, _ = run(capsys, "review", reviewed, "--list", "--format", "json")
    items = json.loads(out)["left"]
    before = [i["id"] for i in items]
    code, _, err = run(capsys, "review", reviewed, "--exclude", items[0]["id"], "no-such-item")
    assert code == 2 and "no-such-item" in err and "Traceback" not in err
    code, _, err = run(capsys, "review", reviewed, "--exclude", "sha2")
    assert code == 2
    code, out, _ = run(capsys, "review", reviewed, "--list", "--format", "json")
    assert [i["id"] for i in json.loads(out)["left"]] == before
    code, out, _ = run(capsys, "review", reviewed, "--exclude", items[0]["id"])
    assert code == 0 and "Excluded" in out
    code, _, err = run(capsys, "review", reviewed, "--box", items[1]["id"], "1,1,5,5")
    assert code == 2 and "not an image" in err
    code, _, err = run(capsys, "review", reviewed, "--box", items[1]["id"], "1,1,0,5")
    assert code == 2 and "X,Y,W,H" in err
    code, _, err = run(capsys, "review", reviewed, "--decide", "x=redact")
    assert code == 2 and "FINDING=" in err
    code, _, err = run(capsys, "review", reviewed, "--decide", "999999=redact")
    assert code == 2 and "999999" in err
    code, _, err = run(capsys, "review", reviewed, "--approve", items[1]["id"], "--everywhere")
    assert code == 2 and "--everywhere goes with" in err
    code, _, err = run(capsys, "review", reviewed, "--list", "--span", "1:2")
    assert code == 2 and "--span goes with --redact" in err


def _reference_for(folder: Path, day: str) -> str:
    (path,) = folder.rglob(f"references/chats/{day}-chat-*.md")
    return path.read_text(encoding="utf-8")


def _assert_export_is_what_review_shows(shown: dict, reference: str) -> None:
    """Every value `review --show` lists as replaced (its findings and the sweep) is gone from
    the item's exported reference, and every piece of text between them is there as shown."""
    replaced = [(f["start"], f["end"], f["value"]) for f in shown["findings"]
                if f["decision"] in ("redact", "pseudonymise") and f["start"] >= 0]
    replaced += [(w["start"], w["end"], w["value"]) for w in shown["swept"] if w["start"] >= 0]
    text, position = shown["text"], 0
    for start, end, value in sorted(replaced):
        assert value not in reference, value
        for piece in text[position:start].split("\n"):
            assert piece.strip() in reference, piece
        position = max(position, end)
    for piece in text[position:].split("\n"):
        assert piece.strip() in reference, piece


def test_the_export_redacts_exactly_what_review_shows(tmp_path: Path, capsys):
    """The report: `--redact … --span` of "收到" in one chat said one span was redacted, yet
    the export blanked "收到" in every chat while `--show` of those showed nothing. A manual
    redaction is now of its span unless `--everywhere` is given; a detected value redacted in
    one item is still swept from the others, and `--show` lists each place it is."""
    for name, lines in (
        ("first", ["2024-03-05 09:30 李娜：ok 收到",
                   "2024-03-05 09:31 Tom Baker：王经理的身份证号码是110105194912310021"]),
        ("second", ["2024-03-06 10:00 李娜：ok 收到",
                    "2024-03-06 10:01 Tom Baker：编号 110105194912310021 已登记"]),
    ):
        (tmp_path / name).mkdir()
        (tmp_path / name / "messages.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ws = tmp_path / "ws"
    assert run(capsys, "init", ws, "--profile", FIXTURES_SELF)[0] == 0
    assert run(capsys, "import", ws, tmp_path / "first", tmp_path / "second", "-q")[0] == 0
    assert run(capsys, "scan", ws, "-q")[0] == 0
    assert run(capsys, "review", ws, "--auto")[0] == 0
    code, out, _ = run(capsys, "review", ws, "--list", "--format", "json")
    assert json.loads(out)["left"] == []
    items = {}
    for artifact in _artifacts(ws):
        shown = _show(capsys, ws, artifact)
        items["first" if "王经理" in shown["text"] else "second"] = shown
    first, second = items["first"], items["second"]
    assert [f["entity"] for f in first["findings"]].count("CN_RESIDENT_ID") == 1
    assert not any(f["value"] == "110105194912310021" for f in second["findings"])
    # The ID detected in the first chat is swept from the second: --show says where.
    assert [(w["entity"], w["value"]) for w in second["swept"]] == \
        [("CN_RESIDENT_ID", "110105194912310021")]
    code, out, _ = run(capsys, "review", ws, "--show", second["id"])
    assert code == 0 and "redacted elsewhere" in out and "110105194912310021" in out
    # Who posted each message is shown above it (new-user trial: only the text was).
    lines = out.splitlines()
    said = next(i for i, line in enumerate(lines) if "编号 110105194912310021" in line)
    assert lines[said - 1].strip() == "10:01 Tom Baker:"

    start = first["text"].index("收到")
    code, out, _ = run(capsys, "review", ws, "--redact", first["id"], "--span",
                       f"{start}:{start + 2}")
    assert code == 0 and "Redacted 1" in out
    assert run(capsys, "review", ws, "--approve", first["id"])[0] == 0
    first, second = _show(capsys, ws, first["id"]), _show(capsys, ws, second["id"])
    assert not any("收到" in f["value"] for f in second["findings"] + second["swept"])

    assert run(capsys, "build-skill", ws, "--out", tmp_path / "out")[0] == 0
    package = tmp_path / "out"
    for shown, day in ((first, "2024-03-05"), (second, "2024-03-06")):
        _assert_export_is_what_review_shows(shown, _reference_for(package, day))
    assert "收到" in _reference_for(package, "2024-03-06")
    assert "收到" not in _reference_for(package, "2024-03-05")

    # Asked everywhere, each place is a finding of its own, shown and exported as shown.
    start = second["text"].index("收到")
    code, out, _ = run(capsys, "review", ws, "--redact", second["id"], "--span",
                       f"{start}:{start + 2}", "--everywhere", "--format", "json")
    # One new finding: the first chat's "收到" is redacted already.
    assert code == 0 and len(json.loads(out)["findings"]) == 1
    code, out, _ = run(capsys, "review", ws, "--list", "--format", "json")
    for item in json.loads(out)["left"]:
        assert run(capsys, "review", ws, "--approve", item["id"])[0] == 0
    second = _show(capsys, ws, second["id"])
    assert any(f["value"] == "收到" and f["entity"] == "MANUAL" for f in second["findings"])
    assert run(capsys, "build-skill", ws, "--out", tmp_path / "again")[0] == 0
    _assert_export_is_what_review_shows(second, _reference_for(tmp_path / "again",
                                                                "2024-03-06"))
    assert "收到" not in _reference_for(tmp_path / "again", "2024-03-06")


FIXTURES_SELF = Path(__file__).parent / "fixtures" / "self.json"


def _artifacts(ws: Path) -> list[str]:
    from workbench.core.workspace import Workspace

    with Workspace.open(ws) as opened:
        return [a.id for a in opened.artifacts()]


def test_show_names_title_places_and_everywhere_reaches_file_names(tmp_path: Path, capsys):
    """Red team: a redaction `--everywhere` stopped at the items' text, so a file name kept
    the word; and `--show` printed places in a title at negative offsets. Now the file name
    is redacted too, and `--show` calls the place what it is: "title 0:5"."""
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "rollout plan.txt").write_text("The rollout token is kept in the vault.\n",
                                              encoding="utf-8")
    (sources / "vault access.txt").write_text("Ask the duty engineer.\n", encoding="utf-8")
    ws = tmp_path / "ws"
    assert run(capsys, "init", ws, "--profile", FIXTURES_SELF)[0] == 0
    assert run(capsys, "import", ws, sources, "-q")[0] == 0
    assert run(capsys, "scan", ws, "-q")[0] == 0
    plan, vault = (_show(capsys, ws, title) for title in ("rollout plan.txt",
                                                          "vault access.txt"))
    start = plan["text"].index("vault")
    code, out, err = run(capsys, "review", ws, "--redact", plan["id"], "--span",
                         f"{start}:{start + 5}", "--everywhere", "--format", "json")
    assert code == 0, err
    assert len(json.loads(out)["findings"]) == 2  # the text of one, the file name of the other
    vault = _show(capsys, ws, vault["id"])
    (manual,) = [f for f in vault["findings"] if f["entity"] == "MANUAL"]
    assert manual["value"] == "vault" and manual["start"] < 0
    assert manual["place"] == {"in": "title", "start": 0, "end": 5}
    code, out, _ = run(capsys, "review", ws, "--show", vault["id"])
    line = next(line for line in out.splitlines() if f"#{manual['id']}" in line)
    assert "title 0:5" in line and not re.search(r"-\d", line)

    assert run(capsys, "review", ws, "--auto")[0] == 0
    assert run(capsys, "build-skill", ws, "--out", tmp_path / "out")[0] == 0
    written = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.md"))
    assert "vault access" not in written and "access.txt" in written
