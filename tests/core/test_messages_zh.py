"""No English in what the core tells a Chinese reader: every refusal the core raises is coded
(never a bare English sentence in the source), its Chinese words are Chinese all the way down
(values that are themselves messages included), and driving the custody attacks and the bad
inputs the suite knows with WORKBENCH_LANG=zh shows it. Values that are data — file names,
paths, ids, a library's own complaint — are the reader's, not ours, and are not judged."""

from __future__ import annotations

import ast
import hashlib
import re
import string
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.core import test_bundle
from tests.core.parties import make_parties
from tests.core.test_bundle import NOW, Flow
from tests.core.test_custody import forged_revocation, signed_package, tar_of
from workbench.core import errors
from workbench.core.errors import ImportFailed, Problem, WorkbenchError
from workbench.core.ingest import ImportContext, extract_all, plan_import
from workbench.core.messages import CATALOGUE, Joined, Message, blanks
from workbench.core.package import bundle, custody
from workbench.core.package.bundle import Check

CORE = Path(errors.__file__).resolve().parent
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# Names people use as they are, in any language (products, formats, file kinds).
NAMES = ("Consent Workbench", "Apple Mail", "PowerPoint", "WhatsApp", "WeChat", "Telegram",
         "Outlook", "Teams", "Slack", "Feishu/Lark", "ChatLab", "chatlog", "Compound File",
         "colleague-skill", "Colleague.skill", "spaCy", "WPS", "Word")
# Three or more English words in a row (a hyphenated or dotted name is one word).
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’.-]*(?: [A-Za-z][A-Za-z'’.-]*){2,}")
BLANK = "‹›"


class _Lenient(string.Formatter):
    """Fills a template's blanks even where a value stands in for a number ({days:+d})."""

    def format_field(self, value: object, format_spec: str) -> str:
        return str(value) if value == BLANK else super().format_field(value, format_spec)

    def convert_field(self, value: object, conversion: str | None) -> object:
        return value if value == BLANK else super().convert_field(value, conversion)


def own_words(value: object, lang: str = "zh") -> str:
    """What the workbench itself says in `value`, in `lang`: a message's template with each
    value that is a message rendered the same way, and each value that is data as a blank."""
    if isinstance(value, Joined):
        separator = "；" if value.separator == "list" else "、"
        return separator.join(own_words(p, lang) for p in value.parts)
    if isinstance(value, Message):
        template = CATALOGUE[value.code][1 if lang == "zh" else 0]
        args = [own_words(a, lang) if isinstance(a, Message | Joined) else BLANK
                for a in value.args]
        named = {k: own_words(v, lang) if isinstance(v, Message | Joined) else BLANK
                 for k, v in value.values.items()}
        return _Lenient().format(template, *args, **named)
    return BLANK


def english_in(text: str) -> list[str]:
    text = re.sub(r"`[^`]*`|--[a-z-]+|%\(\w+\)[rs]|%s", "", text)
    for name in NAMES:
        text = text.replace(name, "")
    return ENGLISH_RUN.findall(text)


def message_of(thing: object) -> Message:
    """The catalogue message of a refusal or a failed check; fails if it has none."""
    if isinstance(thing, Check):
        assert thing.reason, f"check {thing.name!r} has no reason code: {thing.detail!r}"
        return thing.detail_message()
    assert isinstance(thing, WorkbenchError), f"not a workbench refusal: {thing!r}"
    assert thing.code, f"{type(thing).__name__} has no code: {thing.message!r}"
    return Message(thing.code, thing.params)


def assert_chinese(thing: object) -> None:
    message = message_of(thing)
    words = own_words(message)
    assert not english_in(words), f"{message.code}: English in {words!r}"
    shown = thing.text("zh") if isinstance(thing, Check) else str(thing)
    assert re.search(r"[\u4e00-\u9fff]", shown), shown


# -- the catalogue -------------------------------------------------------------------------------


def test_every_chinese_template_is_chinese() -> None:
    found = {code: english_in(re.sub(r"\{[^{}]*\}", BLANK, chinese))
             for code, (_, chinese) in CATALOGUE.items()}
    # Formats the user types are shown as they are typed.
    found = {c: [w for w in words if w not in ("YYYY-MM-DD HH",)] for c, words in found.items()}
    assert not {c: w for c, w in found.items() if w}


# -- the source ----------------------------------------------------------------------------------


def _classes() -> tuple[set[str], set[str]]:
    """Names of the WorkbenchError and Problem classes defined anywhere in the core."""
    bases: dict[str, set[str]] = {}
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(
                    b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute)
                    else "" for b in node.bases)

    def family(root: str) -> set[str]:
        names = {root}
        while grown := {n for n, b in bases.items() if b & names} - names:
            names |= grown
        return names

    return family("WorkbenchError"), family("Problem")


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else \
        func.attr if isinstance(func, ast.Attribute) else ""


def _words(node: ast.AST) -> list[str]:
    """The prose in an argument: string constants (f-string parts too) with a space, except
    inside a message made by its code (there they are values: names, formats)."""
    if isinstance(node, ast.Call) and _name(node) in ("Message", "t", "coded"):
        return []
    if isinstance(node, ast.Constant):
        text = node.value
        return [text] if isinstance(text, str) and " " in text.strip() and any(
            c.isalpha() for c in text) else []
    return [w for child in ast.iter_child_nodes(node) for w in _words(child)]


def _calls() -> Iterator[tuple[str, ast.Call]]:
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                yield f"{path.relative_to(CORE.parent)}:{node.lineno}", node


def _super_calls() -> Iterator[tuple[str, str, ast.Call]]:
    """(where, class, call) for every super().__init__(...) in a class of the core."""
    for path in sorted(CORE.rglob("*.py")):
        for cls in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(cls, ast.ClassDef):
                continue
            for node in ast.walk(cls):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                        and node.func.attr == "__init__" \
                        and isinstance(node.func.value, ast.Call) \
                        and _name(node.func.value) == "super":
                    yield f"{path.relative_to(CORE.parent)}:{node.lineno}", cls.name, node


def test_no_refusal_in_the_core_is_a_bare_english_sentence() -> None:
    refusals, problems = _classes()
    assert {"RefusedError", "ImportFailed", "BundleError", "KeyError_"} <= refusals
    assert {"ExtractionError", "NotText", "ManifestError"} <= problems
    bare = []
    for where, call in _calls():
        name = _name(call)
        coded = any(k.arg == "code" for k in call.keywords)
        if name in refusals and not coded:
            bare += [f"{where}: {name}({w!r})" for a in call.args for w in _words(a)]
        elif name in problems | {"Check"}:
            # A Problem's first value is its code; a Check's English detail goes with a
            # reason code (its fourth value), which is what a reader sees.
            if name == "Check" and len(call.args) < 4:
                bare.append(f"{where}: Check without a reason code")
            elif name != "Check":
                bare += [f"{where}: {name}({w!r})" for a in call.args for w in _words(a)]
        elif name == "say":
            bare.append(f"{where}: say() — the core speaks through the catalogue")
    for where, cls, call in _super_calls():
        if cls in refusals - {"WorkbenchError"} and not any(k.arg == "code"
                                                            for k in call.keywords):
            bare += [f"{where}: {cls} super().__init__({w!r})" for a in call.args
                     for w in _words(a)]
    # Cancelled's argument names the operation in the English log line only.
    bare = [b for b in bare if "Cancelled(" not in b]
    assert not bare, "\n".join(bare)


def test_every_problem_names_a_code_with_the_values_it_asks_for() -> None:
    _, problems = _classes()
    uses = 0
    wrong = []
    for where, call in _calls():
        if _name(call) not in problems or not call.args:
            continue
        first = call.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue  # a Message handed on, checked where it was made
        uses += 1
        code = first.value
        if code not in CATALOGUE:
            wrong.append(f"{where}: {code} is not in the catalogue")
            continue
        needed = {int(b) for b in blanks(CATALOGUE[code][0]) if b.isdigit()}
        if len(call.args) - 1 < (max(needed) + 1 if needed else 0):
            wrong.append(f"{where}: {code} needs {max(needed) + 1} values")
    assert uses > 30 and not wrong, "\n".join(wrong)


# -- custody: the attacks, read in Chinese --------------------------------------------------------


@pytest.fixture
def flow(tmp_path: Path, fixtures: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flow]:
    yield from test_bundle.flow.__wrapped__(tmp_path, fixtures)


def _skill(name: str = "evil-skill") -> tuple[bytes, dict[str, str]]:
    skill = f"---\nname: {name}\n---\n".encode()
    return skill, {"SKILL.md": hashlib.sha256(skill).hexdigest()}


def _hostile_payloads() -> dict[str, tuple[bytes, dict[str, str]]]:
    skill, files = _skill()
    return {
        "extra file": (tar_of([("evil-skill/SKILL.md", skill), ("evil-skill/x.md", b"x")]),
                       files),
        "twice": (tar_of([("evil-skill/SKILL.md", skill), ("evil-skill/SKILL.md", skill)]),
                  files),
        "compressed": (tar_of([("evil-skill/SKILL.md", skill)], "gz"), files),
        "escape": (tar_of([("evil-skill/../../x", skill)]), files),
        "two folders": (tar_of([("evil-skill/SKILL.md", skill), ("other/SKILL.md", skill)]),
                        files),
        "folder for a file": (tar_of([("evil-skill/SKILL.md", None)]), files),
        "changed": (tar_of([("evil-skill/SKILL.md", b"changed")]), files),
        "missing": (tar_of([("evil-skill/", None)]), files),
        "not a skill name": (tar_of([("Evil Skill/SKILL.md", skill)]), files),
    }


def _refusal(action: Callable[[], object]) -> WorkbenchError:
    with pytest.raises(WorkbenchError) as caught:
        action()
    return caught.value


def _rewritten(package: Path, out: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """The package with each member changed by `change(name, data)`, stored as export does."""
    with zipfile.ZipFile(package) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info)))
    return out


def test_custody_attacks_are_refused_in_chinese(flow: Flow, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    flow.export()
    flow.countersign()
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    seen: list[object] = []
    for label, (payload, files) in _hostile_payloads().items():
        package = signed_package(flow, payload, files, tmp_path / f"{label}.cwpkg")
        with flow.recipient:
            seen.append(_refusal(lambda p=package: custody.open_package(  # type: ignore[misc]
                p, tmp_path / "out", flow.recipient.card, NOW)))
    # A ledger cut short, a manifest whose signatures no longer match, a payload swapped.
    cut = _rewritten(flow.package, tmp_path / "cut.cwpkg", lambda name, data: b"\n".join(
        data.split(b"\n")[:1]) + b"\n" if name == bundle.LEDGER else data)
    altered = _rewritten(flow.package, tmp_path / "altered.cwpkg", lambda name, data: data.replace(
        b'"sig": "', b'"sig": "AAAA') if name == bundle.MANIFEST else data)
    swapped = _rewritten(flow.package, tmp_path / "swapped.cwpkg", lambda name, data:
                         data + b"\0" if name == bundle.PAYLOAD else data)
    with flow.recipient:
        for package in (cut, altered, swapped):
            checked = custody.verify_for_recipient(package, NOW, flow.recipient.card)
            assert checked.failed(), package.name
            seen += checked.failed()
        opened = flow.open()
        # Replay: the same package opened twice.
        seen.append(_refusal(lambda: custody.open_package(
            flow.package, tmp_path / "again", flow.recipient.card, NOW)))
        # A revocation signed by HR, and one signed by a stranger.
        hr_says = forged_revocation(flow.hr, opened.package, tmp_path / "hr.revocation",
                                    flow.hr.card)
        seen.append(_refusal(lambda: custody.import_revocation(hr_says)))
    (stranger, *_) = make_parties(tmp_path / "strangers")
    stranger_says = forged_revocation(stranger, opened.package, tmp_path / "s.revocation",
                                      stranger.card)
    with flow.recipient:
        seen.append(_refusal(lambda: custody.import_revocation(stranger_says)))
        seen.append(_refusal(lambda: custody.revocation_path(opened.package, "../../etc")))
        seen.append(_refusal(lambda: custody.purge("sha256:" + "0" * 64, NOW)))
    with flow.hr:
        seen.append(_refusal(lambda: bundle.countersign(flow.package, flow.hr.card, NOW)))
    assert len(seen) >= 18
    for thing in seen:
        assert_chinese(thing)


def test_a_tampered_package_in_chinese_names_no_english_check(flow: Flow, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    """The check titles and details a recipient reads for a package HR never countersigned
    and whose ledger was edited: every failed line is Chinese."""
    flow.export()
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    edited = _rewritten(flow.package, tmp_path / "edited.cwpkg", lambda name, data:
                        data.replace(b'"payload":"', b'"payload":"e30', 1)
                        if name == bundle.LEDGER else data)
    with flow.recipient:
        checked = custody.verify_for_recipient(edited, NOW, flow.recipient.card)
    failed = checked.failed()
    assert {c.name for c in failed} >= {"ledger", "HR countersignature"}
    for check in failed:
        assert_chinese(check)
        assert not english_in(check.title("zh")), check.title("zh")


# -- bad input, read in Chinese -------------------------------------------------------------------


def _bad_inputs(folder: Path) -> list[Path]:
    """The suite's bad fixtures, and more made here: every importer's way of refusing."""
    made = {
        "empty.eml": b"  \n",
        "cut.emlx": b"500\nFrom: a@b.c\n\nhi",
        "not.emlx": b"hello\n",
        "not.msg": b"hello",
        "not.pst": b"hello",
        "not.pdf": b"hello",
        "not.rtf": b"hello",
        "binary.txt": b"a\x00b",
        "not.xlsx": b"hello",
        "old.doc": b"\xd0\xcf\x11\xe0",
        "unknown.xyz": b"hello",
        "broken.json": b'{"messages": [',
        "list.json": b'{"messages": 3}',
        "notes.bin": b"\x00\x01",
        "bad.png": b"\x89PNG\r\n\x1a\nxx",
        "whatsapp.txt": b"31/02/2024, 10:00 - A: hi\n",
    }
    for name, data in made.items():
        (folder / name).write_bytes(data)
    bad = sorted((FIXTURES / "bad").iterdir())
    return bad + [folder / name for name in made] + [folder / "nothing-here.txt"]


def test_bad_inputs_are_refused_in_chinese(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    context = ImportContext(timezone=__import__("zoneinfo").ZoneInfo("Asia/Shanghai"))
    refused: list[WorkbenchError] = []
    for path in _bad_inputs(tmp_path):
        try:
            plan = plan_import([path])
            extract_all(plan, context)
        except ImportFailed as exc:
            refused.append(exc)
    assert len(refused) >= 15, [str(r) for r in refused]
    for failure in refused:
        assert_chinese(failure)
        assert isinstance(failure, ImportFailed) and isinstance(failure.reason, Message), \
            failure.problem


def test_a_problem_is_shown_in_the_readers_language(monkeypatch: pytest.MonkeyPatch) -> None:
    problem = Problem("ingest.not-found")
    assert problem.args == ("it could not be found",)  # the English for logs
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    assert str(problem) == "找不到它"
    failure = ImportFailed(Path("a/b.pst"), problem.message)
    assert failure.message == "Cannot import b.pst (a/b.pst): it could not be found"
    assert str(failure) == "无法导入 b.pst（a/b.pst）：找不到它"


def test_keys_refusals_are_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.core.trust import keys, secrets_store

    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    employee, hr, _ = make_parties(tmp_path)
    seen: list[object] = []
    with employee:
        seen.append(_refusal(lambda: keys.find_card("nobody", keys.contacts(), keys.Role.HR,
                                                    what="contact")))
        seen.append(_refusal(lambda: keys.compare_fingerprint(hr.card, "12")))
        seen.append(_refusal(lambda: keys.compare_fingerprint(hr.card, "zz")))
        seen.append(_refusal(lambda: keys.compare_fingerprint(hr.card, "0" * 32)))
        seen.append(_refusal(lambda: keys.create_identity(keys.Role.EMPLOYEE,
                                                          employee.card.name,
                                                          employee.card.email)))
        seen.append(_refusal(lambda: keys.my_identity(keys.Role.HR)))
        seen.append(_refusal(lambda: keys.IdentityCard.from_json({"name": "x"})))
        seen.append(_refusal(lambda: secrets_store.check_new_passphrase("a")))
        seen.append(_refusal(lambda: secrets_store.move_to("cloud")))
    for thing in seen:
        assert_chinese(thing)
    assert "员工" in employee.card.label()



def test_common_system_reasons_read_in_the_readers_language(tmp_path, monkeypatch):
    """strerror is English whatever the locale: a folder given for a file, a missing path and
    a refused permission are said in Chinese."""
    import errno

    from workbench.core.errors import reason_of
    from workbench.core.messages import t

    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    for code, words in ((errno.EISDIR, "文件夹"), (errno.ENOENT, "不存在"),
                        (errno.EACCES, "权限")):
        shown = t("error.cannot_read", path=tmp_path, reason=reason_of(OSError(code, "x")))
        assert words in shown and "x" not in shown.replace(str(tmp_path), "")
