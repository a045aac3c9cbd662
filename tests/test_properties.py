"""Properties over generated input (hypothesis): grading never fails on any string, loading
never fails on any bytes (only a clean result with problems), and replaying the review log
reproduces the stored card states."""

from __future__ import annotations

import random
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.core.clock import FakeClock
from quizapp.core.decks.loader import LoadResult, parse_deck
from quizapp.core.decks.model import Deck
from quizapp.core.grading.formats import (
    grade_choice,
    grade_chronology,
    grade_cloze,
    grade_true_false,
)
from quizapp.core.grading.marking import Verdict, grade_typed
from quizapp.core.grading.text import normalize
from quizapp.core.progress.replay import replay
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Scheduler, SchedulerConfig
from quizapp.core.sessions.cram import cram_session
from quizapp.core.sessions.study import StudySession

EXAMPLES = settings(max_examples=200, deadline=None)
texts = st.text(max_size=60)
iso_dates = st.dates().map(lambda d: d.isoformat()) | st.integers(1, 9999).map(
    lambda year: f"{year:04d}"
)

GOOD_DECK = b"""\
format: 1
id: good
title: A good deck
tags: [cold-war]
cards:
  - id: seato-year
    kind: date
    type: typed
    question: In which year did Pakistan join SEATO?
    answer: "1954"
    alternatives: [nineteen fifty-four]
    date: "1954"
    wrong: ["1955", "1962"]
    source: "Pakistan joined SEATO in 1954."
  - id: mediator
    kind: actor
    type: choice
    question: Who mediated at Tashkent?
    answer: Alexei Kosygin
    wrong: [Leonid Brezhnev, Nikita Khrushchev]
    source: "Kosygin mediated."
  - id: cloze
    kind: event
    type: cloze
    text: Pakistan joined {{SEATO|the South East Asia Treaty Organisation}} in {{1954}}.
    source: "..."
"""


def sound(verdict: Verdict) -> bool:
    return (
        0.0 <= verdict.score <= 1.0
        and verdict.proposed_rating in (1, 2, 3)
        and bool(verdict.reason)
    )


# Grading ------------------------------------------------------------------------------------


@EXAMPLES
@given(
    texts, texts, st.lists(texts, max_size=3), st.none() | iso_dates, st.lists(texts, max_size=3)
)
def test_typed_grading_never_fails(
    given_text: str, answer: str, alternatives: list[str], date: str | None, wrong: list[str]
) -> None:
    assert sound(grade_typed(given_text, answer, alternatives, date, wrong=wrong))


@EXAMPLES
@given(texts, st.lists(texts, max_size=3), st.none() | iso_dates)
def test_the_answer_itself_is_never_marked_wrong(
    answer: str, alternatives: list[str], date: str | None
) -> None:
    verdict = grade_typed(answer, answer, alternatives, date)
    assert sound(verdict)
    if verdict.outcome == "wrong":
        assert verdict.reason.startswith("No answer")  # nothing left once normalised


@EXAMPLES
@given(texts, texts, st.booleans(), st.booleans())
def test_choice_and_true_false_grading_never_fail(
    chosen: str, answer: str, said: bool, truth: bool
) -> None:
    assert sound(grade_choice(chosen, answer))
    if normalize(answer):  # an option of nothing but punctuation is no answer at all
        assert grade_choice(answer, answer).correct
    assert sound(grade_true_false(said, truth))


@EXAMPLES
@given(st.lists(st.lists(texts, min_size=1, max_size=3), min_size=1, max_size=4), st.data())
def test_cloze_grading_never_fails(blanks: list[list[str]], data: st.DataObject) -> None:
    filled = data.draw(st.lists(texts, max_size=len(blanks)))
    assert sound(grade_cloze(filled, blanks))


@EXAMPLES
@given(st.lists(st.integers(), min_size=0, max_size=7, unique=True), st.randoms())
def test_chronology_grading_never_fails(events: list[int], rng: random.Random) -> None:
    order = list(events)
    rng.shuffle(order)
    verdict = grade_chronology(order, events)
    assert sound(verdict)
    assert grade_chronology(events, events).correct


# Loading ------------------------------------------------------------------------------------


def clean(result: LoadResult) -> bool:
    """A result is clean: a deck without errors, or errors that each say where and what."""
    if result.ok:
        return isinstance(result.deck, Deck)
    return bool(result.errors) and all(
        p.line >= 1 and p.column >= 1 and p.message and str(p) for p in result.problems
    )


@EXAMPLES
@given(st.binary(max_size=3000))
def test_loading_any_bytes_gives_a_clean_result(data: bytes) -> None:
    assert clean(parse_deck(data, Path("any.yaml")))


@EXAMPLES
@given(st.text(max_size=2000))
def test_loading_any_text_gives_a_clean_result(text: str) -> None:
    assert clean(parse_deck(text.encode("utf-8", "surrogatepass"), Path("any.yaml")))


@EXAMPLES
@given(
    st.lists(
        st.tuples(st.integers(0, len(GOOD_DECK)), st.integers(0, 8), st.binary(max_size=8)),
        min_size=1,
        max_size=6,
    )
)
def test_loading_a_damaged_deck_gives_a_clean_result(edits: list[tuple[int, int, bytes]]) -> None:
    """A good deck with bytes cut out and put in: what an editor crash or a bad merge leaves."""
    data = GOOD_DECK
    for at, cut, put in edits:
        at = min(at, len(data))
        data = data[:at] + put + data[at + cut :]
    assert clean(parse_deck(data, Path("damaged.yaml")))


def test_the_good_deck_is_good() -> None:
    assert parse_deck(GOOD_DECK, Path("good.yaml")).ok


# Replay -------------------------------------------------------------------------------------

TZ = timezone(timedelta(hours=5))
steps = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), st.sampled_from(list(Rating))),
        st.tuples(st.just("wait"), st.sampled_from([0, 1, 7, 11, 65, 1440, 4000, 30_000])),
        st.tuples(st.just("undo"), st.just(0)),
    ),
    max_size=40,
)


def assert_states_replay(store: Store, scheduler: Scheduler, deck: Deck) -> None:
    """Every card's stored state is what replaying the log gives."""
    replayed = replay(scheduler, store.reviews())
    stored = store.states(deck.id)
    for card in deck.cards:
        expected = replayed.get((deck.id, card.id), CardState())
        assert stored.get(card.id, CardState()) == expected, card.id


@settings(max_examples=60, deadline=None)
@given(steps)
def test_replaying_the_log_reproduces_the_stored_states(actions: list[tuple[str, int]]) -> None:
    deck = parse_deck(GOOD_DECK, Path("good.yaml")).deck
    assert deck is not None
    scheduler = Scheduler(SchedulerConfig(), tz=TZ)  # with fuzz, as students have it
    clock = FakeClock(datetime(2024, 5, 1, 10, 0, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "progress.sqlite3")
        try:
            session = StudySession([deck], store, scheduler, clock)
            for action, value in actions:
                if action == "answer":
                    if session.current is None:
                        clock.advance(days=3)
                        session = StudySession([deck], store, scheduler, clock)
                    if session.current is not None:
                        session.answer(Rating(value))
                elif action == "wait":
                    clock.advance(minutes=value)
                else:
                    session.undo()
            assert_states_replay(store, scheduler, deck)
        finally:
            store.close()


cram_steps = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), st.sampled_from(["", "1954", "Kosygin", "true", "x"])),
        st.tuples(st.just("regrade"), st.sampled_from(list(Rating))),
        st.tuples(st.just("wait"), st.sampled_from([0, 1, 11, 1440, 4000])),
    ),
    max_size=30,
)


@settings(max_examples=40, deadline=None)
@given(cram_steps)
def test_cram_answers_and_the_students_own_grades_replay_to_the_stored_states(
    actions: list[tuple[str, object]],
) -> None:
    deck = parse_deck(GOOD_DECK, Path("good.yaml")).deck
    assert deck is not None
    scheduler = Scheduler(SchedulerConfig(), tz=TZ)
    clock = FakeClock(datetime(2024, 5, 1, 10, 0, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "progress.sqlite3")
        try:
            session = cram_session([deck], store, scheduler, clock, seed=1)
            for action, value in actions:
                if action == "answer":
                    if session.current is None:
                        session = cram_session([deck], store, scheduler, clock, seed=2)
                    session.answer(str(value))
                elif action == "regrade":
                    if session.can_regrade:
                        session.regrade(Rating(value))
                else:
                    clock.advance(minutes=int(str(value)))
            assert_states_replay(store, scheduler, deck)
        finally:
            store.close()
