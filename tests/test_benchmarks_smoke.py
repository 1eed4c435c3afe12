"""The speed benchmark runs end to end on a small corpus (the real run is 100k messages)."""

import re

import pytest


@pytest.mark.slow
def test_scan_bench_smoke_run_prints_both_ratios(capsys):
    from benchmarks import scan_bench

    assert scan_bench.main(["--messages", "1000", "--naive-sample", "100",
                            "--processes", "1"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert re.match(r"\(b\)/\(a\) = \d+\.\d\d", lines[-2])
    assert re.match(r"\(b\)/\(c\) = \d+\.\d\d", lines[-1])
    assert any(line.startswith("peak memory") for line in lines)


@pytest.mark.skipif(__import__("shutil").which("age") is None,
                    reason="the `age` tool is not installed (Debian package `age`)")
def test_export_bench_smoke_run_prints_the_ratio(capsys):
    from benchmarks import export_bench

    assert export_bench.main(["--megabytes", "4", "--rounds", "1", "--messages", "0"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.match(r"ours / age throughput = \d+\.\d\d", last)


@pytest.mark.slow
def test_export_bench_times_a_full_export_of_a_generated_workspace(capsys):
    from benchmarks import export_bench

    assert export_bench.main(["--megabytes", "0", "--messages", "400"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert re.match(r"workspace: 400 chat lines in \d+ artifacts; scan", lines[0])
    assert re.match(r"export = \d+\.\d\d s \(target <= 5\); export / scan = \d+\.\d%",
                    lines[-1])
