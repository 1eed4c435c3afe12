"""ChineseChatNameRecognizer: surname + title, 老X/小X, Latin name + title, @handles."""

from __future__ import annotations

import pytest

from tests.core.pii.recognizers.helpers import values
from workbench.core.pii.recognizers.person_zh_chat import ChineseChatNameRecognizer

recognizer = ChineseChatNameRecognizer()


@pytest.mark.parametrize(("text", "names"), [
    ("客户那边的对接人是陈总，邮箱见下", ["陈总"]),
    ("王总说明天评审", ["王总"]),
    ("张工、李经理、刘老师都到了", ["刘老师", "张工", "李经理"]),
    ("老王和小李今天请假", ["小李", "老王"]),
    ("陈哥，王姐，早", ["王姐", "陈哥"]),
    ("找欧阳总签字", ["欧阳总"]),
    ("Zhou总也会来", ["Zhou总"]),
    ("@Kevin 请确认", ["Kevin"]),
    ("cc @zhaomin_1990", ["zhaomin_1990"]),
    # tests/fixtures/colleague_skill/…/payment_gateway.txt: a chat log pasted as text.
    ("2024-03-04 09:30 张伟：娜娜，支付网关的灰度明天上午10点开始", ["张伟"]),
    ("[2024/03/05 09:33:10] Tom Baker: Thanks Lina", ["Tom Baker"]),
])
def test_chat_forms(text: str, names: list[str]):
    assert sorted(values(recognizer, text)) == sorted(names)


@pytest.mark.parametrize("text", [
    "这个说明总结得很好", "工地在施工", "小时候的事", "老师说过", "老家在湖南", "总部在上海",
    "Review总结一下", "@all 请注意", "@here 发布开始", "mail me at kevin@corp.example.com",
    "员工手册", "小区门口", "加工厂", "2024-03-04 09:30 Note: deploy", "Subject: 发布",
])
def test_everyday_words_are_not_names(text: str):
    assert values(recognizer, text) == []


@pytest.mark.parametrize("text", ["Games总裁明天来访", "浙江省政府与农总行全面合作",
                                  "我和工商银行的人约了周三", "对于老艺术家的作品", "这件是古董",
                                  "请班主任通知家长", "董事会明天开"])
def test_titles_that_start_words_are_not_names(text: str):
    """总裁, 总行, 工商, 老艺术家, 古董, 班主任: a surname character before a title-like
    character that begins an everyday word (from the CLUENER training sentences)."""
    assert ChineseChatNameRecognizer().find(text) == []


@pytest.mark.parametrize(("text", "name"), [
    # New-user trial: 小+surname before a verb or after a time word was missed.
    ("小张负责前端", "小张"),
    ("这事交给小张处理", "小张"),
    ("我跟小张对接一下", "小张"),
    ("昨天小周请假了", "小周"),
    ("小陈负责", "小陈"),
    ("小张同学", "小张"),
])
def test_xiao_plus_surname_before_what_a_person_does(text: str, name: str):
    assert name in values(ChineseChatNameRecognizer(), text)


@pytest.mark.parametrize("text", ["小时候", "一小时处理完", "小黄车停在门口", "大小周排班",
                                  "小区门口"])
def test_xiao_words_stay_words(text: str):
    assert values(ChineseChatNameRecognizer(), text) == []
