"""Importing: other tools' sheets (Kahoot, Quizizz, repeated columns), ids and reworded
questions, a JSON deck's header, GIFT categories, feedback and numbers, Anki cloze hints."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.decks.cloze import cloze_blanks, cloze_masked
from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.model import Deck, Kind, QuestionType
from quizapp.core.questions.card_questions import card_question
from quizapp.core.questions.question import Format
from quizapp.core.questions.selection import select_entries


def sheet(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def deck_of(path: Path) -> Deck:
    result = load_deck(path)
    assert result.deck is not None and not result.errors, result.problems
    return result.deck


def test_repeated_wrong_columns_and_a_header_row_with_columns(tmp_path: Path) -> None:
    source = sheet(
        tmp_path / "q.csv",
        [
            ["question", "answer", "wrong", "wrong", "wrong"],
            ["Who visited in 1968?", "Kosygin", "Brezhnev", "Khrushchev", "Bulganin"],
        ],
    )
    target = tmp_path / "d.yaml"
    columns = "question,answer,wrong,wrong,wrong"
    assert main(["import", str(source), "--to", str(target), "--columns", columns]) == 0
    [card] = deck_of(target).cards  # the header row is not a card
    assert card.type is QuestionType.CHOICE
    assert card.wrong == ("Brezhnev", "Khrushchev", "Bulganin")


def test_kahoot_sheet(tmp_path: Path) -> None:
    source = sheet(
        tmp_path / "kahoot.csv",
        [
            ["Quiz template", "", "", "", "", "", ""],
            [
                "Question - max 120 characters",
                "Answer 1 - max 75 characters",
                "Answer 2 - max 75 characters",
                "Answer 3 - max 75 characters",
                "Answer 4 - max 75 characters",
                "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
                "Correct answer(s) - choose at least one",
            ],
            ["Which premier visited in 1968?", "Brezhnev", "Kosygin", "Bulganin", "", "20", "2"],
        ],
    )
    target = tmp_path / "k.yaml"
    assert main(["import", str(source), "--to", str(target)]) == 0
    [card] = deck_of(target).cards
    assert (card.type, card.answer, card.wrong) == (
        QuestionType.CHOICE,
        "Kosygin",
        ("Brezhnev", "Bulganin"),
    )


def test_quizizz_sheet_and_wrong_n_headers(tmp_path: Path) -> None:
    quizizz = sheet(
        tmp_path / "quizizz.csv",
        [
            ["Question Text", "Question Type", "Option 1", "Option 2", "Option 3", "Option 4"]
            + ["Option 5", "Correct Answer", "Time in seconds", "Image Link"],
            ["Year Pakistan joined SEATO?", "Multiple Choice", "1955", "1954", "1962", "", ""]
            + ["B", "30", ""],
        ],
    )
    assert main(["import", str(quizizz), "--to", str(tmp_path / "z.yaml")]) == 0
    [card] = deck_of(tmp_path / "z.yaml").cards
    assert (card.answer, card.wrong, card.kind) == ("1954", ("1955", "1962"), Kind.DATE)
    wrongs = sheet(
        tmp_path / "wrongs.csv",
        [
            ["Question", "Correct", "Wrong 1", "Wrong 2", "Wrong 3", "Tags"],
            ["Who mediated at Tashkent?", "Kosygin", "Brezhnev", "Gromyko", "", "1960s, actors"],
        ],
    )
    assert main(["import", str(wrongs), "--to", str(tmp_path / "w.yaml")]) == 0
    [card] = deck_of(tmp_path / "w.yaml").cards
    assert (card.answer, card.wrong) == ("Kosygin", ("Brezhnev", "Gromyko"))
    assert card.tags == ("1960s", "actors")  # split on the comma as well as the space


def test_a_reworded_question_is_matched_by_id_or_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "d.yaml"
    first = [["id", "question", "answer"], ["q1", "Who visited Pakistan in 1968?", "Kosygin"]]
    assert main(["import", str(sheet(tmp_path / "a.csv", first)), "--to", str(target)]) == 0
    again = [
        ["id", "question", "answer"],
        ["q1", "Which premier visited Pakistan in 1968?", "Kosygin"],
    ]
    assert main(["import", str(sheet(tmp_path / "b.csv", again)), "--to", str(target)]) == 0
    assert "0 new, 1 updated" in capsys.readouterr().out
    assert [c.id for c in deck_of(target).cards] == ["q1"]
    # Without an id column the reworded question is a new card, and the import says so.
    plain = [["question", "answer"], ["Which Soviet premier visited Pakistan in 1968?", "Kosygin"]]
    assert main(["import", str(sheet(tmp_path / "c.csv", plain)), "--to", str(target)]) == 0
    err = capsys.readouterr().err
    assert "looks like card 'q1' (line 7) reworded" in err and "add an id column" in err


def test_json_import_keeps_the_decks_header(tmp_path: Path) -> None:
    deck = tmp_path / "mine.yaml"
    deck.write_text(
        "format: 1\nid: mine\ntitle: Mine\ndescription: What it teaches.\n"
        "reference: {title: An article, author: Someone}\ntags: [history]\nsources: none\n"
        "cards:\n  - {id: a, kind: concept, type: flip, question: Q?, answer: A}\n",
        encoding="utf-8",
    )
    exported = tmp_path / "mine.json"
    assert main(["export", str(deck), "--to", str(exported)]) == 0
    assert json.loads(exported.read_text(encoding="utf-8"))["decks"][0]["sources"] == "none"
    assert main(["import", str(exported), "--to", str(tmp_path / "back.yaml")]) == 0
    back = deck_of(tmp_path / "back.yaml")
    assert (back.description, back.reference.author, back.tags, back.sources) == (
        "What it teaches.",
        "Someone",
        ("history",),
        "none",
    )


GIFT = """\
$CATEGORY: $course$/History/Cold War

::premier::Which Soviet premier visited Pakistan in April 1968? {
  =Alexei Kosygin
  ~Nikita Khrushchev#No: he had left office in 1964.
  ~Leonid Brezhnev
}

::aid::How many million dollars of aid did Moscow offer in 1966? {#70..90}

::pi::Pi to two decimals? {#3.14:0.005}
"""


def test_gift_category_feedback_and_numbers(tmp_path: Path) -> None:
    source = tmp_path / "moodle.gift"
    source.write_text(GIFT, encoding="utf-8")
    target = tmp_path / "g.yaml"
    assert main(["import", str(source), "--to", str(target)]) == 0
    deck = deck_of(target)
    premier, aid, pi = deck.cards
    assert all(card.tags == ("Cold-War",) for card in deck.cards)
    assert premier.feedback == (("Nikita Khrushchev", "No: he had left office in 1964."),)
    assert (aid.type, aid.kind, aid.answer, aid.tolerance) == (
        QuestionType.TYPED,
        Kind.NUMBER,
        "80",
        "10",
    )
    assert (pi.answer, pi.tolerance) == ("3.14", "0.005")
    # Asked: a wrong pick shows its feedback; a number within the margin is right.
    entries = select_entries([deck])
    ask = {e.card.id: e for e in entries}
    choice = card_question(ask["premier"], Format.CHOICE, entries, random.Random(1))
    assert choice is not None
    verdict = choice.grade("Nikita Khrushchev")
    assert not verdict.correct and verdict.reason.endswith("No: he had left office in 1964.")
    assert choice.grade("Leonid Brezhnev").reason == "Wrong: the answer is Alexei Kosygin."
    typed = card_question(ask["aid"], Format.TYPED, entries, random.Random(1))
    assert typed is not None
    assert typed.grade("72").correct and typed.grade("90").correct
    assert typed.grade("95").reason == "Wrong: the answer is 80 (give or take 10)."
    # Exported again: a numerical question with its margin, the feedback after its option.
    out = tmp_path / "again.gift"
    assert main(["export", str(target), "--to", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "{#80:10}" in text and "~Nikita Khrushchev#No\\: he had left office in 1964." in text


def test_cloze_hints_are_kept_and_shown() -> None:
    text = "President {{Ayub Khan|Ayub::a Pakistani president}} visited Moscow in {{1965}}."
    assert cloze_blanks(text) == [["Ayub Khan", "Ayub"], ["1965"]]
    assert cloze_masked(text) == (
        "President [1] _____ (a Pakistani president) visited Moscow in [2] _____."
    )
