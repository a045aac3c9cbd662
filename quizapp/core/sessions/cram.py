"""Cram sessions: every chosen card once, due or not, weakest first or shuffled.

Answers are scheduled as in a quiz (`QuizSession`): a card crammed on the day it was studied
gets FSRS-6's same-day update.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import datetime

from quizapp.core.clock import Clock
from quizapp.core.decks.model import Deck
from quizapp.core.progress.store import Store
from quizapp.core.questions.paper import cram_questions
from quizapp.core.questions.selection import Entry, select_entries
from quizapp.core.scheduling.scheduler import Scheduler
from quizapp.core.sessions.quiz import QuizSession
from quizapp.core.sessions.set_aside import on_offer


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

    `stop` is asked now and then while the questions are drawn (see `cram_questions`). Cards
    suspended or buried are left out.
    """
    entries = on_offer(select_entries(decks, kinds, tags), store, clock())
    rng = random.Random(seed)
    if weakest:
        entries = weakest_first(entries, store, scheduler, clock())
    else:
        rng.shuffle(entries)
    questions = cram_questions(entries, rng, pool=select_entries(decks), stop=stop)
    return QuizSession(questions, store, scheduler, clock, mode="cram")


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
