"""`quizapp new`: a commented template, one card of each type, that passes `check --strict`."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.authoring.scaffold import deck_id_for, deck_template, title_for
from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.model import QuestionType

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "pakistan-russia-relations.txt"


def test_new_then_check_strict_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.yaml"
    assert main(["new", str(path)]) == 0
    assert f"quizapp check --strict {path}" in capsys.readouterr().out
    assert main(["check", "--strict", str(path)]) == 0
    assert "1 deck file(s), 6 card(s): 0 error(s), 0 warning(s)" in capsys.readouterr().err


def test_template_has_one_card_of_each_type_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "Cold War alliances.yaml"
    assert main(["new", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    assert text.count("\n  # ") >= 6  # each card explained
    deck = load_deck(path).deck
    assert deck is not None
    assert (deck.id, deck.title) == ("cold-war-alliances", "Cold War alliances")
    assert sorted(card.type for card in deck.cards) == sorted(QuestionType)


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed text is not beside the repo")
def test_template_sources_are_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    main(["new", str(path)])
    assert main(["check", "--strict", "--against", str(SEED), str(path)]) == 0


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("my own work\n", encoding="utf-8")
    assert main(["new", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"quizapp: error: {path} already exists; quizapp new never overwrites" in err
    assert path.read_text(encoding="utf-8") == "my own work\n"


def test_new_needs_a_deck_file_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "deck.txt")]) == 2
    assert "ends in .yaml or .yml" in capsys.readouterr().err
    assert not (tmp_path / "deck.txt").exists()
    assert main(["new", str(tmp_path / "d.yaml"), "--id", "bad id"]) == 2
    assert not (tmp_path / "d.yaml").exists()


def test_id_and_title_given(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "d.yml"
    assert main(["new", str(path), "--id", "my.deck", "--title", 'Title: "quoted" #1']) == 0
    deck = load_deck(path).deck
    assert deck is not None and (deck.id, deck.title) == ("my.deck", 'Title: "quoted" #1')


def test_names_from_file_names() -> None:
    assert deck_id_for("My Deck 2") == "my-deck-2"
    assert deck_id_for("---") == "my-deck"
    assert title_for("cold-war_alliances") == "Cold war alliances"
    assert 'id: x-y\ntitle: "T"\n' in deck_template("x-y", "T")
