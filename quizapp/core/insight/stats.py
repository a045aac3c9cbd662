"""Statistics of a student's progress, counted in study days in the scheduler's timezone.

The review log is aggregated in SQL by quarter hour (every timezone offset is a whole number of
quarter hours, so a quarter hour never straddles a rollover) and only the buckets are turned
into study days here: no query loads the log itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta

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
    answer_quarters_before,
    answers_by_quarter,
    answers_since,
    due_before,
    repeats_by_quarter,
)
from quizapp.core.progress.store import Store
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
    recent = reviews_by_day(store, ids, scheduler, first, today)
    return Stats(
        today=today,
        decks=ids,
        reviews_by_day=recent,
        due_by_day=due_by_day(decks, store, scheduler, today),
        retention=retention_by_week(store, ids, scheduler, first, today),
        mastery=overall,
        mastery_by_kind=by_kind,
        mastery_by_tag=by_tag,
        hardest=hardest(decks, store),
        leeches=leech_cards(decks, store),
        streak=streak(store, ids, scheduler, today, recent),
        reviews_total=answers_since(store, ids),
    )


def _day(moment: datetime, scheduler: Scheduler) -> date:
    return sd.study_day(moment, scheduler.tz, scheduler.config.rollover_hour)


def _start(day: date, scheduler: Scheduler) -> datetime:
    return sd.start_of_study_day(day, scheduler.tz, scheduler.config.rollover_hour)


def _bucket_day(bucket: int, scheduler: Scheduler) -> date:
    return sd.quarter_day(bucket, scheduler.tz, scheduler.config.rollover_hour)


def reviews_by_day(
    store: Store, ids: Sequence[str], scheduler: Scheduler, first: date, last: date
) -> list[tuple[date, int]]:
    """Reviews (answers, not undone) per study day from `first` to `last`, zeros included."""
    counts: Counter[date] = Counter()
    if ids:
        for bucket, count in answers_by_quarter(store, ids, _start(first, scheduler)):
            counts[_bucket_day(bucket, scheduler)] += count
    days = (last - first).days + 1
    return [(d, counts[d]) for d in (first + timedelta(days=i) for i in range(days))]


def retention_by_week(
    store: Store, ids: Sequence[str], scheduler: Scheduler, first: date, last: date
) -> list[Retention]:
    """Pass rate per week of reviews of cards in review state.

    A review counts when the card's previous review was on an earlier study day: it tested
    memory across days, not a learning step of the same day. "Passed" is any grade but Again.
    """
    reviews: Counter[date] = Counter()
    passed: Counter[date] = Counter()
    if ids:
        since = _start(first, scheduler)
        for bucket, previous, ok, count in repeats_by_quarter(store, ids, since):
            day = _bucket_day(bucket, scheduler)
            if day > _bucket_day(previous, scheduler):
                week = day - timedelta(days=day.weekday())
                reviews[week] += count
                passed[week] += count if ok else 0
    weeks = ((last - first).days // 7) + 1
    mondays = [first + timedelta(weeks=i) for i in range(weeks)]
    return [Retention(monday, reviews[monday], passed[monday]) for monday in mondays]


def due_by_day(
    decks: Sequence[Deck], store: Store, scheduler: Scheduler, today: date
) -> list[tuple[date, int]]:
    """Cards falling due on each of the next 30 study days; overdue cards count on today."""
    horizon = today + timedelta(days=FORECAST_DAYS)
    counts: Counter[date] = Counter()
    for deck in decks:
        known = {card.id for card in deck.cards}
        for card_id, due in due_before(store, deck.id, _start(horizon, scheduler)):
            if card_id in known:
                moment = datetime.fromtimestamp(due / 1000, UTC)
                counts[max(today, _day(moment, scheduler))] += 1
    return [(d, counts[d]) for d in (today + timedelta(days=i) for i in range(FORECAST_DAYS))]


def streak(
    store: Store,
    ids: Sequence[str],
    scheduler: Scheduler,
    today: date,
    recent: Sequence[tuple[date, int]] = (),
) -> int:
    """Study days in a row with at least one review, ending today (or yesterday, if today has
    none yet: the streak is not broken until the day ends).

    `recent` (reviews_by_day up to today) answers for its days; the log before them is read
    only when the streak runs back past them.
    """
    if not ids:
        return 0
    days = {day for day, count in recent if count}
    earliest = min((day for day, _ in recent), default=today + timedelta(days=1))
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    if day >= earliest:
        return count  # the streak ended inside the days `recent` covers
    before = _start(min(earliest, today + timedelta(days=1)), scheduler)
    days |= {_bucket_day(b, scheduler) for b in answer_quarters_before(store, ids, before)}
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count
