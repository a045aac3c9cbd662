"""Leeches: cards forgotten again and again, found with their memory (FSRS) in view.

A lapse is an Again answer to a card already seen (not its first answer). When a study answer
lapses a card, the card is checked:

1. Its lapses are counted over its recent history: since it last held a mature memory, one
   whose stability (the days until recall falls to 90%) was MATURE_DAYS (21) or more before a
   review. A lapse of a card that had such a memory starts the count afresh and is not counted
   itself: a card known for weeks that slips once is not punished.
2. When that count reaches the `leech-lapses` setting (8 unless changed), the card is a leech,
   unless its memory has grown since its earlier lapses: if the stability it had just before
   this lapse is above the stability it had before each earlier lapse counted, every failure
   came after a longer hold than the last, and FSRS is getting it there.
3. A leech is marked as one and, by the `leech-action` setting, flagged red (`tag`, the
   default; a card the student flagged keeps its flag) or suspended (`suspend`). It stays a
   leech until the student clears the mark, and is not checked again meanwhile.

Answers in quizzes, exams and cram sessions count among a card's lapses; the check runs on
study answers, where the student is told at once what to do with the card.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from quizapp.core.progress.marks import MarkKind
from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.progress.store import Review, Store
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler
from quizapp.core.settings.study_settings import settings_for

MATURE_DAYS = 21.0
LEECH_FLAG = 1  # red
LEECH_RULE = (
    "cards forgotten leech-lapses times (8 unless changed) since they last held a memory of"
    " 21 days or more, and not each time after a longer hold"
)


@dataclass(frozen=True)
class Lapse:
    """An Again answer to a card already seen."""

    at: datetime
    held: float  # the memory that failed: its stability just before, in days


@dataclass(frozen=True)
class Leech:
    """A card just found to be a leech, and what was done with it."""

    lapses: int  # in its recent history
    action: str  # "tag" or "suspend"
    flagged: bool = True  # flagged red (a card the student had flagged keeps its flag)

    def words(self) -> str:
        """What the student is told, with what to do."""
        done = (
            "it is now marked as a leech and suspended: it is in no session until you unsuspend it"
            if self.action == "suspend"
            else "it is now marked as a leech and flagged red"
            if self.flagged
            else "it is now marked as a leech (its flag kept)"
        )
        return (
            f"You have forgotten this card {self.lapses} times lately: {done}. A card like"
            " this rarely sticks as it is. Edit it (a clearer question, a shorter answer),"
            " split it into smaller cards, or add a mnemonic to its explanation."
        )


def recent_lapses(scheduler: Scheduler, reviews: Iterable[Review]) -> list[Lapse]:
    """The lapses of a card's recent history: since it last held a mature memory (rule 1)."""
    state = CardState()
    lapses: list[Lapse] = []
    for review in reviews:
        held = state.stability or 0.0
        if held >= MATURE_DAYS:
            lapses = []  # a lasting memory: the failures before it are past
        elif review.rating == Rating.AGAIN and state.phase is not Phase.NEW:
            lapses.append(Lapse(review.reviewed_at, held))
        seed = fuzz_seed(review.deck_id, review.card_id)
        state = scheduler.review(state, Rating(review.rating), review.reviewed_at, seed)
    return lapses


def is_leech(lapses: list[Lapse], threshold: int) -> bool:
    """Whether recent lapses make a leech (rule 2)."""
    if len(lapses) < threshold:
        return False
    *earlier, last = lapses
    return not all(last.held > lapse.held for lapse in earlier)


def check_leech(
    store: Store, scheduler: Scheduler, deck_id: str, card_id: str, state: CardState, at: datetime
) -> Leech | None:
    """After a lapse is saved: if the card has become a leech, mark it and flag or suspend
    it (rule 3), in the caller's transaction. Returns the leech, or None."""
    settings = settings_for(store, deck_id)
    if state.lapses < settings.leech_lapses:  # lapses in all: never fewer than recent ones
        return None
    marks = store.card_marks(deck_id, card_id)
    if marks.leech:
        return None
    lapses = recent_lapses(scheduler, store.reviews(deck_id, card_id))
    if not is_leech(lapses, settings.leech_lapses):
        return None
    key = [(deck_id, card_id)]
    store.mark(key, MarkKind.LEECH, at)
    if settings.leech_action == "suspend":
        store.mark(key, MarkKind.SUSPEND, at)
    elif not marks.flag:
        store.mark(key, MarkKind.FLAG, at, LEECH_FLAG)
    flagged = settings.leech_action == "tag" and not marks.flag
    return Leech(len(lapses), settings.leech_action, flagged)
