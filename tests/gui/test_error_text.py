"""Custody's refusals reach the app in the user's language: the English sentences are the
core's own, word for word, and the Chinese ones fill in the same values."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from workbench.core import custody
from workbench.core.errors import BadInputError, RefusedError
from workbench.gui.error_text import error_text, templates
from workbench.gui.tasks import Task


def test_the_app_knows_every_custody_sentence_word_for_word():
    known = templates()
    assert {c: known[c] for c in custody.MESSAGES} == custody.MESSAGES


def test_a_refusal_is_shown_in_chinese_with_its_values(qapp, qtbot):
    from workbench.gui.app import install_translators

    try:
        custody.package_id("sha256:../../../../x/pwn")
    except BadInputError as exc:
        hostile = exc
    assert str(hostile) == error_text(hostile)  # English: the core's sentence
    assert "sha256:../../../../x/pwn" in str(hostile)
    uncoded = RefusedError("A sentence without a code.")
    translators = install_translators(qapp, QLocale(QLocale.Language.Chinese,
                                                    QLocale.Country.China))
    try:
        assert translators
        shown = error_text(hostile)
        assert shown.startswith("sha256:../../../../x/pwn 不是数据包编号")
        assert error_text(uncoded) == "A sentence without a code."

        def work(progress, cancel):
            raise hostile

        task = Task(work)
        with qtbot.waitSignal(task.signals.failed, timeout=10_000) as failed:
            task.start()
        assert failed.args == [shown]
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
