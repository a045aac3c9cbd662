"""Quiz and cram as a student drives them: keys and clicks in; what is shown and stored out."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Static
from tui_support import until

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.paths import bundled_decks_dir
from quizapp.core.questions.question import Format, Question
from quizapp.tui import launch
from quizapp.tui.app import QuizApp, make_app
from quizapp.tui.launch import cram_screen, quiz_screen, quiz_session_for
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.start_options import StartOptionsScreen
from quizapp.tui.screens.summary import SummaryScreen
from quizapp.tui.widgets.deck_list import DeckList
from quizapp.tui.widgets.feedback_panel import FeedbackPanel
from quizapp.tui.widgets.grade_bar import GradeBar
from quizapp.tui.widgets.order_answer import ChronologyAnswer, MatchingAnswer

START = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
SIZE = (80, 24)
DECK = """\
format: 1
id: quiz-deck
title: Quiz deck
reference: {title: Pakistan-Russia relations, author: Adnan Ali Shah}
cards:
  - id: seato
    kind: date
    type: typed
    question: In which year did Pakistan join SEATO?
    answer: "1954"
    date: "1954"
    wrong: ["1955", "1953", "1958"]
    explanation: SEATO came a year before CENTO.
    source: Pakistan joined SEATO in 1954.
    tags: [1950s]
  - id: mediator
    kind: actor
    type: choice
    question: Who mediated between India and Pakistan at Tashkent in January 1966?
    answer: Alexei Kosygin
    alternatives: [Kosygin]
    wrong: [Leonid Brezhnev, Nikita Khrushchev, Andrei Gromyko]
    source: Soviet Premier Kosygin mediated at Tashkent.
    tags: [1960s]
"""


def open_collection(tmp_path: Path, bundled: bool = False) -> tuple[Collection, FakeClock]:
    folder = tmp_path / "decks"
    if bundled:
        folder = bundled_decks_dir()
    else:
        folder.mkdir()
        (folder / "quiz.yaml").write_text(DECK, encoding="utf-8")
    clock = FakeClock(START)
    return Collection.open([folder], tmp_path / "data", clock=clock), clock


def text_of(widget: Static) -> str:
    return str(widget.render())


def right_response(question: Question) -> str:
    if question.format is Format.TRUE_FALSE:
        return "t" if question.truth else "f"
    if question.format is Format.CHOICE:
        return "abcd"[question.options.index(question.answer)]
    if question.format is Format.CHRONOLOGY:
        return "".join("abcdef"[i] for i in question.key)
    if question.format is Format.MATCHING:
        return " ".join(f"{i + 1}{'abcde'[k]}" for i, k in enumerate(question.key))
    return question.answer


async def answer(pilot: Pilot[int], question: Question, response: str) -> None:
    """Answer the way a student does: letters for options, typing and enter otherwise."""
    if question.format in (Format.CHOICE, Format.TRUE_FALSE):
        await pilot.press(response)
    elif question.format is Format.CLOZE:
        for blank in response.split(" | "):
            await pilot.press(*blank, "enter")
    else:
        await pilot.press(*response, "enter")
    await pilot.pause()


def quiz_app(collection: Collection, **options: object) -> QuizApp:
    return make_app(
        collection, start=lambda _app: quiz_screen(collection, collection.decks, **options)
    )


async def test_quiz_marks_each_answer_at_once_and_logs_it(tmp_path: Path) -> None:
    collection, clock = open_collection(tmp_path)
    app = quiz_app(collection, count=2, fmt=Format.TYPED, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        questions = screen.session.questions
        assert sorted(q.entries[0].card.id for q in questions) == ["mediator", "seato"]
        status = text_of(screen.query_one("#quiz-status", Static))
        assert "Quiz · question 1 of 2" in status
        first = questions[0]
        clock.advance(seconds=4)
        wrong = "1958" if first.entries[0].card.id == "seato" else "Gromyko"
        await answer(pilot, first, wrong)
        panel = text_of(screen.query_one(FeedbackPanel))
        assert "Wrong" in panel and f"Answer: {first.answer}" in panel
        assert "Source (Adnan Ali Shah)" in panel
        assert "0 of 1 right" in text_of(screen.query_one("#quiz-status", Static))
        assert "question 1 of 2" in text_of(screen.query_one("#quiz-status", Static))
        await pilot.press("enter")
        second = questions[1]
        assert text_of(screen.query_one("#quiz-question", Static)) == second.prompt
        clock.advance(seconds=6)
        await answer(pilot, second, second.answer)
        assert "Right." in text_of(screen.query_one(FeedbackPanel))
        await pilot.press("enter")
        assert isinstance(app.screen, SummaryScreen)
        shown = text_of(app.screen.query_one("#summary-text", Static))
        assert "Session complete" in shown
        assert "2 answers to 2 questions · 1 answer right (50%)" in shown
    reviews = collection.store.reviews("quiz-deck")
    assert [(r.rating, r.given_answer, r.mode, r.question_type) for r in reviews] == [
        (1, wrong, "quiz", "typed"),
        (3, second.answer, "quiz", "typed"),
    ]
    assert [r.duration_ms for r in reviews] == [4000, 6000]


async def test_a_student_grades_an_answer_themselves_with_1_to_4(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path)
    app = quiz_app(collection, count=2, fmt=Format.TYPED, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        first, second = screen.session.questions
        bar = screen.query_one(GradeBar)
        assert not bar.display
        await pilot.press("3")  # typed into the answer box: no grade before an answer
        assert not bar.display and screen.query_one(Input).value == "3"
        screen.query_one(Input).value = ""
        await answer(pilot, first, "no idea")
        hint = text_of(screen.query_one("#quiz-hint", Static))
        assert hint == "Press enter for the next question, or 1-4 to grade your answer yourself."
        labels = [str(button.label) for button in bar.query(Button)]
        assert labels[0].startswith("1 Again") and labels[0].endswith("(proposed)")
        await pilot.press("4")
        assert text_of(screen.query_one("#quiz-question", Static)) == second.prompt
        assert "1 of 1 right" in text_of(screen.query_one("#quiz-status", Static))
        assert not bar.display
    reviews = collection.store.reviews("quiz-deck")
    assert [(r.card_id, r.rating, r.given_answer) for r in reviews] == [
        (first.entries[0].card.id, 4, "no idea")
    ]


async def test_choice_marks_the_right_option_in_words_and_mouse_works(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path)
    app = quiz_app(collection, count=1, fmt=Format.CHOICE, kinds=["actor"], seed=2)
    async with app.run_test(size=SIZE) as pilot:
        question = app.screen.session.questions[0]
        wrong = next(i for i, o in enumerate(question.options) if o != question.answer)
        options = app.screen.query_one(OptionList)
        await pilot.click(options, offset=(3, wrong))
        await pilot.pause()
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(s.endswith("✓ right answer") and question.answer in s for s in shown)
        assert any(s.endswith("✗ your answer") for s in shown)
        assert "Wrong" in text_of(app.screen.query_one(FeedbackPanel))
    (review,) = collection.store.reviews("quiz-deck")
    assert (review.rating, review.given_answer) == (1, question.options[wrong])


async def test_chronology_and_matching_appear_in_quiz_mode_on_the_bundled_decks(
    tmp_path: Path,
) -> None:
    collection, _ = open_collection(tmp_path, bundled=True)
    # A ten-question quiz mixes them in; each is then answered on its screen. (Driving all ten
    # questions through the screen, typing every letter, took ten seconds for nothing more.)
    mix = quiz_session_for(collection, collection.decks, count=10, seed=4).questions
    assert {Format.CHRONOLOGY, Format.MATCHING} <= {question.format for question in mix}
    for fmt, widget in ((Format.CHRONOLOGY, ChronologyAnswer), (Format.MATCHING, MatchingAnswer)):
        app = quiz_app(collection, count=1, fmt=fmt, seed=4)
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, QuizScreen)
            (question,) = screen.session.questions
            box = screen.query_one(widget).query_one(Input)
            box.value = right_response(question)  # typed whole: each key costs a redraw
            await pilot.press("enter")
            assert "Right." in text_of(screen.query_one(FeedbackPanel))
            await pilot.press("enter")
            assert isinstance(app.screen, SummaryScreen)
    modes = {(r.mode, r.rating) for r in collection.store.reviews()}
    assert modes == {("quiz", 3)} and len(collection.store.reviews()) >= 2


async def test_chronology_by_mouse_and_a_malformed_order_is_refused(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, bundled=True)
    app = quiz_app(collection, count=1, fmt=Format.CHRONOLOGY, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        question = app.screen.session.questions[0]
        await pilot.press("a", "b", "enter")
        problem = app.screen.query_one(".answer-problem", Static)
        assert problem.display and "once" in text_of(problem)
        assert not app.screen.answered
        box = app.screen.query_one(ChronologyAnswer).query_one(Input)
        box.value = ""
        events = app.screen.query_one(ChronologyAnswer).query_one(OptionList)
        for index in question.key:  # click the events in order, earliest first
            events.highlighted = index
            events.action_select()
        await pilot.pause()
        assert box.value == "".join("abcdef"[i] for i in question.key)
        await pilot.click("#check")
        await pilot.pause()
        assert app.screen.answered
        assert "Right." in text_of(app.screen.query_one(FeedbackPanel))


async def test_dont_know_shows_the_answer_and_counts_as_again(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path)
    app = quiz_app(collection, count=1, fmt=Format.TYPED, kinds=["date"], seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        panel = text_of(app.screen.query_one(FeedbackPanel))
        assert "No answer" in panel and "Answer: 1954" in panel
    (review,) = collection.store.reviews("quiz-deck")
    assert (review.rating, review.given_answer) == (1, "")


async def test_cram_goes_through_every_card(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path)
    app = make_app(
        collection,
        start=lambda _app: cram_screen(collection, collection.decks, weakest=True, seed=1),
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert "Cram · question 1 of 2 · weakest first" in text_of(
            screen.query_one("#quiz-status", Static)
        )
        for question in list(screen.session.questions):
            await answer(pilot, question, right_response(question))
            await pilot.press("enter")
        assert isinstance(app.screen, SummaryScreen)
    assert {r.mode for r in collection.store.reviews()} == {"cram"}
    assert len(collection.store.reviews()) == 2


async def test_home_keys_and_palette_start_quiz_exam_and_cram(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path)
    app = make_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        for key, mode, screen_name in (("q", "quiz", "QuizScreen"), ("c", "cram", "QuizScreen")):
            await pilot.press(key)
            assert isinstance(app.screen, StartOptionsScreen) and app.screen.mode == mode
            await pilot.press("enter")
            await app.workers.wait_for_complete()  # the questions are drawn in a thread
            await pilot.pause()
            assert type(app.screen).__name__ == screen_name
            app.pop_screen()
            await pilot.pause()
        await pilot.press("x")
        assert isinstance(app.screen, StartOptionsScreen)
        app.screen.query_one("#start-count", Input).value = "0"
        await pilot.click("#start-go")
        assert "at least 1" in text_of(app.screen.query_one("#start-problem", Static))
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Quiz", "Exam", "Cram"} <= set(titles)


async def test_questions_are_drawn_in_a_thread_while_home_answers_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collection, _ = open_collection(tmp_path)
    gate, threads = threading.Event(), []
    original = launch.draw

    def held(*args: Any) -> Any:
        threads.append(threading.current_thread())
        gate.wait(10)
        return original(*args)

    monkeypatch.setattr(launch, "draw", held)
    app = make_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "enter")
        await until(lambda: bool(threads), "the questions to be drawn in their thread")
        home = app.screen
        assert isinstance(home, HomeScreen)  # still drawing: home says so, and answers keys
        assert threads[0] is not threading.main_thread()
        cards = sum(len(deck.cards) for deck in collection.decks)
        working = text_of(home.query_one("#home-working", Static))
        assert working == f"Preparing the cram: drawing the questions from {cards} cards…"
        decks = home.query_one("#decks", DeckList)
        before = decks.highlighted
        await pilot.press("down")
        assert decks.highlighted != before
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "QuizScreen"
        assert not home.query("#home-working")
        assert "weakest first" in text_of(app.screen.query_one("#quiz-status", Static))
        await pilot.press("ctrl+n")  # "don't know": saved through the app's own connection
        await pilot.pause()
    assert [r.mode for r in collection.store.reviews()] == ["cram"]


def test_quiz_screen_snapshot(snap_compare, tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path)
    app = quiz_app(collection, count=2, fmt=Format.CHOICE, seed=3)
    assert snap_compare(app, terminal_size=SIZE, press=["b"])
