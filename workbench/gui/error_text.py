"""Core errors in the user's language: an error that carries a code is shown from its
translated sentence, filled with its values; any other error as the core wrote it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from workbench.core.errors import WorkbenchError


def templates() -> dict[str, str]:
    """Each code's sentence in the current language (the English source is the core's
    own, word for word: tests/gui/test_error_text.py keeps them identical)."""
    return {
        "custody.not-a-package-id": QCoreApplication.translate(
            "CoreErrors",
            "{0} is not a package id (sha256: followed by 64 hex digits)."),
        "custody.purged": QCoreApplication.translate(
            "CoreErrors",
            "Refusing to open {0}: package {1} was purged on {2}; a kept copy of "
            "the package may not be opened again."),
        "custody.already-open": QCoreApplication.translate(
            "CoreErrors",
            "Package {0} is already open in {1}; use that copy, or purge it "
            "first. Nothing was changed."),
        "custody.not-plain-tar": QCoreApplication.translate(
            "CoreErrors",
            "The payload is not a plain tar of one skill folder (compressed or "
            "damaged: {0})."),
        "custody.not-in-list": QCoreApplication.translate(
            "CoreErrors",
            "The payload holds a file that is not in the signed list: {0}."),
        "custody.unsafe-name": QCoreApplication.translate(
            "CoreErrors",
            "The payload holds an unsafe name ({0}): absolute, '..', empty, "
            "control characters or too long a part."),
        "custody.not-principal": QCoreApplication.translate(
            "CoreErrors",
            "{0} is not signed by the package's principal {1}: it is signed by "
            "{2}. Only the employee who consented can withdraw; nothing was "
            "changed."),
        "custody.not-employee": QCoreApplication.translate(
            "CoreErrors",
            "{0} is signed by {1}, who is not an employee: only the employee who "
            "consented can withdraw."),
        "custody.not-self-named": QCoreApplication.translate(
            "CoreErrors",
            "{0} is not signed by the employee it names: it names {1} and is "
            "signed by {2}."),
        "custody.unknown-signer": QCoreApplication.translate(
            "CoreErrors",
            "{0} is signed by someone you don't know (key {1}); import their card "
            "if you trust them."),
        "custody.already-purged": QCoreApplication.translate(
            "CoreErrors",
            "Package {0} was already purged on {1}; its receipt is {2}."),
        "custody.purge-incomplete": QCoreApplication.translate(
            "CoreErrors",
            "Could not delete {0}; no receipt was signed. Delete it by hand (or "
            "close what holds it) and purge again."),
        "custody.receipt-not-exported": QCoreApplication.translate(
            "CoreErrors",
            "This receipt is for a package that was not exported from here."),
        "custody.receipt-not-recipient": QCoreApplication.translate(
            "CoreErrors",
            "The receipt is signed by someone who was not a recipient of this "
            "package."),
    }


def error_text(err: WorkbenchError) -> str:
    """The sentence to show for `err`, translated when the app knows its code."""
    template = templates().get(getattr(err, "code", ""))
    if template is None:
        return str(err)
    try:
        return template.format(*err.params)
    except (IndexError, KeyError, ValueError):  # a translation that lost a placeholder
        return str(err)
