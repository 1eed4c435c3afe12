import json
import shutil
from pathlib import Path

import pytest

from tests.core.ingest.helpers import extract, extract_one
from workbench.core.errors import ImportFailed
from workbench.core.ingest import plan_import
from workbench.core.ingest.artifacts import ArtifactKind


def test_feishu_collector_text_chat_names_senders_and_no_doubles(fixtures: Path):
    source = extract_one(fixtures / "collectors/feishu/messages.txt")
    assert source.source_format == "collector"
    by_title = {a.title: a for a in source.artifacts}
    group = by_title["支付网关发布群 · 2024-03-05"]
    assert group.segments[0].sender == "张伟"
    assert "13812345678" in group.text
    private = by_title["私聊 · 2024-03-05"]
    assert [(s.sender, s.text) for s in private.segments] == [
        ("对方", "好好休息，工作我来跟")]
    daily = by_title["messages · 2024-03-05"]
    # the private message listed twice (daily and private sections) is imported once
    assert [s.text for s in daily.segments] == ["好的", "我下午请病假去医院复查"]
    assert {p.name for p in source.people} == {"张伟"}


def test_dingtalk_relative_times_resolve_against_the_collection_day(fixtures: Path):
    source = extract_one(fixtures / "collectors/dingtalk/messages.txt")
    times = sorted(s.time for a in source.artifacts for s in a.segments)
    # collected 2024-03-07 14:00 in Shanghai, a Thursday
    assert times == ["2024-03-01T10:00:00+08:00", "2024-03-04T09:10:00+08:00",
                     "2024-03-06T14:32:00+08:00", "2024-03-07T14:05:00+08:00"]
    assert all(s.sender == "王芳" for a in source.artifacts for s in a.segments)
    assert source.artifacts[0].meta["relative_times_from"] == \
        "2024-03-07 (collection_summary.json)"


def test_collector_folder_passes_over_its_summary(fixtures: Path, tmp_path: Path):
    folder = tmp_path / "feishu"
    shutil.copytree(fixtures / "collectors/feishu", folder)
    plan = plan_import([folder])
    assert [p.name for p, _ in plan.items] == ["messages.txt"]
    assert [p.name for p, _ in plan.skipped] == ["collection_summary.json"]
    (source,) = extract(folder)
    assert source.source_format == "collector"


def test_summary_given_on_its_own_says_what_it_is(fixtures: Path):
    with pytest.raises(ImportFailed, match="summary of a collection"):
        extract_one(fixtures / "collectors/feishu/collection_summary.json")


def test_unknown_json_in_a_folder_is_skipped_not_fatal(fixtures: Path, tmp_path: Path):
    shutil.copy(fixtures / "feishu/chat_export.json", tmp_path)
    (tmp_path / "settings.json").write_text('{"theme": "dark", "version": 3}')
    (tmp_path / "numbers.json").write_text("[1, 2, 3]")
    plan = plan_import([tmp_path])
    assert [p.name for p, _ in plan.items] == ["chat_export.json"]
    assert sorted(p.name for p, _ in plan.skipped) == ["numbers.json", "settings.json"]


def test_records_json(fixtures: Path):
    source = extract_one(fixtures / "collectors/records.json")
    assert source.source_format == "collector"
    (chat,) = source.artifacts
    assert [s.sender for s in chat.segments] == ["张伟", "李娜"]
    assert chat.segments[0].time == "2024-03-05T09:30:00+08:00"


def test_skill_folder_with_meta_json_only(fixtures: Path, tmp_path: Path):
    folder = tmp_path / "li-na"
    shutil.copytree(fixtures / "colleague_skill/colleagues/li-na", folder)
    (folder / "SKILL.md").unlink()
    source = extract_one(folder)
    assert source.source_format == "colleague-skill"
    assert {a.meta["path"] for a in source.artifacts} >= {"meta.json", "persona.md"}


def test_telegram_result_json_uses_unix_time_and_skips_service_messages(fixtures: Path):
    source = extract_one(fixtures / "telegram/result.json")
    assert source.source_format == "telegram"
    (chat,) = source.artifacts
    assert chat.title == "Release team · 2024-03-05"
    assert [s.sender for s in chat.segments] == ["Tom Baker", "Lina Li", "Tom Baker"]
    assert chat.segments[1].text == "Mail me at lina.li@xinghe.example.com"
    assert chat.segments[0].time == "2024-03-05T09:30:00+08:00"
    assert chat.placeholder_counts() == {"image": 1}


def test_telegram_full_export_with_date_only(tmp_path: Path):
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"about": "x", "chats": {"about": "y", "list": [
        {"name": "Ann", "type": "personal_chat", "id": 1, "messages": [
            {"id": 1, "type": "message", "date": "2016-06-08T13:23:00", "from": "Ann",
             "from_id": "user1", "text": "hello"}]}]}}))
    (chat,) = extract_one(path).artifacts
    assert chat.segments[0].time == "2016-06-08T13:23:00+08:00"


def test_whatsapp_day_first_android_export(fixtures: Path):
    source = extract_one(fixtures / "whatsapp/WhatsApp Chat with Zhang Wei.txt")
    assert source.source_format == "whatsapp"
    day1, day2 = source.artifacts
    assert day1.title == "Zhang Wei · 2016-08-06"
    assert [s.sender for s in day1.segments] == ["Zhang Wei", "Lina Li"]
    assert day1.segments[1].text == "Thanks! I'll fill it in\nand send it tonight"
    assert day2.segments[0].time == "2016-08-13T09:05:00+08:00"
    assert day2.placeholder_counts() == {"file": 1}


def test_whatsapp_month_first_ios_export_with_12_hour_times(fixtures: Path):
    source = extract_one(fixtures / "whatsapp/WhatsApp Chat - Release.txt")
    day1, day2 = source.artifacts
    assert day1.segments[0].time == "2016-08-06T13:23:45+08:00"
    assert day1.placeholder_counts() == {"image": 1}
    assert day2.segments[0].time == "2016-08-13T09:05:00+08:00"


def test_slack_export_zip_as_downloaded(fixtures: Path):
    source = extract_one(fixtures / "slack_export.zip")
    assert source.source_format == "slack"
    assert source.originals == (fixtures / "slack_export.zip",)
    (chat,) = source.artifacts
    assert chat.title == "#release · 2024-03-04"
    assert [s.sender for s in chat.segments] == ["Tom Baker", "Lina Li", "Tom Baker"]


def test_a_zip_that_is_not_a_slack_export_is_refused_plainly(tmp_path: Path):
    import zipfile

    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "x")
    with pytest.raises(ImportFailed, match="not a Slack export"):
        extract_one(path)


def test_chat_artifacts_are_chats(fixtures: Path):
    for path in ("collectors/records.json", "telegram/result.json"):
        assert all(a.kind is ArtifactKind.CHAT for a in extract_one(fixtures / path).artifacts)


def test_slack_collector_text_with_channel_tags(fixtures: Path):
    source = extract_one(fixtures / "collectors/slack/messages.txt")
    assert source.source_format == "collector"
    titles = sorted(a.title for a in source.artifacts)
    assert titles == ["#general · 2024-03-04", "#release · 2024-03-04",
                      "messages · 2024-03-04"]
    assert all(s.sender == "Tom Baker" for a in source.artifacts for s in a.segments)
