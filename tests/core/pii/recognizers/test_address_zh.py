import pytest

from tests.core.pii.recognizers.helpers import values
from workbench.core.pii.recognizers.address_zh import ChineseAddressRecognizer

recognizer = ChineseAddressRecognizer()


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("- 家庭住址（寄送设备用）：北京市海淀区中关村大街27号3单元502",
         "北京市海淀区中关村大街27号3单元502"),
        ("我住在上海市浦东新区张江路88号", "上海市浦东新区张江路88号"),
        ("寄到广东省深圳市南山区科技园南路18号，谢谢", "广东省深圳市南山区科技园南路18号"),
        ("杭州市西湖区文三路478号华星科技大厦5楼501室",
         "杭州市西湖区文三路478号华星科技大厦5楼501室"),
    ],
)
def test_addresses(text: str, address: str):
    assert values(recognizer, text) == [address]


@pytest.mark.parametrize("text", ["走中山路", "高速路上堵车了", "北京市朝阳区", "这条路不好走",
                                  "一路顺风", "回滚脚本在 ops/rollback.sh"])
def test_not_addresses(text: str):
    assert values(recognizer, text) == []


def test_a_spaced_out_tail_stays_with_the_address():
    """New-user trial: "…27号 3 号楼 502" left the building and room behind."""
    r = ChineseAddressRecognizer()
    for text, address in (
            ("我在北京市海淀区中关村大街27号 3 号楼 502，快递寄这里",
             "北京市海淀区中关村大街27号 3 号楼 502"),
            ("住在杭州市西湖区文三路 12 号 2 单元 301 室",
             "杭州市西湖区文三路 12 号 2 单元 301 室")):
        assert [text[x.start:x.end] for x in r.analyze(text, ["ADDRESS"])] == [address]
    # A small number after the address is the sentence going on, not a room.
    text = "北京市海淀区中关村大街27号 3 个人去"
    assert [text[x.start:x.end] for x in r.analyze(text, ["ADDRESS"])] == [
        "北京市海淀区中关村大街27号"]


@pytest.mark.parametrize(("text", "address"), [
    # New-user trial: the words before the city ran into the address.
    ("明天去北京市朝阳区建国路88号开会", "北京市朝阳区建国路88号"),
    ("下午到上海市静安区南京西路1266号恒隆广场开会讨论预算",
     "上海市静安区南京西路1266号恒隆广场"),
    ("他说我们公司搬到了上海市浦东新区世纪大道100号环球金融中心请大家注意",
     "上海市浦东新区世纪大道100号环球金融中心"),
    # …and the words after the house number: "附近的咖啡中心" is where to meet, not the address.
    ("约在北京市朝阳区建国路88号附近的咖啡中心见", "北京市朝阳区建国路88号"),
    ("住在南京市鼓楼区中山路18号1单元302室请尽快寄出", "南京市鼓楼区中山路18号1单元302室"),
])
def test_an_address_stops_at_its_own_edges(text: str, address: str):
    assert values(recognizer, text) == [address]
