"""Consent Workbench: review, redact and consent before work materials become an AI skill."""

import logging
import os

__version__ = "0.1.0"

# onnxruntime (the OCR engine) sends telemetry from 1.29 on Linux: DNS lookups, a device id
# under ~/.cache/Microsoft. It reads this switch once, when it is first imported, so it is
# set here, before anything of ours can import it. The app never opens a network connection.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

# Until the app sets up its log file (workbench.core.logs.setup), its log lines go nowhere:
# not to Python's last-resort stderr printer, which shows exception messages.
logging.getLogger("workbench").addHandler(logging.NullHandler())
