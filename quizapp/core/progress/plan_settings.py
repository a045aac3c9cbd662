"""Where the exam plan lives in the progress store: settings whose names start with `exam_`.

The plan itself (`planning.plan`) reads and writes them; progress transfer carries them all.
"""

from __future__ import annotations

import sqlite3

PLAN_PREFIX = "exam_"
DATE_KEY, DECKS_KEY, TARGET_KEY, PER_DAY_KEY = (
    "exam_date",
    "exam_decks",
    "exam_target",
    "exam_per_day",
)
# The final pass's length in days ("" for the default, 0 for none), the study day the date was
# set (the default length counts from it) and the daily budget in minutes ("" for none).
FINAL_DAYS_KEY, SET_ON_KEY, MINUTES_KEY = "exam_final_days", "exam_set_on", "exam_minutes"
FORECAST_KEY = "exam_forecast"  # predicted exam-day recall when the date was set
# Cards the student brought forward ("deck/card" as JSON, with the moment): the exam queue
# serves each until it is answered after that moment.
BROUGHT_KEY = "exam_brought"
# Named exams (`plan --exam DATE --name NAME`), one setting each: NAMED_PREFIX + the name, its
# plan as JSON. The plan above is the unnamed one.
NAMED_PREFIX = "exam_named:"


def has_plan(settings: dict[str, str]) -> bool:
    """Whether plan settings hold an exam: the unnamed one's date, or a named one."""
    named = any(key.startswith(NAMED_PREFIX) and value for key, value in settings.items())
    return bool(settings.get(DATE_KEY)) or named


def named_settings(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """The named exams' settings (name, plan as JSON), cleared ones left out."""
    rows = conn.execute(
        "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ? AND value != ''",
        (len(NAMED_PREFIX), NAMED_PREFIX),
    )
    return [(str(key)[len(NAMED_PREFIX) :], str(value)) for key, value in rows]
