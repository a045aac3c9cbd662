"""The deck linter: each rule's code, place and fix, and `quizapp check`'s flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.authoring.lint import Against, lint_decks
from quizapp.core.decks.problems import Problem, Severity

ROOT = Path(__file__).resolve().parents[1]
DECKS = ROOT / "decks"
SEED = ROOT.parent / "shared" / "seed" / "pakistan-russia-relations.txt"

LINTED = """\
format: 1
id: linted
title: Cards the linter has something to say about
cards:
  - id: seato-year
    kind: date
    type: typed
    question: In which year did Pakistan join SEATO?
    answer: "1954"
    date: "1954"
    wrong: ["1955"]
    source: "SEATO in 1954 and CENTO in 1955"
  - id: seato-again
    kind: date
    type: typed
    question: In which year did   Pakistan join SEATO?
    answer: "1954"
    date: "1954"
    source: "SEATO in 1954"
  - id: long-typed
    kind: cause
    type: typed
    question: Why did Pakistan join the Western alliances?
    answer: to acquire substantial economic and military aid against India
    source: "a passage that the reference text does not hold"
  - id: overlapping
    kind: event
    type: chronology
    events:
      - {text: Pakistan joins SEATO, date: "1954", source: "SEATO in 1954"}
      - {text: Pakistan joins CENTO, date: "1955-02", source: "CENTO in 1955"}
      - {text: Something else in 1955, date: "1955", source: "CENTO in 1955"}
      - {text: Tashkent, date: "1966-01", source: "SEATO in 1954"}
  - id: no-source
    kind: concept
    type: flip
    question: When did Pakistan join CENTO?
    answer: "1955"
"""


def codes(problems: list[Problem]) -> list[str | None]:
    return [p.code for p in problems]


def by_code(problems: list[Problem], code: str) -> list[Problem]:
    return [p for p in problems if p.code == code]


def lint_one(tmp_path: Path, text: str, against: str | None = None) -> list[Problem]:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    reference = Against("seed.txt", against) if against is not None else None
    [result] = lint_decks([path], reference)
    return result.problems


def test_each_rule_has_its_code_place_and_fix(tmp_path: Path) -> None:
    problems = lint_one(tmp_path, LINTED, against="SEATO in 1954 and CENTO in 1955")
    assert all(p.severity is Severity.WARNING for p in problems)
    [duplicate] = by_code(problems, "Q101")
    assert (duplicate.line, duplicate.column) == (16, 15)  # the second card's question
    assert "the same question as card 'seato-year' (line 5)" in duplicate.message
    assert "reword one of them or remove it" in duplicate.message
    [few] = by_code(problems, "Q104")
    assert few.line == 11 and "add 2 more so multiple choice offers 4 options" in few.message
    [long_answer] = by_code(problems, "Q106")
    assert long_answer.line == 24 and "make it a flip card" in long_answer.message
    [overlap] = by_code(problems, "Q107")
    assert overlap.line == 32 and "1955 and 1955-02 overlap" in overlap.message
    [missing] = by_code(problems, "Q109")
    assert missing.line == 25 and "is not in seed.txt" in missing.message
    [no_source] = by_code(problems, "Q105")
    assert no_source.line == 34 and "add 'source:'" in no_source.message
    # Every other passage is in the text, white space folded.
    assert len(by_code(problems, "Q109")) == 1


def test_clean_cards_give_no_warning(tmp_path: Path) -> None:
    clean = LINTED.split("  - id: seato-again")[0].replace('wrong: ["1955"]', "wrong: []")
    assert lint_one(tmp_path, clean, against="SEATO in 1954 and CENTO in 1955") == []


def test_loader_rules_carry_codes_and_print_them(tmp_path: Path) -> None:
    text = """\
format: 1
id: loader
title: Loader rules
cards:
  - id: wrong-is-right
    kind: actor
    type: choice
    question: Who mediated at Tashkent?
    answer: Kosygin
    wrong: [kosygin]
    source: "Kosygin"
  - id: answer-in-question
    kind: actor
    type: flip
    question: Did Kosygin mediate at Tashkent?
    answer: Kosygin
    source: "Kosygin"
  - id: date-without-date
    kind: date
    type: flip
    question: When was the Tashkent Declaration signed?
    answer: January 1966
    source: "January 1966"
"""
    problems = lint_one(tmp_path, text)
    assert codes(problems) == ["Q104", "Q103", "Q102", "Q110"]
    assert [p.severity for p in problems[:2]] == [Severity.ERROR, Severity.ERROR]
    line = str(problems[2])
    assert line.endswith(
        "warning: Q102 card 'answer-in-question': the answer appears in its own "
        "question; reword the question so it does not give the answer away"
    )
    assert line.startswith(f"{tmp_path / 'deck.yaml'}:15:15: ")


def test_problem_without_code_prints_as_before() -> None:
    problem = Problem(Path("d.yaml"), 3, 4, Severity.ERROR, "unknown key 'x'")
    assert str(problem) == "d.yaml:3:4: error: unknown key 'x'"
    coded = Problem(Path("d.yaml"), 3, 4, Severity.WARNING, "msg", "Q105")
    assert str(coded) == "d.yaml:3:4: warning: Q105 msg"
    assert sorted([coded, problem]) == [problem, coded]  # sorting ignores the code


def test_near_duplicates_across_decks(tmp_path: Path) -> None:
    card = """\
  - id: {id}
    kind: date
    type: typed
    question: {question}
    answer: "1954"
    date: "1954"
    source: "SEATO in 1954"
"""
    first = "format: 1\nid: first\ntitle: First\ncards:\n" + card.format(
        id="seato", question="In which year did Pakistan join SEATO?"
    )
    second = (
        "format: 1\nid: second\ntitle: Second\ncards:\n"
        + card.format(id="seato-join", question="In what year did Pakistan join the SEATO?")
        + card.format(id="cento", question="Which alliance did Pakistan leave in 1979?")
    )
    (tmp_path / "a.yaml").write_text(first, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(second, encoding="utf-8")
    results = lint_decks([tmp_path])
    assert codes(results[0].problems) == []
    [near] = results[1].problems
    assert near.code == "Q108" and near.line == 8
    assert "nearly the same as card 'seato' of deck 'first'" in near.message


def test_bundled_decks_pass_strict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict", str(DECKS)]) == 0
    err = capsys.readouterr().err
    assert "0 error(s), 0 warning(s)" in err


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed text is not beside the repo")
def test_bundled_sources_are_in_the_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict", "--against", str(SEED), str(DECKS)]) == 0


def test_strict_turns_warnings_into_errors(tmp_path: Path, capsys) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(LINTED, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    relaxed = capsys.readouterr()
    assert "warning: Q101" in relaxed.out and "0 error(s), 5 warning(s)" in relaxed.err
    assert main(["check", "--strict", str(path)]) == 1
    strict = capsys.readouterr()
    assert "error: Q101" in strict.out and "warning:" not in strict.out
    assert "5 error(s), 0 warning(s)" in strict.err


def test_json_format_for_editors(tmp_path: Path, capsys) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(LINTED, encoding="utf-8")
    seed = tmp_path / "seed.txt"
    seed.write_text("SEATO in 1954 and\n   CENTO in 1955", encoding="utf-8")
    assert main(["check", "--format", "json", "--against", str(seed), str(path)]) == 0
    items = json.loads(capsys.readouterr().out)
    assert {tuple(item) for item in items} == {
        ("path", "line", "column", "severity", "code", "message")
    }
    assert [item["code"] for item in items] == ["Q104", "Q101", "Q106", "Q109", "Q107", "Q105"]
    assert items[0] == {
        "path": str(path),
        "line": 11,
        "column": 12,
        "severity": "warning",
        "code": "Q104",
        "message": items[0]["message"],
    }


def test_json_lists_errors_without_codes(tmp_path: Path, capsys) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text("format: 1\nid: x\ntitle: X\ncards:\n  - id: a\n    kynd: date\n", "utf-8")
    assert main(["check", "--format", "json", str(path)]) == 1
    items = json.loads(capsys.readouterr().out)
    [unknown] = [item for item in items if "kynd" in item["message"]]
    assert unknown["code"] is None and unknown["severity"] == "error"
    assert unknown["message"] == "unknown key 'kynd' in card 'a'; did you mean 'kind'?"


def test_against_a_missing_file_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["check", "--against", str(tmp_path / "nope.txt"), str(DECKS)]) == 2
    assert "cannot read" in capsys.readouterr().err
