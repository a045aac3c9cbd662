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


def test_json_lists_errors_with_their_codes(tmp_path: Path, capsys) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text("format: 1\nid: x\ntitle: X\ncards:\n  - id: a\n    kynd: date\n", "utf-8")
    assert main(["check", "--format", "json", str(path)]) == 1
    items = json.loads(capsys.readouterr().out)
    [unknown] = [item for item in items if "kynd" in item["message"]]
    assert unknown["code"] == "Q020" and unknown["severity"] == "error"
    assert unknown["message"] == "unknown key 'kynd' in card 'a'; did you mean 'kind'?"


def test_against_a_missing_file_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["check", "--against", str(tmp_path / "nope.txt"), str(DECKS)]) == 2
    assert "cannot read" in capsys.readouterr().err


SLIPS = """\
format: 1
id: slips
title: Slips
cards:
  - id: a
    kind: concept
    type: typed
    question: What was Pakistan's #1 aim?
    answer: aid
    wrong: arms, loans, trade
    tags: 1950s, aid
    source: "Aid."   # a comment set apart, as meant
"""


def test_yaml_slips_are_warned_in_words(tmp_path: Path) -> None:
    problems = lint_one(tmp_path, SLIPS)
    [cut] = by_code(problems, "Q015")
    assert (cut.line, cut.column) == (8, 35)
    assert "'#1 aim?' is read as a comment" in cut.message
    assert 'question: "What was Pakistan\'s #1 aim?"' in cut.message
    commas = by_code(problems, "Q016")
    assert [(p.line, p.column) for p in commas] == [(10, 12), (11, 11)]
    assert "write a list: wrong: [arms, loans, trade]" in commas[0].message
    assert all(p.severity is Severity.WARNING for p in [cut, *commas])


def test_a_quote_left_open_is_reported_where_it_opens(tmp_path: Path) -> None:
    text = (
        SLIPS.replace("question: What was", 'question: "What was').replace("#1 aim?", "first aim?")
        + '  - {id: b, kind: concept, question: "Q?", answer: A, source: "S."}\n'
    )
    [problem] = lint_one(tmp_path, text)
    assert (problem.line, problem.column, problem.code) == (8, 15, "Q012")
    assert "this quote is not closed on its line and runs on to line" in problem.message


def test_ignore_codes_from_the_command_line_and_the_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(SLIPS, encoding="utf-8")
    assert main(["check", "--strict", str(path)]) == 1
    capsys.readouterr()
    quiet = ["--ignore", "Q015", "--ignore", "q016", "--ignore", "Q104"]  # Q104: 1 wrong option
    assert main(["check", "--strict", *quiet, str(path)]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().err
    ignored = "lint: {ignore: [Q015, Q016, Q104]}\ncards:\n"
    path.write_text(SLIPS.replace("cards:\n", ignored), "utf-8")
    assert main(["check", "--strict", str(path)]) == 0
    capsys.readouterr()
    # An unknown code is a usage error on the command line and a warning in a deck.
    assert main(["check", "--ignore", "Q999", str(path)]) == 2
    assert "--ignore Q999: no such code" in capsys.readouterr().err
    ignored = "lint: {ignore: [Q015, Q016, Q104, Q999]}\ncards:\n"
    [unknown] = lint_one(tmp_path, SLIPS.replace("cards:\n", ignored))
    assert unknown.code == "Q035" and "lint ignore names Q999" in unknown.message


def test_errors_cannot_be_ignored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(SLIPS.replace("type: typed", "type: essay"), encoding="utf-8")
    assert main(["check", "--ignore", "Q027", str(path)]) == 1
    assert "error: Q027 the type of card 'a' is 'essay'" in capsys.readouterr().out


OWN_KNOWLEDGE = """\
format: 1
id: mine
title: From what I know
sources: none
cards:
  - {id: a, kind: concept, type: flip, question: What is a flashcard?, answer: A card to learn by}
"""


def test_a_deck_from_ones_own_knowledge_needs_no_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(OWN_KNOWLEDGE, encoding="utf-8")
    assert main(["check", "--strict", str(path), "--against", str(path)]) == 0
    path.write_text(OWN_KNOWLEDGE.replace("sources: none\n", ""), encoding="utf-8")
    assert main(["check", "--strict", str(path)]) == 1
    assert "Q105" in capsys.readouterr().out
    path.write_text(OWN_KNOWLEDGE.replace("sources: none", "sources: some"), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert "Q027 sources is 'some'; use none" in capsys.readouterr().out


def test_summary_counts_the_cards_of_every_file_loaded_or_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.yaml").write_text(OWN_KNOWLEDGE, encoding="utf-8")
    broken = OWN_KNOWLEDGE.replace("id: mine", "id: other").replace("What is", "Why")
    broken += "  - {id: b, kind: nonsense, question: Q?, answer: A}\n"
    (tmp_path / "broken.yaml").write_text(broken, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    assert "2 deck file(s), 3 card(s) (2 not loaded): 1 error(s)" in capsys.readouterr().err
    # A file that is not even YAML: its cards counted by their `- id:` lines.
    (tmp_path / "broken.yaml").write_text(broken.replace("title: ", "title: a: b"), "utf-8")
    assert main(["check", str(tmp_path)]) == 1
    assert "2 deck file(s), 3 card(s) (2 not loaded)" in capsys.readouterr().err


def test_a_folder_without_decks_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("no deck here", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert f"{tmp_path}:1:1: error: Q004 this folder holds no deck file" in out.out
    assert "0 deck file(s), 0 card(s): 1 error(s)" in out.err


TEXT_ONE = "Pakistan’s relations with the former Soviet Union fluctuated from cool to hostile."
TEXT_TWO = "SEATO in 1954 and CENTO in 1955."


def test_against_several_texts_marks_the_difference(tmp_path: Path) -> None:
    deck = """\
format: 1
id: quotes
title: Quotes
cards:
  - {id: a, kind: concept, type: flip, question: Q1?, answer: A, source: "SEATO in 1954"}
  - {id: b, kind: concept, type: flip, question: Q2?, answer: B,
     source: "Pakistan's relations with the former Soviet Union fluctuated"}
"""
    path = tmp_path / "deck.yaml"
    path.write_text(deck, encoding="utf-8")
    texts = [Against("one.txt", "Title\n\n" + TEXT_ONE), Against("two.txt", TEXT_TWO)]
    [result] = lint_decks([path], texts)
    [missing] = result.problems  # card a is in the second text
    assert missing.code == "Q109" and missing.line == 7
    assert "is not in one.txt or two.txt" in missing.message
    assert '; closest (one.txt, line 3): "Pakistan’s relations' in missing.message
    assert (
        '"Pakistan[\']s relations " where the text has "Pakistan[’]s relations " (a straight '
        "apostrophe for a curly apostrophe)"
    ) in missing.message
