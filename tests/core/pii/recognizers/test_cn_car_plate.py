"""CN_CAR_PLATE: Chinese licence plates, ordinary (京A12345) and new-energy (粤B·D12345)."""

import pytest

from tests.core.pii.recognizers.helpers import spans
from workbench.core.pii.recognizers.cn_car_plate import CnCarPlateRecognizer

recognizer = CnCarPlateRecognizer()


@pytest.mark.parametrize(("text", "plate"), [
    ("车牌号 京A12345 停在B2", "京A12345"),
    ("我的车是粤B·D12345，新能源", "粤B·D12345"),
    ("沪A·12345", "沪A·12345"),
    ("浙AD12345的车主请挪车", "浙AD12345"),
    ("粤B12345D 是货车", "粤B12345D"),
    ("车牌 苏E 8G7K2", "苏E 8G7K2"),
    ("plate: 京N·A1B23", "京N·A1B23"),
])
def test_finds_plates(text: str, plate: str):
    assert spans(recognizer, text) == [("CN_CAR_PLATE", plate)]


@pytest.mark.parametrize("text", [
    "型号 AB12345 已发货",  # a product code: no province
    "订单 A12345 已发货",
    "京A1234",  # too short
    "京A1234567",  # too long: a product or account number
    "京东A12345号仓",  # 京东 is a company, not a plate province
    "京ABCDE",  # a plate holds digits
    "新款京I12345",  # I and O are never plate letters
    "SKU-京A12345X",  # glued into a longer code
])
def test_hard_negatives(text: str):
    assert spans(recognizer, text) == []
