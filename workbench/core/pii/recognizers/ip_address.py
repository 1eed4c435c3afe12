"""IP_ADDRESS: Presidio's IPv4/IPv6 recognizer, minus dotted version numbers."""

from __future__ import annotations

import ipaddress
import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import IpRecognizer

from workbench.core.pii.recognizers.base import ASCII_FLAGS, result

# "version 5.39.17.161", "升级到版本3.12.26.125", "v4.27.40.147": four numbers, not a host.
_VERSION_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?:version|ver\.?|firmware|build|release|v)|版本号?|升级到)\s*[:：]?\s*$",
    re.IGNORECASE,
)


# IPv4 glued to letters, as OCR reads "VPN server 10.20.30.40" → "VPNserver10.20.30.40".
_GLUED_IPV4 = re.compile(r"(?<=[A-Za-z])(?:\d{1,3}\.){3}\d{1,3}(?![0-9.])", re.ASCII)


class VersionAwareIpRecognizer(IpRecognizer):
    name: str  # set by Presidio's __init__, which carries no annotations

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language)
        self.global_regex_flags = ASCII_FLAGS

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        found = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for match in _GLUED_IPV4.finditer(text):
            try:
                ipaddress.IPv4Address(match.group())
            except ValueError:
                continue
            if not any(r.start <= match.start() < r.end for r in found):
                found.append(result(self.name, self.id, "IP_ADDRESS", match.start(),
                                    match.end(), 0.6))
        return [r for r in found
                if not _VERSION_BEFORE.search(text, max(0, r.start - 16), r.start)]
