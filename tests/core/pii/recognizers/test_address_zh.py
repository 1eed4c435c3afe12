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
