"""HR's terms file is read strictly: a misspelled field, a wrong type or an unknown key is bad
input naming the file and the field, never ignored, coerced or a crash later on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.core.errors import BadInputError
from workbench.core.messages import t
from workbench.core.package import consent

FIXTURE = Path(__file__).parents[1] / "fixtures/consent_terms.json"


def _write(tmp_path: Path, **changes: object) -> Path:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path = tmp_path / "hr_terms.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _refusal(path: Path) -> BadInputError:
    with pytest.raises(BadInputError) as caught:
        consent.terms_from_file(path)
    return caught.value


@pytest.mark.parametrize(("changes", "field", "english", "chinese"), [
    # "no" is a true value to Python: read loosely it consented to sending data abroad.
    ({"cross_border": "no"}, "cross_border", "must be true or false", "必须是 true 或 false"),
    ({"separate_consent": {"health": "false"}}, "separate_consent.health",
     "must be true or false", "必须是 true 或 false"),
    ({"delete_by": None, "delet_by": "2025-03-31"}, "delet_by", "is not a field of consent terms",
     "不是同意条款的字段"),
    ({"purposes": [{"dvp": "dpv:ServiceProvision", "text": "x"}]}, "purposes.0.dvp",
     "is not a field of consent terms", "不是同意条款的字段"),
    ({"purposes": [{"dpv": "dpv:ServiceProvision"}]}, "purposes.0.text", "is missing",
     "缺失"),
    ({"purposes": [7]}, "purposes.0", "must be an object", "含字段名的对象"),
    ({"recipients": "Payments"}, "recipients", "must be a list", "必须是列表"),
    ({"controller": "Xinghe"}, "controller", "must be an object", "含字段名的对象"),
    ({"delete_by": 20250331}, "delete_by", "must be text", "加引号的文本"),
    ({"delete_by": "next March"}, "delete_by", "is not a date (YYYY-MM-DD)",
     "不是日期（YYYY-MM-DD）"),
    ({"separate_consent": {"helth": True}}, "separate_consent.helth", "must be one of",
     "必须是以下之一"),
    ({"language": "fr"}, "language", "must be one of", "必须是以下之一"),
])
def test_bad_terms_name_the_file_and_the_field(tmp_path: Path, monkeypatch, changes, field,
                                              english, chinese):
    path = _write(tmp_path, **changes)
    error = _refusal(path)
    assert error.exit_code == 2
    text = str(error)
    assert "\n" not in text
    assert str(path) in text and f"'{field}'" in text and english in text, text
    for words in ("Input should", "Extra inputs", "pydantic", "Field required"):
        assert words not in text
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    text = str(error)
    assert str(path) in text and f"“{field}”" in text and chinese in text, text


def test_good_terms_are_read_as_written(tmp_path: Path):
    # README: purposes may also be plain strings.
    data = consent.terms_from_file(_write(tmp_path, language="en", recipients=["Payments"],
                                          purposes=["release knowledge", {"text": "handover"}]))
    assert [p.text for p in consent.terms_from_mapping(data).purposes] == [
        "release knowledge", "handover"]
    assert data["cross_border"] is False and data["recipients"] == ["Payments"]
    assert data["separate_consent"] == {"health": False, "financial": False}
    # Only what the file says: the command line fills in the rest.
    assert "countersigner" not in data


def test_the_catalogue_has_a_reason_for_each_shape_problem():
    for code in ("terms.extra", "terms.missing", "terms.not-bool", "terms.not-text",
                 "terms.not-list", "terms.not-object", "terms.not-date", "terms.bad-value"):
        assert t(code, lang="en") and t(code, lang="zh")
