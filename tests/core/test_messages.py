"""The catalogue of core messages, walked: every code speaks both languages with the same
blanks, every code the source names is in it with the values its sentence asks for, and
every family of labels (entities, detectors, categories, checks, gate rules) is complete."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.core import messages
from workbench.core.messages import CATALOGUE, Joined, Message, blanks, label, t
from workbench.core.package import bundle, consent
from workbench.core.review import gate

SOURCE = Path(messages.__file__).resolve().parents[1]
WIDE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# Codes whose Chinese is the English pattern itself (columns, numbers and names only).
LAYOUT_ONLY = {"review.finding", "count.of"}


def test_every_code_has_english_and_chinese_with_the_same_blanks() -> None:
    for code, (english, chinese) in CATALOGUE.items():
        assert english.strip() and chinese.strip(), code
        assert WIDE.search(chinese) or code in LAYOUT_ONLY, f"{code}: no Chinese in {chinese!r}"
        assert blanks(english) == blanks(chinese), code


def test_chinese_addresses_the_user_as_ni() -> None:
    polite = [code for code, (_, chinese) in CATALOGUE.items() if "您" in chinese]
    assert not polite
    ts = (SOURCE.parent / "resources" / "i18n" / "workbench_zh_CN.ts").read_text("utf-8")
    assert "您" not in ts
    notices = (SOURCE.parent / "resources" / "notice").glob("*.md")
    assert all("您" not in n.read_text("utf-8") for n in notices)


def _strings(node: ast.AST | None) -> list[str]:
    """The string constants an argument can be: "x", or "x" if c else "y"."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else \
        func.attr if isinstance(func, ast.Attribute) else ""


def _tuple_length(node: ast.AST | None) -> int | None:
    if node is None:
        return 0
    if isinstance(node, ast.Tuple) and not any(isinstance(e, ast.Starred) for e in node.elts):
        return len(node.elts)
    if isinstance(node, ast.IfExp):
        # Two tuples that differ go with two codes that differ: the pairing is not checked.
        lengths = {_tuple_length(node.body), _tuple_length(node.orelse)}
        return lengths.pop() if len(lengths) == 1 else None
    return None  # built at run time: not checked here


def _uses() -> Iterator[tuple[str, str, int | None, set[str] | None]]:
    """(where, code, positional values given, keyword values given) for every literal use of
    a catalogue code in workbench/: t(), Message(), custody's _error(), a Check's reason, and
    an error raised with code=; None where the values are built at run time."""
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            where = f"{path.relative_to(SOURCE.parent)}:{call.lineno}"
            name = _name(call)
            starred = any(isinstance(a, ast.Starred) for a in call.args)
            spread = any(k.arg is None for k in call.keywords)
            keywords = {k.arg for k in call.keywords if k.arg}
            if name in ("t", "Message") and call.args:
                for code in _strings(call.args[0]):
                    if name == "Message":
                        given = _tuple_length(call.args[1] if len(call.args) > 1 else next(
                            (k.value for k in call.keywords if k.arg == "args"), None))
                        values = next((k.value for k in call.keywords if k.arg == "values"),
                                      None)
                        named = None if values is not None and not isinstance(
                            values, ast.Dict) else {
                            k.value for k in (values.keys if values else [])
                            if isinstance(k, ast.Constant)}
                        yield where, code, given, named
                    else:
                        yield (where, code, None if starred else len(call.args) - 1,
                               None if spread else keywords - {"lang"})
            elif name in ("_error", "coded") and len(call.args) >= 2:
                for code in _strings(call.args[1]):
                    yield where, code, None if starred else len(call.args) - 2, set()
            elif name == "Check" and len(call.args) >= 4:
                for reason in _strings(call.args[3]):
                    yield where, "check." + reason, _tuple_length(
                        call.args[4] if len(call.args) > 4 else None), set()
            for keyword in call.keywords:
                if keyword.arg == "code":
                    for code in _strings(keyword.value):
                        params = next((k.value for k in call.keywords if k.arg == "params"),
                                      None)
                        yield where, code, _tuple_length(params), set()


def _needs(code: str) -> tuple[int, set[str]]:
    names = blanks(CATALOGUE[code][0])
    numbered = [int(n) for n in names if n.isdigit()]
    return (max(numbered) + 1 if numbered else 0), {n for n in names if not n.isdigit()}


def test_every_code_the_source_uses_is_known_with_the_values_it_asks_for() -> None:
    uses = list(_uses())
    assert len(uses) > 60  # the walk finds the uses (not a vacuous pass)
    problems = []
    for where, code, given, named in uses:
        if code not in CATALOGUE:
            problems.append(f"{where}: {code} is not in the catalogue")
            continue
        positional, keywords = _needs(code)
        if given is not None and given < positional:
            problems.append(f"{where}: {code} needs {positional} values, gets {given}")
        if named is not None and not keywords <= named:
            problems.append(f"{where}: {code} needs {sorted(keywords - named)}")
    assert not problems, "\n".join(problems)


def test_every_family_of_codes_is_complete() -> None:
    assert all(f"gate.{rule}" in CATALOGUE for rule in gate.Rule)
    assert all(f"sensitive.{c}" in CATALOGUE for c in consent.SENSITIVE_CATEGORIES)
    assert all(f"data.{c}" in CATALOGUE for c in consent._CATEGORY_OF_KIND.values())
    assert all(f"entity.{e}" in CATALOGUE for e in gate.NEVER_KEPT)
    source = "\n".join(p.read_text("utf-8") for p in SOURCE.rglob("*.py"))
    check_names = set(re.findall(r'Check\(\s*"([^"]+)"', source))
    check_names |= set(re.findall(r'name = "([^"]+)"\n', source)) & {
        "HR countersignature", "ledger records the countersignature"}
    assert {"ledger", "files", "skill seal"} <= check_names
    for name in check_names:
        assert bundle.Check(name, True).title_message().code in CATALOGUE, name
    export_codes = set(re.findall(r'ExportBlocker\(\s*"([^"]+)"', source))
    assert {"pending", "artifact", "no-consent", "sensitive-without-consent"} <= export_codes
    assert all(f"export.{c}" in CATALOGUE for c in export_codes)
    for change in ("new-material", "new-kind", "new-sensitive"):
        assert f"export.{change}" in CATALOGUE


def test_every_entity_a_recogniser_reports_and_every_recogniser_has_words() -> None:
    from workbench.core.pii import engine

    found = [r for lang in ("en", "zh") for r in engine.pattern_recognizers(lang)]
    names = {r.name for r in found} | {
        *engine.SPACY_NAMES.values(), "ChineseChatNameRecognizer", "ChineseNameRecognizer",
        "GivenNameRecognizer", "KnownPeopleRecognizer", "manual"}
    assert not [n for n in names if f"detector.{n}" not in CATALOGUE]
    entities = {e for r in found for e in r.supported_entities} | {"PERSON", "MANUAL"}
    missing = [e for e in entities if not e.startswith("SENSITIVE_")
               and f"entity.{e}" not in CATALOGUE]
    assert not missing
    sensitive = {e.removeprefix("SENSITIVE_").lower() for e in entities
                 if e.startswith("SENSITIVE_")}
    assert sensitive <= set(consent.SENSITIVE_CATEGORIES)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_labels_are_words_not_codes(lang: str) -> None:
    assert label("entity", "PHONE_NUMBER", lang) == {"en": "Phone number", "zh": "电话号码"}[lang]
    assert label("entity", "MANUAL", lang) == {"en": "Marked by you", "zh": "你标记的"}[lang]
    assert label("detector", "PhoneNumberRecognizer", lang) != "PhoneNumberRecognizer"
    assert label("entity", "SENSITIVE_FINANCIAL", lang) == label("sensitive", "financial", lang)
    # Something the catalogue has never heard of is named by its group, never by its code.
    assert label("detector", "BrandNewRecognizer", lang) == t("detector.other", lang=lang)
    assert "NEW_THING" not in label("entity", "NEW_THING", lang)


def test_the_locale_picks_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("WORKBENCH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    assert messages.language() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert messages.language() == "zh"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert messages.language() == "en"
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    assert messages.language() == "zh"


def test_a_message_is_rendered_when_shown_with_nested_values_in_the_same_language(
        monkeypatch: pytest.MonkeyPatch) -> None:
    kept = Joined((messages.label_message("entity", "SECRET"),
                   messages.label_message("entity", "IP_ADDRESS")), "items")
    reason = Message("gate.kept-identifier", values={"count": 2, "detail": kept})
    monkeypatch.setenv("WORKBENCH_LANG", "en")
    assert str(reason) == ("2 secret or identifier findings (secret (key, token or "
                           "password), IP address) are set to keep; they must be redacted")
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    assert str(reason) == ("有 2 处密钥或证件号码（凭据（密钥、令牌或密码）、IP 地址）"
                           "被设为保留；它们必须遮盖")
    assert reason.text("en").startswith("2 secret")


def test_english_counts_its_words_and_chinese_needs_no_plural() -> None:
    assert messages.t("scan.done", scanned=1, unchanged=0, findings=1, lang="en") == (
        "Scanned 1 item (0 unchanged since the last scan); 1 finding.")
    assert messages.t("scan.done", scanned=3, unchanged=1, findings=0, lang="en") == (
        "Scanned 3 items (1 unchanged since the last scan); 0 findings.")
    assert messages.t("review.refused_some", count=1, total=3, lang="en") == (
        "1 of 3 items was not changed.")
    assert messages.t("scan.done", scanned=1, unchanged=0, findings=1, lang="zh") == (
        "扫描了 1 项（0 项自上次扫描后未变）；1 处发现。")


def test_no_english_sentence_counts_with_a_bracketed_plural() -> None:
    """"1 item(s)" and "1 items" read as a machine wrote them: a count before a noun takes
    the counted form ({n:n|item|items})."""
    nouns = "items|findings|files|entries|packages|artifacts|spans|changes|keys|days"
    loose = [code for code, (english, _) in messages.CATALOGUE.items()
             if re.search(r"\}[^{}]{0,30}\((s|es|ies)\)", english)
             or re.search(r"\{\w+\} (" + nouns + r")\b", english)]
    assert loose == ["ingest.not-zip-document"]  # "{0} files": "docx files", not a count
