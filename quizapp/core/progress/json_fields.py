"""Values read from JSON lines, checked: each checker takes the value and the field's name,
and returns the value as it is stored, or raises ValueError or TypeError saying what is wrong
(`in_words` turns those, and a missing field's KeyError, into the reason to show).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any


def whole_number(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    return value


def any_number(value: Any, name: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ValueError(f"{name} must be a number, not {value!r}")
    return value


def text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text")
    return value


def true_or_false(value: Any, name: str) -> int:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be true or false")
    return int(value)


def deck_ids(value: Any, name: str) -> str:
    """A list of deck ids, stored space separated."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TypeError(f"{name} must be a list of deck ids")
    return " ".join(value)


def seed_or_null(value: Any, name: str) -> int | None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise ValueError(f"{name} must be a whole number or null, not {value!r}")
    return value


def utc_moment(value: Any, name: str) -> datetime:
    """A time written as ISO 8601 text with its zone, as aware UTC."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a time written as text")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} is not a time: {value!r}") from None
    if moment.tzinfo is None:
        raise ValueError(f"{name} has no time zone: {value!r}")
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # e.g. year 1 east of UTC: before the first moment Python holds
        raise ValueError(f"{name} is not a time: {value!r}") from None


def iso_text(moment: datetime) -> str:
    """A moment as `utc_moment` reads it back: UTC, to the millisecond."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def in_words(exc: Exception) -> str:
    """Why a value was refused, from the error a checker (or a missing field) raised."""
    if isinstance(exc, KeyError):
        return f"the field {exc.args[0]!r} is missing"
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON ({exc.msg})"
    return str(exc)
