"""Finding personal data in English, Chinese and mixed text (Presidio + spaCy + our own).

May import the foundation and ingest (the artifact and person shapes); never the workspace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.core.pii.findings import Finding, merge_findings

if TYPE_CHECKING:
    from workbench.core.pii.detector import Detector

__all__ = ["Detector", "Finding", "merge_findings"]


def __getattr__(name: str) -> type[Detector]:
    # Presidio and spaCy load only when the detector is first asked for.
    if name == "Detector":
        from workbench.core.pii.detector import Detector

        return Detector
    raise AttributeError(name)
