"""What the student knows now: mastery by kind and tag, the cards that lapse most, leeches."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from quizapp.core.decks.model import Card, Deck
from quizapp.core.progress.log_stats import most_lapses
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
        (all cards, by kind, by tag), the groups sorted by name.
    """
    judged: list[tuple[Card, bool]] = []
    for deck in decks:
        mastered = mastered_ids(store, deck.id, scheduler, now)
        judged += [(card, card.id in mastered) for card in deck.cards]
    overall = Mastery("all", len(judged), sum(ok for _, ok in judged))
    return (
        overall,
        _by(judged, lambda card: [str(card.kind)]),
        _by(judged, lambda card: list(card.tags)),
    )


def is_mastered(stability: float, recall_now: float) -> bool:
    """The one test of mastery: recall now at least MASTERED, stability MASTERED_STABILITY."""
    return recall_now >= MASTERED and stability >= MASTERED_STABILITY


def mastered_ids(store: Store, deck_id: str, scheduler: Scheduler, now: datetime) -> set[str]:
    """The cards of a deck that are mastered (`is_mastered`).

    The same recall as `Scheduler.recall_now`, worked out from each card's stability and last
    review alone: a deck of thousands of cards is judged in milliseconds.
    """
    parameters = scheduler.config.parameters
    at = to_ms(now)
    found = set()
    for card_id, stability, last_review in store.memories(deck_id):
        if stability < MASTERED_STABILITY:
            continue
        recall = forgetting_curve(parameters, max(0, at - last_review) / DAY_MS, stability)
        if is_mastered(stability, recall):
            found.add(card_id)
    return found


def _by(judged: list[tuple[Card, bool]], names: Callable[[Card], list[str]]) -> list[Mastery]:
    groups: dict[str, list[bool]] = {}
    for card, ok in judged:
        for name in names(card):
            groups.setdefault(name, []).append(ok)
    return [Mastery(name, len(oks), sum(oks)) for name, oks in sorted(groups.items())]


def hardest(decks: Sequence[Deck], store: Store, limit: int = HARDEST) -> list[HardCard]:
    """The cards with the most lapses (Again answers but a first sight's), most first."""
    by_id = {deck.id: deck for deck in decks}
    if not by_id:
        return []
    found: list[HardCard] = []
    for deck_id, card_id, lapses, reps in most_lapses(store, list(by_id)):
        card = by_id[deck_id].card(card_id)
        if card is not None:  # a card removed from its deck keeps its row
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
