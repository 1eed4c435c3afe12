"""Keeping the detector offline: tldextract must never fetch the public-suffix list."""

from __future__ import annotations

import functools


@functools.cache
def make_tldextract_offline() -> None:
    """Presidio's email recognizer calls `tldextract.extract`, whose default extractor
    downloads the suffix list the first time it runs. Swap in one that uses only the
    snapshot shipped inside the package. Must run before Presidio analyses any email."""
    import tldextract
    import tldextract.tldextract as implementation

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                    fallback_to_snapshot=True)
    tldextract.extract = offline
    implementation.TLD_EXTRACTOR = offline
    implementation.extract = offline
