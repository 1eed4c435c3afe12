"""Table header rows: a line of column names ("姓名 | 电话 | 身份证号 | 工资", "Name,Phone,Salary")
names kinds of data, not anyone's, so the words in it are no findings."""

from __future__ import annotations

import functools
import re

from workbench.core.pii.recognizers.sensitive import _read_lexicon, default_lexicon_path

# Column names of the sheets and forms people export: who, how to reach them, what they earn.
_COLUMN_NAMES = frozenset("""
name|full name|first name|last name|surname|given name|phone|phone number|mobile|mobile number|
tel|telephone|email|e-mail|email address|address|home address|id|id number|id no|id card|
passport|passport number|ssn|date of birth|dob|birthday|gender|sex|age|salary|bonus|department|
dept|title|position|role|team|manager|employee|employee id|employee no|staff id|start date|
end date|date|notes|note|remarks|comment|comments|status|city|country|bank account|account|
card number|bank card|emergency contact|wechat|wechat id|nationality|marital status|level|grade|
no|no.|#|
姓名|名字|电话|手机|手机号|手机号码|电话号码|联系电话|联系方式|邮箱|电子邮箱|地址|住址|家庭住址|
身份证|身份证号|身份证号码|证件号|证件号码|护照号|护照号码|性别|年龄|出生日期|生日|工资|薪资|
月薪|年薪|奖金|部门|职位|岗位|职级|工号|员工编号|入职日期|离职日期|日期|备注|状态|城市|国籍|
银行卡号|开户行|紧急联系人|微信|微信号|婚姻状况|学历|籍贯|民族|序号|编号|车牌号|验证码
""".replace("\n", "").split("|"))
# What a column adds to a kind's word: "病假天数", "sick leave days", "工资金额".
_SUFFIX = re.compile(r"(?:天数|金额|日期|号码|情况|类型|记录|days|amount|date|type|number|no\.?)$")
_CELL_SPLIT = re.compile(r"[|\t,，;；]")
_LONGEST_LABEL = 24
_MAX_ROW = 400  # longer lines are prose, whatever their commas
_RULE_CELL = re.compile(r"^:?-{3,}:?$")  # a Markdown table's |---|:---:| line


@functools.cache
def _labels() -> frozenset[str]:
    """Column names, and the sensitive-topic words standing alone as a column ("Salary")."""
    terms = {term.casefold() for spec in _read_lexicon(default_lexicon_path()).values()
             for term in (*spec["en"], *spec["zh"])}
    return _COLUMN_NAMES | frozenset(terms)


def _is_label(cell: str, labels: frozenset[str]) -> bool:
    cell = " ".join(cell.casefold().split())
    if not cell or any(c.isdigit() for c in cell) or "@" in cell:
        return False
    if cell in labels:
        return True
    bare = _SUFFIX.sub("", cell).strip()
    return bool(bare) and bare in labels


def header_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of `text` that is a row of column names (two or more), or of
    the whole text when it is one column name alone. A row holding a name, a number or any
    cell that is not a column name is no header: "姓名,张伟" stays a finding."""
    if len(text) > 4000:
        return []  # a header is a line of a table, not a document
    if len(text) > _LONGEST_LABEL and not _CELL_SPLIT.search(text):
        return []  # one long line without a cell separator: a sentence
    spans = []
    position = 0
    for line in text.splitlines(keepends=True):
        start, body = position, line.rstrip("\r\n")
        position += len(line)
        if len(body) > _MAX_ROW:
            continue
        cells = [c.strip() for c in _CELL_SPLIT.split(body.strip().strip("|"))]
        cells = [c for c in cells if c]
        if not cells or all(_RULE_CELL.match(c) for c in cells):
            continue
        # A row needs one plain column name: "住院，手术" in chat is someone's health. One
        # word alone is a header only if it is a column name ("Salary"), never a topic ("手术").
        if len(cells) >= 2:
            header = (all(_is_label(c, _labels()) for c in cells)
                      and any(_is_label(c, _COLUMN_NAMES) for c in cells))
        else:
            header = body.strip() == text.strip() and _is_label(cells[0], _COLUMN_NAMES)
        if header:
            spans.append((start, start + len(body)))
    return spans
