"""Every user-visible string has a Chinese translation, and the .ts matches the code."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from workbench.core.paths import resources_dir

TS = resources_dir() / "i18n/workbench_zh_CN.ts"
EN_PLURALS = resources_dir() / "i18n/workbench_en.ts"
GUI = Path(__file__).parents[2] / "workbench/gui"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name"), message.findtext("source")): message.find("translation")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def translated(tr: ET.Element, forms: int = 1) -> bool:
    """A finished translation: its text, or all `forms` of a counted one, filled in."""
    if tr.get("type") in {"unfinished", "vanished", "obsolete"}:
        return False
    numerus = [(f.text or "").strip() for f in tr.iter("numerusform")]
    if numerus:
        return len(numerus) == forms and all(numerus)
    return bool((tr.text or "").strip())


def test_every_source_string_has_a_finished_chinese_translation():
    unfinished = [key for key, tr in messages(TS).items() if not translated(tr)]
    assert not unfinished, f"strings without a Chinese translation: {unfinished}"


def test_every_counted_string_has_its_english_singular_and_plural():
    counted = {key for key in messages(TS) if "%n" in key[1]}
    english = messages(EN_PLURALS)
    assert counted and set(english) == counted, "run `make translations`"
    assert not [key for key, tr in english.items() if not translated(tr, forms=2)]
    for tr in english.values():  # "(s)" is what the English translation exists to remove
        assert not [f.text for f in tr.iter("numerusform") if "(s)" in (f.text or "")]


def test_english_reads_one_item_and_two_items(qapp):
    from workbench.gui.app import install_translators, remove_translators

    translators = install_translators(qapp, QLocale(QLocale.Language.English,
                                                    QLocale.Country.UnitedKingdom))
    try:
        def say(n: int) -> str:
            return QCoreApplication.translate("DeadlinesPage", "%n day(s) overdue", "", n)

        assert (say(1), say(2)) == ("1 day overdue", "2 days overdue")
    finally:
        remove_translators(qapp, translators)


def test_translation_source_is_current_with_the_code(tmp_path: Path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        lupdate = shutil.which("pyside6-lupdate")
    if not lupdate:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in GUI.rglob("*.py"))
    subprocess.run([str(lupdate), "-locations", "none", *sources, "-ts", str(fresh)],
                   check=True, capture_output=True)
    assert set(messages(fresh)) == set(messages(TS)), "run `make translations`"


def test_compiled_translation_is_loaded_for_chinese(qapp):
    from workbench.gui.app import install_translators, remove_translators

    translators = install_translators(qapp, QLocale(QLocale.Language.Chinese,
                                                    QLocale.Country.China))
    try:
        assert QCoreApplication.translate("MainWindow", "Cancel") == "取消"
        assert QCoreApplication.translate("ArtifactsPage", "Materials") == "材料"
    finally:
        remove_translators(qapp, translators)
    assert QCoreApplication.translate("MainWindow", "Cancel") == "Cancel"
