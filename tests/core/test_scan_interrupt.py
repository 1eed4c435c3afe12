"""A scan of long documents keeps what it finished: each item is saved as its analysis ends,
progress counts only saved items and comes every few items, and a scan stopped by the cancel
token, Ctrl-C or a kill (in this process, in a child process, with one or more worker
processes) leaves at least the items it said were done scanned when the workspace is opened
again."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from workbench.core.errors import Cancelled, Interrupted
from workbench.core.pii.findings import Finding
from workbench.core.pii.profile import SelfProfile
from workbench.core.progress import CancelToken, ProgressCallback, no_progress
from workbench.core.review import scan
from workbench.core.services import scanning
from workbench.core.workspace import Workspace

FIXTURES = Path(__file__).parents[1] / "fixtures"
NAMES = ["张伟", "王芳", "Tom Baker", "李娜", "Kevin Zhou"]


def _documents(folder: Path, count: int, paragraphs: int) -> None:
    """`count` notes of `paragraphs` paragraphs (about 170 characters each): long items of
    one text each, as the user's 400 documents were."""
    rnd = random.Random(5)
    folder.mkdir(parents=True)
    for i in range(count):
        body = []
        for j in range(paragraphs):
            name = rnd.choice(NAMES)
            body.append(f"Meeting note {i}-{j}: {name} asked about the release plan; call "
                        f"{name} at 1381234{rnd.randint(0, 9999):04d} or write to "
                        f"ops{j}@xinghe.example.com about service {rnd.randint(1, 99)}.")
        (folder / f"note_{i:03d}.txt").write_text("\n\n".join(body), encoding="utf-8")


def _workspace(tmp_path: Path, count: int, paragraphs: int) -> Path:
    root = tmp_path / "ws"
    _documents(tmp_path / "notes", count, paragraphs)
    with Workspace.create(root, SelfProfile.from_file(FIXTURES / "self.json"), "UTC") as ws:
        ws.import_paths([tmp_path / "notes"])
    return root


def _saved(root: Path) -> int:
    """Items whose current scan is stored, read afresh from the workspace on disk."""
    with Workspace.open(root) as ws:
        return scan.scan_state(ws)[0]


class CountingAnalyzer:
    """Finds nothing; records how many texts it was given, and reports progress within each
    call the way the detector does (a step at a time)."""

    def __init__(self) -> None:
        self.texts = 0
        self.chars = 0

    def analyze_many(self, texts: Sequence[str], lang: str = "auto",
                     progress: ProgressCallback = no_progress,
                     cancel: CancelToken | None = None,
                     processes: int = 1) -> list[list[Finding]]:
        for index, text in enumerate(texts):
            if cancel:
                cancel.check("The scan")
            progress(index, len(texts), "")
            self.texts += 1
            self.chars += len(text)
        progress(len(texts), len(texts), "")
        return [[] for _ in texts]


def test_progress_counts_only_saved_items_and_comes_every_few_items(tmp_path: Path):
    root = _workspace(tmp_path, 300, 20)
    analyzer = CountingAnalyzer()
    seen: list[int] = []
    analysed_between: list[int] = []
    last = [0]

    with Workspace.open(root) as ws:
        def progress(done: int, total: int, label: str) -> None:
            assert total == 300
            # What is said to be done is saved: an interrupt now would keep it.
            assert done <= scan.scan_state(ws)[0], (done, scan.scan_state(ws)[0])
            if not seen or done > seen[-1]:
                seen.append(done)
                analysed_between.append(analyzer.chars - last[0])
                last[0] = analyzer.chars

        scan.scan_workspace(ws, make_detector=lambda people: analyzer, progress=progress)

    assert seen == sorted(seen) and seen[-1] == 300
    steps = [b - a for a, b in zip([0, *seen], seen, strict=False)]
    # Every few items, not every batch of hundreds: about 40,000 characters of analysis, a
    # few seconds, between two counts that move (each note is about 3,500 characters).
    assert max(steps) <= 16, steps
    assert max(analysed_between) <= 60_000, analysed_between
    assert _saved(root) == 300


def test_a_cancelled_scan_keeps_every_item_it_counted(tmp_path: Path):
    """The cancel token (what Ctrl-C sets) stops a scan of long notes once it has counted
    some items: those stay scanned, and the message counts what is saved."""
    root = _workspace(tmp_path, 60, 20)
    token = CancelToken()
    counted = [0]

    def progress(done: int, total: int, label: str) -> None:
        counted[0] = max(counted[0], done)
        if done >= 3:
            token.cancel()

    with pytest.raises(Interrupted) as stopped:
        scanning.scan_workspace(root, progress, token, processes=1)
    kept = _saved(root)
    assert 3 <= counted[0] <= kept < 60
    assert f"Interrupted: {kept} of 60 items are scanned and saved" in str(stopped.value)


@pytest.mark.slow
@pytest.mark.parametrize("processes", [1, 2])
def test_a_scan_in_a_child_process_cancelled_keeps_every_item_it_counted(
        tmp_path: Path, shared_key_store: None, processes: int):
    root = _workspace(tmp_path, 60, 20)
    token = CancelToken()
    counted = [0]

    def progress(done: int, total: int, label: str) -> None:
        counted[0] = max(counted[0], done)
        if done >= 2:
            token.cancel()

    with pytest.raises(Cancelled):
        scanning.scan_in_subprocess(root, progress, token, processes)
    kept = _saved(root)
    assert 2 <= counted[0] <= kept < 60


ITEMS = 180


@pytest.mark.slow
@pytest.mark.parametrize(("processes", "how"), [(1, signal.SIGKILL), (2, signal.SIGKILL),
                                                (2, signal.SIGINT)])
def test_a_scan_killed_on_the_command_line_keeps_every_item_it_printed(
        tmp_path: Path, shared_key_store: None, processes: int, how: signal.Signals):
    """`workbench scan` with output not a terminal: a progress line comes within a few
    seconds and counts saved items; killed (or Ctrl-C) after it, they are still scanned."""
    # Enough that a fast machine with two processes still scans it in several batches.
    root = _workspace(tmp_path, ITEMS, 20)
    child = subprocess.Popen([sys.executable, "-m", "workbench", "scan", str(root),
                              "--processes", str(processes)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True,
                             env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert child.stderr is not None
    printed = 0
    deadline = time.monotonic() + 300
    for line in child.stderr:
        assert time.monotonic() < deadline, "no item counted in time"
        if not line.startswith("Scanning: "):
            continue
        printed = int(line.split()[1].split("/")[0])
        if printed >= 2:
            break
    else:
        pytest.fail(f"the scan ended first: {child.wait()}")
    os.killpg(child.pid, how)
    _out, err = child.communicate(timeout=120)
    kept = _saved(root)
    assert 2 <= printed <= kept < ITEMS, (printed, kept, err)
    if how == signal.SIGINT:
        assert child.returncode == 130
        assert f"Interrupted: {kept} of {ITEMS} items are scanned and saved" in err
        assert "Traceback" not in err


class FindingAnalyzer:
    """Finds an e-mail address every 10 characters of each text: a workspace with many
    findings stored, as a big one has."""

    def analyze_many(self, texts: Sequence[str], lang: str = "auto",
                     progress: ProgressCallback = no_progress,
                     cancel: CancelToken | None = None,
                     processes: int = 1) -> list[list[Finding]]:
        return [[Finding("EMAIL_ADDRESS", i, i + 3, 0.9, text[i:i + 3], "test")
                 for i in range(0, len(text) - 3, 10)] for text in texts]


def _save_cost(ws: Workspace, artifact_id: str) -> int:
    """SQLite's steps to save one item's scan (its findings replaced, aliases given)."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    key = scan.current_scan_key(ws)
    ws._conn.set_progress_handler(count, 100)
    try:
        ws.save_scan({artifact_id: []}, key, [])
    finally:
        ws._conn.set_progress_handler(None, 100)
    return steps[0]


def test_saving_a_scanned_item_costs_the_same_in_a_small_and_a_big_workspace(tmp_path: Path):
    """Each item is saved as it is scanned: a cost that grew with the findings stored
    would make a long scan slower the further it gets."""
    root = _workspace(tmp_path, 400, 3)
    with Workspace.open(root) as ws:
        first = ws.artifacts()[0].id
        scan.scan_workspace(ws, make_detector=lambda people: CountingAnalyzer())
        small = _save_cost(ws, first)  # nothing stored
        scan.scan_workspace(ws, make_detector=lambda people: FindingAnalyzer(), force=True)
        _save_cost(ws, first)  # its own findings gone, as before `small`
        stored = len(ws.findings())
        big = _save_cost(ws, first)
    assert stored > 15_000
    assert big < 2 * small + 20, (small, big)


def test_the_detector_reports_progress_within_a_batch_of_long_texts():
    """Eight long notes are fewer than one batch of texts, but many seconds of analysis: the
    detector reports (and checks for cancelling) between parts of them."""
    from workbench.core.pii.detector import BATCH_CHARS, Detector

    texts = [f"Note {i}: " + "Kevin Zhou asked Tom Baker about the plan. " * 120
             for i in range(8)]
    assert sum(map(len, texts)) > BATCH_CHARS
    calls: list[int] = []
    Detector().analyze_many(texts, progress=lambda done, total, label: calls.append(done))
    assert calls[0] == 0 and calls[-1] == 8
    assert any(0 < done < 8 for done in calls), calls
