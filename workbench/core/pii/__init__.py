"""Finding personal data in English, Chinese and mixed text (Presidio + spaCy + our own)."""

from workbench.core.pii.findings import Finding, merge_findings

__all__ = ["Detector", "Finding", "merge_findings"]


def __getattr__(name: str):
    if name == "Detector":
        from workbench.core.pii.detector import Detector

        return Detector
    raise AttributeError(name)
