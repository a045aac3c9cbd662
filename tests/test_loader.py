"""Deck loading: every problem is reported at its exact line and column, all at once."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from textwrap import dedent, indent

import pytest

from quizapp.cli import main
from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.decks.library import load_decks
from quizapp.core.decks.loader import LoadResult, load_deck
from quizapp.core.paths import bundled_decks_dir
from quizapp.core.scheduling.rating import Rating
from quizapp.core.sessions.study import StudySession

HEADER = "format: 1\nid: t\ntitle: T\ncards:\n"  # cards start on line 5


def load(tmp_path: Path, body: str, header: str = HEADER, *, items: bool = True) -> LoadResult:
    """Load `header` + `body`; card items are dedented and set under `cards:` at column 3."""
    path = tmp_path / "deck.yaml"
    path.write_text(header + (indent(dedent(body), "  ") if items else body), "utf-8")
    return load_deck(path)


def where(result: LoadResult, severity: str = "error") -> list[str]:
    """The problems of one severity as 'line:col: message', in file order."""
    return [f"{p.line}:{p.column}: {p.message}" for p in result.problems if p.severity == severity]


def assert_problems(
    result: LoadResult, expected: list[str], severity: str = "error", *, ordered: bool = True
) -> None:
    """The problems are exactly these, at these positions; a message may go on with a hint."""
    actual = where(result, severity)
    if not ordered:
        actual, expected = sorted(actual), sorted(expected)
    assert len(actual) == len(expected), actual
    for got, want in zip(actual, expected, strict=True):
        assert got.startswith(want), (got, want)


def has_problem(result: LoadResult, expected: str) -> bool:
    return any(got.startswith(expected) for got in where(result))


def positions(result: LoadResult) -> list[tuple[int, int]]:
    return [(p.line, p.column) for p in result.errors]


def test_a_valid_deck_loads_without_problems(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - id: a
            kind: concept
            type: flip
            question: Who mediated at Tashkent?
            answer: Alexei Kosygin
            source: A passage.
        """,
    )
    assert result.ok and result.problems == []
    assert result.deck is not None and [c.id for c in result.deck.cards] == ["a"]
    assert result.deck.cards[0].line == 5


def test_yaml_syntax_error_points_at_the_bad_line(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - id: a
            kind: concept
            question: Q
           answer: A
        """,
    )
    assert result.deck is None
    assert positions(result) == [(8, 4)]
    assert "YAML syntax" in result.errors[0].message


def test_unclosed_quote_points_where_it_opens_not_at_the_end(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - id: a
            kind: concept
            question: "never closed
            answer: A
          - id: b
            kind: concept
            question: Q
            answer: B
        """,
    )
    assert positions(result) == [(7, 15)]
    assert "not closed on its line" in result.errors[0].message


def test_duplicate_card_id_names_both_lines(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - id: a
            kind: concept
            question: Q?
            answer: A
            source: S
          - id: a
            kind: concept
            question: Another?
            answer: B
            source: S
        """,
    )
    assert_problems(result, ["10:5: duplicate card id 'a' (first used on line 5)"])
    # The first card stays usable; the deck is refused as a whole because it has an error.
    assert result.deck is not None and [c.id for c in result.deck.cards] == ["a"]
    assert not result.ok


def test_card_without_answer_missing_or_empty(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - id: missing
            kind: concept
            question: Q?
            source: S
          - id: quoted-empty
            kind: concept
            question: Q?
            answer: ""
            source: S
          - id: null-answer
            kind: concept
            question: Q?
            answer:
            source: S
          - id: blank
            kind: concept
            question: Q?
            answer: "   "
            source: S
        """,
    )
    assert_problems(
        result,
        [
            "5:5: card 'missing' (typed card) is missing the required field 'answer'",
            "12:13: the answer of card 'quoted-empty' is empty",
            "17:12: the answer of card 'null-answer' is empty",
            "22:13: the answer of card 'blank' is empty",
        ],
    )
    assert result.deck is not None and result.deck.cards == ()


def test_duplicate_mapping_key_is_caught(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - id: a
            kind: concept
            question: Q?
            answer: A
            tags:
              - x
            answer: B
            tags: [y]
            source: S
        """,
    )
    assert_problems(
        result,
        [
            "11:5: duplicate key 'answer' in card 'a' (first given on line 8)",
            "12:5: duplicate key 'tags' in card 'a' (first given on line 9)",
        ],
    )


def test_duplicate_key_at_deck_level(tmp_path: Path) -> None:
    body = "  - {id: a, kind: concept, question: Q?, answer: A}\ntitle: Again\n"
    result = load(tmp_path, body, items=False)
    assert_problems(result, ["6:1: duplicate key 'title' in the deck (first given on line 3)"])


def test_unknown_key_with_a_did_you_mean_hint(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - id: a
            kind: concept
            question: Q?
            answr: A
            answer: A
            source: S
            colour: red
        """,
    )
    assert_problems(
        result,
        [
            "8:5: unknown key 'answr' in card 'a'; did you mean 'answer'?",
            "11:5: unknown key 'colour' in card 'a'; allowed: alternatives,",
        ],
    )


def test_another_formats_field_names_point_to_ours(tmp_path: Path) -> None:
    body = "  - {id: a, kind: concept, Front: Q?, back: A, question: Q?, answer: A}\n"
    result = load(tmp_path, body)
    assert_problems(
        result,
        [
            "5:28: unknown key 'Front' in card 'a'; did you mean 'question'?",
            "5:39: unknown key 'back' in card 'a'; did you mean 'answer'?",
        ],
    )


def test_unknown_deck_key_hint(tmp_path: Path) -> None:
    header = "format: 1\nid: t\ntitel: T\ntitle: T\ncards:\n"
    result = load(tmp_path, "  - {id: a, kind: concept, question: Q?, answer: A}\n", header)
    assert_problems(result, ["3:1: unknown key 'titel' in the deck; did you mean 'title'?"])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("question: [not, text]", "7:15: the question of card 'a' must be text, not a list"),
        ("question: {a: b}", "7:15: the question of card 'a' must be text, not a mapping"),
    ],
)
def test_list_or_mapping_where_text_is_expected(tmp_path: Path, line: str, expected: str) -> None:
    body = f"  - id: a\n    kind: concept\n    {line}\n    answer: A\n    source: S\n"
    assert_problems(load(tmp_path, body), [expected])


def test_text_or_mapping_where_a_list_is_expected(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - id: a
            kind: actor
            type: choice
            question: Who?
            answer: Kosygin
            wrong: {Brezhnev: 1, Gromyko: 2}
            source: S
          - id: b
            kind: event
            type: chronology
            events: "not a list"
            source: S
        """,
    )
    assert has_problem(result, "10:12: wrong options of card 'a' must be a list of text, not a")
    assert has_problem(result, "15:13: the events of card 'b' must be a list, not 'not a list'")


def test_cards_must_be_a_list_of_mappings(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - just a string
          - [a, list]
          - id: ok
            kind: concept
            question: Q?
            answer: A
            source: S
        """,
    )
    assert_problems(
        result,
        [
            "5:5: a card must be a mapping of fields, not 'just a string'",
            "6:5: a card must be a mapping of fields, not a list",
        ],
    )
    assert result.deck is not None and [c.id for c in result.deck.cards] == ["ok"]


@pytest.mark.parametrize(
    ("cards", "expected"),
    [
        ("cards: hello\n", "4:8: cards must be a list, not 'hello'"),
        ("cards:\n  first: {id: a}\n", "5:3: cards must be a list, not a mapping"),
    ],
)
def test_cards_given_as_text_or_mapping(tmp_path: Path, cards: str, expected: str) -> None:
    result = load(tmp_path, cards, header="format: 1\nid: t\ntitle: T\n", items=False)
    assert has_problem(result, expected)


def test_the_deck_must_be_a_mapping(tmp_path: Path) -> None:
    result = load(tmp_path, "- a\n- b\n", header="", items=False)
    assert_problems(result, ["1:1: the deck must be a mapping of fields, not a list"])


def test_missing_required_deck_fields(tmp_path: Path) -> None:
    result = load(tmp_path, "description: nothing else\n", header="format: 1\n", items=False)
    assert_problems(
        result,
        [
            "1:1: the deck is missing the required field 'cards'",
            "1:1: the deck is missing the required field 'id'",
            "1:1: the deck is missing the required field 'title'",
        ],
        ordered=False,
    )


def test_missing_fields_per_question_type(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - id: choice-no-wrong
            kind: actor
            type: choice
            question: Who?
            answer: Kosygin
            source: S
          - id: cloze-no-text
            kind: event
            type: cloze
            source: S
          - id: chrono-three
            kind: event
            type: chronology
            source: S
            events:
              - {text: One, date: "1954"}
              - {text: Two, date: "1966"}
              - {text: Three, date: "1979"}
          - id: chrono-equal
            kind: event
            type: chronology
            source: S
            events:
              - {text: One, date: "1954"}
              - {text: Two, date: "1966-01"}
              - {text: Three, date: "1966-01"}
              - {text: Four, date: "1991"}
          - id: flip-no-question
            kind: concept
            type: flip
            answer: A
            source: S
        """,
    )
    for expected in (
        "5:5: card 'choice-no-wrong' (choice card) is missing the required field 'wrong'",
        "11:5: card 'cloze-no-text' (cloze card) is missing the required field 'text'",
        "20:7: card 'chrono-three': a chronology needs 4 to 6 events, not 3",
        # The duplicate is the third event, on line 30.
        "30:9: card 'chrono-equal': this event has the same date (1966-01) as 'Two'",
        "32:5: card 'flip-no-question' (flip card) is missing the required field 'question'",
    ):
        assert has_problem(result, expected), (expected, where(result))
    assert result.deck is not None and result.deck.cards == ()


def test_choice_needs_two_different_wrong_options(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - id: a
            kind: actor
            type: choice
            question: Who?
            answer: Kosygin
            wrong: [Brezhnev, brezhnev]
            source: S
        """,
    )
    assert_problems(
        result,
        ["10:12: card 'a': a choice card needs at least 2 different wrong options in 'wrong'"],
    )


@pytest.mark.parametrize(
    ("wrong", "option", "line", "column"),
    [
        ("[alexei KOSYGIN, Brezhnev, Gromyko]", "alexei KOSYGIN", 10, 13),  # the answer
        ("[Brezhnev, KOSYGIN, Gromyko]", "KOSYGIN", 10, 23),  # an alternative
        ("\n      - Brezhnev\n      - kosygin\n      - Gromyko", "kosygin", 12, 9),  # block list
    ],
)
def test_wrong_option_equal_to_an_accepted_answer(
    tmp_path: Path, wrong: str, option: str, line: int, column: int
) -> None:
    body = (
        "  - id: a\n    kind: actor\n    type: choice\n    question: Who mediated?\n"
        f"    answer: Alexei Kosygin\n    wrong: {wrong}\n    alternatives: [Kosygin]\n"
        "    source: S\n"
    )
    message = f"card 'a': the wrong option '{option}' is also an accepted answer"
    assert_problems(load(tmp_path, body), [f"{line}:{column}: {message}"])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1965-13", "date '1965-13' has no month 13"),
        ("04/1965", "date '04/1965' must be written YYYY, YYYY-MM or YYYY-MM-DD"),
        ('"1965-02-30"', "date '1965-02-30' has no day 30"),
        ("April 1965", "date 'April 1965' must be written YYYY, YYYY-MM or YYYY-MM-DD"),
        ("65", "date '65' must be written YYYY, YYYY-MM or YYYY-MM-DD"),
        ('"0000-04"', "date '0000-04' has no year 0"),
        ("١٩٦٥", "date '١٩٦٥' must be written YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_bad_date_formats(tmp_path: Path, value: str, message: str) -> None:
    body = (
        "  - id: a\n    kind: date\n    question: When?\n    answer: April 1965\n"
        f"    date: {value}\n    source: S\n"
    )
    assert_problems(load(tmp_path, body), [f"9:11: {message}"])


def test_good_dates_are_accepted_quoted_or_not(tmp_path: Path) -> None:
    body = "".join(
        f"  - {{id: d{i}, kind: date, question: When?, answer: Then, date: {value}, source: S}}\n"
        for i, value in enumerate(["1965", "1965-04", "1965-04-10", '"1965-04"', "2024-02-29"])
    )
    result = load(tmp_path, body)
    assert result.ok, result.problems
    assert result.deck is not None
    assert [c.date for c in result.deck.cards] == [
        "1965",
        "1965-04",
        "1965-04-10",
        "1965-04",
        "2024-02-29",
    ]


def test_bad_event_date_in_a_chronology(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - id: c
            kind: event
            type: chronology
            source: S
            events:
              - {text: One, date: "1954"}
              - {text: Two, date: "1966-1"}
              - {text: Three, date: "1979"}
              - {text: Four, date: "1991"}
        """,
    )
    assert has_problem(result, "11:27: date '1966-1' must be written YYYY, YYYY-MM or YYYY-MM-DD")


def test_unknown_kind_and_type(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - id: a
            kind: place
            type: quiz
            question: Where did it happen?
            answer: Tashkent
            source: S
        """,
    )
    assert_problems(
        result,
        [
            "6:11: the kind of card 'a' is 'place'; use one of: "
            "date, actor, cause, event, number, concept",
            "7:11: the type of card 'a' is 'quiz'; use one of: "
            "flip, typed, choice, truefalse, cloze, chronology",
        ],
    )


@pytest.mark.parametrize("answer", ['"no"', "yes", "maybe"])
def test_truefalse_answer_must_be_true_or_false(tmp_path: Path, answer: str) -> None:
    body = (
        "  - id: tf\n    kind: concept\n    type: truefalse\n    question: SEATO came first.\n"
        f"    answer: {answer}\n    source: S\n"
    )
    bare = answer.strip('"')
    expected = f"9:13: card 'tf': a truefalse answer must be true or false, not '{bare}'"
    assert_problems(load(tmp_path, body), [expected])


@pytest.mark.parametrize("answer", ["true", "false", '"True"', "FALSE"])
def test_truefalse_accepts_true_and_false(tmp_path: Path, answer: str) -> None:
    body = (
        "  - id: tf\n    kind: concept\n    type: truefalse\n    question: SEATO came first.\n"
        f"    answer: {answer}\n    source: S\n"
    )
    assert load(tmp_path, body).ok


def test_cloze_without_blanks(tmp_path: Path) -> None:
    body = "  - id: c\n    kind: event\n    type: cloze\n    text: No blank here.\n    source: S\n"
    assert_problems(
        load(tmp_path, body),
        ["8:11: card 'c': a cloze text needs at least one blank written {{answer}}"],
    )


def test_anchor_and_alias_are_refused_where_written(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - &first
            id: a
            kind: concept
            question: Q?
            answer: A
            source: S
          - *first
          - id: b
            kind: concept
            question: &q Q?
            answer: B
            source: S
        """,
    )
    errors = where(result)
    assert [e.split(": ")[0] for e in errors] == ["5:5", "11:5", "14:15"]
    assert "anchor '&first'" in errors[0] and "alias '*first'" in errors[1]
    assert "anchor '&q'" in errors[2]
    assert all("not allowed" in e for e in errors)
    assert result.deck is None


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    result = load_deck(path)
    assert result.deck is None and result.errors
    assert all("anchors and aliases are not allowed" in p.message for p in result.errors)


def test_explicit_tags_are_refused(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - id: a
            kind: concept
            question: !!python/object:os.system Q?
            answer: A
            source: S
          - !!python/object/apply:os.system ["echo owned"]
        """,
    )
    errors = where(result)
    assert [e.split(": ")[0] for e in errors] == ["7:15", "10:5"]
    assert all("is not allowed in decks" in e for e in errors)
    assert "python/object:os.system" in errors[0]
    assert result.deck is None


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n\n", "---\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    result = load(tmp_path, text, header="", items=False)
    assert result.deck is None
    assert_problems(result, ["1:1: the file is empty; a deck needs format, id, title and cards"])


def test_unsupported_format_version(tmp_path: Path) -> None:
    header = "format: 2\nid: t\ntitle: T\ncards:\n"
    result = load(tmp_path, "  - {id: a, kind: concept, question: Q?, answer: A}\n", header)
    assert_problems(result, ["1:9: format 2 is not supported; this quizapp reads format 1"])


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
          - id: a
            kind: concept
            question: Q?
            answr: A
            source: S
          - id: b
            kind: concept
            question: Q?
            answer: B
          - id: b
            kind: date
            question: When?
            answer: Then
            date: 1965-4
          - id: c
            kind: planet
            type: choice
            question: Which?
            answer: X
            wrong: [x, Y, Z]
        """,
    )
    assert positions(result) == [
        (5, 5),  # a: no answer
        (8, 5),  # a: 'answr' unknown
        (14, 5),  # b: duplicate id
        (18, 11),  # b: bad date
        (20, 11),  # c: unknown kind
        (24, 13),  # c: wrong option equal to the answer
    ]
    # The warnings come too, and every problem is in file order.
    assert (14, 5) in [(p.line, p.column) for p in result.problems if not p.is_error]
    assert result.problems == sorted(result.problems)


def test_answer_in_question_warning_needs_whole_words(tmp_path: Path) -> None:
    body = (
        "  - {id: a, kind: actor, question: Where was it signed?, answer: Here, source: S}\n"
        "  - {id: b, kind: actor, question: Was it signed in Tashkent?, answer: tashkent,"
        " source: S}\n"
    )
    result = load(tmp_path, body)
    # Only 'tashkent' in 'Tashkent' counts; 'here' inside 'where' is no giveaway.
    assert_problems(result, ["6:36: card 'b': the answer appears in its own question"], "warning")


def test_a_broken_deck_never_stops_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "a-good.yaml").write_text(
        HEADER + "  - {id: a, kind: concept, question: Q?, answer: A, source: S}\n", "utf-8"
    )
    (folder / "b-broken.yaml").write_text("format: 1\nid: [oops\n", "utf-8")
    (folder / "c-good.yml").write_text(
        HEADER.replace("id: t", "id: u") + "  - {id: a, kind: concept, question: Q?, answer: A}\n",
        "utf-8",
    )
    (folder / "notes.txt").write_text("not a deck", "utf-8")
    results = load_decks([folder])
    assert [r.path.name for r in results] == ["a-good.yaml", "b-broken.yaml", "c-good.yml"]
    assert [r.ok for r in results] == [True, False, True]
    broken = results[1]
    assert broken.deck is None and broken.errors[0].line == 3
    assert str(broken.errors[0]).startswith(f"{broken.path}:3:1: error: Q010 YAML syntax")


def test_deck_id_collision_across_files(
    tmp_path: Path, open_collection: Callable[..., Collection]
) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    card = "  - {id: a, kind: concept, question: Q?, answer: A, source: S}\n"
    (folder / "first.yaml").write_text(HEADER + card, "utf-8")
    (folder / "second.yaml").write_text("# the same id again\n" + HEADER + card, "utf-8")
    collection = open_collection(folder)
    assert [d.path.name for d in collection.decks] == ["first.yaml"]
    assert [r.path.name for r in collection.failed] == ["second.yaml"]
    problem = collection.failed[0].errors[0]
    assert (problem.line, problem.column) == (3, 5)
    assert problem.message == f"deck id 't' is already used by {folder / 'first.yaml'}"


def test_a_corrected_copy_of_a_bundled_deck_replaces_it_and_keeps_its_progress(
    data_dir: Path,
    clock: FakeClock,
    open_collection: Callable[..., Collection],
    capsys: pytest.CaptureFixture[str],
) -> None:
    bundled = bundled_decks_dir() / "05-hurdles.yaml"
    before = open_collection()  # the default decks: the bundled ones and the student's folder
    (deck,) = [d for d in before.decks if d.path == bundled]
    session = StudySession([deck], before.store, before.scheduler, clock)
    session.answer(Rating.GOOD)
    session.answer(Rating.AGAIN)
    studied, counts = before.store.states(deck.id), before.counts(deck)
    before.close()
    assert len(studied) == 2

    own = data_dir / "decks" / "hurdles-corrected.yaml"
    own.parent.mkdir(parents=True)
    corrected = bundled.read_text("utf-8").replace('title: "Hurdles:', 'title: "Corrected:', 1)
    own.write_text(corrected, "utf-8")
    after = open_collection()
    assert after.failed == []
    (mine,) = [d for d in after.decks if d.id == deck.id]
    assert mine.path == own and mine.title.startswith("Corrected:")
    # In place of the bundled one, not beside it.
    assert [d.id for d in after.decks] == [d.id for d in before.decks]
    notice = (
        f"Your deck {own} replaces the bundled deck '{deck.id}' ({bundled}); "
        "your progress on it is kept."
    )
    assert after.deck_notices() == [notice]
    assert after.store.states(deck.id) == studied and after.counts(mine) == counts
    # The command line says so too.
    assert main(["list", "--json", "--data-dir", str(data_dir)]) == 0
    out, err = capsys.readouterr()
    assert f"quizapp: {notice}" in err
    assert str(own) in out and str(bundled) not in out

    # Two decks of the student's with one id are still an error, named on the second.
    again = own.with_name("z-again.yaml")
    again.write_text(corrected, "utf-8")
    both = open_collection()
    assert [d.path for d in both.decks if d.id == deck.id] == [own]
    (failed,) = both.failed
    assert failed.path == again
    assert failed.errors[0].message == f"deck id '{deck.id}' is already used by {own}"


@pytest.mark.parametrize("mine_first", [False, True])
def test_a_deck_of_yours_takes_the_bundled_ones_place_whichever_is_read_first(
    tmp_path: Path, mine_first: bool
) -> None:
    card = "  - {id: a, kind: concept, question: Q?, answer: A, source: S}\n"
    shipped, mine = tmp_path / "shipped", tmp_path / "mine"
    shipped.mkdir()
    mine.mkdir()
    (shipped / "1.yaml").write_text(HEADER + card, "utf-8")
    (shipped / "2.yaml").write_text(HEADER.replace("id: t", "id: u") + card, "utf-8")
    (mine / "t.yaml").write_text(HEADER.replace("title: T", "title: Mine") + card, "utf-8")
    folders = [mine, shipped] if mine_first else [shipped, mine]
    results = load_decks(folders, bundled=shipped)
    assert all(r.ok for r in results)
    assert [r.path for r in results] == [mine / "t.yaml", shipped / "2.yaml"]
    assert [r.replaces for r in results] == [shipped / "1.yaml", None]


def test_a_broken_copy_of_a_bundled_deck_leaves_the_bundled_one_in_use(
    data_dir: Path, open_collection: Callable[..., Collection]
) -> None:
    bundled = bundled_decks_dir() / "05-hurdles.yaml"
    own = data_dir / "decks" / "hurdles.yaml"
    own.parent.mkdir(parents=True)
    own.write_text(bundled.read_text("utf-8").replace("format: 1", "format: 9", 1), "utf-8")
    collection = open_collection()
    deck_id = load_deck(bundled).deck.id  # type: ignore[union-attr]
    assert [d.path for d in collection.decks if d.id == deck_id] == [bundled]
    (failed,) = collection.failed
    assert failed.path == own
    assert [e.message for e in failed.errors] == [
        "format 9 is not supported; this quizapp reads format 1"
    ]
    assert collection.deck_notices() == []


# --- the `quizapp check` command, run as a user would -------------------------------------


def run_quizapp(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_reports_bad_decks_with_positions_and_no_traceback(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    syntax = tmp_path / "syntax.yaml"
    syntax.write_text(HEADER + "  - id: a\n    kind: concept\n    question: Q\n   answer: A\n")
    duplicate = tmp_path / "duplicate.yaml"
    duplicate.write_text(
        HEADER.replace("id: t", "id: dup")
        + "  - {id: a, kind: concept, question: Q?, answer: A, source: S}\n" * 2
    )
    no_answer = tmp_path / "no-answer.yaml"
    no_answer.write_text(
        HEADER.replace("id: t", "id: bare")
        + "  - id: a\n    kind: concept\n    question: Q?\n    source: S\n"
    )

    done = run_quizapp("check", syntax, duplicate, no_answer, cwd=elsewhere)
    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if ": error: " in line]
    assert lines[0].startswith(f"{syntax}:8:4: error: Q010 YAML syntax:")
    assert lines[1] == f"{duplicate}:6:5: error: Q026 duplicate card id 'a' (first used on line 5)"
    assert lines[2] == (
        f"{no_answer}:5:5: error: Q021 card 'a' (typed card) is missing the required field 'answer'"
    )
    assert len(lines) == 3
    assert "3 error(s)" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_check_on_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    done = run_quizapp("check", tmp_path / "nowhere.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert "no such file or folder" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_check_flags_a_deck_id_used_twice(tmp_path: Path) -> None:
    card = "  - {id: a, kind: concept, question: Q?, answer: A, source: S}\n"
    (tmp_path / "one.yaml").write_text(HEADER + card)
    (tmp_path / "two.yaml").write_text(HEADER + card)
    done = run_quizapp("check", tmp_path, cwd=tmp_path)
    assert done.returncode == 1
    two = tmp_path / "two.yaml"
    assert [line for line in done.stdout.splitlines() if ": error: " in line] == [
        f"{two}:2:5: error: Q026 deck id 't' is already used by {tmp_path / 'one.yaml'}"
    ]


def test_check_passes_the_bundled_decks(tmp_path: Path) -> None:
    decks = bundled_decks_dir()
    done = run_quizapp("check", decks, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    assert "0 error(s), 0 warning(s)" in done.stderr
    assert "error:" not in done.stderr and "warning:" not in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
