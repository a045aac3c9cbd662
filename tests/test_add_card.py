"""Adding a card from the app: checked as any card, written into one of the student's own
decks after its last card (the rest of the file kept as it was), or into a new deck."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core.authoring.add_card import CardForm, add_card, card_id_for, check_card
from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.model import Deck
from quizapp.core.paths import user_decks_dir

OWN = """\
# My own deck: comments are mine.
format: 1
id: mine
title: Mine
cards:
- id: first      # written by hand, dash at the margin
  kind: concept
  type: flip
  question: What is SEATO?
  answer: A treaty organisation
  source: SEATO in 1954
# the end
"""

FORM = CardForm(
    question="Who mediated at Tashkent in January 1966?",
    answer="Alexei Kosygin",
    kind="actor",
    type="typed",
    tags="1960s, soviet",
    source="Kosygin mediated at Tashkent",
)


def own_deck(tmp_path: Path, text: str = OWN) -> Deck:
    path = user_decks_dir(tmp_path) / "mine.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    deck = load_deck(path).deck
    assert deck is not None
    return deck


def test_a_card_is_added_after_the_last_and_the_file_kept(tmp_path: Path) -> None:
    deck = own_deck(tmp_path)
    checked = check_card(FORM, ["first"])
    assert checked.errors == () and checked.warnings == ()
    added = add_card(checked.card, deck, tmp_path, ["mine"])
    assert added.kept_layout and not added.new_deck
    text = deck.path.read_text(encoding="utf-8")
    end = OWN.index("# the end")
    assert (
        text
        == OWN[:end]
        + (  # comments and all, as written; the card after the last
            "\n- id: who-mediated-at-tashkent-in\n"
            "  kind: actor\n"
            "  type: typed\n"
            "  question: Who mediated at Tashkent in January 1966?\n"
            "  answer: Alexei Kosygin\n"
            "  source: Kosygin mediated at Tashkent\n"
            "  tags: [1960s, soviet]\n"
        )
        + OWN[end:]
    )
    assert added.backup is not None and added.backup.read_text(encoding="utf-8") == OWN
    again = load_deck(deck.path)
    assert again.ok and again.deck is not None
    assert [c.id for c in again.deck.cards] == ["first", "who-mediated-at-tashkent-in"]


def test_indented_cards_get_an_indented_card(tmp_path: Path) -> None:
    text = OWN.replace("\n- id: first", "\n  - id: first").replace("\n  kind", "\n    kind")
    text = text.replace("\n  type", "\n    type").replace("\n  question", "\n    question")
    text = text.replace("\n  answer", "\n    answer").replace("\n  source", "\n    source")
    deck = own_deck(tmp_path, text)
    added = add_card(check_card(FORM, ["first"]).card, deck, tmp_path, ["mine"])
    assert added.kept_layout
    assert "\n  - id: who-mediated-at-tashkent-in\n    kind: actor\n" in deck.path.read_text()


def test_cards_before_other_fields_get_the_card_after_the_last(tmp_path: Path) -> None:
    text = OWN.replace("format: 1\nid: mine\ntitle: Mine\n", "format: 1\nid: mine\n")
    deck = own_deck(tmp_path, text + "title: Mine\n")
    added = add_card(check_card(FORM, ["first"]).card, deck, tmp_path, ["mine"])
    assert added.kept_layout
    assert deck.path.read_text(encoding="utf-8").endswith("# the end\ntitle: Mine\n")
    again = load_deck(deck.path)
    assert again.ok and again.deck is not None and len(again.deck.cards) == 2


def test_without_a_deck_of_ones_own_a_new_one(tmp_path: Path) -> None:
    checked = check_card(FORM, [])
    added = add_card(checked.card, None, tmp_path, ["my-cards"])
    assert added.new_deck and added.path == user_decks_dir(tmp_path) / "my-cards-2.yaml"
    assert added.result.ok and added.result.deck is not None
    assert added.result.deck.title == "My cards"


def test_a_card_is_checked_as_any_card() -> None:
    checked = check_card(
        CardForm(question="Which pact?", answer="SEATO", type="choice", wrong="SEATO;"),
        [],
    )
    assert checked.errors == (
        "A choice card needs at least 2 different wrong options in 'wrong'",
        "The wrong option 'SEATO' is also an accepted answer; remove it from 'wrong' or from"
        " the accepted answers",
    )
    assert check_card(CardForm(question=" ", answer=""), []).errors == (
        "The question is empty.",
        "The answer is empty.",
    )
    warned = check_card(CardForm(question="When?", answer="1954", kind="date"), [])
    assert warned.errors == ()
    assert [w[:40] for w in warned.warnings] == [
        "A date card should carry its answer as a",
        "The card has no 'source' passage from th",
    ]


def test_ids_come_from_the_question() -> None:
    assert card_id_for("Who mediated at Tashkent?", []) == "who-mediated-at-tashkent"
    assert card_id_for("Who mediated at Tashkent?", ["who-mediated-at-tashkent"]) == (
        "who-mediated-at-tashkent-2"
    )
    assert card_id_for("¿?", []) == "card"


def test_an_installed_deck_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "installed" / "mine.yaml"
    path.parent.mkdir()
    path.write_text(OWN, encoding="utf-8")
    deck = load_deck(path).deck
    assert deck is not None
    with pytest.raises(ValueError, match="is not in your decks folder"):
        add_card(check_card(FORM, []).card, deck, tmp_path / "data", ["mine"])
    assert path.read_text(encoding="utf-8") == OWN
