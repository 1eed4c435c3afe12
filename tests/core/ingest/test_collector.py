from pathlib import Path

from tests.core.ingest.helpers import extract_one
from workbench.core.ingest.artifacts import ArtifactKind


def test_messages_file_is_a_chat_with_full_width_colon_senders(fixtures: Path):
    source = extract_one(fixtures / "collector/messages.txt")
    assert source.source_format == "collector"
    (chat,) = source.artifacts
    assert chat.kind is ArtifactKind.CHAT
    assert [s.sender for s in chat.segments] == ["李娜", "Tom Baker", "李娜", "张伟"]
    assert chat.segments[1].text.startswith("Thanks Lina")
    assert chat.segments[0].time == "2024-03-05T09:30:00+08:00"
    assert chat.encoding == "utf-8"


def test_half_width_colon_and_continuation_lines(tmp_path: Path):
    path = tmp_path / "log.txt"
    path.write_text(
        "2024-03-05 09:30 Tom Baker: first line\nsecond line\n"
        "2024-03-06 10:00 张伟：次日\n",
        encoding="utf-8",
    )
    day1, day2 = extract_one(path).artifacts
    assert day1.segments[0].sender == "Tom Baker"
    assert day1.segments[0].text == "first line\nsecond line"
    assert day2.segments[0].text == "次日"


def test_docs_text_is_a_document_not_a_chat(fixtures: Path):
    (doc,) = extract_one(fixtures / "collector/docs.txt").artifacts
    assert doc.kind is ArtifactKind.DOCUMENT
    assert "010-62345678" in doc.text
