"""What a desired retention costs: the reviews a day it asks of this collection, simulated.

As Anki's "help me decide": higher retention means shorter intervals and more reviews. The
cards studied already are simulated from their own memory states (a sample of them, scaled),
each review passed with the recall FSRS gives it then; the cards never studied go through
fsrs-rs's simulator (`fsrs_rs_python.simulate`), introduced at the new cards a day allowed.
The figure is the average reviews a day over the next `DAYS` (first sightings not counted).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from fsrs_rs_python import default_simulator_config, simulate

from quizapp.core.decks.model import Deck
from quizapp.core.progress.store import Store
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.fsrs_memory import Memory, forgetting_curve, next_outcomes
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Phase, Scheduler

DAYS = 365
SAMPLE = 600  # studied cards simulated one by one; more are scaled from these
RUNS = 50  # the most times each card of a small collection is simulated (less noise)
RETENTIONS = (0.80, 0.85, 0.90, 0.95)
WHAT = "average reviews a day over the next year"


@dataclass(frozen=True)
class Studied:
    """A studied card's memory: stability, difficulty, study days since its last review."""

    stability: float
    difficulty: float
    elapsed: int


@dataclass(frozen=True)
class Workload:
    """The collection as the simulation takes it."""

    studied: list[Studied]
    studied_count: int  # all of them: `studied` may be a sample
    new_cards: int
    new_per_day: int
    relearning_steps: int
    parameters: tuple[float, ...]


def workload(
    decks: Sequence[Deck],
    store: Store,
    scheduler: Scheduler,
    now: datetime,
    new_per_day: int,
    relearning_steps: int = 1,
) -> Workload:
    """The cards of these decks (suspended ones left out): a sample of the studied ones'
    memories, and how many were never studied."""
    tz, roll = scheduler.tz, scheduler.config.rollover_hour
    studied: list[Studied] = []
    new = 0
    for deck in decks:
        states = store.states(deck.id)
        out = {card for card, marks in store.marks(deck.id).items() if marks.suspended}
        for card in deck.cards:
            state = states.get(card.id)
            if card.id in out:
                continue
            if state is None or state.phase is Phase.NEW or state.stability is None:
                new += 1
                continue
            assert state.difficulty is not None and state.last_review is not None
            elapsed = sd.days_elapsed(state.last_review, now, tz, roll)
            studied.append(Studied(state.stability, state.difficulty, elapsed))
    count = len(studied)
    if count > SAMPLE:
        studied = random.Random(0).sample(studied, SAMPLE)
    return Workload(
        studied,
        count,
        new,
        new_per_day,
        relearning_steps,
        tuple(scheduler.config.parameters),
    )


def reviews_a_day(load: Workload, retention: float, seed: int = 0) -> float:
    """The average reviews a day over the next DAYS at this desired retention."""
    total = 0.0
    if load.studied:
        runs = min(RUNS, max(1, SAMPLE // len(load.studied)))
        rng = random.Random(seed)
        sample = sum(_studied_reviews(load, retention, rng) for _ in range(runs)) / runs
        total += sample * load.studied_count / len(load.studied)
    if load.new_cards and load.new_per_day:
        config = default_simulator_config()
        config.deck_size = load.new_cards
        config.learn_span = DAYS
        config.learn_limit = load.new_per_day
        config.max_cost_perday = float("inf")
        config.relearning_step_count = load.relearning_steps
        result = simulate(list(load.parameters), retention, config, seed)
        total += sum(result.review_cnt_per_day[:DAYS])
    return total / DAYS


def interval_for(parameters: Sequence[float], stability: float, retention: float) -> float:
    """Days until recall falls to `retention` (FSRS-6's forgetting curve solved for t)."""
    decay = -parameters[20] if len(parameters) > 20 else -0.5
    factor = 0.9 ** (1 / decay) - 1
    return float(stability / factor * (retention ** (1 / decay) - 1))


def _studied_reviews(load: Workload, retention: float, rng: random.Random) -> int:
    """Reviews of the sampled cards within DAYS: each due when its recall falls to
    `retention`, recalled with the probability FSRS gives, graded as students grade."""
    hard, good, _ = default_simulator_config().review_rating_prob
    params = load.parameters
    reviews = 0
    for card in load.studied:
        memory = Memory(card.stability, card.difficulty)
        wait = max(1, round(interval_for(params, memory.stability, retention)))
        day, last = max(0, wait - card.elapsed), -card.elapsed
        while day < DAYS:
            elapsed = day - last
            recall = forgetting_curve(params, elapsed, memory.stability)
            reviews += 1
            if rng.random() >= recall:
                rating = Rating.AGAIN
                reviews += load.relearning_steps
            else:
                draw = rng.random()
                rating = Rating.HARD if draw < hard else Rating.GOOD
                rating = Rating.EASY if draw >= hard + good else rating
            memory, interval = next_outcomes(params, memory, elapsed, retention)[rating]
            last, day = day, day + max(1, round(interval))
    return reviews
