"""Consent Workbench: review, redact and consent before work materials become an AI skill."""

__version__ = "0.1.0"
