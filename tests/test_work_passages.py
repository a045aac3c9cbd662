"""What the work says (`Deck.work_says`): the passages every deck loaded on the same work quotes,
shared when decks are loaded together, kept out of the deck cache, and read by the marker."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core.decks.cache import DeckCache
from quizapp.core.decks.library import load_decks
from quizapp.core.decks.model import WorkPassages
from quizapp.core.questions.card_marking import find_card, mark_answers

ARTICLE = "reference:\n  title: Pakistan-Russia relations\n  author: A. Writer\n"
OTHER = "reference:\n  title: Another book\n"

ASKED = """\
  - id: long-term
    type: typed
    question: What is it in the long-term interest of Pakistan to establish with Russia?
    answer: mutually constructive relations
    wrong: [a military alliance, a free trade area]
    source: It is in the long-term interest of Pakistan to establish mutually constructive
      relations with Russia.
"""
BUILD = """\
  - id: cars
    question: With whom had Islamabad tried to build strategic ties?
    answer: the Central Asian Republics
    source: Islamabad had tried to build strategic ties with the Central Asian Republics.
"""
STUDENT = "Pakistan should build mutually constructive ties with Russia"


def write(folder: Path, name: str, deck_id: str, reference: str, cards: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"format: 1\nid: {deck_id}\ntitle: {deck_id}\n{reference}cards:\n{cards}")
    return path


def test_decks_on_the_same_work_share_its_passages(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "a", ARTICLE, ASKED)
    write(tmp_path, "b.yaml", "b", ARTICLE, BUILD)
    write(tmp_path, "c.yaml", "c", OTHER, BUILD.replace("id: cars", "id: other"))
    a, b, c = (r.deck for r in load_decks([tmp_path]))
    assert a is not None and b is not None and c is not None
    assert a.work_says == b.work_says
    assert "mutually constructive" in a.work_says and "build strategic ties" in a.work_says
    assert "build strategic ties" in c.work_says and "mutually" not in c.work_says


def test_a_deck_loaded_alone_has_its_own_passages(tmp_path: Path) -> None:
    [result] = load_decks([write(tmp_path, "a.yaml", "a", ARTICLE, ASKED)])
    assert result.deck is not None
    assert result.deck.work_says.startswith("It is in the long-term interest")


def test_decks_from_the_cache_share_the_passages_loaded_with_them(tmp_path: Path) -> None:
    write(tmp_path / "decks", "a.yaml", "a", ARTICLE, ASKED)
    write(tmp_path / "decks", "b.yaml", "b", ARTICLE, BUILD)
    load_decks([tmp_path / "decks"], DeckCache(tmp_path / "cache"))
    # A fresh cache object reads what the first wrote: the passages come from the decks
    # loaded now, not from the file.
    results = load_decks([tmp_path / "decks"], DeckCache(tmp_path / "cache"))
    assert all("build strategic ties" in r.deck.work_says for r in results if r.deck)
    alone = load_decks([tmp_path / "decks" / "a.yaml"], DeckCache(tmp_path / "cache"))
    assert alone[0].deck is not None and "build" not in alone[0].deck.work_says


def test_the_marker_reads_a_head_of_the_works_words(tmp_path: Path) -> None:
    # "build" is no word of the card's; another deck on the same work quotes it.
    write(tmp_path, "a.yaml", "a", ARTICLE, ASKED)
    decks = [r.deck for r in load_decks([tmp_path]) if r.deck]
    [alone] = mark_answers(find_card(decks, "long-term"), [STUDENT])
    assert not alone.correct
    write(tmp_path, "b.yaml", "b", ARTICLE, BUILD)
    decks = [r.deck for r in load_decks([tmp_path]) if r.deck]
    [together] = mark_answers(find_card(decks, "long-term"), [STUDENT])
    assert together.correct, together.reason
    assert "in a sentence of your own" in together.reason
    [option] = mark_answers(find_card(decks, "long-term"), ["a military alliance"])
    assert not option.correct


def test_a_work_quoted_at_great_length_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Reading it would stall the first answer marked; the card's own passage is then all.
    monkeypatch.setattr(WorkPassages, "MOST_CHARACTERS", 150)
    write(tmp_path, "a.yaml", "a", ARTICLE, ASKED)
    write(tmp_path, "b.yaml", "b", ARTICLE, BUILD)
    decks = [r.deck for r in load_decks([tmp_path]) if r.deck]
    assert all(deck.work_says == "" for deck in decks)
    [verdict] = mark_answers(find_card(decks, "long-term"), [STUDENT])
    assert not verdict.correct
    [plain] = mark_answers(find_card(decks, "long-term"), ["mutually constructive relations"])
    assert plain.correct
