"""Which cards a study session serves: due cards first, then new ones up to a daily limit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from quizapp.core.decks.model import Card, Deck
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler
from quizapp.core.scheduling.study_day import start_of_study_day, study_day

if TYPE_CHECKING:  # the exam modules load when a plan is used: home's start-up needs none
    from quizapp.core.planning.plan import ExamPlan


@dataclass(frozen=True)
class StudyItem:
    """A card with the deck it belongs to and its state when it was queued."""

    deck: Deck
    card: Card
    state: CardState


@dataclass(frozen=True)
class DeckCounts:
    """How many cards of a deck there are, never studied, and due now."""

    cards: int
    new: int
    due: int


def deck_counts(deck: Deck, states: dict[str, CardState], now: datetime) -> DeckCounts:
    """Counts for the home screen and `quizapp list`; cards no longer in the deck are ignored."""
    new = due = 0
    for card in deck.cards:
        state = states.get(card.id)
        if state is None or state.phase is Phase.NEW:
            new += 1
        elif state.due is not None and state.due <= now:
            due += 1
    return DeckCounts(cards=len(deck.cards), new=new, due=due)


def build_queue(
    decks: Sequence[Deck],
    store: Store,
    scheduler: Scheduler,
    now: datetime,
    new_per_day: int,
    plan: ExamPlan | None = None,
) -> list[StudyItem]:
    """Due cards (most overdue first), then new cards in deck order within each deck's limit
    (`build_queues`, in one list)."""
    first, then = build_queues(decks, store, scheduler, now, new_per_day, plan)
    return first + then


def build_queues(
    decks: Sequence[Deck],
    store: Store,
    scheduler: Scheduler,
    now: datetime,
    new_per_day: int,
    plan: ExamPlan | None = None,
) -> tuple[list[StudyItem], list[StudyItem]]:
    """A session's cards: due cards (most overdue first), then new cards in deck order
    within each deck's limit; cards suspended or buried (`Store.set_aside_now`) left out.

    While an exam plan is ahead, the decks it covers are served by the exam-aware queue
    instead (`exam_queue.choose`, within the day's load), ahead of the other decks.

    Returns:
        The cards to serve first, and then the due cards of the exam's decks that the day's
        load leaves out: a due card is always served, once the plan's cards are done.
    """
    due: list[StudyItem] = []
    new: list[StudyItem] = []
    day = study_day(now, scheduler.tz, scheduler.config.rollover_hour)
    today = start_of_study_day(day, scheduler.tz, scheduler.config.rollover_hour)
    exam: list[StudyItem] = []
    beyond: list[StudyItem] = []
    if plan is not None and plan.active(day):
        covered = [d for d in decks if plan.covers(d.id)]
        exam, beyond = _exam_items(covered, store, scheduler, now, plan)
        decks = [d for d in decks if not plan.covers(d.id)]
    for deck in decks:
        states = store.states(deck.id)
        aside = store.set_aside_now(deck.id, now)
        allowance = max(0, new_per_day - len(store.introduced_since(deck.id, today)))
        for card in deck.cards:
            state = states.get(card.id, CardState())
            if card.id in aside:
                continue
            if state.phase is Phase.NEW:
                if allowance > 0:
                    new.append(StudyItem(deck, card, state))
                    allowance -= 1
            elif state.due is not None and state.due <= now:
                due.append(StudyItem(deck, card, state))
    due.sort(key=lambda item: item.state.due or now)
    return exam + due + new, beyond


def _exam_items(
    decks: Sequence[Deck],
    store: Store,
    scheduler: Scheduler,
    now: datetime,
    plan: ExamPlan,
) -> tuple[list[StudyItem], list[StudyItem]]:
    """The covered decks' cards the day's load chooses, and their other due cards."""
    from quizapp.core.planning.exam_load import day_load
    from quizapp.core.planning.exam_queue import choose, then_due

    load = day_load(plan, decks, store, scheduler, now)
    assert load is not None  # the plan is active
    items: dict[tuple[str, str], StudyItem] = {}
    for deck in decks:
        states = store.states(deck.id)
        aside = store.set_aside_now(deck.id, now)
        for card in deck.cards:
            if card.id not in aside:
                items[(deck.id, card.id)] = StudyItem(deck, card, states.get(card.id, CardState()))
    # Today's answers and new cards in these decks, in any session, come out of the load.
    pairs = [(key, item.state) for key, item in items.items()]
    chosen = choose(pairs, scheduler, now, plan.exam_day, load.answers_left, load.new_left)
    served = then_due(pairs, chosen, now)
    return [items[key] for key in chosen], [items[key] for key in served[len(chosen) :]]
