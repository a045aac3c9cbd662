"""The exam-aware queue: today's share of new cards, then the reviews that raise predicted
exam-day recall most per answer.

With an exam date set, a review is worth giving today for what it adds to the chance of
recalling the card on exam day (FSRS-6 retrievability projected to that day), not for being
due:

- a review adds the difference between the exam-day recall after it (pass or lapse, weighted by
  the chance of each) and without it, which grows as the exam nears, so every weak card gets a
  last review shortly before the exam, whenever FSRS would next have shown it;
- cards already safe for the exam add little and wait.

New cards come at an even share of those left each day (`new_share`): learnt on the eve they
would add as much exam-day recall, but the load has to be one a student can keep day after
day, known in advance. The rest of the day's answers go to the best reviews; due cards the
day's answers do not reach are served after them (`then_due`). The app (`queue.build_queue`)
and the simulation (`exam_forecast`, bench/exam_simulation.py) both call `choose`.
"""

from __future__ import annotations

from collections.abc import Container, Hashable, Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple, TypeVar

from fsrs_rs_python import FSRS, MemoryState

from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.fsrs_memory import forgetting_curve
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler

K = TypeVar("K", bound=Hashable)
# A new card's first answer is Again about a quarter of the time, and a step is failed too
# now and then (FSRS's simulator's grades, as the simulated student gives them): with two
# steps, 2.6 answers a card on average, not one a step.
NEW_CARD_EXTRA = 0.6
# New cards are spread over the days left but these last ones (at most half the days left),
# kept for reviews: a card learnt on the eve is fragile, and one learnt a few days earlier
# gets the review that steadies it.
REVIEW_DAYS = 5


def new_share(new_cards: int, days_left: int, before_pass: int | None = None) -> int:
    """Today's share of the new cards when they are spread evenly until the exam.

    Args:
        new_cards: New cards the exam covers at the start of today (those learnt today too).
        days_left: Study days before the exam, today included.
        before_pass: Study days before the final pass (`final_pass`), today included, when
            the plan has one: the new cards are spread over those instead.

    Returns:
        The cards over the days they are spread on, rounded up: all days but the last
        REVIEW_DAYS, or the first half of the days left when fewer than twice as many are
        left. A student who keeps to it gets about the same share each day; one who missed
        days gets the cards left spread over the days still left.
    """
    if new_cards <= 0:
        return 0
    days = max(-(-days_left // 2), days_left - REVIEW_DAYS, 1)
    if before_pass is not None:
        days = max(1, before_pass)
    return -(-new_cards // days)


def exam_recall(scheduler: Scheduler, state: CardState, exam_day: date) -> float:
    """The predicted chance of recalling a card on exam day with no further review (new: 0)."""
    cfg = scheduler.config
    return scheduler.retrievability(
        state, sd.start_of_study_day(exam_day, scheduler.tz, cfg.rollover_hour)
    )


def new_for_day(
    new_cards: int,
    days_left: int,
    per_day: int,
    scheduler: Scheduler,
    before_pass: int | None = None,
) -> int:
    """The new cards a day's load plans: its share (`new_share`), as many as its answers fit."""
    share = new_share(new_cards, days_left, before_pass)
    return min(share, int(per_day // new_card_cost(scheduler)))


def new_card_cost(scheduler: Scheduler) -> float:
    """Expected answers to learn a new card: one per learning step, plus the odd Again."""
    return max(1, len(scheduler.config.learning_steps)) + NEW_CARD_EXTRA


def committed(
    states: Iterable[CardState], scheduler: Scheduler, now: datetime, exam_day: date
) -> float:
    """The answers a day already owes, as `choose` counts them before new cards: steps due
    now, steps still owed later today, and the reviews due now at their expected cost."""
    judge = _Judge(scheduler, now, exam_day)
    total = 0.0
    for state in states:
        if state.phase in (Phase.LEARNING, Phase.RELEARNING) and state.due is not None:
            if state.due <= now:
                total += 1
            elif state.due < judge.end:
                total += max(1, judge.steps[state.phase is Phase.RELEARNING] - state.step)
        elif state.phase is Phase.REVIEW and state.due is not None and state.due <= now:
            review = judge.review(state)
            total += 0 if review is None else review.cost
    return total


def review_gain(
    scheduler: Scheduler, state: CardState, now: datetime, exam_day: date
) -> tuple[float, float]:
    """What reviewing a card now adds to its exam-day recall, and the answers it costs.

    Args:
        scheduler: Its parameters model memory; its steps give the cost of a lapse.
        state: A card in review phase, last reviewed on an earlier study day.
        now: The moment of the review.
        exam_day: The study day of the exam.

    Returns:
        (expected exam-day recall after the review - recall without it, expected answers):
        a pass or a lapse (relearnt the same day), weighted by the recall probability now.
    """
    judge = _Judge(scheduler, now, exam_day)
    review = judge.review(state)
    assert review is not None
    return judge.gain(review), review.cost


class _Review(NamedTuple):
    memory: MemoryState
    elapsed: int  # study days since the last review
    recall: float  # the chance of passing now
    exam: float  # exam-day recall without this review
    cost: float


class _Judge:
    """What one day's choice needs, worked out once (study days are dear to compute)."""

    def __init__(self, scheduler: Scheduler, now: datetime, exam_day: date) -> None:
        cfg = scheduler.config
        self.parameters = cfg.parameters
        self.retention = cfg.desired_retention
        self.relearning = len(cfg.relearning_steps)
        self.tz, self.roll = scheduler.tz, cfg.rollover_hour
        self.today = sd.study_day(now, self.tz, self.roll)
        self.start = sd.start_of_study_day(self.today, self.tz, self.roll)
        self.end = sd.start_of_study_day(self.today + timedelta(days=1), self.tz, self.roll)
        self.steps = (len(cfg.learning_steps), len(cfg.relearning_steps))
        self.exam_day = exam_day
        self.left = (exam_day - self.today).days
        self.model = _fsrs(tuple(cfg.parameters))

    def review(self, state: CardState) -> _Review | None:
        """The figures of a card in review phase not yet reviewed today, else None."""
        if state.stability is None or state.difficulty is None or state.last_review is None:
            return None
        if state.last_review >= self.start:
            return None
        last = _study_day(state.last_review, self.tz, self.roll)
        elapsed = (self.today - last).days
        recall = forgetting_curve(self.parameters, elapsed, state.stability)
        exam = forgetting_curve(self.parameters, (self.exam_day - last).days, state.stability)
        cost = 1 + (1 - recall) * self.relearning
        return _Review(MemoryState(state.stability, state.difficulty), elapsed, recall, exam, cost)

    def gain(self, review: _Review) -> float:
        """Expected exam-day recall after the review, less the recall without it."""
        outcomes = self.model.next_states(review.memory, self.retention, review.elapsed)
        lapsed = outcomes.again.memory
        for _ in range(self.relearning):  # relearnt the same day
            lapsed = self.model.next_states(lapsed, self.retention, 0).good.memory
        passed = forgetting_curve(self.parameters, self.left, outcomes.good.memory.stability)
        failed = forgetting_curve(self.parameters, self.left, lapsed.stability)
        return review.recall * passed + (1 - review.recall) * failed - review.exam


# A card's last review is looked up every day it waits: remember its study day.
_study_day = lru_cache(maxsize=65536)(sd.study_day)


@lru_cache(maxsize=8)
def _fsrs(parameters: tuple[float, ...]) -> FSRS:
    return FSRS(list(parameters))


def choose(
    cards: Iterable[tuple[K, CardState]],
    scheduler: Scheduler,
    now: datetime,
    exam_day: date,
    budget: float,
    new_cards: int | None = None,
    unseen: Container[K] | None = None,
    final_left: int = 0,
) -> list[K]:
    """Pick today's cards for an exam: learning steps that are up, today's new cards, then
    the best gains.

    Args:
        cards: Every card the exam covers, with its state, in deck order.
        scheduler: The student's scheduler.
        now: The moment the session starts.
        exam_day: The study day of the exam; nothing is chosen on or after it.
        budget: The answers left for today (learning steps count).
        new_cards: The new cards left in today's share (None: as many as the budget allows).
        unseen: In the final pass (`final_pass`), the cards it has not seen yet: they come
            only in its share, new cards first, then the most overdue; all new cards are
            among them.
        final_left: The cards left in today's share of the final pass.

    Returns:
        The keys to serve, in order: learning and relearning cards due now (always); the
        share's new cards in deck order; reviews by falling gain per expected answer; then, if
        room is left, more new cards (learnt ahead, they lower the shares of the days after).
        Only what fits the budget in expected answers is chosen, steps and due reviews apart;
        the steps still owed today by cards in learning not yet due (a session earlier in the
        day) and the reviews due now (served anyway, `then_due`) keep their room in it. In
        the final pass, today's share of it comes after the steps, whatever the budget (the
        day's load holds it), and takes its room first.
    """
    judge = _Judge(scheduler, now, exam_day)
    if judge.left <= 0:
        return []
    cards = list(cards)
    steps: list[tuple[datetime, K]] = []
    fresh: list[K] = []  # new cards, in deck order
    ranked: list[tuple[float, float, int, K]] = []  # (value, cost, deck order, key)
    pending: list[tuple[float, int, K, _Review]] = []  # (value at most, deck order, key, ...)
    owed = 0  # answers to cards in learning that fall due later today
    due: set[K] = set()  # reviews due now: served today whatever the plan, so budgeted first
    due_cost = 0.0
    for order, (key, state) in enumerate(cards):
        if state.phase in (Phase.LEARNING, Phase.RELEARNING):
            if state.due is not None and state.due <= now:
                steps.append((state.due, key))
            elif state.due is not None and state.due < judge.end:
                count = judge.steps[state.phase is Phase.RELEARNING]
                owed += max(1, count - state.step)
        elif unseen is not None and key in unseen:
            continue  # the final pass's (below)
        elif state.phase is Phase.NEW or state.stability is None:
            fresh.append(key)
        else:
            review = judge.review(state)
            if review is not None:  # a review can at best bring exam-day recall to 1
                pending.append(((1 - review.exam) / review.cost, order, key, review))
                if state.due is not None and state.due <= now:
                    due.add(key)
                    due_cost += review.cost
    steps.sort(key=lambda step: step[0])
    chosen = [key for _, key in steps]
    # Cards still in their steps that the pass has not seen are seen today anyway: they count
    # in today's share, so the pass's first day holds no more than the others.
    stepping = 0 if unseen is None else sum(1 for _, key in steps if key in unseen)
    final = (
        [] if unseen is None else pass_order(cards, unseen, now)[: max(0, final_left - stepping)]
    )
    chosen += final
    budget -= len(final)
    new_cost = new_card_cost(scheduler)
    share = len(fresh) if new_cards is None else min(len(fresh), max(0, new_cards))
    # The share's new cards next, in what the due reviews leave: fitting them in is the plan,
    # but after days away the due reviews fill the day and the new cards wait.
    learnt = min(share, max(0, int((budget - len(steps) - owed - due_cost) // new_cost)))
    chosen += fresh[:learnt]
    room = budget - len(steps) - owed - learnt * new_cost
    # Exact gains cost two FSRS calls each: work them out best bound first, and stop once no
    # bound left can reach the value of what already fills the day.
    pending.sort(key=lambda item: -item[0])
    for start in range(0, len(pending), 32):
        if pending[start][0] < _threshold(ranked, room):
            break
        for _, order, key, review in pending[start : start + 32]:
            gain = judge.gain(review)
            if gain > 0:
                ranked.append((gain / review.cost, review.cost, order, key))
    ranked.sort(key=lambda item: (-item[0], item[2]))
    for _, cost, _, key in ranked:  # reviews ahead only in the room the due ones leave
        if key in due and cost <= room:
            due_cost -= cost
        elif key in due or cost > room - due_cost:
            continue
        chosen.append(key)
        room -= cost
    chosen += fresh[learnt:][: max(0, int((room - due_cost) // new_cost))]
    return chosen


def then_due(cards: Iterable[tuple[K, CardState]], chosen: list[K], now: datetime) -> list[K]:
    """The cards chosen, then every other card due now, most overdue first.

    Due cards are always served: a plan says what today's answers are best spent on first,
    never that a due card must wait while the student is there to answer it; in the final
    pass, a due card past the day's share is seen a day ahead of its share (the new cards
    take the share first, `pass_order`).
    """
    picked = set(chosen)
    due = [(s.due, key) for key, s in cards if s.due is not None and s.due <= now]
    due.sort(key=lambda item: item[0])
    return chosen + [key for _, key in due if key not in picked]


def pass_order(
    cards: Iterable[tuple[K, CardState]], unseen: Container[K], now: datetime | None = None
) -> list[K]:
    """The final pass's cards not seen yet, in the order it shows them: new cards first (in
    deck order: they need the days left most, and the day's load counts them, steps and
    all), then the reviews due by `now`, most overdue first, then the rest by due day.

    The reviews due past the day's share are served after it (`queue.build_queues`): a due
    card is never kept for a later day of the pass, nor does it take a new card's place."""
    waiting: list[tuple[bool, bool, float, int, K]] = []
    for order, (key, state) in enumerate(cards):
        if key in unseen and state.phase not in (Phase.LEARNING, Phase.RELEARNING):
            studied = state.phase is not Phase.NEW and state.stability is not None
            due = state.due.timestamp() if studied and state.due is not None else 0.0
            late = studied and now is not None and state.due is not None and state.due <= now
            waiting.append((studied, not late, due, order, key))
    waiting.sort()
    return [key for *_, key in waiting]


def _threshold(ranked: list[tuple[float, float, int, K]], room: float) -> float:
    """The value of the last card that fits the room, best first (0 if all fit)."""
    for value, cost, _, _ in sorted(ranked, key=lambda item: -item[0]):
        room -= cost
        if room < 0:
            return value
    return 0.0
