"""The class round's screens with Pilot: the host's, and a student's (joined from home)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from quizapp.core.classroom.rooms import results_folder, rounds_folder
from quizapp.core.classroom.round_host import RoundHost
from quizapp.core.classroom.round_questions import draw_round
from quizapp.core.classroom.round_seat import RoundSeat
from quizapp.core.clock import system_clock
from quizapp.core.collection import Collection
from quizapp.tui.app import make_app
from quizapp.tui.screens.class_host import ClassHostScreen
from quizapp.tui.screens.class_join import ClassJoinScreen
from tests.tui_support import drawn_lines, until

DECKS = Path(__file__).resolve().parent.parent / "decks"


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    opened = Collection.open([DECKS], tmp_path / "data", show_bundled=False)
    yield opened
    opened.close()


def start_round(tmp_path: Path, collection: Collection, reschedule: bool = False) -> RoundHost:
    questions = draw_round(collection.decks, 2, 5)
    # The base data folder holds the rounds: the default profile's is the data folder itself.
    return RoundHost.start(
        rounds_folder(tmp_path / "data"),
        questions,
        system_clock,
        reschedule=reschedule,
        rng=random.Random(2),
    )


def text_of(app: object, selector: str) -> str:
    return "\n".join(drawn_lines(app.screen.query_one(selector)))  # type: ignore[attr-defined]


async def test_the_host_shows_the_room_then_counts_then_the_share_of_each_option(
    tmp_path: Path, collection: Collection
) -> None:
    host = start_round(tmp_path, collection)
    folder = rounds_folder(tmp_path / "data")
    seat = RoundSeat.join(folder, host.code, "Ada", system_clock)
    results = results_folder(folder, host.code)
    app = make_app(collection, start=lambda _a: ClassHostScreen(collection, host, results))
    async with app.run_test(size=(100, 36)) as pilot:
        await until(lambda: "Ada" in text_of(app, "#round-detail"), "the lobby")
        assert host.code in str(app.screen.query_one("#round-code").render())
        assert f"quizapp class join {host.code}" in text_of(app, "#round-detail")
        await pilot.press("n")
        await until(lambda: "0 of 1 answered" in text_of(app, "#round-detail"), "question 1")
        question = host.question(1)
        assert question.prompt[:30] in text_of(app, "#round-prompt")
        seat.answer(1, question.right)
        await until(lambda: "1 of 1 answered" in text_of(app, "#round-detail"), "the count")
        await pilot.press("c")
        await until(lambda: "1 (100%)" in text_of(app, "#round-detail"), "the bars")
        assert "Right answer" not in text_of(app, "#round-detail")  # not before r
        await pilot.press("r")
        await until(lambda: "Right answer" in text_of(app, "#round-detail"), "the reveal")
        detail = text_of(app, "#round-detail")
        assert "✓ right" in detail and "Source:" in detail
        await pilot.press("n", "n")
        await until(lambda: "Round over" in text_of(app, "#round-detail"), "the summary")
        assert "By kind" in text_of(app, "#round-detail")
        await pilot.press("e")
        await until(lambda: type(app.screen).__name__ == "ClassReportScreen", "the report")
        assert (results / "Ada.csv").is_file()
    seat.close()
    host.close_file()


async def test_a_student_joins_from_home_and_sees_the_question_only_once_opened(
    tmp_path: Path, collection: Collection
) -> None:
    host = start_round(tmp_path, collection)
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, ClassJoinScreen)
        await pilot.press(*"zzzzz", "tab", *"Bo", "enter")
        await until(lambda: "no round ZZZZZ" in text_of(app, "#round-problem"), "the error")
        code = app.screen.query_one("#join-code")
        code.value = host.code  # type: ignore[attr-defined]
        await pilot.press("enter")
        await until(lambda: host.students() == ["Bo"], "the seat")
        await until(lambda: "You are in" in text_of(app, "#round-detail"), "the lobby")
        assert not app.screen.query_one("#round-prompt").display  # nothing shown before n
        host.next()
        question = host.question(1)
        await until(lambda: app.screen.query_one("#round-prompt").display, "the question")
        wrong = (question.right + 1) % len(question.options)
        await pilot.press("abcdef"[wrong])
        await until(lambda: host.counts(1)[wrong] == 1, "the answer kept")
        await pilot.press("abcdef"[question.right])  # a change of mind, before it closes
        await until(lambda: host.counts(1)[question.right] == 1, "the change kept")
        assert sum(host.counts(1)) == 1
        host.reveal()
        await until(lambda: "Right!" in text_of(app, "#round-detail"), "right at the reveal")
        host.next(), host.next()  # noqa: B018 - the second question, unanswered, then the end
        await until(lambda: "1 of 2 right" in text_of(app, "#round-detail"), "the summary")
    host.close_file()


@pytest.mark.parametrize("reschedule", [False, True])
async def test_answers_become_reviews_only_when_the_round_says_so(
    tmp_path: Path, collection: Collection, reschedule: bool
) -> None:
    host = start_round(tmp_path, collection, reschedule=reschedule)
    folder = rounds_folder(tmp_path / "data")
    app = make_app(
        collection,
        start=lambda _a: ClassJoinScreen(folder, host.code, "Cy", collection=collection),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await until(lambda: host.students() == ["Cy"], "the seat")
        host.next()
        await until(lambda: app.screen.query_one("#round-prompt").display, "the question")
        await pilot.press("a")
        await until(lambda: sum(host.counts(1)) == 1, "the answer")
        host.next(), host.next()  # noqa: B018 - to the end
        await until(lambda: "of 2 right" in text_of(app, "#round-detail"), "the summary")
        if reschedule:
            await until(lambda: collection.store.reviews(), "the reviews logged")
            reviews = collection.store.reviews()
            assert [r.mode for r in reviews] == ["class"]  # the one question answered
            assert reviews[0].card_id == host.question(1).cards[0].split("/")[1]
        else:
            await pilot.pause()
            assert collection.store.reviews() == []
    host.close_file()
