"""The recipient's page with more than one copy: a second open is refused in a dialog that
says where the first copy is, and the held table lists every copy until purge."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.gui import test_package_pages as pages
from tests.gui.test_package_pages import WAIT, Flow, drop
from workbench.core.package import custody, deadlines
from workbench.gui.context import AppContext
from workbench.gui.pages.receive import ReceivePage


@pytest.fixture
def flow(tmp_path: Path, fixtures: Path):
    yield from pages.flow.__wrapped__(tmp_path, fixtures)


@pytest.fixture
def dialogs(monkeypatch):
    return pages.dialogs.__wrapped__(monkeypatch)


def test_a_second_open_is_refused_and_every_copy_is_listed_and_purged(qtbot, flow: Flow,
                                                                       dialogs, tmp_path):
    flow.consent()
    flow.export()
    flow.countersign()
    kept = tmp_path / "kept.cwpkg"
    shutil.copy(flow.package, kept)
    ctx = AppContext()
    with flow.recipient:
        page = ReceivePage(ctx)
        qtbot.addWidget(page)
        drop(page, flow.package)
        qtbot.waitUntil(lambda: page.checked is not None and not page.busy, timeout=WAIT)
        dialogs.answers["folder"] = str(tmp_path / "first")
        page.extract_button.click()
        qtbot.waitUntil(lambda: page.opened is not None and not page.busy, timeout=WAIT)
        first = page.opened.folder

        drop(page, kept)
        qtbot.waitUntil(lambda: page.checked is not None and not page.busy, timeout=WAIT)
        dialogs.answers["folder"] = str(tmp_path / "second")
        page.extract_button.click()
        qtbot.waitUntil(lambda: bool(dialogs.shown["critical"]) and not page.busy,
                        timeout=WAIT)
        assert f"already open in {first}" in dialogs.shown["critical"][0]
        assert not (tmp_path / "second").exists()

        # The first copy went by hand; the kept package opens as a second copy.
        shutil.rmtree(first)
        dialogs.answers["folder"] = str(tmp_path / "second")
        page.extract_button.click()
        qtbot.waitUntil(lambda: page.opened is not None and not page.busy, timeout=WAIT)
        second = page.opened.folder
        assert page.table.rowCount() == 1
        where = page.table.item(0, 4).text()
        assert str(first) in where and str(second) in where

        page.table.selectRow(0)
        dialogs.answers["save"] = str(tmp_path / "receipt.json")
        page.purge_button.click()
        qtbot.waitUntil(lambda: page.last_receipt is not None, timeout=WAIT)
        assert not second.exists() and not kept.exists() and not flow.package.exists()
        (entry,) = deadlines.load(deadlines.custody_path())
        assert entry["deleted_at"] and len(custody.copies_of(entry)) == 2
        assert page.table.item(0, 3).text() == "deleted ✓"
