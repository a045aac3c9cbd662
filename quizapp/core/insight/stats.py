"""Statistics of a student's progress, counted in study days in the scheduler's timezone.

The review log is counted in SQL by study day (`log_stats.day_expression`), with the facts each
review keeps (`review_facts`): one pass over the log gives the reviews per day, the retention
and the streak, and no query hands the log itself to Python.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from quizapp.core.decks.cache import deck_fingerprint, deck_index
from quizapp.core.decks.model import Deck
from quizapp.core.insight.mastery import (
    MASTERED_RULE,
    HardCard,
    LeechCard,
    Mastery,
    hardest,
    leech_cards,
    mastery,
)
from quizapp.core.progress.log_stats import (
    answers_by_day,
    due_before,
    due_by_day_number,
    in_decks,
    log_range,
)
from quizapp.core.progress.review_days import read_days
from quizapp.core.progress.store import Store, to_ms
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.scheduler import Scheduler

WEEKS = 12
FORECAST_DAYS = 30


@dataclass(frozen=True)
class Retention:
    """True retention in a week: the pass rate of reviews of cards in review state."""

    week: date  # the Monday the week starts
    reviews: int
    passed: int

    @property
    def rate(self) -> float | None:
        return self.passed / self.reviews if self.reviews else None


@dataclass(frozen=True)
class Stats:
    """Everything the statistics screen and `quizapp stats` show."""

    today: date
    decks: list[str]
    reviews_by_day: list[tuple[date, int]]  # the last 12 calendar weeks, Monday first, to today
    due_by_day: list[tuple[date, int]]  # today (with overdue cards) and the next 29 days
    retention: list[Retention]  # the same 12 weeks
    mastery: Mastery
    mastery_by_kind: list[Mastery]
    mastery_by_tag: list[Mastery]
    hardest: list[HardCard]
    leeches: list[LeechCard]  # marked as leeches: forgotten again and again
    streak: int  # study days in a row with a review, up to today (or yesterday)
    reviews_total: int

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form: dates as ISO strings."""
        return {
            "today": self.today.isoformat(),
            "decks": self.decks,
            "streak": self.streak,
            "reviews_total": self.reviews_total,
            "reviews_by_day": [
                {"day": d.isoformat(), "reviews": n} for d, n in self.reviews_by_day
            ],
            "due_by_day": [{"day": d.isoformat(), "due": n} for d, n in self.due_by_day],
            "retention_by_week": [
                {
                    "week": r.week.isoformat(),
                    "reviews": r.reviews,
                    "passed": r.passed,
                    "rate": r.rate,
                }
                for r in self.retention
            ],
            "mastery": self.mastery.to_dict(),
            "mastery_rule": MASTERED_RULE,
            "mastery_by_kind": [m.to_dict() for m in self.mastery_by_kind],
            "mastery_by_tag": [m.to_dict() for m in self.mastery_by_tag],
            "hardest": [asdict(card) for card in self.hardest],
            "leeches": [asdict(card) for card in self.leeches],
        }


def collect(decks: Sequence[Deck], store: Store, scheduler: Scheduler, now: datetime) -> Stats:
    """Gather the statistics of some decks at a moment.

    Args:
        decks: The decks to count (reviews of other decks are left out).
        store: The progress store.
        scheduler: Its timezone and rollover hour define study days; it judges recall.
        now: The moment; "today" is its study day.

    Returns:
        The figures, each over the decks given.
    """
    ids = [deck.id for deck in decks]
    today = _day(now, scheduler)
    first = today - timedelta(days=today.weekday() + 7 * (WEEKS - 1))
    overall, by_kind, by_tag = mastery(decks, store, scheduler, now)
    days = log_days(store, ids, scheduler, now)
    recent = reviews_by_day(days, first, today)
    return Stats(
        today=today,
        decks=ids,
        reviews_by_day=recent,
        due_by_day=due_by_day(decks, store, scheduler, today),
        retention=retention_by_week(days, first, today),
        mastery=overall,
        mastery_by_kind=by_kind,
        mastery_by_tag=by_tag,
        hardest=hardest(decks, store),
        leeches=leech_cards(decks, store),
        streak=streak(days, today),
        reviews_total=sum(day.answers for day in days.values()),
    )


class LogDay(NamedTuple):  # a tuple: a long log has tens of thousands of days
    """One study day's answers: all, repeats (the card's previous answer on an earlier study
    day: reviews that tested memory across days) and repeats passed (any grade but Again)."""

    answers: int
    repeats: int
    passed: int


def log_days(
    store: Store, ids: Sequence[str], scheduler: Scheduler, now: datetime
) -> dict[date, LogDay]:
    """Every study day with answers in these decks, and its counts (one pass over the log)."""
    if not ids:
        return {}
    tz, roll = scheduler.tz, scheduler.config.rollover_hour
    kept = read_days(store.conn, tz, roll) if in_decks(store, ids)[0] == "1" else None
    if kept is not None:  # every deck: the counts kept a day
        return {sd.day_from_number(n): LogDay(a, r, p) for n, a, r, p in kept}
    found = log_range(store, ids)
    if found is None:
        return {}
    start, end = found
    spans = sd.offset_spans(scheduler.tz, scheduler.config.rollover_hour, start, end)
    return {
        sd.day_from_number(number): LogDay(answers, repeats, passed)
        for number, answers, repeats, passed in answers_by_day(store, ids, spans)
    }


def _day(moment: datetime, scheduler: Scheduler) -> date:
    return sd.study_day(moment, scheduler.tz, scheduler.config.rollover_hour)


def _start(day: date, scheduler: Scheduler) -> datetime:
    return sd.start_of_study_day(day, scheduler.tz, scheduler.config.rollover_hour)


def reviews_by_day(days: dict[date, LogDay], first: date, last: date) -> list[tuple[date, int]]:
    """Reviews (answers, not undone) per study day from `first` to `last`, zeros included."""
    count = (last - first).days + 1
    every = (first + timedelta(days=i) for i in range(count))
    return [(d, days[d].answers if d in days else 0) for d in every]


def retention_by_week(days: dict[date, LogDay], first: date, last: date) -> list[Retention]:
    """Pass rate per week of reviews of cards in review state.

    A review counts when the card's previous review was on an earlier study day: it tested
    memory across days, not a learning step of the same day. "Passed" is any grade but Again.
    """
    reviews: Counter[date] = Counter()
    passed: Counter[date] = Counter()
    for day, counts in days.items():
        if first <= day <= last:
            week = day - timedelta(days=day.weekday())
            reviews[week] += counts.repeats
            passed[week] += counts.passed
    weeks = ((last - first).days // 7) + 1
    mondays = [first + timedelta(weeks=i) for i in range(weeks)]
    return [Retention(monday, reviews[monday], passed[monday]) for monday in mondays]


def due_by_day(
    decks: Sequence[Deck], store: Store, scheduler: Scheduler, today: date
) -> list[tuple[date, int]]:
    """Cards falling due on each of the next 30 study days; overdue cards count on today.

    Only the decks' own cards count: counted in SQL for decks the store was checked against
    (`check_deck`: its retired marks are true), card by card for any other deck.
    """
    counts: Counter[date] = Counter()
    start = _start(today, scheduler)
    horizon = _start(today + timedelta(days=FORECAST_DAYS), scheduler)
    checked = store.checked({deck.id: deck_fingerprint(deck) for deck in decks})
    if checked:
        roll = scheduler.config.rollover_hour
        spans = sd.offset_spans(scheduler.tz, roll, to_ms(start), to_ms(horizon))
        for number, cards in due_by_day_number(store, sorted(checked), spans, horizon):
            counts[max(today, sd.day_from_number(number))] += cards
    for deck in decks:
        if deck.id not in checked:
            known = set(deck_index(deck).ids)
            for card_id, due in due_before(store, deck.id, horizon):
                if card_id in known:
                    moment = datetime.fromtimestamp(due / 1000, UTC)
                    counts[max(today, _day(moment, scheduler))] += 1
    return [(d, counts[d]) for d in (today + timedelta(days=i) for i in range(FORECAST_DAYS))]


def streak(days: dict[date, LogDay], today: date) -> int:
    """Study days in a row with at least one review, ending today (or yesterday, if today has
    none yet: the streak is not broken until the day ends)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count
