"""The passphrase-file notice can be put away once read, and comes back for another file."""

from __future__ import annotations

from workbench.core.trust import secrets_store
from workbench.gui.context import configure_settings
from workbench.gui.widgets.keyring_banner import KeyringBanner


def test_dismissed_once_read_and_back_for_another_key_file(qtbot, monkeypatch, tmp_path):
    import keyring
    from keyring.backends import fail

    configure_settings()  # the app's settings live under this test's home
    # No system keyring: the automatic fall-back, the one that shows the notice (a file
    # store chosen on purpose shows none).
    keyring.set_keyring(fail.Keyring())  # the memory_keyring fixture restores the previous
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", "correct horse battery staple 42")
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
