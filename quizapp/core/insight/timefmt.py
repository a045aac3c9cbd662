"""Durations and moments in words, for people."""

from __future__ import annotations

from datetime import datetime


def format_duration(seconds: float) -> str:
    """'45 s', '3 min 5 s', '1 h 20 min'."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def format_until(moment: datetime, now: datetime) -> str:
    """'now', 'in 10 min', 'in 3 h', 'in 2 days (2026-11-28)'."""
    seconds = (moment - now).total_seconds()
    if seconds <= 0:
        return "now"
    if seconds < 3600:
        return f"in {max(1, round(seconds / 60))} min"
    if seconds < 86400:
        return f"in {round(seconds / 3600)} h"
    days = round(seconds / 86400)
    unit = "day" if days == 1 else "days"
    return f"in {days} {unit} ({moment.astimezone().date().isoformat()})"
