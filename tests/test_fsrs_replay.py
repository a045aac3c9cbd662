"""Replay a real review log and check recall predictions against reference FSRS-6.

See tests/data/README.md for the data and the method.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from quizapp.core.scheduling.fsrs_memory import Memory, forgetting_curve, next_memory
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Scheduler, SchedulerConfig
from quizapp.core.scheduling.study_day import days_elapsed

LOG = Path(__file__).parent / "data" / "fsrs-review-log.csv"
TZ = timezone(timedelta(hours=-4))  # the study day starts at 04:00 at UTC-4
PARAMETERS = SchedulerConfig().parameters
CLIP = 1e-6

Reviews = dict[str, list[tuple[datetime, Rating]]]


@pytest.fixture(scope="module")
def reviews() -> Reviews:
    by_card: Reviews = defaultdict(list)
    with LOG.open(newline="") as file:
        for row in csv.DictReader(file):
            moment = datetime.fromisoformat(row["review_time"])
            by_card[row["card_id"]].append((moment, Rating(int(row["review_rating"]))))
    for card in by_card.values():
        card.sort(key=lambda review: review[0])
    return by_card


def test_log_loss_matches_reference(reviews: Reviews) -> None:
    assert sum(map(len, reviews.values())) == 12_580 and len(reviews) == 1_205
    total, scored = 0.0, 0
    for card in reviews.values():
        memory: Memory | None = None
        last: datetime | None = None
        for moment, rating in card:
            elapsed = 0 if last is None else days_elapsed(last, moment, TZ)
            if memory is not None and elapsed > 0:
                recall = forgetting_curve(PARAMETERS, elapsed, memory.stability)
                recall = min(max(recall, CLIP), 1 - CLIP)
                total -= math.log(recall if rating > Rating.AGAIN else 1 - recall)
                scored += 1
            memory = next_memory(PARAMETERS, memory, rating, elapsed, 0.9)
            last = moment
    # Counting 24-hour periods instead of study days would score 5,329 reviews. The data
    # README's 6,276 puts the boundary at 04:00 UTC (midnight at UTC-4), not 04:00 at UTC-4.
    assert scored == 6_372
    assert total / scored == pytest.approx(0.4650, abs=0.003)


def test_scheduler_reaches_the_same_memory_states(reviews: Reviews) -> None:
    scheduler = Scheduler(SchedulerConfig(), TZ)
    for card_id, card in list(reviews.items())[:100]:
        state, memory, last = CardState(), None, None
        for moment, rating in card:
            elapsed = 0 if last is None else days_elapsed(last, moment, TZ)
            memory = next_memory(PARAMETERS, memory, rating, elapsed, 0.9)
            state, last = scheduler.review(state, rating, moment, card_id), moment
            assert (state.stability, state.difficulty) == memory
