"""Export throughput against the stock `age` tool, on the same bytes.

    python benchmarks/export_bench.py [--megabytes 500]

Builds a skill folder holding a MEGABYTES-sized asset, then times (1) our packaging — the
exact code `workbench export` runs after the skill folder exists: tar, age-encrypt, hash and
zip in one streaming pass — and (2) `age -r RECIPIENT -o OUT TARFILE` encrypting a tar of the
same folder. Prints our throughput divided by age's (target >= 0.5) and our peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def make_folder(root: Path, megabytes: int) -> Path:
    folder = root / "bench-skill"
    (folder / "assets").mkdir(parents=True)
    (folder / "SKILL.md").write_text("---\nname: bench-skill\ndescription: bench\n---\n")
    with open(folder / "assets" / "large.bin", "wb") as handle:
        for _ in range(megabytes):
            handle.write(os.urandom(1 << 20))
    return folder


def timed(action) -> float:  # type: ignore[no-untyped-def]
    os.sync()
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    import pyrage

    from workbench.core.bundle import write_package

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    age = shutil.which("age")
    if age is None:
        print("the `age` tool is not installed (Debian package `age`)")
        return 1
    recipient = str(pyrage.x25519.Identity.generate().to_public())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = make_folder(root, args.megabytes)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())

        tar_path = root / "bench.tar"
        with tarfile.open(tar_path, "w") as tar:
            tar.add(folder, arcname=folder.name)

        def run_ours() -> None:
            write_package(root / "bench.cwpkg", folder, [recipient],
                          lambda sha: ({"payloadType": "x", "payload": "", "signatures": []},
                                       b""))

        def run_age() -> None:
            subprocess.run([age, "-r", recipient, "-o", str(root / "bench.tar.age"),
                            str(tar_path)], check=True)

        # Alternate the two, best of --rounds each: this disk's write-back makes single runs
        # noisy, and both sides deserve the same warm page cache.
        ours = theirs = float("inf")
        for _ in range(args.rounds):
            ours = min(ours, timed(run_ours))
            theirs = min(theirs, timed(run_age))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    mb = size / (1 << 20)
    print(f"payload: {mb:,.0f} MB")
    print(f"ours (tar + age + sha256 + zip, streamed): {ours:6.2f} s  {mb / ours:8.1f} MB/s")
    print(f"age tool (encrypting a ready tar):         {theirs:6.2f} s  {mb / theirs:8.1f} MB/s")
    print(f"peak memory of this process: {peak_mb:,.0f} MB")
    print(f"ours / age throughput = {theirs / ours:.2f}   target >= 0.5")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
