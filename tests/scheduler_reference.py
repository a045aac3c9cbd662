"""A reference scheduler written from the published rules, sharing no code with quizapp.

It exists to derive the golden table in test_scheduler_golden.py: the table's numbers are
literals, and one test checks that this model still produces them, so a reader can see where
each number comes from and regenerate the table (`python tests/scheduler_reference.py`).

Sources, transcribed by hand:
- FSRS-6 as fsrs-rs 6.6 computes it (model.rs): initial stability w[G-1]; initial difficulty
  w4 - e^(w5 (G-1)) + 1; recall R = (1 + F t/S)^-w20 with F = 0.9^(-1/w20) - 1; interval
  I = S/F (r^(-1/w20) - 1); same-day reviews S * e^(w17 (G-3+w18)) * S^-w19, at least S for
  Hard and above; a lapse w11 D^-w12 ((S+1)^w13 - 1) e^(w14 (1-R)), at most S/e^(w17 w18); a
  pass S (e^w8 (11-D) S^-w9 (e^(w10 (1-R)) - 1) [w15 if Hard] [w16 if Easy] + 1); difficulty
  D + (10-D)/9 * -w6 (G-3), pulled w7 of the way to D0(Easy), in [1, 10]; S in [0.001, 36500].
- Anki's rslib (scheduler/states): learning steps (steps.rs: Hard on the first step is the mean
  of the first two, or 1.5x a lone step but at most a day more, whole days past a day),
  graduation (learning.rs: Good rounds then fuzzes; Easy is fuzzed at least fuzzed Good + 1),
  reviews (review.rs `constrain_passing_interval`: Hard at least 1, Good at least Hard + 1,
  Easy at least Good + 1), fuzz (fuzz.rs: 1 day + 15% of days in 2.5-7, 10% in 7-20, 5% above,
  each side, rounded; widened by a day when squeezed; lower + factor * (1 + upper - lower)).
  Rust's `round` takes halves away from zero.
- quizapp's own choices: the fuzz factor is `random.Random(seed + str(reps)).random()`; a card
  leaving relearning graduates as from learning; review cards fall due at the start (the
  rollover hour, local time) of their study day.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

# FSRS-6's default parameters (fsrs-rs DEFAULT_PARAMETERS), as f32 values widened to f64.
W = (
    0.21199999749660492, 1.2930999994277954, 2.30649995803833, 8.295599937438965,
    6.413300037384033, 0.8334000110626221, 3.019399881362915, 0.0010000000474974513,
    1.8722000122070312, 0.16660000383853912, 0.7960000038146973, 1.4835000038146973,
    0.061400000005960464, 0.2628999948501587, 1.648300051689148, 0.6014000177383423,
    1.8729000091552734, 0.5425000190734863, 0.09120000153779984, 0.0658000037074089,
    0.1542000025510788,
)  # fmt: skip
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
GRADES = {"Again": AGAIN, "Hard": HARD, "Good": GOOD, "Easy": EASY}
FUZZ_RANGES = ((2.5, 7.0, 0.15), (7.0, 20.0, 0.10), (20.0, math.inf, 0.05))


def rust_round(value: float) -> int:
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --- FSRS-6 -----------------------------------------------------------------------------------


def _d0(grade: int) -> float:
    return W[4] - math.exp(W[5] * (grade - 1)) + 1


def _factor() -> float:
    return 0.9 ** (-1 / W[20]) - 1


def fsrs_interval(stability: float, retention: float) -> float:
    return stability / _factor() * (retention ** (-1 / W[20]) - 1)


def fsrs_step(memory: tuple[float, float] | None, elapsed: int, grade: int) -> tuple[float, float]:
    """(stability, difficulty) after a review `elapsed` study days after the last."""
    if memory is None:
        return W[grade - 1], min(max(_d0(grade), 1.0), 10.0)
    s, d = memory
    recall = (1 + _factor() * elapsed / s) ** -W[20]
    if elapsed == 0:
        growth = math.exp(W[17] * (grade - 3 + W[18])) * s ** -W[19]
        new_s = s * (max(growth, 1.0) if grade >= HARD else growth)
    elif grade == AGAIN:
        new_s = W[11] * d ** -W[12] * ((s + 1) ** W[13] - 1) * math.exp(W[14] * (1 - recall))
        new_s = min(new_s, s / math.exp(W[17] * W[18]))
    else:
        bonus = W[15] if grade == HARD else W[16] if grade == EASY else 1.0
        gain = math.exp(W[8]) * (11 - d) * s ** -W[9] * (math.exp(W[10] * (1 - recall)) - 1)
        new_s = s * (gain * bonus + 1)
    new_d = d + (10 - d) / 9 * -W[6] * (grade - 3)
    new_d = W[7] * _d0(EASY) + (1 - W[7]) * new_d
    return min(max(new_s, 0.001), 36500.0), min(max(new_d, 1.0), 10.0)


# --- Anki's intervals -------------------------------------------------------------------------


def fuzzed(interval: float, minimum: int, maximum: int, fuzz: float | None) -> int:
    """Anki's `with_review_fuzz`."""
    if fuzz is None:
        return min(max(rust_round(interval), minimum), maximum)
    minimum = min(minimum, maximum)
    interval = min(max(interval, minimum), maximum)
    delta = 0.0
    if interval >= 2.5:
        delta = 1.0 + sum(f * max(0.0, min(interval, hi) - lo) for lo, hi, f in FUZZ_RANGES)
    lower = min(max(rust_round(interval - delta), minimum), maximum)
    upper = min(max(rust_round(interval + delta), minimum), maximum)
    if upper == lower and 2 < upper < maximum:
        upper += 1
    return math.floor(lower + fuzz * (1 + upper - lower))


def hard_step(steps: tuple[timedelta, ...], index: int) -> timedelta:
    if index > 0:
        return steps[index]
    if len(steps) > 1:
        delay = (steps[0] + steps[1]) / 2
    else:
        delay = min(steps[0] * 3 / 2, steps[0] + timedelta(days=1))
    if delay > timedelta(days=1):
        return timedelta(days=rust_round(delay.total_seconds() / 86400))
    return delay


# --- Study days -------------------------------------------------------------------------------


def day_of(moment: datetime, zone: tzinfo, rollover: int) -> date:
    wall = moment.astimezone(zone).replace(tzinfo=None)
    return (wall - timedelta(hours=rollover)).date()


def day_start(day: date, zone: tzinfo, rollover: int) -> datetime:
    return datetime.combine(day, time(rollover), tzinfo=zone).astimezone(UTC)


# --- The card -----------------------------------------------------------------------------------


@dataclass
class Settings:
    zone: tzinfo
    learning: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning: tuple[timedelta, ...] = (timedelta(minutes=10),)
    retention: float = 0.9
    maximum: int = 36500
    rollover: int = 4
    seed: str | None = None  # fuzz from this seed; None: no fuzz


@dataclass
class Card:
    phase: str = "new"
    step: int = 0
    memory: tuple[float, float] | None = None
    last: datetime | None = None
    reps: int = 0


def answer(card: Card, grade: int, now: datetime, cfg: Settings) -> tuple[str, datetime]:
    """Answer the card in place; return the interval as the table writes it, and the due time."""
    now = now.astimezone(UTC)  # steps are spans of time, not of wall clock
    elapsed = (
        0
        if card.last is None
        else max(
            0,
            (day_of(now, cfg.zone, cfg.rollover) - day_of(card.last, cfg.zone, cfg.rollover)).days,
        )
    )
    before = card.memory
    outcome = {g: fsrs_step(before, elapsed, g) for g in (AGAIN, HARD, GOOD, EASY)}
    ivl = {g: fsrs_interval(outcome[g][0], cfg.retention) for g in outcome}
    fuzz = None if cfg.seed is None else random.Random(cfg.seed + str(card.reps)).random()
    card.memory, card.last, card.reps = outcome[grade], now, card.reps + 1

    def step_to(phase: str, index: int, delay: timedelta) -> tuple[str, datetime]:
        card.phase, card.step = phase, index
        return f"step {format_delay(delay)}", now + delay

    def review_in(days: int) -> tuple[str, datetime]:
        card.phase, card.step = "review", 0
        day = day_of(now, cfg.zone, cfg.rollover) + timedelta(days=days)
        return f"{days} day{'s' if days != 1 else ''}", day_start(day, cfg.zone, cfg.rollover)

    if card.phase == "review":
        if grade == AGAIN:
            if cfg.relearning:
                return step_to("relearning", 0, cfg.relearning[0])
            return review_in(fuzzed(ivl[AGAIN], 1, cfg.maximum, fuzz))
        hard = fuzzed(ivl[HARD], 1, cfg.maximum, fuzz)
        good = fuzzed(ivl[GOOD], hard + 1, cfg.maximum, fuzz)
        easy = fuzzed(ivl[EASY], good + 1, cfg.maximum, fuzz)
        return review_in({HARD: hard, GOOD: good, EASY: easy}[grade])

    steps = cfg.relearning if card.phase == "relearning" else cfg.learning
    phase = "relearning" if card.phase == "relearning" else "learning"
    index = min(card.step, len(steps) - 1)
    if steps and grade == AGAIN:
        return step_to(phase, 0, steps[0])
    if steps and grade == HARD:
        return step_to(phase, index, hard_step(steps, index))
    if steps and grade == GOOD and index + 1 < len(steps):
        return step_to(phase, index + 1, steps[index + 1])
    floor = 1
    if grade == EASY:
        floor = fuzzed(ivl[GOOD], 1, cfg.maximum, fuzz) + 1
    return review_in(fuzzed(max(rust_round(ivl[grade]), 1), floor, cfg.maximum, fuzz))


def settings_from(zone: tzinfo, config: dict[str, Any], seed: str | None) -> Settings:
    """Settings from SchedulerConfig's field names, as the golden table gives them."""
    names = {
        "learning_steps": "learning",
        "relearning_steps": "relearning",
        "desired_retention": "retention",
        "maximum_interval_days": "maximum",
        "rollover_hour": "rollover",
    }
    return Settings(zone=zone, seed=seed, **{names[key]: value for key, value in config.items()})


def shown(moment: datetime, zone: tzinfo) -> str:
    """A moment as the table writes it: local time with its UTC offset."""
    local = moment.astimezone(zone)
    text = local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")
    offset = local.strftime("%z")
    return f"{text}{offset[:3]}:{offset[3:]}"


def format_delay(delay: timedelta) -> str:
    seconds = int(delay.total_seconds())
    parts = []
    for size, unit in ((86400, "d"), (3600, "h"), (60, "m"), (1, "s")):
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(parts) or "0s"


def main() -> None:
    """Print every row of the golden table as these rules compute it, to check or extend it."""
    from golden_histories import HISTORIES

    for history in HISTORIES:
        print(history.name)
        settings, card = settings_from(history.zone, history.config, history.seed), Card()
        for when, grade, _, _ in history.answers:
            now = datetime.fromisoformat(when).astimezone(history.zone)
            interval, due = answer(card, GRADES[grade], now, settings)
            print(f"    ({when!r}, {grade!r}, {interval!r}, {shown(due, history.zone)!r}),")


if __name__ == "__main__":
    main()
