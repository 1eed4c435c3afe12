import sqlite3
from pathlib import Path

import pytest
import rfc8785

from workbench.core.review import decisions as review
from workbench.core.review.redact import (
    RedactionContext,
    Replacement,
    apply_replacements,
    merge_overlaps,
    placeholder,
    sweep_of,
    sweep_text,
    swept_spans,
)
from workbench.core.workspace import StoredFinding, Workspace
from workbench.core.workspace.migrations import REVIEW_STATE_TRIGGERS
from workbench.core.workspace.store import DB_NAME


def test_typed_placeholders_in_the_artifact_language():
    assert placeholder("PHONE_NUMBER", "zh") == "[电话]"
    assert placeholder("PHONE_NUMBER", "en") == "[PHONE]"
    assert placeholder("UNKNOWN_THING", "en") == "[REDACTED]"


def test_replacements_are_spliced_in():
    text = "call 张伟 at 13812345678 now"
    out = apply_replacements(text, [Replacement(5, 7, "同事A", False),
                                    Replacement(11, 22, "[电话]", True)])
    assert out == "call 同事A at [电话] now"


def test_overlaps_merge_and_a_redaction_wins():
    merged = merge_overlaps([Replacement(0, 10, "[健康信息]", True),
                             Replacement(3, 5, "同事A", False),
                             Replacement(12, 15, "同事B", False),
                             Replacement(14, 18, "同事B", False)])
    assert merged == [Replacement(0, 10, "[健康信息]", True),
                      Replacement(12, 18, "同事B", False)]
    assert apply_replacements("abcdefghij--klmnopq", [Replacement(0, 4, "[X]", True),
                                                     Replacement(2, 6, "A", False)]) \
        == "[X]ghij--klmnopq"


def _finding(fid: int, entity: str, value: str, decision: str,
             person_key: str | None = None) -> StoredFinding:
    return StoredFinding(fid, "a", entity, 0, len(value), 1.0, "test", value, "third_party",
                         person_key, decision)


def test_sweep_is_one_pass_the_longest_value_wins_and_words_stay_whole():
    context = RedactionContext({"person:1": 0}, sweep_of([
        _finding(1, "PERSON", "Tom", "redact"),
        _finding(2, "PERSON", "Tom Baker", "pseudonymise", "person:1"),
        _finding(3, "PERSON", "name", "redact"),
        _finding(4, "PHONE_NUMBER", "13812345678", "redact"),
        _finding(5, "PERSON", "张伟", "redact"),
        _finding(6, "PERSON", "Kept Person", "keep"),
        _finding(7, "PERSON", "kept person", "redact"),
    ]), {})
    text = "TOM BAKER met tom, Tomas and 张伟伟 (13812345678); kept person stays"
    assert sweep_text(text, context, "en") == (
        "Colleague A met [NAME], Tomas and [NAME]伟 ([PHONE]); kept person stays")
    # A placeholder put in by the sweep is not swept again ("name" is a swept value too).
    assert sweep_text("Tom", context, "en") == "[NAME]"


def test_sweep_falls_back_to_a_shorter_whole_word_and_handles_very_long_values():
    token = "x" * 450
    context = RedactionContext({}, sweep_of([
        _finding(1, "PERSON", "Tom", "redact"),
        _finding(2, "PERSON", "Tom Bak", "redact"),
        _finding(3, "SECRET", token, "redact"),
        _finding(4, "SECRET", token + "yz", "redact"),
    ]), {})
    assert sweep_text("Tom Baker and Tom Bak.", context, "en") == "[NAME] Baker and [NAME]."
    assert sweep_text(f"k={token}yz k={token}", context, "en") == "k=[SECRET] k=[SECRET]"


def test_the_workspace_context_is_rebuilt_exactly_when_its_findings_change(
        workspace: Workspace, fixtures: Path):
    workspace.import_paths([fixtures / "collector/messages.txt"])
    (chat,) = workspace.artifacts()
    text = chat.text
    first = RedactionContext.of(workspace)
    assert RedactionContext.of(workspace) is first  # nothing changed: built once
    start = text.index("Zhang Wei")
    # A redacted name (as the detector records one): its value is swept everywhere.
    workspace.add_manual_findings([(chat.id, start, start + 9, "PERSON", "redact")])
    redacted = RedactionContext.of(workspace)
    assert redacted is not first
    assert sweep_text("ask zhang wei", redacted, "en") == "ask [NAME]"
    review.undo(workspace)
    undone = RedactionContext.of(workspace)
    assert sweep_text("ask zhang wei", undone, "en") == "ask zhang wei"
    # The next redaction may reuse the undone finding's row id: still a new context.
    start = text.index("rollout")
    workspace.add_manual_findings([(chat.id, start, start + 7, "PERSON", "redact")])
    again = RedactionContext.of(workspace)
    assert again is not undone
    assert sweep_text("zhang wei's rollout", again, "en") == "zhang wei's [NAME]"
    review.undo(workspace)
    assert sweep_text("rollout", RedactionContext.of(workspace), "en") == "rollout"


def test_a_manual_redaction_is_of_its_span_only_unless_asked_everywhere(
        workspace: Workspace, fixtures: Path):
    """The report: redacting "收到" in one message turned it into [已遮盖] in 303 chats that
    review showed untouched. By hand, only the span chosen; "everywhere" marks each place."""
    workspace.import_paths([fixtures / "collector/messages.txt"])
    (chat,) = workspace.artifacts()
    start = chat.text.index("rollout")
    before = RedactionContext.of(workspace)
    review.redact_span(workspace, chat.id, start, start + 7)
    context = RedactionContext.of(workspace)
    assert context is not before
    assert sweep_text("the rollout is on Friday", context, "en") == "the rollout is on Friday"
    assert swept_spans(workspace.artifact(chat.id), workspace.findings(chat.id), context) == []
    review.undo(workspace)
    ids = review.redact_span(workspace, chat.id, start, start + 7, all_occurrences=True)
    assert len(ids) == chat.text.count("rollout")
    assert all(workspace.finding(i).value == "rollout" for i in ids)


def test_canonical_json_is_byte_for_byte_rfc8785():
    from workbench.core.review.redact import canonical_json

    tricky = ['quote " backslash \\ slash /', "controls \x00\x01\x08\t\n\x0b\x0c\r\x1f\x7f",
              "张伟 [电话] 😀 \u2028\u2029 \ufeff é", "", "[同事A的电话]"]
    value = {"title": tricky[2], "kind": "chat", "segments": [
        {"text": t, "sender": "同事A", "time": "2024-03-05T09:30:00+08:00"} for t in tricky]}
    assert canonical_json(value) == rfc8785.dumps(value)
    # Not plain text: left to the rfc8785 package, which refuses a lone surrogate.
    with pytest.raises(rfc8785.CanonicalizationError):
        canonical_json({"text": "\ud800"})


def _raw(workspace: Workspace) -> sqlite3.Connection:
    """Another writer of the workspace's database, below the store (as a second process, or
    someone editing the file, would be)."""
    return sqlite3.connect(workspace.root / DB_NAME, isolation_level=None)


def test_the_review_version_moves_with_what_redaction_depends_on_and_only_that(
        workspace: Workspace, fixtures: Path):
    workspace.import_paths([fixtures / "collector/messages.txt"])
    (chat,) = workspace.artifacts()
    seen = [workspace.review_version()]

    def moved() -> bool:
        seen.append(workspace.review_version())
        return seen[-1] != seen[-2]

    start = chat.text.index("Zhang Wei")
    review.redact_span(workspace, chat.id, start, start + 9)
    assert moved()
    review.undo(workspace)
    assert moved()
    review.exclude(workspace, chat.id)  # an item's state: no finding, alias or person
    assert not moved()
    raw = _raw(workspace)
    raw.execute("INSERT INTO pseudonyms(person_key, ordinal) VALUES ('p:x', 99)")
    assert moved()
    raw.execute("UPDATE people SET sources = sources")
    assert moved()
    raw.execute("UPDATE settings SET value = value WHERE key = 'self_profile'")
    assert moved()
    raw.execute("UPDATE settings SET value = value WHERE key = 'name'")
    assert not moved()
    raw.execute("DELETE FROM pseudonyms")
    assert moved()
    raw.close()
    assert all(isinstance(v, int) for v in seen)


def test_the_review_version_is_not_trusted_once_the_triggers_are_changed(
        workspace: Workspace, fixtures: Path):
    workspace.import_paths([fixtures / "collector/messages.txt"])
    (chat,) = workspace.artifacts()
    raw = _raw(workspace)
    name, sql = REVIEW_STATE_TRIGGERS[0]  # the one on new findings
    raw.execute(f"DROP TRIGGER {name}")
    assert workspace.review_version() is None
    first = RedactionContext.of(workspace)
    start = chat.text.index("Zhang Wei")
    # A redacted name (as the detector records one; its value is swept): moves no version now.
    workspace.add_manual_findings([(chat.id, start, start + 9, "PERSON", "redact")])
    # Untrusted, the version is not asked: the stored findings are, and they changed.
    assert sweep_text("ask zhang wei", RedactionContext.of(workspace), "en") \
        == "ask [NAME]"
    assert RedactionContext.of(workspace) is not first
    raw.execute(sql)
    assert isinstance(workspace.review_version(), int)
    # One more trigger, such as one that puts the version back after every change: untrusted.
    raw.execute("CREATE TRIGGER keep_still AFTER UPDATE ON review_state "
                "BEGIN UPDATE review_state SET version = 0 WHERE version != 0; END")
    assert workspace.review_version() is None
    raw.execute("DROP TRIGGER keep_still")
    raw.execute(f"DROP TRIGGER {REVIEW_STATE_TRIGGERS[1][0]}")
    raw.execute(REVIEW_STATE_TRIGGERS[1][1].replace("version + 1", "version"))
    assert workspace.review_version() is None  # same name, other SQL
    raw.close()


def test_a_strict_context_sees_a_change_whose_version_was_put_back(
        workspace: Workspace, fixtures: Path):
    workspace.import_paths([fixtures / "collector/messages.txt"])
    (chat,) = workspace.artifacts()
    start = chat.text.index("Zhang Wei")
    workspace.add_manual_findings([(chat.id, start, start + 9, "PERSON", "redact")])
    before = RedactionContext.of(workspace)
    assert sweep_text("ask zhang wei", before, "en") == "ask [NAME]"
    assert RedactionContext.of(workspace, strict=True) is before  # nothing changed
    raw = _raw(workspace)
    (version,) = raw.execute("SELECT version FROM review_state").fetchone()
    raw.execute("UPDATE findings SET decision = 'keep'")
    raw.execute("UPDATE review_state SET version = ?", (version,))
    raw.close()
    # The window's quick check trusts the number; what leaves is checked against every row.
    assert sweep_text("ask zhang wei", RedactionContext.of(workspace, strict=True),
                      "en") == "ask zhang wei"
    # And having seen the change, the quick check no longer hands out the old context.
    assert RedactionContext.of(workspace) is not before

