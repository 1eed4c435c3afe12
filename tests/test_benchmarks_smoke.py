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
