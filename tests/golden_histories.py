"""The golden table of card histories the scheduler is held to (see test_scheduler_golden.py).

Each row is one answer: when it was given (local time, with its UTC offset), the grade, the
interval it earned ("step 10m" for a learning or relearning step, "11 days" for a review, in
study days) and when the card falls due. The numbers were derived by hand from FSRS-6 and
Anki's interval rules, as tests/scheduler_reference.py writes them down; never from quizapp.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")

Answer = tuple[str, str, str, str]  # answered at, grade, interval, due


@dataclass(frozen=True)
class History:
    name: str
    zone: ZoneInfo
    answers: tuple[Answer, ...]
    config: dict[str, Any] = field(default_factory=dict)  # SchedulerConfig fields
    seed: str | None = None  # fuzz on, from this seed

    def __str__(self) -> str:
        return self.name


# Dates: New York springs forward on 2024-03-10 and falls back on 2024-11-03 (at 02:00);
# London on 2024-03-31 and 2024-10-27 (at 01:00 UTC). The study day starts at 04:00 unless a
# history's `rollover_hour` says otherwise.
HISTORIES = (
    History(
        "Hard on the first learning step",
        NEW_YORK,
        answers=(
            ("2024-05-01 10:00-04:00", "Hard", "step 5m30s", "2024-05-01 10:05:30-04:00"),
            ("2024-05-01 10:05:30-04:00", "Hard", "step 5m30s", "2024-05-01 10:11-04:00"),
            ("2024-05-01 10:11:30-04:00", "Good", "step 10m", "2024-05-01 10:21:30-04:00"),
            ("2024-05-01 10:21:30-04:00", "Hard", "step 10m", "2024-05-01 10:31:30-04:00"),
            ("2024-05-01 10:31:30-04:00", "Good", "1 day", "2024-05-02 04:00-04:00"),
        ),
    ),
    History(
        "Again in learning goes back to the first step",
        NEW_YORK,
        answers=(
            ("2024-05-01 10:00-04:00", "Good", "step 10m", "2024-05-01 10:10-04:00"),
            ("2024-05-01 10:10-04:00", "Again", "step 1m", "2024-05-01 10:11-04:00"),
            ("2024-05-01 10:11-04:00", "Good", "step 10m", "2024-05-01 10:21-04:00"),
            ("2024-05-01 10:21-04:00", "Again", "step 1m", "2024-05-01 10:22-04:00"),
            ("2024-05-01 10:22-04:00", "Good", "step 10m", "2024-05-01 10:32-04:00"),
            ("2024-05-01 10:32-04:00", "Good", "1 day", "2024-05-02 04:00-04:00"),
        ),
    ),
    History(
        "Easy on a new card graduates at once",
        NEW_YORK,
        answers=(
            ("2024-05-01 10:00-04:00", "Easy", "8 days", "2024-05-09 04:00-04:00"),
            ("2024-05-09 04:00-04:00", "Good", "39 days", "2024-06-17 04:00-04:00"),
        ),
    ),
    History(
        "Easy on the last learning step",
        NEW_YORK,
        answers=(
            ("2024-05-01 10:00-04:00", "Good", "step 10m", "2024-05-01 10:10-04:00"),
            ("2024-05-01 10:10-04:00", "Easy", "4 days", "2024-05-05 04:00-04:00"),
        ),
    ),
    History(
        "Easy floor: at 99% retention Easy would round to Good's day",
        NEW_YORK,
        config=dict(desired_retention=0.99),
        answers=(
            ("2024-05-01 10:00-04:00", "Easy", "2 days", "2024-05-03 04:00-04:00"),
            ("2024-05-03 04:00-04:00", "Easy", "3 days", "2024-05-06 04:00-04:00"),
            ("2024-05-06 04:00-04:00", "Hard", "2 days", "2024-05-08 04:00-04:00"),
        ),
    ),
    History(
        "review answered Hard",
        NEW_YORK,
        answers=(
            ("2024-05-01 10:00-04:00", "Good", "step 10m", "2024-05-01 10:10-04:00"),
            ("2024-05-01 10:10-04:00", "Good", "2 days", "2024-05-03 04:00-04:00"),
            ("2024-05-03 04:00-04:00", "Hard", "8 days", "2024-05-11 04:00-04:00"),
            ("2024-05-11 04:00-04:00", "Hard", "19 days", "2024-05-30 04:00-04:00"),
        ),
    ),
    History(
        "review answered Easy",
        NEW_YORK,
        answers=(
            ("2024-05-01 10:00-04:00", "Good", "step 10m", "2024-05-01 10:10-04:00"),
            ("2024-05-01 10:10-04:00", "Good", "2 days", "2024-05-03 04:00-04:00"),
            ("2024-05-03 04:00-04:00", "Easy", "19 days", "2024-05-22 04:00-04:00"),
            ("2024-05-22 04:00-04:00", "Easy", "136 days", "2024-10-05 04:00-04:00"),
        ),
    ),
    History(
        "a lapse, relearning with Hard, and back to review",
        NEW_YORK,
        answers=(
            ("2024-05-01 10:00-04:00", "Good", "step 10m", "2024-05-01 10:10-04:00"),
            ("2024-05-01 10:10-04:00", "Good", "2 days", "2024-05-03 04:00-04:00"),
            ("2024-05-03 04:00-04:00", "Good", "11 days", "2024-05-14 04:00-04:00"),
            ("2024-05-14 04:00-04:00", "Again", "step 10m", "2024-05-14 04:10-04:00"),
            ("2024-05-14 04:10-04:00", "Hard", "step 15m", "2024-05-14 04:25-04:00"),
            ("2024-05-14 04:25-04:00", "Again", "step 10m", "2024-05-14 04:35-04:00"),
            ("2024-05-14 04:35-04:00", "Good", "1 day", "2024-05-15 04:00-04:00"),
            ("2024-05-15 04:00-04:00", "Good", "2 days", "2024-05-17 04:00-04:00"),
        ),
    ),
    History(
        "a lapse answered Easy in relearning",
        NEW_YORK,
        answers=(
            ("2024-05-01 10:00-04:00", "Good", "step 10m", "2024-05-01 10:10-04:00"),
            ("2024-05-01 10:10-04:00", "Good", "2 days", "2024-05-03 04:00-04:00"),
            ("2024-05-03 04:00-04:00", "Good", "11 days", "2024-05-14 04:00-04:00"),
            ("2024-05-14 04:00-04:00", "Again", "step 10m", "2024-05-14 04:10-04:00"),
            ("2024-05-14 04:10-04:00", "Easy", "3 days", "2024-05-17 04:00-04:00"),
        ),
    ),
    History(
        "a lapse with no relearning steps",
        NEW_YORK,
        config=dict(relearning_steps=()),
        answers=(
            ("2024-05-01 10:00-04:00", "Good", "step 10m", "2024-05-01 10:10-04:00"),
            ("2024-05-01 10:10-04:00", "Good", "2 days", "2024-05-03 04:00-04:00"),
            ("2024-05-03 04:00-04:00", "Good", "11 days", "2024-05-14 04:00-04:00"),
            ("2024-05-14 04:00-04:00", "Again", "2 days", "2024-05-16 04:00-04:00"),
            ("2024-05-16 04:00-04:00", "Good", "5 days", "2024-05-21 04:00-04:00"),
        ),
    ),
    History(
        "a long review chain of Good on time",
        NEW_YORK,
        answers=(
            ("2024-05-01 10:00-04:00", "Good", "step 10m", "2024-05-01 10:10-04:00"),
            ("2024-05-01 10:10-04:00", "Good", "2 days", "2024-05-03 04:00-04:00"),
            ("2024-05-03 04:00-04:00", "Good", "11 days", "2024-05-14 04:00-04:00"),
            ("2024-05-14 04:00-04:00", "Good", "46 days", "2024-06-29 04:00-04:00"),
            ("2024-06-29 04:00-04:00", "Good", "163 days", "2024-12-09 04:00-05:00"),
            ("2024-12-09 04:00-05:00", "Good", "498 days", "2026-04-21 04:00-04:00"),
            ("2026-04-21 04:00-04:00", "Good", "1348 days", "2029-12-29 04:00-05:00"),
            ("2029-12-29 04:00-05:00", "Good", "3299 days", "2039-01-10 04:00-05:00"),
            ("2039-01-10 04:00-05:00", "Good", "7415 days", "2059-04-30 04:00-04:00"),
            ("2059-04-30 04:00-04:00", "Good", "15504 days", "2101-10-11 04:00-04:00"),
            ("2101-10-11 04:00-04:00", "Good", "30474 days", "2185-03-18 04:00-04:00"),
            ("2185-03-18 04:00-04:00", "Good", "36500 days", "2285-02-22 04:00-05:00"),
        ),
    ),
    History(
        "a review chain capped by the maximum interval",
        NEW_YORK,
        config=dict(maximum_interval_days=30),
        answers=(
            ("2024-05-01 10:00-04:00", "Easy", "8 days", "2024-05-09 04:00-04:00"),
            ("2024-05-09 04:00-04:00", "Good", "30 days", "2024-06-08 04:00-04:00"),
            ("2024-06-08 04:00-04:00", "Easy", "30 days", "2024-07-08 04:00-04:00"),
            ("2024-07-08 04:00-04:00", "Good", "30 days", "2024-08-07 04:00-04:00"),
        ),
    ),
    History(
        "a review ten days late",
        NEW_YORK,
        answers=(
            ("2024-05-01 10:00-04:00", "Good", "step 10m", "2024-05-01 10:10-04:00"),
            ("2024-05-01 10:10-04:00", "Good", "2 days", "2024-05-03 04:00-04:00"),
            ("2024-05-13 04:00-04:00", "Good", "27 days", "2024-06-09 04:00-04:00"),
            ("2024-06-09 04:00-04:00", "Hard", "72 days", "2024-08-20 04:00-04:00"),
        ),
    ),
    History(
        "fuzz from seed 'card-1': Good on time",
        NEW_YORK,
        seed="card-1",
        answers=(
            ("2024-05-01 10:00-04:00", "Good", "step 10m", "2024-05-01 10:10-04:00"),
            ("2024-05-01 10:10-04:00", "Good", "2 days", "2024-05-03 04:00-04:00"),
            ("2024-05-03 04:00-04:00", "Good", "10 days", "2024-05-13 04:00-04:00"),
            ("2024-05-13 04:00-04:00", "Good", "47 days", "2024-06-29 04:00-04:00"),
            ("2024-06-29 04:00-04:00", "Good", "163 days", "2024-12-09 04:00-05:00"),
            ("2024-12-09 04:00-05:00", "Good", "523 days", "2026-05-16 04:00-04:00"),
            ("2026-05-16 04:00-04:00", "Good", "1437 days", "2030-04-22 04:00-04:00"),
            ("2030-04-22 04:00-04:00", "Good", "3470 days", "2039-10-22 04:00-04:00"),
            ("2039-10-22 04:00-04:00", "Good", "7507 days", "2060-05-11 04:00-04:00"),
            ("2060-05-11 04:00-04:00", "Good", "15344 days", "2102-05-16 04:00-04:00"),
        ),
    ),
    History(
        "fuzz from seed 'card-2': Easy, Hard and a lapse",
        NEW_YORK,
        seed="card-2",
        answers=(
            ("2024-05-01 10:00-04:00", "Easy", "8 days", "2024-05-09 04:00-04:00"),
            ("2024-05-09 04:00-04:00", "Easy", "66 days", "2024-07-14 04:00-04:00"),
            ("2024-07-14 04:00-04:00", "Hard", "169 days", "2024-12-30 04:00-05:00"),
            ("2024-12-30 04:00-05:00", "Easy", "697 days", "2026-11-27 04:00-05:00"),
            ("2026-11-27 04:00-05:00", "Again", "step 10m", "2026-11-27 04:10-05:00"),
            ("2026-11-27 04:10-05:00", "Good", "10 days", "2026-12-07 04:00-05:00"),
            ("2026-12-07 04:00-05:00", "Good", "22 days", "2026-12-29 04:00-05:00"),
        ),
    ),
    History(
        "fuzz from seed 'card-3': Good late",
        NEW_YORK,
        seed="card-3",
        answers=(
            ("2024-05-01 10:00-04:00", "Good", "step 10m", "2024-05-01 10:10-04:00"),
            ("2024-05-01 10:10-04:00", "Good", "2 days", "2024-05-03 04:00-04:00"),
            ("2024-05-06 04:00-04:00", "Good", "19 days", "2024-05-25 04:00-04:00"),
            ("2024-05-30 04:00-04:00", "Good", "84 days", "2024-08-22 04:00-04:00"),
            ("2024-08-22 04:00-04:00", "Easy", "459 days", "2025-11-24 04:00-05:00"),
            ("2025-11-24 04:00-05:00", "Good", "1321 days", "2029-07-07 04:00-04:00"),
        ),
    ),
    History(
        "graduating at 03:59 counts as the evening before",
        NEW_YORK,
        answers=(
            ("2024-05-02 03:49-04:00", "Good", "step 10m", "2024-05-02 03:59-04:00"),
            ("2024-05-02 03:59-04:00", "Good", "2 days", "2024-05-03 04:00-04:00"),
            ("2024-05-03 04:00-04:00", "Good", "11 days", "2024-05-14 04:00-04:00"),
        ),
    ),
    History(
        "graduating at 04:00 counts as the new day",
        NEW_YORK,
        answers=(
            ("2024-05-02 03:50-04:00", "Good", "step 10m", "2024-05-02 04:00-04:00"),
            ("2024-05-02 04:00-04:00", "Good", "7 days", "2024-05-09 04:00-04:00"),
            ("2024-05-09 04:00-04:00", "Good", "32 days", "2024-06-10 04:00-04:00"),
        ),
    ),
    History(
        "reviews at 23:00 and 09:00 next morning are a day apart",
        NEW_YORK,
        answers=(
            ("2024-05-01 22:50-04:00", "Good", "step 10m", "2024-05-01 23:00-04:00"),
            ("2024-05-01 23:00-04:00", "Good", "2 days", "2024-05-03 04:00-04:00"),
            ("2024-05-03 23:00-04:00", "Good", "11 days", "2024-05-14 04:00-04:00"),
        ),
    ),
    History(
        "reviews at 05:00 and 03:00 next night are the same study day",
        NEW_YORK,
        answers=(
            ("2024-05-03 04:50-04:00", "Good", "step 10m", "2024-05-03 05:00-04:00"),
            ("2024-05-03 05:00-04:00", "Good", "2 days", "2024-05-05 04:00-04:00"),
            ("2024-05-04 03:00-04:00", "Good", "3 days", "2024-05-06 04:00-04:00"),
        ),
    ),
    History(
        "New York springs forward: a learning step across 02:00, a review due after",
        NEW_YORK,
        answers=(
            ("2024-03-10 01:55-05:00", "Good", "step 10m", "2024-03-10 03:05-04:00"),
            ("2024-03-10 02:05-05:00", "Good", "2 days", "2024-03-11 04:00-04:00"),
            ("2024-03-11 04:00-04:00", "Good", "11 days", "2024-03-22 04:00-04:00"),
        ),
    ),
    History(
        "New York springs forward between graduation and the due day",
        NEW_YORK,
        answers=(
            ("2024-03-08 10:00-05:00", "Good", "step 10m", "2024-03-08 10:10-05:00"),
            ("2024-03-08 10:10-05:00", "Good", "2 days", "2024-03-10 04:00-04:00"),
            ("2024-03-10 04:00-04:00", "Good", "11 days", "2024-03-21 04:00-04:00"),
            ("2024-03-21 04:00-04:00", "Good", "46 days", "2024-05-06 04:00-04:00"),
        ),
    ),
    History(
        "New York falls back: a learning step across 02:00, a review due after",
        NEW_YORK,
        answers=(
            ("2024-11-03 01:55-04:00", "Good", "step 10m", "2024-11-03 01:05-05:00"),
            ("2024-11-03 01:05-05:00", "Good", "2 days", "2024-11-04 04:00-05:00"),
            ("2024-11-04 04:00-05:00", "Good", "11 days", "2024-11-15 04:00-05:00"),
        ),
    ),
    History(
        "New York falls back between graduation and the due day",
        NEW_YORK,
        answers=(
            ("2024-11-01 10:00-04:00", "Good", "step 10m", "2024-11-01 10:10-04:00"),
            ("2024-11-01 10:10-04:00", "Good", "2 days", "2024-11-03 04:00-05:00"),
            ("2024-11-03 04:00-05:00", "Good", "11 days", "2024-11-14 04:00-05:00"),
        ),
    ),
    History(
        "London springs forward between graduation and the due day",
        LONDON,
        answers=(
            ("2024-03-29 18:00+00:00", "Good", "step 10m", "2024-03-29 18:10+00:00"),
            ("2024-03-29 18:10+00:00", "Good", "2 days", "2024-03-31 04:00+01:00"),
            ("2024-03-31 04:00+01:00", "Good", "11 days", "2024-04-11 04:00+01:00"),
            ("2024-04-11 04:00+01:00", "Good", "46 days", "2024-05-27 04:00+01:00"),
        ),
    ),
    History(
        "London falls back between graduation and the due day",
        LONDON,
        answers=(
            ("2024-10-25 18:00+01:00", "Good", "step 10m", "2024-10-25 18:10+01:00"),
            ("2024-10-25 18:10+01:00", "Good", "2 days", "2024-10-27 04:00+00:00"),
            ("2024-10-27 04:00+00:00", "Good", "11 days", "2024-11-07 04:00+00:00"),
        ),
    ),
    History(
        "a rollover hour inside New York's spring gap",
        NEW_YORK,
        config=dict(rollover_hour=2),
        answers=(
            ("2024-03-08 10:00-05:00", "Good", "step 10m", "2024-03-08 10:10-05:00"),
            ("2024-03-08 10:10-05:00", "Good", "2 days", "2024-03-10 03:00-04:00"),
            ("2024-03-10 03:00-04:00", "Good", "11 days", "2024-03-21 02:00-04:00"),
        ),
    ),
    History(
        "a rollover hour repeated when New York falls back",
        NEW_YORK,
        config=dict(rollover_hour=1),
        answers=(
            ("2024-11-01 10:00-04:00", "Good", "step 10m", "2024-11-01 10:10-04:00"),
            ("2024-11-01 10:10-04:00", "Good", "2 days", "2024-11-03 01:00-04:00"),
            ("2024-11-03 01:00-04:00", "Good", "11 days", "2024-11-14 01:00-05:00"),
        ),
    ),
    History(
        "day-long learning steps: Hard on the first rounds 2.5 days to 3",
        NEW_YORK,
        config=dict(learning_steps=(timedelta(days=1), timedelta(days=4))),
        answers=(
            ("2024-05-01 10:00-04:00", "Hard", "step 3d", "2024-05-04 10:00-04:00"),
            ("2024-05-04 10:00-04:00", "Good", "step 4d", "2024-05-08 10:00-04:00"),
            ("2024-05-08 10:00-04:00", "Good", "19 days", "2024-05-27 04:00-04:00"),
        ),
    ),
    History(
        "a lone three-day learning step: Hard waits at most a day more",
        NEW_YORK,
        config=dict(learning_steps=(timedelta(days=3),)),
        answers=(
            ("2024-05-01 10:00-04:00", "Hard", "step 4d", "2024-05-05 10:00-04:00"),
            ("2024-05-05 10:00-04:00", "Good", "9 days", "2024-05-14 04:00-04:00"),
        ),
    ),
    History(
        "a single learning step: Hard waits half as long again",
        NEW_YORK,
        config=dict(learning_steps=(timedelta(minutes=10),)),
        answers=(
            ("2024-05-01 10:00-04:00", "Hard", "step 15m", "2024-05-01 10:15-04:00"),
            ("2024-05-01 10:15-04:00", "Good", "1 day", "2024-05-02 04:00-04:00"),
        ),
    ),
)
