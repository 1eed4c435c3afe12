"""The recipient stanzas of an age file's header, counted by type (never read as keys).

The age v1 format (C2SP age spec, https://age-encryption.org/v1, section "Header") begins
with a text header: the line "age-encryption.org/v1", then one stanza per recipient — a line
"-> TYPE ARG..." and base64 body lines of at most 64 columns, the last one shorter — ending
with a line "--- " and the header MAC. Stanzas are anonymous: an X25519 stanza does not say
whose key it is for, but there is one per key the file key was wrapped to, so their number
is how many keys can read the payload. pyrage (rage) encrypts and decrypts but exposes no
header API, and no other maintained Python library parses it; this small strict reader only
counts stanzas — it never sees a key or the file key — and refuses anything it does not
expect (the armored form included: packages carry the binary form, `bundle.py`).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import IO

from workbench.core.errors import Problem

VERSION_LINE = b"age-encryption.org/v1\n"
MAX_HEADER_BYTES = 64 << 10  # an X25519 stanza is ~100 bytes; hundreds of readers fit
MAX_LINE_BYTES = 1024
MAX_STANZAS = 512
X25519 = "X25519"
# rage adds one "grease" stanza to every file it writes (age-core format.rs,
# `grease_the_joint`: 1 to 8 random VCHARs and "-grease"), so that clients keep ignoring
# stanza types they don't know; exactly that shape, once, is allowed.
GREASE = re.compile(r"[\x21-\x7e]{1,8}-grease")
_ARG = re.compile(rb"[\x21-\x7e]+")  # spec: each argument is one or more VCHAR
_BODY = re.compile(rb"[A-Za-z0-9+/]{0,64}")  # canonical base64, no padding
_MAC = re.compile(rb"--- [A-Za-z0-9+/]{43}\n")
_B64_32 = re.compile(rb"[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]")  # 32 bytes, canonical


def stanza_types(source: IO[bytes]) -> Counter[str]:
    """How many stanzas of each type the header at the start of `source` holds. A header
    that is not a well-formed binary age v1 header (within MAX_HEADER_BYTES) is a Problem."""
    read = 0

    def line() -> bytes:
        nonlocal read
        text = source.readline(MAX_LINE_BYTES + 1)
        read += len(text)
        if read > MAX_HEADER_BYTES or len(text) > MAX_LINE_BYTES or not text.endswith(b"\n"):
            raise Problem("age-header.unreadable")
        return text

    if line() != VERSION_LINE:
        raise Problem("age-header.unreadable")
    types: Counter[str] = Counter()
    text = line()
    while text.startswith(b"-> "):
        parts = text[3:-1].split(b" ")
        if not all(_ARG.fullmatch(p) for p in parts):
            raise Problem("age-header.unreadable")
        kind = parts[0].decode("ascii")
        body = []
        while True:
            text = line()
            if not _BODY.fullmatch(text[:-1]):
                raise Problem("age-header.unreadable")
            body.append(text[:-1])
            if len(text) - 1 < 64:
                break
        if kind == X25519 and (len(parts) != 2 or not _B64_32.fullmatch(parts[1])
                               or len(body) != 1 or not _B64_32.fullmatch(body[0])):
            raise Problem("age-header.unreadable")
        types[kind] += 1
        if sum(types.values()) > MAX_STANZAS:
            raise Problem("age-header.unreadable")
        text = line()
    if not _MAC.fullmatch(text) or not types:
        raise Problem("age-header.unreadable")
    return types


def extra_types(types: Counter[str]) -> list[str]:
    """Stanza types other than X25519 and the one grease stanza rage writes: another kind
    of recipient (a passphrase, an SSH key, a plugin) no consent record names."""
    grease = [k for k in types if k != X25519 and GREASE.fullmatch(k)]
    other = [k for k in types if k != X25519 and k not in grease]
    if len(grease) > 1 or any(types[k] > 1 for k in grease):
        other.extend(grease)
    return sorted(other)
