"""Starting the desktop app: QApplication, translations, first run, the main window."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator, qVersion
from PySide6.QtWidgets import QApplication

from workbench import __version__
from workbench.core import logs
from workbench.core.messages import LANG_ENV, t
from workbench.core.paths import resources_dir

if TYPE_CHECKING:
    from workbench.gui.context import AppContext
    from workbench.gui.main_window import MainWindow

log = logging.getLogger(__name__)


def install_translators(app: QApplication, locale: QLocale) -> list[QTranslator]:
    """The app's own translation and Qt's, for `locale`; the core's catalogue follows the
    same language. Any other language shows English, whose translation holds only counted
    words ("1 item" / "3 items")."""
    chinese = locale.name().startswith("zh")
    os.environ[LANG_ENV] = "zh" if chinese else "en"
    own = locale if chinese else QLocale(QLocale.Language.English)
    translators = []
    pairs = [
        (own, resources_dir() / "i18n", "workbench"),
        (locale, Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), "qtbase"),
    ]
    for chosen, folder, name in pairs:
        translator = QTranslator(app)
        if translator.load(chosen, name, "_", str(folder)):
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
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="more detail in the log file, and the log lines on stderr too")
    args = parser.parse_args(argv)
    logs.setup(verbose=args.verbose, stderr=args.verbose)
    logs.log_uncaught()
    log.info("gui.start version=%s qt=%s", __version__, qVersion())

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    from workbench.gui.context import AppContext, configure_settings

    configure_settings()
    app.setApplicationVersion(__version__)
    locale = chosen_locale()
    install_translators(app, locale)

    try:
        from workbench.gui.main_window import MainWindow
    except ImportError as exc:
        # Every page is imported by name: one that cannot be imported stops the start here,
        # saying why, rather than leaving a window with a step of the flow missing.
        print(t("error.prefix", message=t("error.gui_unavailable", reason=exc)),
              file=sys.stderr)
        return 2

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
    code = app.exec()
    log.info("gui.end exit=%d", code)
    logs.close()
    return code


def _install_passphrase_prompt(window: MainWindow) -> None:
    try:
        from workbench.gui.dialogs.passphrase import install_gui_passphrase_prompt
    except ModuleNotFoundError:
        return
    install_gui_passphrase_prompt(window)


def _first_run_or_recent(ctx: AppContext, window: MainWindow) -> None:
    try:
        from workbench.gui.dialogs.welcome import first_run_needed, run_first_run
    except ModuleNotFoundError:
        pass
    else:
        if first_run_needed():
            run_first_run(ctx, window)
            return
    recent = ctx.recent_workspaces()
    if recent:
        ctx.open_workspace(recent[0])
