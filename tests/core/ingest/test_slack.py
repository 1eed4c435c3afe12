import json
from pathlib import Path

from tests.core.ingest.helpers import extract_one


def test_export_folder_resolves_user_ids_to_names(fixtures: Path):
    source = extract_one(fixtures / "slack")
    assert source.source_format == "slack"
    (chat,) = source.artifacts
    assert chat.title == "#release · 2024-03-04"
    assert [s.sender for s in chat.segments] == ["Tom Baker", "Lina Li", "Tom Baker"]
    assert "xoxb-" in chat.segments[1].text
    people = {(p.name, p.email) for p in source.people}
    assert ("Tom Baker", "tom.baker@xinghe.example.com") in people
    assert ("Lina Li", None) in people


def test_mentions_links_and_join_messages(tmp_path: Path):
    (tmp_path / "users.json").write_text(json.dumps([{"id": "U1", "name": "ann"}]))
    (tmp_path / "channels.json").write_text(json.dumps([{"id": "C1", "name": "general"}]))
    (tmp_path / "general").mkdir()
    (tmp_path / "general/2024-01-01.json").write_text(json.dumps([
        {"type": "message", "subtype": "channel_join", "user": "U1", "ts": "1704067200.0",
         "text": "<@U1> has joined"},
        {"type": "message", "user": "U1", "ts": "1704067260.0",
         "text": "hi <@U1>, mail <mailto:a@b.example|a@b.example> &amp; <https://x.example>"},
    ]))
    (chat,) = extract_one(tmp_path).artifacts
    assert [s.text for s in chat.segments] == ["hi @ann, mail a@b.example & https://x.example"]


def test_a_zip_asking_for_a_newer_zip_version_is_refused_not_a_crash(tmp_path: Path):
    """Found by the fuzzer: `zipfile` raises NotImplementedError for such a directory."""
    import io
    import zipfile

    import pytest

    from workbench.core.errors import ImportFailed
    from workbench.core.ingest import slack

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("users.json", "[]")
        archive.writestr("channels.json", "[]")
    data = bytearray(buffer.getvalue())
    central = data.index(b"PK\x01\x02")
    data[central + 6] = 84  # "version needed to extract": 8.4
    path = tmp_path / "export.zip"
    path.write_bytes(bytes(data))
    assert not slack.zip_is_export(path)
    with pytest.raises(ImportFailed, match="not a readable zip archive"):
        slack.load_zip(path, None)  # type: ignore[arg-type]
