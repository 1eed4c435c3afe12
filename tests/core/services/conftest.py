"""The three-party package fixture of tests/core/test_bundle.py, for the services' tests."""

from __future__ import annotations

from tests.core import test_bundle

flow = test_bundle.flow
