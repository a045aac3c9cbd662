"""Study days: the unit scheduling counts in, as Anki does.

A study day runs from the rollover hour (04:00 by default) in the student's local time to the
next day's rollover, so a late-night session belongs with the evening before it. "Days elapsed"
between two reviews is the number of rollovers between them, not a count of 24-hour periods:
23:00 then 09:00 the next morning is one day, 05:00 then 03:00 the next night is none.

All functions take the timezone explicitly; only `local_zone.local_timezone` looks at the machine.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

DEFAULT_ROLLOVER_HOUR = 4
# Every timezone's offset is a whole number of quarter hours, and the rollover a whole hour:
# all moments of a quarter hour share a study day.
QUARTER_MS = 15 * 60 * 1000
# A card answered Again this many times in a study day's sessions is buried until the next
# study day: showing it again a minute later only loops.
SET_ASIDE_AFTER = 4


def to_utc(moment: datetime) -> datetime:
    """Return an aware datetime in UTC.

    Raises:
        ValueError: If `moment` is naive: Python would silently read it as the machine's time.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got naive {moment.isoformat()}")
    return moment.astimezone(UTC)


def study_day(moment: datetime, tz: tzinfo, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> date:
    """Return the study day a moment belongs to.

    Args:
        moment: An aware datetime (any timezone).
        tz: The student's local timezone.
        rollover_hour: The local hour (0-23) at which a new study day starts.

    Returns:
        The calendar date of the study day's start: 03:59 local belongs to the day before.

    Raises:
        ValueError: If `moment` is naive.
    """
    # Wall-clock arithmetic on the local time, so DST days still roll over at the local hour.
    local = to_utc(moment).astimezone(tz).replace(tzinfo=None)
    return (local - timedelta(hours=rollover_hour)).date()


@lru_cache(maxsize=1 << 18)
def quarter_day(bucket: int, tz: tzinfo, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> date:
    """The study day of a quarter hour (milliseconds since the epoch // QUARTER_MS);
    remembered, as a long log or a large deck comes back to the same ones again and again."""
    moment = datetime.fromtimestamp(bucket * QUARTER_MS / 1000, UTC)
    return study_day(moment, tz, rollover_hour)


def days_elapsed(
    earlier: datetime, later: datetime, tz: tzinfo, rollover_hour: int = DEFAULT_ROLLOVER_HOUR
) -> int:
    """Count the study-day rollovers between two moments.

    Args:
        earlier: The first moment, aware.
        later: The second moment, aware.
        tz: The student's local timezone.
        rollover_hour: The local hour (0-23) at which a new study day starts.

    Returns:
        The number of rollovers from `earlier` to `later`; 0 if `later` is not after
        `earlier` (a clock set back must not produce negative elapsed time).
    """
    elapsed = study_day(later, tz, rollover_hour) - study_day(earlier, tz, rollover_hour)
    return max(0, elapsed.days)


def start_of_study_day(
    day: date, tz: tzinfo, rollover_hour: int = DEFAULT_ROLLOVER_HOUR
) -> datetime:
    """Return the moment a study day starts.

    Args:
        day: The study day.
        tz: The student's local timezone.
        rollover_hour: The local hour (0-23) at which a new study day starts.

    Returns:
        The rollover of `day` as an aware UTC datetime. If the rollover hour falls in a DST gap,
        the first moment after the gap.
    """
    return datetime.combine(day, time(rollover_hour), tzinfo=tz).astimezone(UTC)


def next_study_day(
    moment: datetime, tz: tzinfo, rollover_hour: int = DEFAULT_ROLLOVER_HOUR
) -> datetime:
    """Return the moment the study day after `moment`'s starts (when a buried card is back)."""
    day = study_day(moment, tz, rollover_hour) + timedelta(days=1)
    return start_of_study_day(day, tz, rollover_hour)


DAY_MS = 86_400_000
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_SCAN_MS = 7 * DAY_MS  # no timezone changes its offset twice within a week


def offset_spans(
    tz: tzinfo, rollover_hour: int, start_ms: int, end_ms: int
) -> list[tuple[int, int]]:
    """Study days as arithmetic on milliseconds since the epoch, for counting in bulk.

    Args:
        tz: The student's timezone.
        rollover_hour: The local hour at which a study day starts.
        start_ms: The earliest moment to cover.
        end_ms: The latest moment to cover.

    Returns:
        (from, shift) pairs in time order, the first from `start_ms`: a moment `t` at or after
        one pair's `from` and before the next's is in study day number `(t + shift) // DAY_MS`
        (days since 1970-01-01, `day_number`), the same day `study_day` gives. A timezone
        changes its offset a few times a year at most, so a long log needs a few spans.
    """
    roll = rollover_hour * 3_600_000

    def shift(moment: int) -> int:
        offset = datetime.fromtimestamp(moment / 1000, UTC).astimezone(tz).utcoffset()
        return int(offset.total_seconds() * 1000) - roll if offset is not None else -roll

    spans = [(start_ms, shift(start_ms))]
    at = start_ms
    while at < end_ms:
        later = min(at + _SCAN_MS, end_ms)
        if shift(later) != spans[-1][1]:
            change = _first_change(at, later, spans[-1][1], shift)
            spans.append((change, shift(change)))
            later = change
        at = later
    return spans


def _first_change(low: int, high: int, before: int, shift: Callable[[int], int]) -> int:
    """The first whole second in (low, high] whose shift is not `before` (offsets change on
    whole seconds), by bisection."""
    low_s, high_s = low // 1000, -(-high // 1000)
    while high_s - low_s > 1:
        middle = (low_s + high_s) // 2
        low_s, high_s = (middle, high_s) if shift(middle * 1000) == before else (low_s, middle)
    return high_s * 1000


def day_number(day: date) -> int:
    """A study day as the number `offset_spans` gives it: days since 1970-01-01."""
    return day.toordinal() - EPOCH_ORDINAL


def day_from_number(number: int) -> date:
    return date.fromordinal(number + EPOCH_ORDINAL)
