"""The rounds of new typed cards: every key listed is a bundled typed card, so many per deck."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.model import Deck, QuestionType
from quizapp.core.paths import bundled_decks_dir

DATA = Path(__file__).parent / "data"
# Each round's keys file: how many cards it lists, and how many of them in every bundled deck.
ROUNDS = {
    DATA / "new_typed_cards_6.txt": (32, 4),
    DATA / "new_typed_cards_7.txt": (32, 4),
    DATA / "new_typed_cards_8.txt": (24, 3),
    DATA / "new_typed_cards_9.txt": (24, 3),
    DATA / "new_typed_cards_10.txt": (24, 3),
    DATA / "new_typed_cards_11.txt": (24, 3),
    DATA / "new_typed_cards_12.txt": (24, 3),
    DATA / "new_typed_cards_13.txt": (24, 3),
    DATA / "new_typed_cards_14.txt": (24, 3),
    DATA / "new_typed_cards_15.txt": (24, 3),
    DATA / "new_typed_cards_16.txt": (24, 3),
    DATA / "new_typed_cards_17.txt": (24, 3),
    DATA / "new_typed_cards_18.txt": (24, 3),
    DATA / "new_typed_cards_19.txt": (24, 3),
    DATA / "new_typed_cards_20.txt": (24, 3),
    DATA / "new_typed_cards_21.txt": (24, 3),
    DATA / "new_typed_cards_22.txt": (24, 3),
    DATA / "new_typed_cards_23.txt": (24, 3),
    DATA / "new_typed_cards_24.txt": (24, 3),
}
KEYS_FILES = list(ROUNDS)

each_round = pytest.mark.parametrize("keys_file", KEYS_FILES, ids=lambda path: path.stem)


def bundled_decks() -> list[Deck]:
    decks = []
    for path in sorted(bundled_decks_dir().glob("*.yaml")):
        result = load_deck(path)
        assert result.deck is not None, path
        decks.append(result.deck)
    return decks


def listed_keys(keys_file: Path) -> list[str]:
    return [line for line in keys_file.read_text("utf-8").splitlines() if line.strip()]


@each_round
def test_the_keys_are_sorted_and_unique(keys_file: Path) -> None:
    keys = listed_keys(keys_file)
    assert keys == sorted(set(keys))


@each_round
def test_every_key_is_a_bundled_typed_card(keys_file: Path) -> None:
    cards = {f"{deck.id}/{card.id}": card for deck in bundled_decks() for card in deck.cards}
    missing = [key for key in listed_keys(keys_file) if key not in cards]
    assert missing == []
    not_typed = [key for key in listed_keys(keys_file) if cards[key].type is not QuestionType.TYPED]
    assert not_typed == []


@each_round
def test_the_round_size_and_the_same_number_in_each_bundled_deck(keys_file: Path) -> None:
    size, in_each_deck = ROUNDS[keys_file]
    keys = listed_keys(keys_file)
    assert len(keys) == size
    per_deck = Counter(key.split("/", 1)[0] for key in keys)
    assert per_deck == {deck.id: in_each_deck for deck in bundled_decks()}


def test_no_card_is_listed_in_two_rounds() -> None:
    seen = Counter(key for path in KEYS_FILES for key in listed_keys(path))
    assert [key for key, count in seen.items() if count > 1] == []
