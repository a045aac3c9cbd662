"""Which cards a study session serves: due cards first, then new ones up to a daily limit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from quizapp.core.decks.model import Card, Deck
from quizapp.core.progress.store import Store, to_ms
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler
from quizapp.core.scheduling.study_day import start_of_study_day, study_day

if TYPE_CHECKING:  # the exam modules load when a plan is used: home's start-up needs none
    from quizapp.core.planning.plan import ExamPlan

# A card answered Again this many times in a study day's sessions is set aside until the next
# study day: showing it again a minute later only loops (the leech rules build on this).
SET_ASIDE_AFTER = 4


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


def set_aside_ids(
    store: Store, deck_id: str, since: datetime, due_by: datetime | None = None
) -> set[str]:
    """The cards of a deck set aside for the day: SET_ASIDE_AFTER Again answers or more in
    study sessions since `since` (the start of the study day), undone answers left out.

    Args:
        store: The progress store.
        deck_id: The deck.
        since: The start of the study day.
        due_by: Only cards due by then (for due counts). A card set aside today is in a
            learning step due since the day began, after its start (reviews fall due at it):
            the due index finds those few, whatever the size of the deck.
    """
    due = "" if due_by is None else " AND c.retired = 0 AND c.due > ? AND c.due <= ?"
    rows = store.conn.execute(
        "SELECT c.card_id FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
        " JOIN reviews AS r ON r.card_key = c.key JOIN labels AS m ON m.key = r.mode"
        f" WHERE d.deck_id = ?{due} AND c.last_review >= ? AND r.reviewed_at >= ?"
        " AND r.rating = 1 AND m.text = 'study' AND r.id NOT IN (SELECT review_id FROM undos)"
        " GROUP BY c.key HAVING count(*) >= ?",
        (
            deck_id,
            *(() if due_by is None else (to_ms(since), to_ms(due_by))),
            to_ms(since),
            to_ms(since),
            SET_ASIDE_AFTER,
        ),
    )
    return {row[0] for row in rows}


def fails_since(store: Store, deck_id: str, card_id: str, since: datetime) -> int:
    """One card's Again answers in study sessions since a moment, undone ones left out
    (through the card's own index entries: answering stays fast in any collection)."""
    row = store.conn.execute(
        "SELECT count(*) FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
        " JOIN reviews AS r ON r.card_key = c.key JOIN labels AS m ON m.key = r.mode"
        " WHERE d.deck_id = ? AND c.card_id = ? AND r.reviewed_at >= ? AND r.rating = 1"
        " AND m.text = 'study' AND r.id NOT IN (SELECT review_id FROM undos)",
        (deck_id, card_id, to_ms(since)),
    ).fetchone()
    return int(row[0])


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
    within each deck's limit; cards set aside for the day (`set_aside_ids`) left out.

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
        exam, beyond = _exam_items(covered, store, scheduler, now, plan, today)
        decks = [d for d in decks if not plan.covers(d.id)]
    for deck in decks:
        states = store.states(deck.id)
        aside = set_aside_ids(store, deck.id, today)
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
    today: datetime,
) -> tuple[list[StudyItem], list[StudyItem]]:
    """The covered decks' cards the day's load chooses, and their other due cards."""
    from quizapp.core.planning.exam_load import day_load
    from quizapp.core.planning.exam_queue import choose, then_due

    load = day_load(plan, decks, store, scheduler, now)
    assert load is not None  # the plan is active
    items: dict[tuple[str, str], StudyItem] = {}
    for deck in decks:
        states = store.states(deck.id)
        aside = set_aside_ids(store, deck.id, today)
        for card in deck.cards:
            if card.id not in aside:
                items[(deck.id, card.id)] = StudyItem(deck, card, states.get(card.id, CardState()))
    # Today's answers and new cards in these decks, in any session, come out of the load.
    pairs = [(key, item.state) for key, item in items.items()]
    chosen = choose(pairs, scheduler, now, plan.exam_day, load.answers_left, load.new_left)
    served = then_due(pairs, chosen, now)
    return [items[key] for key in chosen], [items[key] for key in served[len(chosen) :]]
