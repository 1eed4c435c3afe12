"""Starting the desktop app: QApplication, translations, first run, the main window."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from workbench import __version__
from workbench.core.messages import LANG_ENV
from workbench.core.paths import resources_dir


def install_translators(app: QApplication, locale: QLocale) -> list[QTranslator]:
    """The app's own translation and Qt's, for `locale` (English needs none); the core's
    catalogue follows the same language."""
    os.environ[LANG_ENV] = "zh" if locale.name().startswith("zh") else "en"
    translators = []
    pairs = [
        (resources_dir() / "i18n", "workbench"),
        (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), "qtbase"),
    ]
    for folder, name in pairs:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", str(folder)):
            app.installTranslator(translator)
            translators.append(translator)
    return translators


def remove_translators(app: QApplication, translators: list[QTranslator]) -> None:
    """Back to the source language (English), for the app's texts and the core's alike."""
    for translator in translators:
        app.removeTranslator(translator)
    os.environ[LANG_ENV] = "en"


def chosen_locale() -> QLocale:
    """The language set in Settings, else the system's."""
    code = QSettings().value("language", "system")
    return QLocale.system() if code in (None, "", "system") else QLocale(str(code))


def main(argv: list[str] | None = None) -> int:
    os.umask(0o077)
    parser = argparse.ArgumentParser(prog="consent-workbench")
    parser.add_argument("--demo", type=Path, help="build the demo workspace here and open it")
    parser.add_argument("--workspace", type=Path, help="open this workspace")
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from workbench.gui.context import AppContext, configure_settings

    configure_settings()
    app.setApplicationVersion(__version__)
    locale = chosen_locale()
    install_translators(app, locale)

    from workbench.gui.main_window import MainWindow

    ctx = AppContext()
    window = MainWindow(ctx)
    _install_passphrase_prompt(window)
    window.show()
    # Qt, the modules and the window live as long as the app: keep them out of the cyclic
    # collector's full passes, which otherwise pause the window for longer as they grow.
    gc.freeze()
    if args.demo:
        window.open_demo(args.demo)
    elif args.workspace:
        ctx.open_workspace(args.workspace)
    else:
        QTimer.singleShot(0, lambda: _first_run_or_recent(ctx, window))
    return app.exec()


def _install_passphrase_prompt(window) -> None:  # type: ignore[no-untyped-def]
    try:
        from workbench.gui.dialogs.passphrase import install_gui_passphrase_prompt
    except ModuleNotFoundError:
        return
    install_gui_passphrase_prompt(window)


def _first_run_or_recent(ctx, window) -> None:  # type: ignore[no-untyped-def]
    try:
        from workbench.gui.dialogs.welcome import first_run_needed, run_first_run
    except ModuleNotFoundError:
        first_run_needed = None  # type: ignore[assignment]
    if first_run_needed is not None and first_run_needed():
        run_first_run(ctx, window)
        return
    recent = ctx.recent_workspaces()
    if recent:
        ctx.open_workspace(recent[0])
