"""The passphrase-file notice can be put away once read, and comes back for another file."""

from __future__ import annotations

from workbench.core import secrets_store
from workbench.gui.context import configure_settings
from workbench.gui.widgets.keyring_banner import KeyringBanner


def test_dismissed_once_read_and_back_for_another_key_file(qtbot, monkeypatch, tmp_path):
    configure_settings()  # the app's settings live under this test's home
    monkeypatch.setenv("WORKBENCH_KEYRING", "file")
    secrets_store.forget_stores()
    banner = KeyringBanner()
    qtbot.addWidget(banner)
    assert not banner.isHidden()
    banner.dismiss_button.click()
    assert banner.isHidden()
    again = KeyringBanner()  # the next start
    qtbot.addWidget(again)
    assert again.isHidden()
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "other-home"))
    secrets_store.forget_stores()
    again.refresh()
    assert not again.isHidden() and "other-home" in again.label.text()
