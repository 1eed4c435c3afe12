"""The app in Chinese over the demo material shows no English the app or the core wrote: no
core message, check detail, category slug, entity class or recogniser name, and no English
source text of the app's own. Names, file names, fingerprints and the employee's own
material may be in any language, so only known English is looked for."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTextEdit,
    QWidget,
)

from workbench.core.messages import CATALOGUE
from workbench.core.package import consent
from workbench.core.review import gate

RESOURCES = Path(__file__).parents[2] / "resources"
WAIT = 120_000


def _fragments(template: str) -> list[str]:
    """The literal runs of an English template long enough to be a phrase, not a name."""
    parts = re.split(r"\{[^}]*\}", template)
    return [p.strip(" .,:;()—-") for p in parts if len(p.strip(" .,:;()—-")) >= 14
            and " " in p.strip()]


def _english_phrases() -> set[str]:
    """Every English sentence the app can show: the core's catalogue and the app's .ts."""
    import xml.etree.ElementTree as ET

    phrases = {f for english, _ in CATALOGUE.values() for f in _fragments(english)}
    ts = ET.parse(RESOURCES / "i18n" / "workbench_zh_CN.ts").getroot()
    for message in ts.iter("message"):
        phrases.update(_fragments(message.findtext("source") or ""))
    return phrases


def _slugs() -> set[str]:
    """Codes that must never reach a person: entity classes, recogniser classes, category
    slugs, gate rules, the checks' internal names and reasons."""
    slugs = {code.split(".", 1)[1] for code in CATALOGUE
             if code.startswith(("entity.", "detector.")) and not code.endswith(".other")}
    slugs |= {f"SENSITIVE_{c.upper()}" for c in consent.SENSITIVE_CATEGORIES}
    slugs |= {c for c in consent._CATEGORY_OF_KIND.values() if "-" in c}
    slugs |= {"sex_life", "not consented", "separately consented"}
    slugs |= {str(rule) for rule in gate.Rule if "-" in str(rule)}
    slugs |= {"employee signature", "payload digest", "ledger records this export",
              "export.created", "consent.countersigned"}
    slugs -= {"manual"}  # a word the Chinese UI never shows, but a too common English one
    return slugs


def _visible_texts(root: QWidget, skip: tuple[QWidget, ...]) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of text a person can see in `root`, leaving out the
    widgets in `skip` (the employee's own material)."""

    def skipped(widget: QWidget) -> bool:
        return any(widget is s or s.isAncestorOf(widget) for s in skip)

    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or skipped(widget):
            continue
        name = type(widget).__name__
        if isinstance(widget, QLabel | QAbstractButton):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QTextEdit):
            yield name, widget.toPlainText()
        elif isinstance(widget, QLineEdit):
            yield name, widget.placeholderText()
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            if not isinstance(model, QAbstractListModel):
                for column in range(_columns(model, QModelIndex())):
                    yield name, str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            yield from ((name, text) for text in _model_texts(model, QModelIndex()))


def _columns(model, parent: QModelIndex) -> int:  # type: ignore[no-untyped-def]
    # A list model's columnCount is private in the binding: it has one column.
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)


def _model_texts(model, parent: QModelIndex) -> Iterator[str]:  # type: ignore[no-untyped-def]
    for row in range(min(model.rowCount(parent), 200)):
        for column in range(_columns(model, parent)):
            index = model.index(row, column, parent)
            text = model.data(index, Qt.ItemDataRole.DisplayRole)
            if text is not None:
                yield str(text)
            flat = isinstance(model, QAbstractListModel | QAbstractTableModel)
            if not flat and model.hasChildren(index):
                yield from _model_texts(model, index)


class EnglishLeft:
    """Collects English found on each screen, so one run names every leftover."""

    def __init__(self) -> None:
        self.phrases = _english_phrases()
        self.slugs = _slugs()
        self.found: list[str] = []
        # WORKBENCH_TEST_SHOTS=DIR also saves each screen checked, to look at.
        self.shots = os.environ.get("WORKBENCH_TEST_SHOTS")

    def check(self, screen: str, root: QWidget, skip: tuple[QWidget, ...] = ()) -> int:
        QApplication.processEvents()
        if self.shots:
            Path(self.shots).mkdir(parents=True, exist_ok=True)
            root.grab().save(str(Path(self.shots) / f"zh-{screen.replace(' ', '-')}.png"))
        seen = 0
        for where, text in _visible_texts(root, skip):
            seen += 1
            plain = re.sub(r"<[^>]+>", " ", text)
            for phrase in self.phrases:
                if phrase in plain:
                    self.found.append(f"{screen} {where}: English {phrase!r} in {plain[:120]!r}")
            for slug in self.slugs:
                if re.search(rf"(?<![\w./-]){re.escape(slug)}(?![\w/-])", plain):
                    self.found.append(f"{screen} {where}: code {slug!r} in {plain[:120]!r}")
        return seen


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The demo's parties and material: one workspace scanned and not yet decided, one
    consented, reviewed and exported (built once: scanning takes a while)."""
    import importlib.util

    from workbench.core.demo import as_party
    from workbench.core.package import bundle

    # The same two workspaces the screenshot script builds: one way to build them.
    spec = importlib.util.spec_from_file_location(
        "screenshots", Path(__file__).resolve().parents[2] / "packaging" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    screenshots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(screenshots)
    fresh, done = screenshots.prepare(tmp_path_factory.mktemp("zh-demo"))
    with as_party(done, "hr"):
        from workbench.core.trust import keys

        bundle.countersign(done.root / "handover.cwpkg", keys.my_identity(keys.Role.HR),
                           datetime.now(UTC))
    return fresh, done


def test_the_chinese_screens_show_no_english_message_or_code(qapp, qtbot, demo) -> None:
    from workbench.core.demo import as_party
    from workbench.core.ingest.artifacts import ArtifactKind
    from workbench.core.workspace import Workspace
    from workbench.gui.app import install_translators, remove_translators
    from workbench.gui.context import AppContext
    from workbench.gui.main_window import MainWindow

    fresh, done = demo
    english = EnglishLeft()
    translators = install_translators(qapp, QLocale(QLocale.Language.Chinese,
                                                    QLocale.Country.China))

    def window_for(workspace: Path | None) -> MainWindow:
        window = MainWindow(AppContext())
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        if workspace is not None:
            window.ctx.open_workspace(workspace)
        return window

    def idle(window: MainWindow) -> None:
        qtbot.waitUntil(lambda: not window.ctx.tasks, timeout=WAIT)

    seen = 0
    try:
        with as_party(fresh, "employee"):
            with Workspace.open(fresh.workspace) as ws:
                chat = next(a.id for a in ws.artifacts(ArtifactKind.CHAT)
                            if a.title.startswith("支付"))
                image = ws.artifacts(ArtifactKind.IMAGE)[0].id
            window = window_for(fresh.workspace)
            idle(window)
            window.show_page("artifacts")
            materials = window.pages["artifacts"]
            seen += english.check("materials", window, (materials.table,))
            review_page = window.pages["review"]
            window.show_page("review")
            for artifact in (chat, image):
                review_page.show_artifact(artifact)
                idle(window)
                for finding in review_page.findings[:12]:
                    review_page.select_finding(finding.id)
                    seen += english.check("review", window, (review_page.content,))
            window.show_page("consent")
            page = window.pages["consent"]
            seen += english.check("consent terms", window)
            page.purpose_edit.setPlainText("构建支付网关发布知识技能")
            page.controller_edit.setText("星河科技有限公司")
            page.contact_edit.setText("privacy@xinghe.example.com")
            page.storage_edit.setText("公司北京服务器")
            for box in page.findChildren(QAbstractButton):
                if box.isCheckable() and "单独同意" in box.text():
                    box.setChecked(True)
                    break
            for _ in range(3):
                page.next_step()
                idle(window)
                seen += english.check(f"consent step {page.steps.currentIndex() + 1}", window)
            window.show_page("keys")
            seen += english.check("keys", window)
            window.show_page("export")  # nothing consented or approved yet: refused
            idle(window)
            seen += english.check("export refused", window)
            window.close()
        with as_party(done, "employee"):
            window = window_for(done.workspace)
            window.show_page("export")
            idle(window)
            seen += english.check("export", window)
            window.show_page("deadlines")
            seen += english.check("deadlines", window)
            window.close()
        for party, page_name in (("hr", "countersign"), ("recipient", "receive")):
            with as_party(done, party):
                window = window_for(None)
                window.show_page(page_name)
                window.pages[page_name].load(done.root / "handover.cwpkg")
                idle(window)
                seen += english.check(page_name, window)
                window.close()
    finally:
        remove_translators(qapp, translators)
    assert seen > 300  # the walk read the screens (not a vacuous pass)
    assert not english.found, "\n".join(sorted(set(english.found)))
