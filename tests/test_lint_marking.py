"""`quizapp check` asks the marker: an answer its card's date contradicts (Q111) and a wrong
option the marker would accept as the answer (Q112) are errors, at their own lines; a date less
precise than its answer (Q116) is a warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.authoring.lint import lint_decks
from quizapp.core.decks.problems import Problem, Severity

DECK = """\
format: 1
id: marked
title: Cards the marker disagrees with
cards:
  - id: ayub-visit
    kind: date
    type: typed
    question: When did Ayub Khan visit Moscow?
    answer: March 1965
    alternatives: [Apr 1965, "the spring of 1965"]
    date: "1965-04"
    source: "President Ayub Khan's visit to Moscow in April 1965"
  - id: credentials
    kind: date
    type: typed
    question: When did the ambassador present his credentials?
    answer: In the last days of 1949
    alternatives: [late 1949, "1950"]
    date: "1949-12"
    source: "in the last days of 1949"
  - id: plan
    kind: concept
    type: choice
    question: Which plan did Germany follow in 1914?
    answer: Schlieffen Plan
    wrong:
      - The Schlieffen Plan.
      - Plan XVII
      - Schliefen Plan
    source: "the Schlieffen Plan"
  - id: seato-year
    kind: date
    type: typed
    question: In which year did Pakistan join SEATO?
    answer: "1954"
    date: "1954"
    wrong: ["1955", "in 1954", "c. 1954"]
    source: "SEATO in 1954"
  - id: gromyko-office
    kind: actor
    type: typed
    question: What office did Andrei Gromyko hold in 1948?
    answer: Deputy Foreign Minister
    wrong: [Vice Foreign Minister, Foreign Minister]
    source: "Soviet Deputy Foreign Minister, Andrei Gromyko"
"""


def problems_of(tmp_path: Path) -> list[Problem]:
    path = tmp_path / "deck.yaml"
    path.write_text(DECK, encoding="utf-8")
    [result] = lint_decks([path])
    return result.problems


def test_an_answer_contradicting_the_date_is_an_error_at_its_line(tmp_path: Path) -> None:
    found = [p for p in problems_of(tmp_path) if p.code == "Q111"]
    assert [(p.line, p.severity) for p in found] == [(9, Severity.ERROR), (18, Severity.ERROR)]
    answer, alternative = found
    assert "the answer 'March 1965' contradicts the card's date 1965-04 (April 1965)" in (
        answer.message
    )
    assert "the alternative '1950'" in alternative.message
    # "Apr 1965" agrees; "In the last days of 1949" and "late 1949" hold December 1949.


def test_a_wrong_option_the_marker_accepts_is_an_error_at_its_line(tmp_path: Path) -> None:
    problems = problems_of(tmp_path)
    found = [(p.line, p.code, p.severity) for p in problems if p.code == "Q112"]
    # Not only an exact match (the loader's Q103): "The Schlieffen Plan.", the slip
    # "Schliefen Plan", and "in 1954" for 1954.
    assert found == [
        (27, "Q112", Severity.ERROR),
        (29, "Q112", Severity.ERROR),
        (37, "Q112", Severity.ERROR),
    ]
    [first] = [p for p in problems if p.line == 27]
    assert "accepts the wrong option 'The Schlieffen Plan.' as the answer 'Schlieffen Plan'" in (
        first.message
    )
    # "1955" (one year off) and "c. 1954" (hedged) are no right answers: no error.
    assert not [p for p in problems if "'1955'" in p.message or "'c. 1954'" in p.message]
    # Vice is other words for deputy, but a card that sets them against each other keeps
    # them apart, as the marker does with the card's wrong options: no error.
    assert not [p for p in problems if "'Vice Foreign Minister'" in p.message]


def test_check_exits_1_and_lists_them_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(DECK, encoding="utf-8")
    assert main(["check", "--format", "json", str(path)]) == 1
    listed = json.loads(capsys.readouterr().out)
    assert sorted(p["code"] for p in listed if p["severity"] == "error") == [
        "Q111", "Q111", "Q112", "Q112", "Q112",
    ]  # fmt: skip


DATED = """\
format: 1
id: dated
title: Dates and their answers
cards:
  - id: veto-day
    kind: date
    type: typed
    question: On what date did the Soviet Union veto the US resolution?
    answer: December 5, 1971
    date: "1971-12"
    source: "on December 5, 1971"
  - id: veto-month
    kind: date
    type: typed
    question: In which month did the Soviet Union veto the US resolution?
    answer: December 1971
    date: "1971-12"
    source: "on December 5, 1971"
  - id: visit-year
    kind: date
    type: typed
    question: In which year did Ayub Khan visit Moscow?
    answer: "1965"
    date: "1965-04"
    source: "in April 1965"
  - id: credentials
    kind: date
    type: typed
    question: When did the ambassador present his credentials?
    answer: In the last days of 1949
    date: "1949-12"
    source: "in the last days of 1949"
"""


def test_a_date_less_precise_than_its_answer_is_a_warning_at_the_date_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "dated.yaml"
    path.write_text(DATED, encoding="utf-8")
    [result] = lint_decks([path])
    found = [p for p in result.problems if p.code == "Q116"]
    # Only the day inside the month: the month alone, a coarser answer and a part of the
    # month ("the last days") ask nothing finer than the card's date.
    assert [(p.line, p.severity) for p in found] == [(10, Severity.WARNING)]
    assert 'write date: "1971-12-05"' in found[0].message
