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
GUI = Path(__file__).parents[2] / "workbench/gui"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name"), message.findtext("source")): message.find("translation")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_every_source_string_has_a_finished_chinese_translation():
    unfinished = [
        key for key, tr in messages(TS).items()
        if not (tr.text or "").strip() or tr.get("type") in {"unfinished", "vanished", "obsolete"}
    ]
    assert not unfinished, f"strings without a Chinese translation: {unfinished}"


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
