"""Time: the one place the app reads the clock, and the one timestamp format it writes.

Every stored or signed moment is RFC 3339 in UTC to the second with a `Z`
(`2026-03-01T09:30:00Z`): it sorts as text and reads the same in every time zone. Nothing
here lets a flag or the environment move the clock: a recipient must not be able to set it
past a deletion deadline.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo


def now_utc() -> datetime:
    """The real time, aware, in UTC."""
    return datetime.now(UTC)


def iso(moment: datetime | None = None) -> str:
    """`moment` (default: now) as RFC 3339 in UTC to the second, ending in `Z`. A naive
    moment is taken as local time, as `datetime.astimezone` does."""
    moment = now_utc() if moment is None else moment
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    """A timestamp written by `iso` (or any ISO 8601 one with an offset) back to an aware
    datetime; a moment without an offset is taken as UTC. Raises ValueError on anything else."""
    moment = datetime.fromisoformat(text.strip())
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def file_stamp(moment: datetime | None = None) -> str:
    """`moment` (default: now) in UTC as `YYYYMMDD-HHMMSS`, for names of files and folders."""
    moment = now_utc() if moment is None else moment
    return moment.astimezone(UTC).strftime("%Y%m%d-%H%M%S")


def now_local() -> datetime:
    """The real time, aware, in this computer's time zone (for defaults shown to the user)."""
    return datetime.now().astimezone()


def local_date(moment: datetime | None = None) -> date:
    """The date on this computer's calendar at `moment` (default: now): the "today" a person
    means next to a delete-by date, which is a date of their calendar, not of UTC's. The one
    helper every deadline is compared with. A naive moment is taken as local time. The zone
    is this computer's setting: moving it shifts a deadline by hours (at most a day), never
    the clock itself."""
    moment = now_utc() if moment is None else moment
    return moment.astimezone().date()


def iso_in_zone(moment: datetime, zone: tzinfo) -> str:
    """When a message was written, as ISO 8601 in the workspace's time zone (a naive moment
    is taken to be in that zone already): what the materials show, not a stored stamp."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(zone).isoformat()
