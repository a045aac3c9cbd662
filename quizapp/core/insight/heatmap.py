"""A calendar heatmap as plain text: one column a week, Monday at the top, shaded by count.

Shades go from "·" (no review) to "█"; the legend says in words what each one means, so the
chart reads the same without colour and on any terminal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

SHADES = ("·", "░", "▒", "▓", "█")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def level(count: int, most: int) -> int:
    """The shade index of a count: 0 for none, 1-4 in even steps up to the busiest day."""
    if count <= 0 or most <= 0:
        return 0
    return min(len(SHADES) - 1, math.ceil((len(SHADES) - 1) * count / most))


def grid(days: Sequence[tuple[date, int]]) -> list[str]:
    """The heatmap: a month header, then one line per weekday.

    Args:
        days: Consecutive study days with their counts, the first a Monday.

    Returns:
        Lines of text; a day after the last one given is left blank.
    """
    if not days:
        return []
    most = max(count for _, count in days)
    first = days[0][0]
    weeks = (len(days) + 6) // 7
    counts = dict(days)
    header, last_month = "    ", None
    for week in range(weeks):
        monday = first + timedelta(weeks=week)
        column = 4 + 2 * week
        # Each month is named over its first week, when there is room for the name.
        if monday.month != last_month and len(header) <= column:
            header = header.ljust(column) + monday.strftime("%b")
            last_month = monday.month
    lines = [header]
    for weekday, name in enumerate(WEEKDAYS):
        cells = []
        for week in range(weeks):
            day = first + timedelta(weeks=week, days=weekday)
            cells.append(SHADES[level(counts[day], most)] if day in counts else " ")
        lines.append(f"{name} " + " ".join(cells).rstrip())
    return lines


def legend(days: Sequence[tuple[date, int]]) -> str:
    """What each shade means, in words, for these counts."""
    most = max((count for _, count in days), default=0)
    if most <= 0:
        return f"{SHADES[0]} no review"
    parts = [f"{SHADES[0]} none"]
    low = 1
    for shade in range(1, len(SHADES)):
        high = math.floor(most * shade / (len(SHADES) - 1))
        if high < low:
            continue
        parts.append(f"{SHADES[shade]} {low}" if high == low else f"{SHADES[shade]} {low}-{high}")
        low = high + 1
    return "  ".join(parts) + " reviews a day"
