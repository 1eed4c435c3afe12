"""The review service: the rules a front end relies on, exercised through it — the gate
refuses what is undecided, pictures need a person, the image box rule, the choices a finding
allows, taking a finding back, redactions by hand reaching titles, and title places shown as
such."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from tests.templates import WorkspaceKey, copy_workspace, template_home, template_key
from workbench.core.errors import BadInputError, RefusedError
from workbench.core.services import reviewing
from workbench.core.services.reviewing import (
    ArtifactKind,
    ArtifactState,
    Decision,
    NotApprovable,
    Rule,
    TakenBack,
    Workspace,
)

FIXTURES = Path(__file__).parents[2] / "fixtures"
PLAN = "Deploy plan by Zhao Min.\nThe rollout token is kept in the vault.\n"


def _rotated_jpeg() -> bytes:
    """A 120×40 JPEG whose EXIF says "turn a quarter": upright it is 40×120."""
    image = Image.new("RGB", (120, 40), "white")
    exif = Image.Exif()
    exif[0x0112] = 6
    data = io.BytesIO()
    image.save(data, format="JPEG", exif=exif.tobytes())
    return data.getvalue()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, WorkspaceKey]:
    """Imported and scanned once (the detector takes seconds to load); each test copies it."""
    from workbench.core.pii.profile import SelfProfile
    from workbench.core.review import scan

    base = tmp_path_factory.mktemp("reviewing")
    sources = base / "sources"
    sources.mkdir()
    (sources / "rollout plan.txt").write_text(PLAN, encoding="utf-8")
    (sources / "vault access.txt").write_text("Ask the duty engineer.\n", encoding="utf-8")
    (sources / "turned.jpg").write_bytes(_rotated_jpeg())
    root = base / "ws"
    profile = SelfProfile.from_file(FIXTURES / "self.json")
    with template_home(base / "home"), Workspace.create(root, profile, "Asia/Shanghai") as ws:
        ws.import_paths([FIXTURES / "feishu/chat_export.json", sources,
                         FIXTURES / "images/chat_screenshot.png"])
        scan.scan_workspace(ws)
        return root, template_key(ws)


@pytest.fixture
def ws(template: tuple[Path, WorkspaceKey], tmp_path: Path):
    with Workspace.open(copy_workspace(*template, tmp_path / "ws")) as opened:
        yield opened


def _item(ws: Workspace, title: str) -> str:
    return next(a.id for a in reviewing.items(ws) if a.title == title)


def _pictures(ws: Workspace) -> dict[str, str]:
    return {a.title: a.id for a in reviewing.items(ws) if a.kind is ArtifactKind.IMAGE}


def _chat(ws: Workspace) -> str:
    return next(a.id for a in reviewing.items(ws) if a.kind is ArtifactKind.CHAT)


def test_approving_an_item_with_an_undecided_finding_is_refused(ws: Workspace):
    chat = _chat(ws)
    item = reviewing.open_item(ws, chat)
    assert item.undecided > 0
    assert item.blockers is not None
    assert [b.rule for b in item.blockers] == [Rule.UNDECIDED]
    assert item.blocked_besides_deciding == ()
    with pytest.raises(NotApprovable, match="still need a decision"):
        reviewing.approve(ws, chat)
    assert reviewing.open_item(ws, chat).artifact.state is ArtifactState.PENDING
    assert any(u.artifact_id == chat for u in reviewing.unresolved(ws))

    result = reviewing.apply_default_policy(ws)
    assert result.decided > 0 and result.unscanned == ()
    assert reviewing.open_item(ws, chat).blockers == ()
    assert reviewing.approve(ws, chat).startswith("sha256:")
    assert reviewing.open_item(ws, chat).artifact.state is ArtifactState.APPROVED
    assert all(u.artifact_id != chat for u in reviewing.unresolved(ws))


def test_the_default_policy_decides_nothing_while_an_item_is_unscanned(ws: Workspace,
                                                                       tmp_path: Path):
    (tmp_path / "late.txt").write_text("Call Zhao Min on 13812345678.\n", encoding="utf-8")
    ws.import_paths([tmp_path / "late.txt"])
    result = reviewing.apply_default_policy(ws)
    assert result == reviewing.PolicyResult(0, ("late.txt",))
    assert all(f.decision == "pending" for f in ws.findings())
    late = reviewing.open_item(ws, _item(ws, "late.txt"))
    assert late.blockers is not None and [b.rule for b in late.blockers] == [Rule.UNSCANNED]


def test_pictures_wait_for_a_person_while_the_rest_is_approved_at_once(ws: Workspace):
    reviewing.apply_default_policy(ws)
    approved = reviewing.approve_ready(ws)
    states = dict(reviewing.item_states(ws))
    assert approved == sum(1 for s in states.values() if s is ArtifactState.APPROVED) > 0
    pictures = _pictures(ws)
    assert {states[p] for p in pictures.values()} == {ArtifactState.PENDING}
    left = {u.artifact_id: u.reasons for u in reviewing.unresolved(ws)}
    assert set(left) == set(pictures.values())
    # Looked at and approved by hand, a picture goes through.
    screenshot = pictures["chat_screenshot.png"]
    reviewing.approve(ws, screenshot)
    assert dict(reviewing.item_states(ws))[screenshot] is ArtifactState.APPROVED
    # One undo takes back the single approval; the one before it was its own step.
    undone = reviewing.undo(ws)
    assert (undone.count, undone.reopened) == (1, ("chat_screenshot.png",))
    assert dict(reviewing.item_states(ws))[screenshot] is ArtifactState.PENDING
    assert undone.message().text("en") == (
        "Undid the last review step: chat_screenshot.png open for review again: approve it when "
        "ready.")


def test_the_image_box_rule_refuses_an_area_outside_the_upright_picture(ws: Workspace):
    turned = _pictures(ws)["turned.jpg"]
    assert reviewing.show(ws, turned).picture_size == (40, 120)  # EXIF applied
    before = ws.findings(turned)
    with pytest.raises(BadInputError) as outside:
        reviewing.redact_area(ws, turned, (0, 0, 120, 40))  # the stored, unturned shape
    assert outside.value.code == "review.box-outside" and "40×120" in str(outside.value)
    with pytest.raises(BadInputError) as edge:
        reviewing.redact_area(ws, turned, (30, 100, 11, 10))  # one pixel past the edge
    assert edge.value.code == "review.box-outside"
    with pytest.raises(BadInputError) as tiny:
        reviewing.redact_area(ws, turned, (5, 5, 1, 30))
    assert tiny.value.code == "review.bad-box-size" and "X,Y,W,H" in str(tiny.value)
    with pytest.raises(BadInputError) as negative:
        reviewing.redact_area(ws, turned, (-1, 5, 10, 10))
    assert negative.value.code == "review.bad-box-size"
    with pytest.raises(BadInputError) as text:
        reviewing.redact_area(ws, _chat(ws), (0, 0, 10, 10))
    assert text.value.code == "review.not-image"
    assert ws.findings(turned) == before  # nothing refused was covered

    (new,) = reviewing.redact_area(ws, turned, (30, 100, 10, 20))  # to the very corner
    covered = ws.finding(new)
    assert covered.box == (30, 100, 10, 20) and covered.decision == "redact"
    painted = reviewing.painted_picture(ws, turned)
    assert painted.size == (40, 120)
    assert painted.convert("RGB").getpixel((35, 110)) == (0, 0, 0)
    assert painted.convert("RGB").getpixel((10, 10)) != (0, 0, 0)


def test_choices_offer_only_what_deciding_accepts(ws: Workspace):
    findings = list(ws.findings())
    person = next(f for f in findings if f.entity == "PERSON" and f.person_key
                  and f.party == "third_party")
    secret = next(f for f in findings if f.entity in ("SECRET", "CN_RESIDENT_ID"))
    ip = next(f for f in findings if f.entity == "IP_ADDRESS")

    allowed = reviewing.choices(person)
    assert allowed.redact.allowed and allowed.pseudonymise.allowed and allowed.keep.allowed
    assert not allowed.removable

    never_kept = reviewing.choices(secret)
    assert not never_kept.keep.allowed and "always redacted" in never_kept.keep.reason
    with pytest.raises(RefusedError, match="cannot be kept"):
        reviewing.decide(ws, secret.id, Decision.KEEP)

    no_alias = reviewing.choices(ip)
    assert not no_alias.pseudonymise.allowed and "known person" in no_alias.pseudonymise.reason
    with pytest.raises(RefusedError):
        reviewing.decide(ws, ip.id, "pseudonymise")
    assert ws.finding(ip.id).decision == "pending"

    with pytest.raises(BadInputError) as unknown:
        reviewing.decide(ws, person.id, "pending")  # undeciding is not a decision
    assert unknown.value.code == "review.unknown-decision"
    assert reviewing.decide(ws, person.id, "pseudonymise") == 1
    item = reviewing.open_item(ws, person.artifact_id)
    assert item.alias_of(ws.finding(person.id))  # the alias the export will write


def test_taking_back_removes_what_you_made_and_keeps_what_the_detector_found(ws: Workspace):
    screenshot = _pictures(ws)["chat_screenshot.png"]
    (drawn,) = reviewing.redact_area(ws, screenshot, (600, 10, 40, 40))
    made = reviewing.choices(ws.finding(drawn))
    assert made.removable and not made.keep.allowed and "take it back" in made.keep.reason
    with pytest.raises(RefusedError) as kept:
        reviewing.decide(ws, drawn, Decision.KEEP)
    assert kept.value.code == "review.manual-not-kept"
    assert reviewing.take_back(ws, drawn) is TakenBack.REMOVED
    assert all(f.id != drawn for f in ws.findings(screenshot))

    phone = next(f for f in ws.findings(screenshot) if f.box and f.entity == "PHONE_NUMBER")
    assert reviewing.take_back(ws, phone.id) is TakenBack.KEPT
    assert ws.finding(phone.id).decision == "keep"

    secret = next(f for f in ws.findings() if f.entity in ("SECRET", "CN_RESIDENT_ID")
                  and f.detector != "manual")
    with pytest.raises(RefusedError, match="cannot be kept"):
        reviewing.take_back(ws, secret.id)
    assert ws.finding(secret.id).decision == "pending"


def test_a_selection_is_redacted_without_its_blanks_and_a_blank_one_is_refused(ws: Workspace):
    plan = _item(ws, "rollout plan.txt")
    text = reviewing.open_item(ws, plan).artifact.text
    start = text.index("rollout")
    (new,) = reviewing.redact_text(ws, plan, start - 1, start + len("rollout") + 1)
    redacted = ws.finding(new)
    assert (redacted.start, redacted.end, redacted.value) == (start, start + 7, "rollout")
    blank = text.index(" token")
    with pytest.raises(BadInputError) as refused:
        reviewing.redact_text(ws, plan, blank, blank + 1)
    assert refused.value.code == "review.selection-blank"
    with pytest.raises(BadInputError, match="outside the text"):
        reviewing.redact_text(ws, plan, 0, len(text) + 5)


def test_a_redaction_everywhere_reaches_titles_too(ws: Workspace):
    """Red team: `--everywhere` redacted the text in every item's text, yet left it in a
    file name, so the exported title still said it."""
    plan = _item(ws, "rollout plan.txt")
    vault = _item(ws, "vault access.txt")
    text = ws.artifact(plan).text
    start = text.index("vault")
    ids = reviewing.redact_text(ws, plan, start, start + 5, everywhere=True)
    made = [ws.finding(i) for i in ids]
    assert {(f.artifact_id, f.value) for f in made} == {(plan, "vault"), (vault, "vault")}
    in_title = next(f for f in made if f.artifact_id == vault)
    shown = reviewing.show(ws, vault)
    place = shown.place(in_title.start, in_title.end)
    assert (place.part, place.start, place.end) == ("title", 0, 5)
    assert str(place) == "title 0:5"
    assert "vault" not in reviewing.preview(ws, vault).title
    assert reviewing.preview(ws, vault).title.endswith("access.txt")
    reviewing.undo(ws)  # one step, every place
    assert not [f for f in ws.findings() if f.detector == "manual"]


def test_title_places_of_the_sweep_are_shown_as_title_places(ws: Workspace):
    """Red team: `review --show` printed a title's swept places at negative offsets."""
    plan = _item(ws, "rollout plan.txt")
    vault = _item(ws, "vault access.txt")
    text = ws.artifact(plan).text
    start = text.index("vault")
    # A detected value redacted in one item is swept from every other, titles included.
    ws.add_manual_findings([(plan, start, start + 5, "SECRET", "redact")])
    shown = reviewing.show(ws, vault)
    (swept,) = shown.swept
    assert swept.start < 0 and swept.value == "vault"
    place = shown.place(swept.start, swept.end)
    assert place == reviewing.Place("title", 0, 5)
    assert ws.artifact(vault).title[place.start:place.end] == "vault"
    in_text = reviewing.show(ws, plan).place(start, start + 5)
    assert str(in_text) == f"{start}:{start + 5}"


def test_the_gate_answer_waits_for_the_scan_key_without_blocking(ws: Workspace,
                                                                 monkeypatch: pytest.MonkeyPatch):
    from workbench.core.review import scan

    chat = _chat(ws)
    monkeypatch.setattr(scan, "_scan_keys", {})  # as after the people changed
    assert reviewing.open_item(ws, chat, wait=False).blockers is None
    reviewing.prepare_gate(ws)
    answer = reviewing.open_item(ws, chat, wait=False).blockers
    assert answer is not None and [b.rule for b in answer] == [Rule.UNDECIDED]


def test_the_review_version_moves_with_each_decision_and_undo(ws: Workspace):
    finding = next(f for f in ws.findings() if f.entity == "PERSON")
    first = reviewing.review_version(ws)
    assert first is not None
    reviewing.decide(ws, finding.id, Decision.REDACT)
    second = reviewing.review_version(ws)
    assert second is not None and second != first
    undone = reviewing.undo(ws)
    assert (undone.count, undone.decisions) == (1, 1)
    title = ws.artifact(finding.artifact_id).title
    assert undone.places["decide"] == (title,)
    assert undone.message().text("en") == (
        f"Undid the last review step: 1 decision in {title} set back to what it was.")
    assert undone.message().text("zh") == f"已撤销上一步审查：{title} 中的 1 处决定恢复原样。"
    assert reviewing.review_version(ws) not in (None, second)
    assert reviewing.undo(ws).count == 0  # nothing left to undo


def test_an_item_lists_its_segments_at_the_offsets_findings_use(ws: Workspace):
    chat = reviewing.open_item(ws, _chat(ws)).artifact
    starts = reviewing.segment_starts(chat)
    assert len(starts) == len(chat.segments)
    assert None in starts  # the sample chat has a recalled message: a stand-in
    for segment, start in zip(chat.segments, starts, strict=True):
        if start is None:
            assert segment.placeholder is not None
            assert reviewing.is_chat_stand_in(segment.text)
        else:
            assert chat.text[start:start + len(segment.text)] == segment.text
    assert not reviewing.is_chat_stand_in("[PHONE]")
