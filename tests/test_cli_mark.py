"""`quizapp mark`: instructors try the marker on a card's answers before a class."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.cli import main

DECKS = Path(__file__).parent.parent / "decks"


def mark(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["mark", "--decks", str(DECKS), *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_each_answer_with_its_outcome_score_and_reason(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = mark(
        capsys, "hurdles/aircraft-carrier-name", "Adm. Gorshkov", "Kuznetsov", "probably Gorshkov"
    )
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("hurdles/aircraft-carrier-name: Which Russian aircraft carrier")
    assert lines[1] == "answer: Admiral Gorshkov"
    assert lines[2].split() == ["correct", "1", "Adm.", "Gorshkov", "Right."]
    assert lines[3].split()[:3] == ["wrong", "0", "Kuznetsov"]
    assert "Wrong: the answer is Admiral Gorshkov." in lines[3]
    assert lines[4].split()[:2] == ["almost", "0.5"] and "hedged" in lines[4]


def test_json_lists_one_object_per_answer_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    answers = ["25 yrs", "twenty-fve", "26", "not 25"]
    status, out, _ = mark(capsys, "sharif-first-premier-years", *answers, "--json")
    assert status == 0
    rows = json.loads(out)
    assert [row["answer"] for row in rows] == answers
    assert [row["outcome"] for row in rows] == ["correct", "correct", "wrong", "wrong"]
    assert [row["score"] for row in rows] == [1.0, 1.0, 0.0, 0.0]
    assert all(row["reason"] for row in rows)


def test_cloze_blanks_and_chronology_letters(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = mark(capsys, "india-arms-contracts-numbers", "140 jets | ten", "10 | 140", "--json")
    assert [row["outcome"] for row in json.loads(out)] == ["correct", "wrong"]
    _, out, _ = mark(capsys, "timeline/chronology-kashmir", "a, b, c, d, e", "edcba", "--json")
    assert [row["outcome"] for row in json.loads(out)] == ["correct", "wrong"]


@pytest.mark.parametrize(
    ("card", "message"),
    [
        ("no-such-card", "no card 'no-such-card' in the decks"),
        ("nowhere/seato-year", "no deck 'nowhere'"),
        ("look-west-policy-name", "is in several decks"),
    ],
)
def test_an_unknown_card_exits_1_in_one_line(
    capsys: pytest.CaptureFixture[str], card: str, message: str
) -> None:
    status, out, err = mark(capsys, card, "x")
    assert (status, out) == (1, "")
    assert err.startswith("quizapp: error: ") and message in err and err.count("\n") == 1


def test_a_deck_of_ones_own_is_found_by_card_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "mine.yaml"
    deck.write_text(
        "format: 1\nid: mine\ntitle: Mine\ncards:\n"
        "  - {id: seato, kind: date, question: When did Pakistan join SEATO?, answer: '1954',"
        " date: '1954', source: Pakistan joined SEATO in 1954.}\n",
        encoding="utf-8",
    )
    assert main(["mark", "--decks", str(deck), "seato", "'54", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["outcome"] == "correct"
