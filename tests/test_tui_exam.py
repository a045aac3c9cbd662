"""The exam as a student sits it: the clock in view, time running out, the report, the store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.paths import bundled_decks_dir
from quizapp.core.progress.exams import ExamStore
from quizapp.core.questions.question import Format, Question
from quizapp.tui.app import QuizApp, make_app
from quizapp.tui.launch import exam_screen
from quizapp.tui.screens.confirm import ConfirmScreen
from quizapp.tui.screens.exam import ExamScreen, format_clock
from quizapp.tui.screens.exam_report import ExamReportScreen
from quizapp.tui.screens.home import HomeScreen

START = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
SIZE = (80, 24)
REPORT_DECK = Path(__file__).parent / "data" / "exam_report"
LETTERS = "abcdef"


def open_bundled(tmp_path: Path) -> tuple[Collection, FakeClock]:
    clock = FakeClock(START)
    return Collection.open([bundled_decks_dir()], tmp_path / "data", clock=clock), clock


def text_of(widget: Static) -> str:
    return str(widget.render())


def response(question: Question, right: bool) -> str:
    """A response sure to be fully right, or sure to earn nothing."""
    fmt, n = question.format, len(question.options)
    if fmt is Format.TRUE_FALSE:
        return "t" if question.truth is right else "f"
    if fmt is Format.CHOICE:
        index = question.options.index(question.answer)
        return LETTERS[index if right else (index + 1) % n]
    if fmt is Format.CHRONOLOGY:
        order = "".join(LETTERS[i] for i in question.key)
        return order if right else order[::-1]  # reversed: no pair in order
    if fmt is Format.MATCHING:
        shift = 0 if right else 1  # every item paired with the next item's answer
        pairs = [f"{i + 1}{LETTERS[question.key[(i + shift) % n]]}" for i in range(n)]
        return " ".join(pairs)
    if fmt is Format.CLOZE:
        return " | ".join(blank[0] if right else "xyzzy" for blank in question.blanks)
    return question.answer if right else "xyzzy"


async def give(pilot: Pilot[int], question: Question, text: str) -> None:
    if question.format in (Format.CHOICE, Format.TRUE_FALSE):
        await pilot.press(text)
    elif question.format is Format.CLOZE:
        for blank in text.split(" | "):
            await pilot.press(*blank, "enter")
    else:
        await pilot.press(*text, "enter")
    await pilot.pause()


def exam_app(collection: Collection, count: int, minutes: float, seed: int) -> QuizApp:
    return make_app(
        collection,
        start=lambda _app: exam_screen(
            collection, collection.decks, count=count, minutes=minutes, seed=seed
        ),
    )


async def test_time_runs_out_part_way_through_a_ten_question_exam(tmp_path: Path) -> None:
    collection, clock = open_bundled(tmp_path)
    app = exam_app(collection, count=10, minutes=5, seed=8)
    plan = [True, False, True, True, False]  # five answered: three right, two wrong
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ExamScreen)
        questions = list(screen.exam.questions)
        assert len(questions) == 10
        assert "Time left 5:00" in text_of(screen.query_one("#exam-clock", Static))
        for number, right in enumerate(plan):
            assert "Exam · question" in text_of(screen.query_one("#exam-progress", Static))
            assert screen.exam.current is questions[number]
            clock.advance(seconds=30)
            screen.tick()
            await give(pilot, questions[number], response(questions[number], right))
        assert screen.exam.answered == 5
        assert "Time left 2:30" in text_of(screen.query_one("#exam-clock", Static))
        clock.advance(seconds=100)
        screen.tick()
        clock_text = text_of(screen.query_one("#exam-clock", Static))
        assert "Time left 0:50 (under a minute!)" in clock_text
        clock.advance(seconds=60)  # past the deadline, with question 6 on screen
        screen.tick()
        await pilot.pause()
        report_screen = app.screen
        assert isinstance(report_screen, ExamReportScreen)
        report = report_screen.report
        summary = text_of(report_screen.query_one("#report-summary", Static))
        assert "Time ran out." in summary
        assert "Score: 3 of 10 (30%)" in summary and "5 of 10 answered" in summary
        assert [r.answered for r in report.results] == [True] * 5 + [False] * 5
        assert all(r.verdict.score == 0 for r in report.results[5:])
        assert [r.verdict.correct for r in report.results[:5]] == plan
        mistakes = text_of(report_screen.query_one("#report-mistakes", Static))
        assert "Mistakes (7)" in mistakes
        for result in report.mistakes:
            assert f"Question {result.number} " in mistakes
        assert mistakes.count("Right answer:") == 7
        assert mistakes.count("No answer (time ran out).") == 5
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
    (record,) = ExamStore(collection.store.conn).exams()
    assert (record.questions, record.answered, record.correct, record.score) == (10, 5, 3, 3.0)
    assert record.timed_out and record.seed == 8
    assert (record.ended_at - record.started_at).total_seconds() == 300
    logged = {r.card_id for r in collection.store.reviews() if r.mode == "exam"}
    answered_cards = {e.card.id for q in questions[:5] for e in q.entries}
    assert logged == answered_cards


async def test_ending_early_asks_first_then_reports(tmp_path: Path) -> None:
    collection, clock = open_bundled(tmp_path)
    app = exam_app(collection, count=3, minutes=2, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ExamScreen)
        await pilot.press("ctrl+n")  # skip the first question
        assert screen.exam.position == 1
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert "3 unanswered question(s) will count as wrong" in text_of(
            app.screen.query_one("#confirm-text", Static)
        )
        await pilot.press("n")
        assert app.screen is screen
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, ExamReportScreen)
        assert "You ended the exam." in text_of(app.screen.query_one("#report-summary", Static))
    assert ExamStore(collection.store.conn).exams()[0].answered == 0
    assert collection.store.reviews() == []


async def test_time_out_while_the_end_box_is_open(tmp_path: Path) -> None:
    collection, clock = open_bundled(tmp_path)
    app = exam_app(collection, count=3, minutes=1, seed=2)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        clock.advance(minutes=2)
        screen.tick()
        await pilot.pause()
        assert isinstance(app.screen, ExamReportScreen)
        assert app.screen.report.timed_out


def test_clock_format() -> None:
    from datetime import timedelta

    assert format_clock(timedelta(minutes=4, seconds=5)) == "4:05"
    assert format_clock(timedelta(hours=1, minutes=2)) == "1:02:00"
    assert format_clock(timedelta(seconds=0)) == "0:00"


def test_exam_report_snapshot(snap_compare, tmp_path: Path) -> None:
    # A small fixed deck: with the bundled decks, the kinds and tags of the questions drawn
    # pushed the question-by-question rows off the screen.
    clock = FakeClock(START)
    collection = Collection.open([REPORT_DECK], tmp_path / "data", clock=clock)
    app = exam_app(collection, count=4, minutes=3, seed=5)

    async def sit(pilot: Pilot[int]) -> None:
        screen = app.screen
        assert isinstance(screen, ExamScreen)
        questions = list(screen.exam.questions)
        clock.advance(seconds=40)
        await give(pilot, questions[0], response(questions[0], True))
        clock.advance(seconds=25)
        await give(pilot, questions[1], response(questions[1], False))
        clock.advance(minutes=3)
        screen.tick()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=sit)
