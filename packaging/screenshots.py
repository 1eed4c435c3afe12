"""Screenshots of every screen in English and Chinese, from the demo material.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python packaging/screenshots.py OUT_DIR

Builds the demo (three parties, a scanned workspace, a consented and exported package), then
shows each page at 1366×768 and saves OUT_DIR/<language>-<page>.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

LANGUAGES = (("en", QLocale(QLocale.Language.English)),
             ("zh", QLocale(QLocale.Language.Chinese, QLocale.Country.China)))


def prepare(root: Path):  # type: ignore[no-untyped-def]
    from workbench.core.demo import (
        as_party,
        build_demo_workspace,
        create_parties,
        request_and_give_consent,
        reset,
        scan_demo_workspace,
    )
    from workbench.core.package import bundle
    from workbench.core.review import decisions as review
    from workbench.core.workspace import Workspace

    say = lambda line: print(line, flush=True)  # noqa: E731
    # Workspace 1: scanned, nothing decided yet (for review, consent).
    fresh = reset(root / "fresh")
    create_parties(fresh, say)
    build_demo_workspace(fresh, say)
    scan_demo_workspace(fresh, say)
    # Workspace 2: consented, reviewed, exported (for export, HR, recipient, deadlines).
    done = reset(root / "done")
    cards = create_parties(done, say)
    build_demo_workspace(done, say)
    scan_demo_workspace(done, say)
    request_and_give_consent(done, cards, say)
    with as_party(done, "employee"), Workspace.open(done.workspace) as ws:
        review.auto_review(ws)
        for item in review.unresolved(ws):
            review.approve(ws, item.artifact_id)
        bundle.export(ws, done.root / "handover.cwpkg", cards["employee"], datetime.now(UTC))
    return fresh, done


def shoot(window, path: Path) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    for _ in range(20):
        app.processEvents()
    window.grab().save(str(path))
    print("saved", path, flush=True)


def wait_idle(window) -> None:  # type: ignore[no-untyped-def]
    import time

    deadline = time.time() + 120
    while time.time() < deadline:
        QApplication.instance().processEvents()
        if not window.ctx.tasks:
            break
        time.sleep(0.05)
    for _ in range(10):
        QApplication.instance().processEvents()


def main(out: Path) -> None:
    from workbench.core.demo import as_party
    from workbench.core.ingest.artifacts import ArtifactKind
    from workbench.core.workspace import Workspace
    from workbench.gui.app import install_translators, remove_translators
    from workbench.gui.context import AppContext
    from workbench.gui.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        fresh, done = prepare(Path(tmp))
        with Workspace.open(fresh.workspace) as ws:
            chat = next(a.id for a in ws.artifacts(ArtifactKind.CHAT) if a.title.startswith("支付"))
            image = ws.artifacts(ArtifactKind.IMAGE)[0].id
        for code, locale in LANGUAGES:
            translators = install_translators(app, locale)

            def window_for(workspace):  # type: ignore[no-untyped-def]
                window = MainWindow(AppContext())
                window.resize(1366, 768)
                window.show()
                if workspace is not None:
                    window.ctx.open_workspace(workspace)
                return window

            with as_party(fresh, "employee"):
                window = window_for(fresh.workspace)
                window.show_page("artifacts")
                wait_idle(window)  # pages read the workspace off the UI thread
                shoot(window, out / f"{code}-materials.png")
                window.show_page("review")
                window.pages["review"].show_artifact(chat)
                wait_idle(window)
                shoot(window, out / f"{code}-review-chat.png")
                window.pages["review"].show_artifact(image)
                shoot(window, out / f"{code}-review-image.png")
                window.show_page("consent")
                wait_idle(window)
                shoot(window, out / f"{code}-consent.png")
                window.show_page("keys")
                shoot(window, out / f"{code}-keys.png")
                window.close()
            with as_party(done, "employee"):
                window = window_for(done.workspace)
                window.show_page("export")
                wait_idle(window)  # the page checks what blocks an export off the UI thread
                shoot(window, out / f"{code}-export.png")
                window.show_page("deadlines")
                shoot(window, out / f"{code}-deadlines-employee.png")
                window.close()
            with as_party(done, "hr"):
                window = window_for(None)
                window.show_page("countersign")
                window.pages["countersign"].load(done.root / "handover.cwpkg")
                wait_idle(window)
                shoot(window, out / f"{code}-hr-countersign.png")
                window.close()
                if code == LANGUAGES[0][0]:
                    from workbench.core.package import bundle
                    from workbench.core.trust import keys

                    bundle.countersign(done.root / "handover.cwpkg",
                                       keys.my_identity(keys.Role.HR), datetime.now(UTC))
            with as_party(done, "recipient"):
                window = window_for(None)
                window.show_page("receive")
                window.pages["receive"].load(done.root / "handover.cwpkg")
                wait_idle(window)
                shoot(window, out / f"{code}-recipient.png")
                window.close()
            remove_translators(app, translators)


if __name__ == "__main__":
    os.environ.setdefault("WORKBENCH_HOME", tempfile.mkdtemp(prefix="shots-home-"))
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
