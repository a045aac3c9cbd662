"""What the student knows now: mastery by kind and tag, the cards that lapse most, leeches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import chain, compress

from quizapp.core.decks.cache import deck_index
from quizapp.core.decks.model import Deck
from quizapp.core.progress.log_stats import most_lapses, stable_memories
from quizapp.core.progress.store import Store, to_ms
from quizapp.core.scheduling.fsrs_memory import forgetting_curve
from quizapp.core.scheduling.scheduler import Scheduler

# A card is mastered while it is both remembered now and held by a lasting memory: a card
# crammed today is recalled now but would be forgotten within days, and is not mastered.
MASTERED = 0.9  # its recall probability now is at least this
MASTERED_STABILITY = 21.0  # and its FSRS stability (days until recall falls to 90%) this
MASTERED_RULE = "recall now at least 90% and a memory stable for 21 days or more"
HARDEST = 10
DAY_MS = 86_400_000


@dataclass(frozen=True)
class Mastery:
    """How many cards of a group (a kind, a tag or all) are mastered now."""

    name: str
    cards: int
    mastered: int

    @property
    def share(self) -> float:
        return self.mastered / self.cards if self.cards else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "cards": self.cards,
            "mastered": self.mastered,
            "share": self.share,
        }


@dataclass(frozen=True)
class HardCard:
    """A card that keeps being forgotten."""

    deck_id: str
    card_id: str
    prompt: str
    lapses: int
    reps: int


def mastery(
    decks: Sequence[Deck], store: Store, scheduler: Scheduler, now: datetime
) -> tuple[Mastery, list[Mastery], list[Mastery]]:
    """Share of cards mastered (`is_mastered`; new cards are not).

    Args:
        decks: The decks to count.
        store: The progress store.
        scheduler: Gives each card's retrievability (`Scheduler.retrievability`).
        now: The moment to judge at.

    Returns:
        (all cards, by kind, by tag), the groups sorted by name. Counted over the decks' card
        indexes (`deck_index`): no card is built.
    """
    kinds: Counter[str] = Counter()
    kinds_ok: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    tags_ok: Counter[str] = Counter()
    for deck in decks:
        index = deck_index(deck)
        known = mastered_ids(store, deck.id, scheduler, now)
        ok = [card_id in known for card_id in index.ids]
        kinds.update(index.kinds)
        kinds_ok.update(compress(index.kinds, ok))
        tags.update(chain.from_iterable(index.tags))
        tags_ok.update(chain.from_iterable(compress(index.tags, ok)))
    overall = Mastery("all", kinds.total(), kinds_ok.total())
    return overall, _groups(kinds, kinds_ok), _groups(tags, tags_ok)


def _groups(cards: Counter[str], mastered: Counter[str]) -> list[Mastery]:
    return [Mastery(name, n, mastered[name]) for name, n in sorted(cards.items())]


def is_mastered(stability: float, recall_now: float) -> bool:
    """The one test of mastery: recall now at least MASTERED, stability MASTERED_STABILITY."""
    return recall_now >= MASTERED and stability >= MASTERED_STABILITY


def mastered_ids(store: Store, deck_id: str, scheduler: Scheduler, now: datetime) -> set[str]:
    """The cards of a deck that are mastered (`is_mastered`).

    The same recall as `Scheduler.recall_now`, worked out from each card's stability and last
    review alone, for the few cards SQL finds near or past the mark (`stable_memories`): a
    recall of 90% is an elapsed time of one stability.
    """
    parameters = scheduler.config.parameters
    at = to_ms(now)
    found = set()
    for card_id, stability, last_review in stable_memories(store, deck_id, MASTERED_STABILITY, now):
        recall = forgetting_curve(parameters, max(0, at - last_review) / DAY_MS, stability)
        if is_mastered(stability, recall):
            found.add(card_id)
    return found


def hardest(decks: Sequence[Deck], store: Store, limit: int = HARDEST) -> list[HardCard]:
    """The cards with the most lapses (Again answers but a first sight's), most first."""
    by_id = {deck.id: deck for deck in decks}
    if not by_id:
        return []
    found: list[HardCard] = []
    # A few more than asked: a card a deck file no longer holds may not be marked retired yet.
    for deck_id, card_id, lapses, reps in most_lapses(store, list(by_id), 3 * limit):
        card = by_id[deck_id].card(card_id)
        if card is not None:
            found.append(HardCard(deck_id, card_id, card.prompt, lapses, reps))
            if len(found) == limit:
                break
    return found


@dataclass(frozen=True)
class LeechCard:
    """A card marked as a leech (`sessions.leeches`)."""

    deck_id: str
    card_id: str
    prompt: str
    lapses: int
    suspended: bool


def leech_cards(decks: Sequence[Deck], store: Store) -> list[LeechCard]:
    """The cards of these decks marked as leeches, most lapses first (through the index of
    marked cards: fast at any size)."""
    found: list[LeechCard] = []
    for deck in decks:
        for card_id, marks in store.marks(deck.id).items():
            card = deck.card(card_id) if marks.leech else None
            if card is not None:  # a card removed from its deck keeps its row
                lapses = store.state(deck.id, card_id).lapses
                found.append(LeechCard(deck.id, card_id, card.prompt, lapses, marks.suspended))
    return sorted(found, key=lambda c: (-c.lapses, c.deck_id, c.card_id))
