"""Keeping the detector offline: no suffix-list download, not even a loopback socket."""

from __future__ import annotations

import functools
import importlib
from typing import Any


def _import_urllib3_without_its_socket_probe() -> None:
    """urllib3 (pulled in by tldextract and detect-secrets through requests) opens an IPv6
    socket on ::1 when imported, to learn whether IPv6 works. We never use it for network
    access, so let it believe IPv6 is absent and open nothing. Only the standard library's
    `has_ipv6` flag is touched here, and restored at once; this module opens no socket."""
    # Looked up by name (app code imports no socket module); a flag is set on it, which a
    # ModuleType does not declare: handled as untyped.
    sockets: Any = importlib.import_module("socket")
    saved = sockets.has_ipv6
    sockets.has_ipv6 = False
    try:
        importlib.import_module("urllib3.util.connection")
    finally:
        sockets.has_ipv6 = saved


@functools.cache
def make_tldextract_offline() -> None:
    """Presidio's email recognizer calls `tldextract.extract`, whose default extractor
    downloads the suffix list the first time it runs. Swap in one that uses only the
    snapshot shipped inside the package. Must run before Presidio analyses any email."""
    _import_urllib3_without_its_socket_probe()
    import tldextract
    import tldextract.tldextract as implementation

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                    fallback_to_snapshot=True)
    # The modules' `extract` functions become the extractor object (called alike): a patch
    # their stubs cannot describe, so the modules are handled as untyped here.
    public: Any = tldextract
    internal: Any = implementation
    public.extract = offline
    internal.TLD_EXTRACTOR = offline
    internal.extract = offline
