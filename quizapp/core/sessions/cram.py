"""Cram sessions: every chosen card once, due or not, weakest first or shuffled.

Answers are scheduled as in a quiz (`QuizSession`): a card crammed on the day it was studied
gets FSRS-6's same-day update.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import chain
from typing import overload

from quizapp.core.clock import Clock
from quizapp.core.decks.cache import deck_index
from quizapp.core.decks.model import Deck, Kind
from quizapp.core.progress.store import Store
from quizapp.core.questions.paper import DrawStopped, cram_questions
from quizapp.core.questions.question import Question
from quizapp.core.questions.selection import Entry, select_entries
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.scheduler import Scheduler
from quizapp.core.sessions.quiz import QuizSession


def cram_session(
    decks: Sequence[Deck],
    store: Store,
    scheduler: Scheduler,
    clock: Clock,
    *,
    kinds: Sequence[str] = (),
    tags: Sequence[str] = (),
    weakest: bool = False,
    seed: int | None = None,
    stop: Callable[[], bool] | None = None,
) -> QuizSession:
    """Every chosen card once, due or not: weakest first, or shuffled.

    The cards are chosen and ordered from the decks' card indexes and the store's rows; each
    question is drawn when the session comes to it (`CramQuestions`), so the first shows at
    once in any collection. Cards suspended or buried are left out. `stop` is asked before the
    order is worked out and after: when it answers True, DrawStopped is raised.
    """
    if stop is not None and stop():
        raise DrawStopped
    aside = {deck.id: store.set_aside_now(deck.id, clock()) for deck in decks}
    chosen = chosen_cards(decks, kinds, tags, aside)
    rng = random.Random(seed)
    if weakest:
        chosen = weakest_cards(chosen, decks, store, scheduler, clock())
    else:
        rng.shuffle(chosen)
    if stop is not None and stop():
        raise DrawStopped
    return QuizSession(CramQuestions(decks, chosen, rng), store, scheduler, clock, mode="cram")


Place = tuple[int, int]  # (the deck's place among the decks, the card's place in its deck)


def chosen_cards(
    decks: Sequence[Deck],
    kinds: Sequence[str],
    tags: Sequence[str],
    aside: dict[str, set[str]] | None = None,
) -> list[Place]:
    """The cards of these decks `select_entries` would choose, found in the card indexes,
    but those set aside (deck id: card ids).

    Raises:
        ValueError: A kind is not one of the card kinds.
    """
    wanted_kinds = {str(Kind(kind)) for kind in kinds} if kinds else None
    wanted_tags = {tag.casefold() for tag in tags}
    chosen: list[Place] = []
    for place, deck in enumerate(decks):
        index = deck_index(deck)
        deck_tags = {tag.casefold() for tag in deck.tags}
        resting = (aside or {}).get(deck.id, set())
        if wanted_kinds is None and not wanted_tags:  # every card but those set aside
            chosen += [(place, n) for n, card_id in enumerate(index.ids) if card_id not in resting]
            continue
        columns = zip(index.ids, index.kinds, index.tags, strict=True)
        for number, (card_id, kind, card_tags) in enumerate(columns):
            if card_id in resting:
                continue
            if wanted_kinds is not None and kind not in wanted_kinds:
                continue
            if wanted_tags and not wanted_tags & ({t.casefold() for t in card_tags} | deck_tags):
                continue
            chosen.append((place, number))
    return chosen


def weakest_cards(
    chosen: list[Place], decks: Sequence[Deck], store: Store, scheduler: Scheduler, now: datetime
) -> list[Place]:
    """The cards in `weakest_first`'s order, from the store's rows: no state is built, the
    recalls are worked out and the cards ordered in arrays."""
    import numpy as np

    from quizapp.core.planning.array_forecast import Model
    from quizapp.core.planning.card_columns import day_numbers

    wanted = {place for place, _ in chosen}
    sizes = [len(deck_index(deck).ids) if p in wanted else 0 for p, deck in enumerate(decks)]
    offsets = np.concatenate(([0], np.cumsum(sizes)))
    lapses = np.zeros(int(offsets[-1]))
    stability = np.full(len(lapses), np.nan)
    last = np.full(len(lapses), np.nan)
    for place, deck in enumerate(decks):
        rows = store.weakness_rows(deck.id) if place in wanted else []
        if rows:
            numbers = {card_id: n for n, card_id in enumerate(deck_index(deck).ids)}
            ids, s, last_ms, lapsed = zip(*rows, strict=True)
            at = np.fromiter((numbers.get(i, -1) for i in ids), dtype=np.int64, count=len(ids))
            found = at >= 0  # else no longer in the deck's file
            at = at[found] + offsets[place]
            lapses[at] = np.array(lapsed, dtype=float)[found]
            stability[at] = np.array(s, dtype=float)[found]  # None: nan
            last[at] = np.array(last_ms, dtype=float)[found]
    tz, roll = scheduler.tz, scheduler.config.rollover_hour
    today = sd.day_number(sd.study_day(now, tz, roll))
    elapsed = np.maximum(0, today - day_numbers(last, tz, roll))
    recall = np.nan_to_num(Model(scheduler.config.parameters).recall(elapsed, stability))
    pairs = chain.from_iterable(chosen)
    cards = np.fromiter(pairs, dtype=np.int64, count=2 * len(chosen)).reshape(-1, 2)
    flat = offsets[cards[:, 0]] + cards[:, 1]
    order = np.lexsort((np.arange(len(chosen)), recall[flat], -lapses[flat]))
    return list(map(chosen.__getitem__, order.tolist()))


class CramQuestions(Sequence[Question]):
    """A cram's questions, drawn as the session comes to them: a card in its own type's format
    if it can be (`cram_questions`), wrong options borrowed from its own deck. Its length is
    the questions drawn and the cards left (a card no format fits is left out when reached)."""

    def __init__(self, decks: Sequence[Deck], order: list[Place], rng: random.Random) -> None:
        self._decks = list(decks)
        self._order = order
        self._next = 0
        self._rng = rng
        self._drawn: list[Question] = []
        self._pools: dict[int, list[Entry]] = {}

    def _draw(self, upto: int) -> None:
        while len(self._drawn) <= upto and self._next < len(self._order):
            place, number = self._order[self._next]
            self._next += 1
            pool = self._pools.get(place)
            if pool is None:
                pool = self._pools[place] = select_entries([self._decks[place]])
            self._drawn += cram_questions([pool[number]], self._rng, pool)

    def __len__(self) -> int:
        self._draw(len(self._drawn))  # one ahead: a card with no question is found out early
        return len(self._drawn) + len(self._order) - self._next

    @overload
    def __getitem__(self, index: int) -> Question: ...
    @overload
    def __getitem__(self, index: slice) -> list[Question]: ...
    def __getitem__(self, index: int | slice) -> Question | list[Question]:
        if isinstance(index, slice) or index < 0:
            self._draw(len(self._order))
            return self._drawn[index]
        self._draw(index)
        return self._drawn[index]


def weakest_first(
    entries: Sequence[Entry], store: Store, scheduler: Scheduler, now: datetime
) -> list[Entry]:
    """Order cards weakest first: most lapses, then lowest probability of recall now.

    A card never studied has a recall probability of 0, so it comes after the cards that
    lapsed but before the ones remembered; ties keep deck order.
    """
    states = {
        deck.id: store.states(deck.id) for deck in {e.deck.id: e.deck for e in entries}.values()
    }

    def weakness(entry: Entry) -> tuple[int, float]:
        state = states[entry.deck.id].get(entry.card.id)
        if state is None:
            return 0, 0.0
        return -state.lapses, scheduler.retrievability(state, now)

    return sorted(entries, key=weakness)
