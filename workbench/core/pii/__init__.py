"""Finding personal data in English, Chinese and mixed text (Presidio + spaCy + our own)."""

from workbench.core.pii.offline import make_tldextract_offline

# Before anything here imports Presidio or spaCy (which import requests and urllib3).
make_tldextract_offline()

from workbench.core.pii.findings import Finding, merge_findings  # noqa: E402

__all__ = ["Detector", "Finding", "merge_findings"]


def __getattr__(name: str):
    if name == "Detector":
        from workbench.core.pii.detector import Detector

        return Detector
    raise AttributeError(name)
