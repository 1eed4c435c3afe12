import json
from pathlib import Path

import pytest

from tests.core.ingest.helpers import extract_one
from workbench.core.errors import ImportFailed
from workbench.core.ingest.artifacts import ArtifactKind


def test_object_export_is_one_chat_per_day_with_placeholders_counted(fixtures: Path):
    source = extract_one(fixtures / "feishu/chat_export.json")
    (chat,) = source.artifacts
    assert chat.kind is ArtifactKind.CHAT
    assert chat.title == "支付网关发布群 · 2024-03-04"
    assert chat.placeholder_counts() == {"image": 1, "recalled": 1}
    texts = [s.text for s in chat.segments if s.placeholder is None]
    assert "好的，出问题直接打我手机 13812345678，别在群里@我" in texts
    # content as a list of {"text"} parts is joined; as {"text"} it is unwrapped
    assert "另外测试环境的 key 别再贴群里了：AKIAIOSFODNN7EXAMPLE" in texts
    assert texts[1].startswith("收到。灰度比例")
    assert "[图片]" not in chat.text
    assert chat.segments[0].sender == "张伟"
    assert chat.segments[0].time == "2024-03-04T09:30:00+08:00"
    assert {p.name for p in source.people} == {"张伟", "李娜", "王芳"}


def test_bare_list_with_json_encoded_content_and_second_timestamps(fixtures: Path):
    (chat,) = extract_one(fixtures / "feishu/chat_export_list.json").artifacts
    assert [s.sender for s in chat.segments] == ["张伟", "李娜", "张伟", "李娜"]
    assert chat.segments[1].text == "收到。灰度比例先按 5% → 20% → 50% 走，每步观察 15 分钟错误率"
    assert chat.segments[3].text == "另外测试环境的 key 别再贴群里了：AKIAIOSFODNN7EXAMPLE"
    assert chat.started_at == "2024-03-04T09:30:00+08:00"


def test_field_variants_and_day_split(tmp_path: Path):
    path = tmp_path / "variants.json"
    day1_ms = 1709515800000  # 2024-03-04 09:30 +08:00
    messages = [
        {"from": "甲", "message": "plain", "time": day1_ms},
        {"user_name": "乙", "body": {"text": "rich"}, "create_time": str(day1_ms + 60_000)},
        {"sender": {"name": "丙"}, "text": [{"text": "a"}, {"text": "b"}],
         "timestamp": 1709515800 + 86400},
        {"sender_name": "丁", "content": "[文件]", "create_time": day1_ms + 120_000},
        {"sender_name": "丁", "content": "[语音]", "create_time": day1_ms + 180_000},
    ]
    path.write_text(json.dumps({"chat_name": "群", "messages": messages}), encoding="utf-8")
    day1, day2 = extract_one(path).artifacts
    assert [s.text for s in day1.segments] == ["plain", "rich", "[文件]", "[语音]"]
    assert [s.sender for s in day1.segments] == ["甲", "乙", "丁", "丁"]
    assert day1.placeholder_counts() == {"file": 1, "voice": 1}
    assert day1.text == "plain\nrich"
    assert day2.title == "群 · 2024-03-05" and day2.text == "ab"


def test_truncated_json_names_the_file_and_says_truncated(fixtures: Path):
    with pytest.raises(ImportFailed) as err:
        extract_one(fixtures / "bad/truncated.json")
    assert "truncated.json" in str(err.value)
    assert "truncated" in err.value.problem


def test_wrong_shape_json_says_what_was_expected(fixtures: Path):
    with pytest.raises(ImportFailed) as err:
        extract_one(fixtures / "bad/wrong_shape.json")
    assert "wrong_shape.json" in str(err.value)
    assert "not a Feishu/Lark chat export" in err.value.problem


def test_list_of_non_messages_is_refused(tmp_path: Path):
    path = tmp_path / "numbers.json"
    path.write_text("[1, 2, 3]")
    with pytest.raises(ImportFailed, match="item 1 is not a message"):
        extract_one(path)


def test_message_without_time_is_refused(tmp_path: Path):
    path = tmp_path / "notime.json"
    path.write_text(json.dumps([{"sender": "a", "text": "hi"}]))
    with pytest.raises(ImportFailed, match="message 1 has no usable time"):
        extract_one(path)
