"""Planning for an exam date: the plan kept in the progress store, and the readiness forecast.

The plan lives in the settings table (exam_date, exam_decks as JSON, exam_target,
exam_per_day). `exam_per_day` is worked out when the exam date is set and kept: looking at the
plan again never changes it, so the daily load (`exam_load`) is known in advance. While the
exam is ahead, `queue.build_queue` serves the covered decks through the exam-aware queue.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from quizapp.core.decks.cache import deck_index
from quizapp.core.decks.model import Deck
from quizapp.core.planning.exam_queue import new_card_cost, new_for_day, new_share
from quizapp.core.planning.final_pass import final_start
from quizapp.core.planning.forecast import (
    EXACT_LIMIT,
    PRECISION,
    SECONDS_PER_ANSWER,
    PlannedDay,
    needed_per_day,
    simulate,
)
from quizapp.core.planning.readiness import Readiness, readiness
from quizapp.core.progress.plan_settings import (
    BROUGHT_KEY,
    DATE_KEY,
    DECKS_KEY,
    FINAL_DAYS_KEY,
    FORECAST_KEY,
    MINUTES_KEY,
    PER_DAY_KEY,
    SET_ON_KEY,
    TARGET_KEY,
    named_settings,
)
from quizapp.core.progress.rows import state_from_row
from quizapp.core.progress.store import Store
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.scheduler import CardState, Scheduler

if TYPE_CHECKING:
    from quizapp.core.planning.card_columns import Memories

DEFAULT_TARGET = 0.9
MAX_DAYS = 366  # the forecast simulates each day: a year ahead takes a few seconds
# Looking at a plan again, a forecast this close under the target is still on track (as is a
# load the search puts within its PRECISION): one simulated student's luck moves it that much
# from one day's real answers to the next.
ON_TRACK = 0.01


@dataclass(frozen=True)
class ExamPlan:
    """An exam date for some decks (all when `deck_ids` is empty)."""

    exam_day: date
    deck_ids: tuple[str, ...] = ()
    target: float = DEFAULT_TARGET  # the mean exam-day recall to reach
    per_day: int = 0  # answers a day the exam queue serves
    final_days: int | None = None  # the final pass's length (None: the default, 0: none)
    set_on: date | None = None  # the study day the date was set
    minutes: int | None = None  # a daily budget in minutes, if the student gave one
    name: str = ""  # a named exam's name (`named_exams`), "" for the unnamed plan
    forecast: float | None = None  # predicted exam-day recall when the date was set

    @property
    def final_start(self) -> date | None:
        """The final pass's first study day (`final_pass`), or None without one."""
        return final_start(self.exam_day, self.set_on, self.final_days)

    def covers(self, deck_id: str) -> bool:
        """Whether the exam covers a deck."""
        return not self.deck_ids or deck_id in self.deck_ids

    def active(self, today: date) -> bool:
        """Whether the exam is still ahead on this study day (study for it until the day before)."""
        return today < self.exam_day


def exam_day_problem(exam_day: date, today: date) -> str | None:
    """Why an exam day cannot be planned for from `today`, or None when it can."""
    if exam_day <= today:
        return f"the exam date must be after today ({today.isoformat()})"
    if (exam_day - today).days > MAX_DAYS:
        return f"the exam date must be within {MAX_DAYS} days of today"
    return None


def load_plan(
    store: Store, scheduler: Scheduler | None = None, now: datetime | None = None
) -> ExamPlan | None:
    """The exam plan the queue follows (None: no exam date, or a damaged setting): the
    unnamed plan, or with a moment the nearest exam still ahead among it and the named ones
    (`named_exams.nearest`)."""
    primary = _primary(store)
    if scheduler is None or now is None or not plan_named(store):
        return primary
    from quizapp.core.planning.named_exams import named_plans, nearest

    today = sd.study_day(now, scheduler.tz, scheduler.config.rollover_hour)
    return nearest([*([primary] if primary else []), *named_plans(store)], today)


def plan_named(store: Store) -> bool:
    """Whether any named exam is kept (one lookup)."""
    return bool(named_settings(store.conn))


def _primary(store: Store) -> ExamPlan | None:
    raw = store.setting(DATE_KEY)
    if not raw:
        return None
    try:
        decks = json.loads(store.setting(DECKS_KEY, "[]") or "[]")
        return ExamPlan(
            exam_day=date.fromisoformat(raw),
            deck_ids=tuple(str(deck) for deck in decks),
            target=float(store.setting(TARGET_KEY, str(DEFAULT_TARGET)) or DEFAULT_TARGET),
            per_day=int(store.setting(PER_DAY_KEY, "0") or 0),
            final_days=_number(store.setting(FINAL_DAYS_KEY, "")),
            set_on=_day(store.setting(SET_ON_KEY, "")),
            minutes=_number(store.setting(MINUTES_KEY, "")),
            forecast=_fraction(store.setting(FORECAST_KEY, "")),
        )
    except (ValueError, TypeError):
        return None


def save_plan(store: Store, plan: ExamPlan) -> None:
    """Keep the plan, in one transaction; the study queue follows it from the next session."""
    if plan.name:
        from quizapp.core.planning.named_exams import save_named

        save_named(store, plan)
        return
    with store.batch():
        store.set_setting(DECKS_KEY, json.dumps(list(plan.deck_ids)))
        store.set_setting(TARGET_KEY, repr(plan.target))
        store.set_setting(PER_DAY_KEY, str(plan.per_day))
        store.set_setting(FINAL_DAYS_KEY, "" if plan.final_days is None else str(plan.final_days))
        store.set_setting(SET_ON_KEY, "" if plan.set_on is None else plan.set_on.isoformat())
        store.set_setting(MINUTES_KEY, "" if plan.minutes is None else str(plan.minutes))
        store.set_setting(FORECAST_KEY, "" if plan.forecast is None else repr(plan.forecast))
        store.set_setting(DATE_KEY, plan.exam_day.isoformat())


def _number(raw: str | None) -> int | None:
    return int(raw) if raw else None


def _fraction(raw: str | None) -> float | None:
    return float(raw) if raw else None


def _day(raw: str | None) -> date | None:
    return date.fromisoformat(raw) if raw else None


def clear_plan(store: Store) -> None:
    """Forget the exam date: studying goes back to plain FSRS."""
    with store.batch():
        store.set_setting(DATE_KEY, "")
        store.set_setting(BROUGHT_KEY, "")


@dataclass(frozen=True)
class PlannedCards:
    """The cards an exam covers, in deck order, as columns: what each is (deck, id, kind,
    tags, from the decks' card indexes) and its state when the forecast was made (as the
    store's rows hold it: None for a new card's). No card or state is built for each card."""

    deck_ids: list[str]  # the decks, in order
    deck_of: list[int]  # each card's deck, as a place in deck_ids
    ids: list[str]
    kinds: list[str]
    tags: list[tuple[str, ...]]
    rows: list[tuple[Any, ...] | None]  # STATE_COLUMNS of each card, None for a new card
    _columns: dict[int, tuple[Scheduler, Memories]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __len__(self) -> int:
        return len(self.ids)

    def states(self) -> dict[tuple[str, str], CardState]:
        """Each card's state, keyed by (deck id, card id)."""
        return {
            (self.deck_ids[deck], card): CardState() if row is None else state_from_row(row)
            for deck, card, row in zip(self.deck_of, self.ids, self.rows, strict=True)
        }

    def memories(self, scheduler: Scheduler) -> Memories:
        """The states as columns in study days (`array_forecast.Memories`), worked out once
        for a scheduler (readiness and the forecast both read them, and neither changes them:
        the simulation works on a copy)."""
        from quizapp.core.planning.card_columns import memories

        kept = self._columns.get(id(scheduler))
        if kept is not None and kept[0] is scheduler:
            return kept[1]
        empty = (None,) * 8
        columns = list(zip(*(row or empty for row in self.rows), strict=True)) or [()] * 8
        phase, step, stability, difficulty, due, last, _, _ = columns
        roll = scheduler.config.rollover_hour
        made = memories(phase, step, stability, difficulty, due, last, scheduler.tz, roll)
        self._columns[id(scheduler)] = (scheduler, made)
        return made


def planned_cards(decks: Sequence[Deck], store: Store, plan: ExamPlan) -> PlannedCards:
    """The covered cards and their states (read here, on the thread that owns the store)."""
    cards = PlannedCards([], [], [], [], [], [])
    for deck in decks:
        if plan.covers(deck.id):
            index = deck_index(deck)
            rows = {row[0]: row[1:] for row in store.state_rows(deck.id)}
            cards.deck_of.extend([len(cards.deck_ids)] * len(index.ids))
            cards.deck_ids.append(deck.id)
            cards.ids.extend(index.ids)
            cards.kinds.extend(index.kinds)
            cards.tags.extend(index.tags)
            cards.rows.extend(rows.get(card_id) for card_id in index.ids)
    return cards


@dataclass(frozen=True)
class PlanReport:
    """Where the student stands for the exam, and the work a day that reaches the target."""

    exam_day: date
    today: date
    days_left: int  # study days before the exam, today included
    target: float
    decks: list[str]
    overall: Readiness
    by_deck: list[Readiness]
    by_kind: list[Readiness]
    by_tag: list[Readiness]
    new_cards: int
    per_day: int  # the plan's answers a day
    new_per_day: int  # new cards a day, spread evenly over the days left
    reachable: bool  # whether the forecast at `per_day` reaches the target
    forecast: float  # predicted mean recall on exam day at that rate
    calendar: list[PlannedDay]  # the days to the exam at that rate, as simulated
    answers: int = 0  # the answers of all those days
    needed: int | None = None  # answers a day that would reach the target, when `per_day` no
    # longer does but more would
    kept: bool = False  # the plan's load, kept since the exam date was set (not worked out now)
    seconds: float = SECONDS_PER_ANSWER  # the student's seconds per answer (`budget`)
    timed: bool = False  # whether `seconds` come from the student's log
    minutes: int | None = None  # the daily budget in minutes, if given
    minutes_needed: int | None = None  # minutes a day that would reach the target
    leave_out: list[str] = field(default_factory=list)  # "deck X", "tag Y": left out, would
    final_start: date | None = None  # the final pass's first day
    final_cards: int = 0  # cards the final pass still has to show
    final_per_day: int = 0  # its share a day
    due_after: list[str] = field(default_factory=list)  # "deck/card" due after the exam, weak

    def minutes_for(self, answers: int) -> float:
        """Minutes that many answers take at the student's pace."""
        return answers * self.seconds / 60

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form (`plan_words.report_dict`)."""
        from quizapp.core.planning.plan_words import report_dict

        return report_dict(self)


def plan_report(
    cards: PlannedCards,
    scheduler: Scheduler,
    now: datetime,
    plan: ExamPlan,
    *,
    replan: bool = True,
    answered: int = 0,
    introduced: int = 0,
    final_done: int = 0,
) -> PlanReport:
    """The readiness forecast and the daily load (pure: no store).

    Args:
        cards: The covered cards, from `planned_cards`.
        scheduler: The student's scheduler.
        now: The moment of the forecast.
        plan: The exam date, decks and target.
        replan: Work out the answers a day that reach the target (setting the exam date);
            else keep the plan's and forecast at that rate (looking at the plan again).
        answered: Answers given today in the exam's decks: today has only the rest.
        introduced: Cards first studied today: the day's share of new cards counts them.
        final_done: Cards first seen in the final pass today (`final_pass`).

    Returns:
        The report; the answers a day come from simulating the exam-aware queue.
    """
    today = sd.study_day(now, scheduler.tz, scheduler.config.rollover_hour)
    overall, by_deck, by_kind, by_tag = readiness(cards, scheduler, plan.exam_day, plan.target)
    # A large collection is simulated in arrays (`forecast.EXACT_LIMIT`).
    states: dict[tuple[str, str], CardState] | Memories = (
        cards.memories(scheduler) if len(cards) > EXACT_LIMIT else cards.states()
    )
    needed = None
    today_so_far: dict[str, Any] = {
        "answered": answered,
        "introduced": introduced,
        "final_start": plan.final_start,
        "final_done": final_done,
    }
    exam, target = plan.exam_day, plan.target
    start = plan.final_start
    before_pass = None if start is None else (start - today).days
    new_cards = sum(1 for row in cards.rows if row is None or row[2] is None)
    if replan:
        # Never under what learning the new cards before the final pass takes: the load
        # stays even, not left to the pass's days.
        least = 0
        if before_pass is not None and before_pass > 0:
            share = new_share(new_cards + introduced, plan_days(plan, today), before_pass)
            least = math.ceil(share * new_card_cost(scheduler))
        forecast, reachable = needed_per_day(
            states, scheduler, now, exam, target, least=least, **today_so_far
        )
    else:
        forecast = simulate(states, scheduler, now, exam, plan.per_day, **today_so_far)
        reachable = forecast.recall >= target - ON_TRACK
        if not reachable:  # behind the plan: say what would still reach the target
            more, possible = needed_per_day(states, scheduler, now, exam, target, **today_so_far)
            if possible and more.per_day <= plan.per_day * (1 + PRECISION):
                reachable = True  # as close as the search for a load ever comes: on track
            elif possible:
                needed = more.per_day
    days_left = max(0, (plan.exam_day - today).days)
    return PlanReport(
        exam_day=plan.exam_day,
        today=today,
        days_left=days_left,
        target=plan.target,
        decks=[cards.deck_ids[place] for place in sorted(set(cards.deck_of))],
        overall=overall,
        by_deck=by_deck,
        by_kind=by_kind,
        by_tag=by_tag,
        new_cards=new_cards,
        per_day=forecast.per_day,
        new_per_day=new_for_day(
            new_cards + introduced, days_left, forecast.per_day, scheduler, before_pass
        ),
        reachable=reachable,
        forecast=forecast.recall,
        calendar=list(forecast.days),
        answers=forecast.answers,
        needed=needed,
        kept=not replan,
    )


def plan_days(plan: ExamPlan, today: date) -> int:
    """Study days before the exam, today included."""
    return max(0, (plan.exam_day - today).days)
