"""One person, one key: name variants link to the full name they stand for (issue 18.4)."""

from __future__ import annotations

import pytest

from workbench.core.pii.findings import Finding
from workbench.core.pii.linking import NameLinker
from workbench.core.pii.parties import SELF_KEY, PartyTagger
from workbench.core.pii.people import KnownPerson


def linker(*seen: str, people=()) -> NameLinker:
    made = NameLinker(people)
    made.learn(seen)
    return made


@pytest.mark.parametrize(("seen", "variant", "full"), [
    (("Kevin Zhou",), "Kevin", "Kevin Zhou"),
    (("Kevin Zhou",), "Zhou总", "Kevin Zhou"),
    (("Kevin Zhou",), "kevin zhou", "Kevin Zhou"),
    (("欧阳建国",), "欧阳", "欧阳建国"),
    (("欧阳建国",), "建国", "欧阳建国"),
    (("欧阳建国",), "欧阳总", "欧阳建国"),
    (("陈建华",), "陈总", "陈建华"),
    (("陈建华",), "老陈", "陈建华"),
    (("陈建华",), "Chen Jianhua", "陈建华"),
    (("陈建华",), "Chen总", "陈建华"),
    (("赵敏",), "zhaomin_1990", "赵敏"),
    (("赵敏",), "ZhaoMin88", "赵敏"),
    (("李娜",), "娜娜", "李娜"),
    (("李娜",), "小娜", "李娜"),
    (("李娜",), "阿娜", "李娜"),
])
def test_variant_links_to_full_name(seen, variant, full):
    made = linker(*seen)
    assert made.key_for(variant) == made.key_for(full) is not None


def test_shared_variant_links_to_nobody():
    # Two 王s: 王总 could be either.
    made = linker("王建国", "王芳芳")
    assert made.key_for("王总") is None
    assert made.key_for("王建国") != made.key_for("王芳芳")


@pytest.mark.parametrize("text", ["client", "王", "总", "Kevin"])
def test_unrelated_values_do_not_link(text):
    assert linker("李娜", "Li Na").key_for(text) is None


def test_known_people_come_first_and_self_stays_self():
    me = KnownPerson(SELF_KEY, names=("李娜", "Lina Li"), is_self=True)
    zhou = KnownPerson("person:3", names=("Kevin Zhou",))
    tagger = PartyTagger(me, [zhou])
    tagger.learn(["Kevin Zhou", "欧阳建国"])

    def tag(text: str, entity: str = "PERSON"):
        return tagger.tag(Finding(entity, 0, len(text), 0.6, text, "test"))

    assert tag("Kevin").person_key == tag("Zhou总").person_key == "person:3"
    assert tag("李总").party == "self"
    assert tag("欧阳").person_key == tag("欧阳建国").person_key
    assert tag("zhaomin_1990", "WECHAT_ID").person_key == "wechat_id:zhaomin_1990"
    tagger.learn(["赵敏"])
    assert tag("zhaomin_1990", "WECHAT_ID").person_key == tag("赵敏").person_key


def test_title_form_with_no_full_name_is_a_person_with_its_pinyin():
    # The samples: the client is 陈总 in chat and "Chen Zong" in English mail.
    made = linker("陈总", "Chen Zong", "Tom Baker")
    assert made.key_for("陈总") == made.key_for("Chen Zong") is not None
    assert made.key_for("Tom Baker") != made.key_for("陈总")
    # Once the full name is known, the title form is theirs.
    full = linker("陈建华", "陈总", "Chen Zong")
    assert full.key_for("陈总") == full.key_for("陈建华") == full.key_for("Chen Zong")


@pytest.mark.parametrize(("seen", "variant"), [
    (("Michael Chen",), "Mike"),
    (("Michael Chen",), "Mike Chen"),
    (("Mike Chen",), "Michael"),
    (("Katherine Liu",), "Kate"),
    (("陈大卫",), "David Chen"),
    (("陈大卫",), "David"),
    (("陈大卫",), "Dave"),
    (("陈大卫",), "chen david"),
    (("王迈克尔",), "Mike Wang"),
])
def test_short_forms_and_transliterated_names_are_the_same_person(seen, variant):
    """New-user trial: "Mike" and "Michael Chen" got two aliases; 陈大卫 and David Chen too."""
    made = linker(*seen, variant)
    assert made.key_for(variant) == made.key_for(seen[0]) is not None


def test_a_short_form_two_people_could_share_links_to_nobody():
    made = linker("Michael Chen", "Michael Wang", "Mike")
    assert made.key_for("Mike") is None
    assert made.key_for("Michael Chen") != made.key_for("Michael Wang")
    # Another English name with the same surname stays another person.
    other = linker("陈大卫", "Peter Chen")
    assert other.key_for("Peter Chen") != other.key_for("陈大卫")


def test_a_nickname_of_a_name_seen_is_found_and_linked():
    me = KnownPerson(SELF_KEY, names=("王小明", "小明"), is_self=True)
    tagger = PartyTagger(me)
    tagger.learn(["李娜", "李明"])
    text = "娜娜，明天发布，小娜也来；小明不来，王娜娜来，天天加班"
    found = {f.text: f for f in tagger.nicknames_in(text, [])}
    assert set(found) == {"娜娜", "小娜", "王娜娜"}  # 小明 is the employee's, 天天 a word
    lina = tagger.tag(Finding("PERSON", 0, 2, 0.85, "李娜", "test")).person_key
    assert tagger.tag(found["娜娜"]).person_key == tagger.tag(found["小娜"]).person_key == lina
    assert tagger.tag(found["王娜娜"]).person_key not in (lina, SELF_KEY)
    # Covered by a finding already: left alone.
    assert tagger.nicknames_in("娜娜来", [Finding("PERSON", 0, 2, 0.6, "娜娜", "x")]) == []


def test_a_nickname_two_names_seen_share_is_still_found():
    tagger = PartyTagger(KnownPerson(SELF_KEY, names=("王小明",), is_self=True))
    tagger.learn(["李娜", "欧阳娜娜"])
    (found,) = tagger.nicknames_in("娜娜，明天发布", [])
    assert found.text == "娜娜"
    party = tagger.tag(found)
    assert party.party == "third_party" and party.person_key not in (None, SELF_KEY)
