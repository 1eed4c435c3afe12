"""Starting the desktop app: QApplication, translations, the main window."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from workbench import __version__
from workbench.core.paths import resources_dir


def install_translators(app: QApplication, locale: QLocale) -> list[QTranslator]:
    """The app's own translation and Qt's, for `locale` (English needs none)."""
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


def main(argv: list[str] | None = None) -> int:
    os.umask(0o077)
    parser = argparse.ArgumentParser(prog="consent-workbench")
    parser.add_argument("--demo", type=Path, help="build the demo workspace here and open it")
    parser.add_argument("--workspace", type=Path, help="open this workspace")
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Consent Workbench")
    app.setApplicationVersion(__version__)
    install_translators(app, QLocale.system())

    from workbench.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    if args.demo:
        window.open_demo(args.demo)
    elif args.workspace:
        window.load_workspace(args.workspace)
    return app.exec()
