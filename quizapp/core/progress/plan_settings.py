"""Where the exam plan lives in the progress store: settings whose names start with `exam_`.

The plan itself (`planning.plan`) reads and writes them; progress transfer carries them all.
"""

from __future__ import annotations

PLAN_PREFIX = "exam_"
DATE_KEY, DECKS_KEY, TARGET_KEY, PER_DAY_KEY = (
    "exam_date",
    "exam_decks",
    "exam_target",
    "exam_per_day",
)
