"""The sixth round of new typed cards: every key listed is a bundled typed card, four per deck."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.model import Deck, QuestionType
from quizapp.core.paths import bundled_decks_dir

KEYS_FILE = Path(__file__).parent / "data" / "new_typed_cards_6.txt"


def bundled_decks() -> list[Deck]:
    decks = []
    for path in sorted(bundled_decks_dir().glob("*.yaml")):
        result = load_deck(path)
        assert result.deck is not None, path
        decks.append(result.deck)
    return decks


def listed_keys() -> list[str]:
    return [line for line in KEYS_FILE.read_text("utf-8").splitlines() if line.strip()]


def test_the_keys_are_sorted_and_unique() -> None:
    keys = listed_keys()
    assert keys == sorted(set(keys))


def test_every_key_is_a_bundled_typed_card() -> None:
    cards = {f"{deck.id}/{card.id}": card for deck in bundled_decks() for card in deck.cards}
    missing = [key for key in listed_keys() if key not in cards]
    assert missing == []
    not_typed = [key for key in listed_keys() if cards[key].type is not QuestionType.TYPED]
    assert not_typed == []


def test_thirty_two_cards_four_in_each_bundled_deck() -> None:
    keys = listed_keys()
    assert len(keys) == 32
    per_deck = Counter(key.split("/", 1)[0] for key in keys)
    assert per_deck == {deck.id: 4 for deck in bundled_decks()}
