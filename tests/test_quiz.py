"""Quiz and cram sessions: every answer logged with its question type and scheduled."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.grading.marking import Outcome
from quizapp.core.paths import bundled_decks_dir
from quizapp.core.progress.replay import fuzz_seed, replay
from quizapp.core.progress.store import Review
from quizapp.core.questions.paper import STOP_CHECK_EVERY, DrawStopped
from quizapp.core.questions.question import Format, Question
from quizapp.core.questions.selection import select_entries
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler
from quizapp.core.sessions.cram import cram_session, weakest_first
from quizapp.core.sessions.quiz import quiz_session

DECK = """\
format: 1
id: small
title: Small deck
cards:
  - id: seato
    kind: date
    type: typed
    question: In which year did Pakistan join SEATO?
    answer: "1954"
    date: "1954"
    wrong: ["1955", "1953", "1958"]
    source: SEATO in 1954.
    tags: [1950s]
  - id: mediator
    kind: actor
    type: choice
    question: Who mediated at Tashkent in January 1966?
    answer: Alexei Kosygin
    alternatives: [Kosygin]
    wrong: [Leonid Brezhnev, Nikita Khrushchev, Andrei Gromyko]
    source: Kosygin mediated.
    tags: [1960s]
  - id: cento-first
    kind: date
    type: truefalse
    question: Pakistan joined CENTO before it joined SEATO.
    answer: "false"
    source: SEATO then CENTO.
  - id: cloze
    kind: event
    type: cloze
    text: Pakistan joined {{SEATO}} in {{1954}}.
    source: SEATO in 1954.
"""


@pytest.fixture
def small(tmp_path: Path, clock: FakeClock, scheduler: Scheduler) -> Iterator[Collection]:
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "small.yaml").write_text(DECK, encoding="utf-8")
    collection = Collection.open([tmp_path / "decks"], tmp_path / "data", clock)
    collection.scheduler = scheduler
    yield collection
    collection.close()


def right_response(question: Question) -> str:
    """What a student who knows everything answers."""
    if question.format is Format.TRUE_FALSE:
        return "true" if question.truth else "false"
    if question.format is Format.CLOZE:
        return " | ".join(blank[0] for blank in question.blanks)
    if question.format is Format.CHRONOLOGY:
        return "".join("abcdef"[i] for i in question.key)
    if question.format is Format.MATCHING:
        return " ".join(f"{i + 1}{'abcde'[k]}" for i, k in enumerate(question.key))
    return question.answer


def test_quiz_logs_every_answer_with_its_type_and_reschedules(
    small: Collection, clock: FakeClock
) -> None:
    session = quiz_session(small.decks, small.store, small.scheduler, clock, count=10, seed=3)
    assert len(session.questions) == 4  # each card once
    given = []
    for i, question in enumerate(list(session.questions)):
        clock.advance(seconds=7)
        response = right_response(question) if i % 2 == 0 else "nonsense"
        verdict = session.answer(response)
        assert verdict.correct is (i % 2 == 0)
        given.append((question.entries[0].card.id, str(question.format), response))
    assert session.current is None
    reviews = small.store.reviews("small")
    assert [(r.card_id, r.question_type, r.given_answer) for r in reviews] == given
    assert {r.mode for r in reviews} == {"quiz"}
    assert [r.rating for r in reviews] == [3, 1, 3, 1]
    assert all(r.duration_ms == 7000 for r in reviews)
    states = small.store.states("small")
    assert all(state.reps == 1 for state in states.values()) and len(states) == 4
    summary = session.summary()
    assert (summary.answers, summary.items, summary.answers_right, summary.seconds) == (4, 4, 2, 28)
    assert summary.unit == "question" and not summary.ended_early


def test_quiz_in_one_format_and_on_a_kind(small: Collection, clock: FakeClock) -> None:
    session = quiz_session(
        small.decks, small.store, small.scheduler, clock, kinds=["actor"], fmt=Format.TYPED
    )
    assert [(q.format, q.entries[0].card.id) for q in session.questions] == [
        (Format.TYPED, "mediator")
    ]
    assert session.answer("Kosygn").outcome is Outcome.ALMOST
    (review,) = small.store.reviews("small")
    assert (review.rating, review.given_answer, review.question_type) == (2, "Kosygn", "typed")


def test_the_student_can_grade_an_answer_the_marker_got_wrong(
    small: Collection, clock: FakeClock
) -> None:
    session = quiz_session(
        small.decks, small.store, small.scheduler, clock, kinds=["actor"], fmt=Format.TYPED
    )
    before = small.store.state("small", "mediator")
    clock.advance(seconds=5)
    answered_at = clock()
    assert session.answer("the Soviet premier").outcome is Outcome.WRONG  # right, in other words
    assert session.can_regrade
    waits = session.preview()
    assert set(waits) == set(Rating) and waits[Rating.AGAIN] < waits[Rating.GOOD]
    clock.advance(seconds=3)
    verdict = session.regrade(Rating.GOOD)
    assert verdict.correct and verdict.proposed_rating == 3
    # The log keeps the marker's grade, undone, and the student's; the state is the student's.
    (first, second) = small.store.reviews("small", undone=True)
    assert (first.rating, second.rating) == (1, 3)
    assert second.reviewed_at == answered_at and second.given_answer == "the Soviet premier"
    (kept,) = small.store.reviews("small")
    assert kept.id == second.id
    expected = small.scheduler.review(
        before, Rating.GOOD, answered_at, fuzz_seed("small", "mediator")
    )
    assert small.store.state("small", "mediator") == expected
    assert replay(small.scheduler, small.store.reviews())[("small", "mediator")] == expected
    summary = session.summary()
    assert (summary.answers, summary.answers_right) == (1, 1)
    session.regrade(Rating.AGAIN)  # changed again: still one review counts
    assert [r.rating for r in small.store.reviews("small")] == [1]
    assert len(small.store.reviews("small", undone=True)) == 3
    assert session.summary().answers_right == 0


def test_a_matching_logs_one_review_per_card(tmp_path: Path, clock: FakeClock) -> None:
    collection = Collection.open([bundled_decks_dir()], tmp_path / "data", clock)
    try:
        session = quiz_session(
            collection.decks,
            collection.store,
            collection.scheduler,
            clock,
            count=1,
            fmt=Format.MATCHING,
            seed=5,
        )
        (question,) = session.questions
        key = list(question.key)
        key[0], key[1] = key[1], key[0]
        response = " ".join(f"{i + 1}{'abcde'[k]}" for i, k in enumerate(key))
        session.answer(response)
        reviews = collection.store.reviews()
        assert [(r.card_id, r.rating) for r in reviews] == [
            (e.card.id, 1 if i < 2 else 3) for i, e in enumerate(question.entries)
        ]
        assert {(r.mode, r.question_type, r.given_answer) for r in reviews} == {
            ("quiz", "matching", response)
        }
        assert not session.can_regrade  # each card was graded by its own pair
        with pytest.raises(ValueError):
            session.regrade(Rating.GOOD)
    finally:
        collection.close()


def test_cram_asks_every_card_once_whatever_the_schedule(
    small: Collection, clock: FakeClock
) -> None:
    far = CardState(Phase.REVIEW, 0, 30.0, 5.0, clock() + timedelta(days=20), clock(), 3, 0)
    small.store.record(Review("small", "seato", clock(), 3), far)
    session = cram_session(small.decks, small.store, small.scheduler, clock, seed=1)
    assert sorted(q.entries[0].card.id for q in session.questions) == [
        "cento-first",
        "cloze",
        "mediator",
        "seato",
    ]
    # Each card in its own type's format.
    assert {q.entries[0].card.id: q.format for q in session.questions} == {
        "seato": Format.TYPED,
        "mediator": Format.CHOICE,
        "cento-first": Format.TRUE_FALSE,
        "cloze": Format.CLOZE,
    }


def test_weakest_first_most_lapses_then_lowest_recall(small: Collection, clock: FakeClock) -> None:
    now = clock()
    entries = select_entries(small.decks)
    states = {
        "seato": CardState(Phase.REVIEW, 0, 100.0, 5.0, now, now - timedelta(days=10), 5, 0),
        "mediator": CardState(Phase.REVIEW, 0, 2.0, 5.0, now, now - timedelta(days=10), 5, 0),
        "cloze": CardState(Phase.REVIEW, 0, 50.0, 5.0, now, now - timedelta(days=10), 5, 2),
    }
    for card_id, state in states.items():
        small.store.record(Review("small", card_id, now - timedelta(days=10), 3), state)
    order = weakest_first(entries, small.store, small.scheduler, now)
    # Lapses first; then the card never studied (recall 0); then low stability before high.
    assert [e.card.id for e in order] == ["cloze", "cento-first", "mediator", "seato"]
    session = cram_session(small.decks, small.store, small.scheduler, clock, weakest=True)
    assert [q.entries[0].card.id for q in session.questions] == [e.card.id for e in order]


def test_a_cram_draw_can_be_given_up(tmp_path: Path, clock: FakeClock) -> None:
    bundled = Collection.open([bundled_decks_dir()], tmp_path / "data", clock=clock)
    asked: list[int] = []

    def stop() -> bool:  # gives up the second time it is asked
        asked.append(1)
        return len(asked) > 1

    try:
        args = (bundled.decks, bundled.store, bundled.scheduler, clock)
        with pytest.raises(DrawStopped):
            cram_session(*args, seed=1, stop=stop)
        assert len(asked) == 2
        never = cram_session(*args, seed=1, stop=lambda: False)
        assert len(never.questions) > STOP_CHECK_EVERY  # so the first draw was asked twice
    finally:
        bundled.close()


def test_cram_reviews_are_same_day_reviews(small: Collection, clock: FakeClock) -> None:
    first = cram_session(small.decks, small.store, small.scheduler, clock, kinds=["actor"])
    first.answer("Alexei Kosygin")
    after_first = small.store.state("small", "mediator")
    clock.advance(hours=2)
    second = cram_session(small.decks, small.store, small.scheduler, clock, kinds=["actor"])
    second.answer("Alexei Kosygin")
    after_second = small.store.state("small", "mediator")
    # What the scheduler gives a review 2 hours after the last one: FSRS-6's same-day update.
    expected = small.scheduler.review(
        after_first, Rating.GOOD, clock(), fuzz_seed("small", "mediator")
    )
    assert after_second == expected
    fresh = small.scheduler.review(
        replace(after_first, last_review=clock() - timedelta(days=3)), Rating.GOOD, clock()
    )
    assert fresh.stability != after_second.stability, "treated as a review days later"
    assert [r.mode for r in small.store.reviews("small")] == ["cram", "cram"]


def test_sessions_are_reproducible_under_a_seed(small: Collection, clock: FakeClock) -> None:
    def draw(seed: int) -> list[tuple[object, ...]]:
        session = quiz_session(small.decks, small.store, small.scheduler, clock, seed=seed)
        return [(q.format, q.prompt, q.options, q.truth) for q in session.questions]

    assert draw(9) == draw(9)
    assert len({tuple(draw(seed)) for seed in range(6)}) > 1
    assert random.Random(9).random() == random.Random(9).random()


def test_a_cram_draws_each_question_when_it_comes(tmp_path: Path, clock: FakeClock) -> None:
    """Cramming a whole collection builds no card it has not reached: the first question (and
    the one drawn ahead) read their own decks' cards alone, whatever the collection's size."""
    from quizapp.core.decks.cache import LazyCards

    Collection.open([bundled_decks_dir()], tmp_path / "data", clock=clock).close()  # cached
    for weakest in (False, True):
        bundled = Collection.open([bundled_decks_dir()], tmp_path / "data", clock=clock)
        try:
            decks = bundled.decks
            assert len(decks) > 3 and all(isinstance(d.cards, LazyCards) for d in decks)
            args = (decks, bundled.store, bundled.scheduler, clock)
            session = cram_session(*args, seed=1, weakest=weakest)
            first = session.current
            assert first is not None
            loaded = {d.id for d in decks if d.cards.loaded}  # type: ignore[attr-defined]
            assert first.entries[0].deck.id in loaded and len(loaded) <= 2
            # Every card once, but those no format fits (a long flip answer with nothing in
            # its deck to compare it with), found out as they come: shuffled (seed 1), the
            # first card reached is a choice card (cold-war-alignment/russia-swing-rift-choice)
            # and weakest first the first cards are in deck order; both fit, so none is left
            # out before the first question.
            cards = sum(len(d.cards) for d in decks)
            assert len(session.questions) == cards  # none drawn but the next yet
            asked = [q.entries[0].key for q in session.questions]
            assert len(set(asked)) == len(asked) == len(session.questions) > cards * 0.8
        finally:
            bundled.close()
