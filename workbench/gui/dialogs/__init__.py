"""Dialogs shown outside the page stack: first run, passphrase."""
