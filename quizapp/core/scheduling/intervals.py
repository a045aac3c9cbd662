"""Review intervals in whole days: Anki's rounding and fuzz, and Anki-style labels."""

from __future__ import annotations

import math
from datetime import timedelta

# Anki's fuzz: (start, end, factor); each interval day inside a range widens the fuzz by factor.
_FUZZ_RANGES = ((2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, math.inf, 0.05))


def round_half_up(value: float) -> int:
    # Rust's f32::round (halves away from zero), so intervals match Anki's.
    return math.floor(value + 0.5)


def fuzz_range(interval: float, minimum: int = 1, maximum: int = 36500) -> tuple[int, int]:
    """Return Anki's fuzz range for an interval, within [minimum, maximum].

    Args:
        interval: The unfuzzed interval in days.
        minimum: The shortest interval allowed.
        maximum: The longest interval allowed.

    Returns:
        The lowest and highest interval in days: no fuzz below 2.5 days, otherwise 1 day plus
        15% of the days in 2.5-7, 10% of those in 7-20 and 5% of those above 20, each side.
    """
    minimum = min(minimum, maximum)
    interval = min(max(interval, minimum), maximum)
    delta = 0.0
    if interval >= 2.5:
        delta = 1 + sum(f * max(0.0, min(interval, end) - start) for start, end, f in _FUZZ_RANGES)
    lower = min(max(round_half_up(interval - delta), minimum), maximum)
    upper = min(max(round_half_up(interval + delta), minimum), maximum)
    if upper == lower and 2 < upper < maximum:
        upper = lower + 1  # keep some spread when the limits squeeze the range
    return lower, upper


def interval_days(interval: float, minimum: int, maximum: int, fuzz: float | None) -> int:
    if fuzz is None:
        return min(max(round_half_up(interval), minimum), maximum)
    lower, upper = fuzz_range(interval, minimum, maximum)
    return math.floor(lower + fuzz * (1 + upper - lower))


def format_interval(delta: timedelta) -> str:
    """Format a wait as Anki labels answer buttons: "45s", "10m", "1.5h", "3d", "2.1mo", "1.5y".

    Args:
        delta: The wait.

    Returns:
        The label: seconds, minutes and days whole; hours, months and years to one decimal.
    """
    seconds = delta.total_seconds()
    day = 86400.0
    units = (
        (60, 1, "s", 0),
        (3600, 60, "m", 0),
        (day, 3600, "h", 1),
        (30.417 * day, day, "d", 0),
        (365 * day, 30.417 * day, "mo", 1),
    )
    size, suffix, decimals = 365 * day, "y", 1
    for limit, unit, name, places in units:
        if abs(seconds) < limit:
            size, suffix, decimals = unit, name, places
            break
    scale = 10**decimals
    amount = math.copysign(round_half_up(abs(seconds) / size * scale), seconds) / scale
    return f"{amount:g}{suffix}"
