"""The one clock: what it writes reads back, in UTC, to the second."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from workbench.core import clock


def test_iso_is_utc_to_the_second_with_a_z_and_reads_back():
    beijing = datetime(2026, 3, 1, 9, 30, 15, 999_000, tzinfo=timezone(timedelta(hours=8)))
    assert clock.iso(beijing) == "2026-03-01T01:30:15Z"
    assert clock.parse_iso("2026-03-01T01:30:15Z") == beijing.replace(microsecond=0)
    assert clock.parse_iso(clock.iso()).tzinfo is not None


def test_now_is_aware_and_real():
    before = datetime.now(UTC)
    assert before <= clock.now_utc() <= datetime.now(UTC)
    assert clock.now_local().utcoffset() is not None
    assert abs(clock.now_local() - clock.now_utc()) < timedelta(seconds=5)


def test_a_moment_without_an_offset_is_read_as_utc_and_junk_is_refused():
    assert clock.parse_iso("2026-03-01T01:30:15") == datetime(2026, 3, 1, 1, 30, 15, tzinfo=UTC)
    with pytest.raises(ValueError):
        clock.parse_iso("yesterday")


def test_file_stamps_sort_as_time():
    early = clock.file_stamp(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert early == "20260102-030405" and early < clock.file_stamp()


def test_local_date_is_the_date_on_this_computers_calendar_around_midnight(zone):
    from datetime import date

    just_after_midnight_in_beijing = datetime(2027, 3, 31, 16, 30, tzinfo=UTC)
    zone("CST-8")
    assert clock.local_date(just_after_midnight_in_beijing) == date(2027, 4, 1)
    zone("EST+5")
    assert clock.local_date(datetime(2027, 4, 1, 2, 0, tzinfo=UTC)) == date(2027, 3, 31)
    zone("UTC0")
    assert clock.local_date(just_after_midnight_in_beijing) == date(2027, 3, 31)
    assert clock.local_date() == datetime.now(UTC).date()
