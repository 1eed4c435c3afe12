from tests.core.pii.recognizers.helpers import spans
from workbench.core.pii.recognizers.known_people import (
    KnownPeopleRecognizer,
    KnownPerson,
    pinyin_forms,
)

ZHANG = KnownPerson("p:zhang", names=("张伟",), emails=("zhang.wei@x.example.com",))
TOM = KnownPerson("p:tom", names=("Tom Baker",))
ME = KnownPerson("self", names=("李娜", "娜娜", "Lina Li"), phones=("13912345678",),
                 ids=("110105199003071239",), is_self=True)


def recognizer(*people: KnownPerson) -> KnownPeopleRecognizer:
    r = KnownPeopleRecognizer(list(people))
    r.load()
    return r


def test_pinyin_forms():
    assert pinyin_forms("张伟") == ["Zhang Wei", "Wei Zhang"]
    assert pinyin_forms("欧阳娜娜") == ["Ouyang Nana", "Nana Ouyang"]


def test_hanzi_pinyin_and_reversed_pinyin():
    r = recognizer(ZHANG)
    text = "张伟说 Zhang Wei 也就是 Wei Zhang 或 zhangwei"
    assert [v for _, v in spans(r, text)] == ["Wei Zhang", "Zhang Wei", "zhangwei", "张伟"]


def test_space_less_ocr_forms_and_first_name():
    r = recognizer(TOM)
    assert [v for _, v in spans(r, "TomBaker said hi")] == ["TomBaker"]
    assert [v for _, v in spans(r, "文档交接给 Tom")] == ["Tom"]
    # Not inside a longer word, and the first name alone only when capitalised.
    assert spans(r, "Tomas and tomorrow and tom") == []


def test_aliases_and_self_identifiers_with_separators():
    r = recognizer(ME)
    found = r.analyze("娜娜的手机 139-1234-5678，身份证110105199003071239", [])
    assert {(f.entity_type, f.recognition_metadata["is_self"]) for f in found} == {
        ("PERSON", True), ("PHONE_NUMBER", True), ("CN_RESIDENT_ID", True)}


def test_known_email_carries_the_person():
    r = recognizer(ZHANG)
    (found,) = r.analyze("mail Zhang.Wei@x.example.com", [])
    assert found.entity_type == "EMAIL_ADDRESS"
    assert found.recognition_metadata["person_key"] == "p:zhang"


def test_longer_known_name_wins():
    r = recognizer(ZHANG, KnownPerson("p:zwm", names=("张伟明",)))
    (found,) = r.analyze("张伟明来了", [])
    assert found.recognition_metadata["person_key"] == "p:zwm"


def test_given_name_of_a_known_three_character_name():
    r = recognizer(KnownPerson("p:wjg", names=("王建国",)), KnownPerson("p:zwm", names=("张伟明",)),
                   KnownPerson("p:oy", names=("欧阳海燕",)))
    assert [v for _, v in spans(r, "建国，明天来一下")] == ["建国"]
    assert [v for _, v in spans(r, "我跟建国说了")] == ["建国"]
    assert [v for _, v in spans(r, "伟明在开会，海燕也在")] == ["伟明", "海燕"]
    assert [v for _, v in spans(r, "王建国到了")] == ["王建国"]
    # 建国 is also an everyday word: inside a run of hanzi it is not the colleague.
    assert spans(r, "新中国建国以来") == []
    assert spans(r, "建国初期的政策") == []


def test_a_known_phone_takes_its_country_code_with_it():
    r = recognizer(ME)
    for text, number in (("call +86 139 1234 5678 now", "+86 139 1234 5678"),
                         ("电话 (+86) 13912345678", "(+86) 13912345678"),
                         ("0086-139-1234-5678", "0086-139-1234-5678"),
                         ("13912345678", "13912345678")):
        assert number in [v for _, v in spans(r, text)], text
