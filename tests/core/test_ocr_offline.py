"""The OCR engine (onnxruntime) opens no Internet socket and leaves no device id: traced at
the system-call level in a child process, where a Python-level guard cannot see C code."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.core.ingest import ocr

pytestmark = [
    pytest.mark.skipif(not ocr.available(), reason="rapidocr-onnxruntime missing"),
    pytest.mark.skipif(shutil.which("strace") is None,
                       reason="strace is not installed (Debian package `strace`; .ci/run "
                              "installs it)"),
]

# onnxruntime 1.29+ starts its telemetry upload several seconds after the first session;
# the child waits long enough for it to have happened when it is not switched off.
CHILD = """
import sys, time
import workbench
from pathlib import Path
from workbench.core.ingest import ocr
lines = ocr.read_lines(Path(sys.argv[1]).read_bytes())
print(len(lines))
time.sleep(10)
"""


def test_ocr_makes_no_internet_connection_and_writes_no_device_id(fixtures: Path,
                                                                   tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    trace = tmp_path / "trace"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORT_")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"),
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    result = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(trace),
         sys.executable, "-c", CHILD, str(fixtures / "images/chat_screenshot.png")],
        env=env, capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0 and "ptrace" in result.stderr:
        pytest.skip(f"strace cannot trace here: {result.stderr.strip()[:200]}")
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.strip()) > 0  # OCR really ran
    inet = [line for line in trace.read_text().splitlines()
            if re.search(r"sa_family=AF_INET6?\b", line)]
    assert not inet, "OCR opened Internet sockets:\n" + "\n".join(inet[:10])
    written = [p for p in home.rglob("*") if p.is_file()]
    assert not written, f"OCR wrote into the home folder: {written}"
