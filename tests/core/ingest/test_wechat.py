from pathlib import Path

import pytest

from tests.core.ingest.helpers import extract, extract_one
from workbench.core.errors import ImportFailed
from workbench.core.ingest.artifacts import ArtifactKind
from workbench.core.ingest.chat import SELF_SENDER


def _segments(source):
    return [s for a in source.artifacts for s in a.segments]


def test_memotrace_csv_is_a_chat_per_day_with_names_not_wxids(fixtures: Path):
    source = extract_one(fixtures / "wechat/memotrace_张伟.csv")
    assert source.source_format == "wechat-memotrace"
    day1, day2 = source.artifacts
    assert day1.kind is ArtifactKind.CHAT
    assert day1.title == "memotrace_张伟 · 2024-03-05"
    assert [s.sender for s in day1.segments] == ["张伟", SELF_SENDER, "张伟"]  # IsSender=1
    assert day1.segments[0].time == "2024-03-05T09:30:00+08:00"
    assert day1.placeholder_counts() == {"image": 1}
    assert "chen.zong@client.example.com\n周一前回复他" in day2.text
    assert {p.name for p in source.people} == {"张伟"}
    assert "wxid_zw01" not in {s.sender for s in _segments(source)}
    assert day1.encoding == "utf-8"


def test_memotrace_csv_of_a_one_to_one_chat_without_name_columns(tmp_path: Path):
    """Older MemoTrace wrote a private chat's rows without Remark/NickName/Sender: the other
    side is the contact the file is named after, the employee's rows are IsSender=1."""
    path = tmp_path / "王芳_utf8.csv"
    path.write_text(
        "\ufefflocalId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,"
        "Remark,NickName,Sender\r\n"
        "1,7,1,0,0,1709602200,2,明天评审,2024-03-05 09:30:00\r\n"
        "2,7,1,0,1,1709602320,2,好的,2024-03-05 09:32:00\r\n", encoding="utf-8")
    (day,) = extract_one(path).artifacts
    assert [s.sender for s in day.segments] == ["王芳", "我"]
    assert day.title.startswith("王芳 · ")


def test_memotrace_text_keeps_multi_line_messages(fixtures: Path):
    source = extract_one(fixtures / "wechat/memotrace_支付网关群.txt")
    assert source.source_format == "wechat-memotrace"
    (chat,) = source.artifacts
    assert [s.sender for s in chat.segments] == ["张伟", "李娜", "王芳", "张伟", "系统消息",
                                                 "李娜"]
    assert chat.segments[3].text == "明天上午十点复盘\n地点：3 楼会议室"
    assert chat.segments[1].time == "2024-03-05T09:31:12+08:00"
    # a notice is written as a header line alone: it is WeChat's, not a person's
    assert chat.segments[4].text == '"张伟"撤回了一条消息'
    assert chat.placeholder_counts() == {"image": 1, "sticker": 1}
    assert {p.name for p in source.people} == {"张伟", "李娜", "王芳"}


def test_pywxdump_first_generation_unwraps_json_content(fixtures: Path):
    source = extract_one(fixtures / "wechat/pywxdump_wxid_zw01_0_5001.csv")
    assert source.source_format == "wechat-pywxdump"
    (chat,) = source.artifacts
    assert [s.text for s in chat.segments][:2] == ["周报我看了，客户名单别外发",
                                                   "好的，卡号 6222020200112233445 是报销用的"]
    assert chat.placeholder_counts() == {"image": 1}
    # its talker column holds wxids; users.json beside it gives the names
    assert chat.title == "张伟 · 2024-03-05"
    assert [s.sender for s in chat.segments] == ["张伟", "我", "张伟"]
    assert {p.name for p in source.people} == {"张伟"}  # "我" is the employee


def test_pywxdump_newer_msg_column_and_slash_dates(fixtures: Path):
    source = extract_one(fixtures / "wechat/pywxdump_123456789@chatroom_0_5001.csv")
    day1, day2 = source.artifacts
    assert day1.title == "季度预算群 · 2024-10-04"
    assert [s.sender for s in day1.segments] == ["王芳", "我", "王芳"]
    assert day1.segments[0].time == "2024-10-04T11:43:00+08:00"
    assert day1.segments[0].text == "季度预算表在共享盘，密码 Qz!2024pay"
    assert day1.placeholder_counts() == {"sticker": 1}
    assert day2.segments[0].sender == "系统消息"
    assert "系统消息" not in {p.name for p in source.people}


def test_pywxdump_without_users_json_keeps_the_ids(fixtures: Path, tmp_path: Path):
    import shutil

    shutil.copy(fixtures / "wechat/pywxdump_wxid_zw01_0_5001.csv", tmp_path)
    (chat,) = extract_one(tmp_path / "pywxdump_wxid_zw01_0_5001.csv").artifacts
    assert chat.segments[0].sender == "wxid_zw01"


def test_users_json_beside_the_exports_is_passed_over_in_a_folder(fixtures: Path):
    from workbench.core.ingest import plan_import

    assert [p.name for p, _ in plan_import([fixtures / "wechat"]).skipped] == ["users.json"]


def test_weflow_text_with_quoted_senders(fixtures: Path):
    source = extract_one(fixtures / "wechat/weflow_张伟.txt")
    assert source.source_format == "wechat-weflow"
    (chat,) = source.artifacts
    assert [s.sender for s in chat.segments] == ["张伟", "我", "张伟"]
    assert chat.placeholder_counts() == {"voice": 1}


def test_chatlog_text_names_not_wxids_and_year_from_file_name(fixtures: Path):
    source = extract_one(fixtures / "wechat/chatlog_项目群_2024-03-01_2024-03-31.txt")
    assert source.source_format == "wechat-chatlog"
    day1, day2 = source.artifacts
    assert [s.sender for s in day1.segments] == ["张伟", "李娜"]
    assert day2.segments[0].time == "2024-03-06T10:00:00+08:00"
    assert {p.name for p in source.people} == {"张伟", "李娜", "Tom Baker"}


def test_chatlog_csv_uses_sender_and_talker_names(fixtures: Path):
    source = extract_one(fixtures / "wechat/chatlog_123456789@chatroom_2024-03-05_2024-03-05.csv")
    (chat,) = source.artifacts
    assert chat.title == "支付网关发布群 · 2024-03-05"
    assert [s.sender for s in chat.segments] == ["张伟", "李娜"]


def test_chatlab_json_shows_names_from_messages_and_members(fixtures: Path):
    source = extract_one(fixtures / "wechat/chatlab_支付网关发布群.json")
    assert source.source_format == "chatlab"
    (chat,) = source.artifacts
    assert chat.title == "支付网关发布群 · 2024-03-05"
    assert [s.sender for s in chat.segments] == ["张伟", "娜娜", "张伟"]
    assert chat.placeholder_counts() == {"image": 1}


def test_chatlog_json_shows_sender_names(fixtures: Path):
    source = extract_one(fixtures / "wechat/chatlog_123456789@chatroom.json")
    assert source.source_format == "chatlog"
    (chat,) = source.artifacts
    assert [s.sender for s in chat.segments] == ["张伟", "李娜", "张伟"]
    assert chat.placeholder_counts() == {"image": 1}
    assert chat.segments[0].time == "2024-03-05T09:30:00+08:00"


def test_whole_wechat_folder_imports_every_export(fixtures: Path):
    sources = extract(fixtures / "wechat")
    assert len(sources) == 10
    assert all(a.kind is ArtifactKind.CHAT for s in sources for a in s.artifacts)


def test_memotrace_html_export_is_a_chat_not_a_page(fixtures: Path):
    source = extract_one(fixtures / "wechat/memotrace_张伟.html")
    assert source.source_format == "wechat-memotrace"
    day1, day2 = source.artifacts
    assert day1.title == "张伟 · 2024-03-05"
    assert [s.sender for s in day1.segments] == ["张伟", SELF_SENDER, "张伟", "张伟"]
    # JavaScript and HTML escapes undone, <br>/\n kept as line breaks
    assert day1.segments[1].text == ("好，客户 chen.zong@client.example.com 那边我来说\n"
                                     "顺便提醒：别把 <token> 发群里")
    assert day1.placeholder_counts() == {"image": 1}
    assert day1.segments[3].text == "[文件] 回滚说明.docx"
    assert day2.segments[0].sender == "系统消息"


def test_an_ordinary_web_page_is_still_a_document(fixtures: Path):
    (page,) = extract_one(fixtures / "office/page.html").artifacts
    assert page.kind is ArtifactKind.DOCUMENT


def test_a_timestamped_log_is_still_a_document(tmp_path: Path):
    path = tmp_path / "server.txt"
    path.write_text("".join(f"2024-03-05 09:30:0{i} INFO worker {i} started\n" for i in range(8)),
                    encoding="utf-8")
    (doc,) = extract_one(path).artifacts
    assert doc.kind is ArtifactKind.DOCUMENT


def test_an_ordinary_csv_is_still_a_document(tmp_path: Path):
    path = tmp_path / "budget.csv"
    path.write_text("项目,金额\n服务器,1200\n", encoding="utf-8")
    (doc,) = extract_one(path).artifacts
    assert doc.kind is ArtifactKind.DOCUMENT
    assert "服务器,1200" in doc.text


def test_wechat_csv_with_an_impossible_time_names_the_line(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text("Time,SenderName,Sender,TalkerName,Talker,Content\n"
                    "2024-13-45 99:00:00,张伟,wxid,群,id,hi\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="line 2 has no usable time"):
        extract_one(path)


# MemoTrace (LC044/WeChatMsg, app/util/exporter/exporter_csv.py) writes "<contact>_utf8.csv" in
# utf-8-sig: the message row's first nine columns, then Remark, NickName and Sender — its own
# (Me) for a row with IsSender=1 in a one-to-one chat, the sender's in a group.
_MEMOTRACE_HEADER = ("localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,"
                     "StrTime,Remark,NickName,Sender\r\n")


def test_memotrace_csv_rows_sent_by_the_employee_are_hers_whatever_her_nickname(
        tmp_path: Path):
    """IsSender=1 is the employee, even when her WeChat nickname is none of her names: read
    by nickname, her own messages became a colleague's (given an alias, or taken for the
    contact)."""
    path = tmp_path / "王芳_utf8.csv"
    path.write_text(
        "\ufeff" + _MEMOTRACE_HEADER
        + "1,7,1,0,0,1709602200,2,明天评审,2024-03-05 09:30:00,王芳,Fang W,wxid_wf01\r\n"
        + "2,7,1,0,1,1709602320,2,好的，我带上方案,2024-03-05 09:32:00,,小娜🌙,wxid_me01\r\n"
        + "3,7,3,0,1,1709602380,2,,2024-03-05 09:33:00,,小娜🌙,wxid_me01\r\n"
        + "4,7,1,0,0,1709602440,2,收到,2024-03-05 09:34:00,王芳,Fang W,wxid_wf01\r\n",
        encoding="utf-8")
    source = extract_one(path)
    (day,) = source.artifacts
    assert [s.sender for s in day.segments] == ["王芳", SELF_SENDER, SELF_SENDER, "王芳"]
    assert day.placeholder_counts() == {"image": 1}
    assert {p.name for p in source.people} == {"王芳"}  # her nickname is no colleague


def test_memotrace_group_csv_tells_the_employee_from_the_members(tmp_path: Path):
    path = tmp_path / "支付网关群_utf8.csv"
    path.write_text(
        "\ufeff" + _MEMOTRACE_HEADER
        + "1,9,1,0,0,1709602200,2,今晚发版,2024-03-05 09:30:00,张伟,zw,wxid_zw01\r\n"
        + "2,9,1,0,1,1709602260,2,收到,2024-03-05 09:31:00,Lina,Lina,wxid_me01\r\n"
        + "3,9,1,0,0,1709602320,2,我来回滚,2024-03-05 09:32:00,,王芳,wxid_wf01\r\n",
        encoding="utf-8")
    source = extract_one(path)
    (day,) = source.artifacts
    assert [s.sender for s in day.segments] == ["张伟", SELF_SENDER, "王芳"]
    assert {p.name for p in source.people} == {"张伟", "王芳"}


def test_memotrace_html_is_send_1_is_the_employee(tmp_path: Path):
    """The HTML export writes one object per message with is_send and the name shown."""
    path = tmp_path / "王芳.html"
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>王芳</title></head><body>"
        "<script>\n    const chatMessages = [\n"
        "{ type:1, text: '明天评审',is_send:0,avatar_path:'./avatar/wxid_wf01.png',"
        "timestamp:1709602200,is_chatroom:0,displayname:'王芳'},"
        "{ type:1, text: '好的',is_send:1,avatar_path:'./avatar/wxid_me01.png',"
        "timestamp:1709602320,is_chatroom:0,displayname:'小娜🌙'},"
        "{ type:0, text: '你撤回了一条消息',is_send:1,avatar_path:'',timestamp:1709602380,"
        "is_chatroom:0,displayname:''},\n    ];\n</script></body></html>", encoding="utf-8")
    source = extract_one(path)
    (day,) = source.artifacts
    assert [s.sender for s in day.segments] == ["王芳", SELF_SENDER, "系统消息"]
    assert {p.name for p in source.people} == {"王芳"}
