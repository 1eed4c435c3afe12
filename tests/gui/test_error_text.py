"""Custody's refusals reach the app in the user's language: the core's catalogue renders the
same code and values in English or Chinese, whichever the app is showing."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from workbench.core.errors import BadInputError, RefusedError
from workbench.core.package import custody
from workbench.gui.tasks import Task


def test_a_refusal_is_shown_in_chinese_with_its_values(qapp, qtbot):
    from workbench.gui.app import install_translators, remove_translators

    try:
        custody.package_id("sha256:../../../../x/pwn")
    except BadInputError as exc:
        hostile = exc
    install_translators(qapp, QLocale(QLocale.Language.English))
    assert str(hostile) == hostile.message  # English: the core's sentence
    assert "sha256:../../../../x/pwn" in str(hostile)
    uncoded = RefusedError("A sentence without a code.")
    translators = install_translators(qapp, QLocale(QLocale.Language.Chinese,
                                                    QLocale.Country.China))
    try:
        assert translators
        shown = str(hostile)
        assert shown.startswith("sha256:../../../../x/pwn 不是数据包编号")
        assert str(uncoded) == "A sentence without a code."

        def work(progress, cancel):
            raise hostile

        task = Task(work)
        with qtbot.waitSignal(task.signals.failed, timeout=10_000) as failed:
            task.start()
        assert failed.args == [shown]
    finally:
        remove_translators(qapp, translators)
