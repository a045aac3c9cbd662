"""Starting quiz, exam and cram sessions in the app, from the CLI, home or the palette."""

from __future__ import annotations

import random
from collections.abc import Sequence

from textual.app import App
from textual.screen import Screen

from quizapp.core.collection import Collection
from quizapp.core.exam import new_exam
from quizapp.core.model import Deck
from quizapp.core.questions import Format
from quizapp.core.quiz import cram_session, quiz_session
from quizapp.tui.screens.exam import ExamScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.start_options import StartChoice, StartOptionsScreen

MAX_MINUTES = 7 * 24 * 60


class NothingToAsk(Exception):
    """The selection gives no question; the message says so in words."""


def new_seed() -> int:
    """A seed for a paper, kept with an exam so the same paper can be drawn again."""
    return random.SystemRandom().randrange(2**31)


def quiz_screen(
    collection: Collection,
    decks: Sequence[Deck],
    *,
    kinds: Sequence[str] = (),
    tags: Sequence[str] = (),
    count: int = 10,
    fmt: Format | None = None,
    seed: int | None = None,
) -> QuizScreen:
    """A quiz screen; raises NothingToAsk when the selection gives no question."""
    session = quiz_session(
        decks,
        collection.store,
        collection.scheduler,
        collection.clock,
        kinds=kinds,
        tags=tags,
        count=count,
        fmt=fmt,
        seed=new_seed() if seed is None else seed,
    )
    if not session.questions:
        raise NothingToAsk("No question can be made from these cards in that format.")
    return QuizScreen(collection, session)


def cram_screen(
    collection: Collection,
    decks: Sequence[Deck],
    *,
    kinds: Sequence[str] = (),
    tags: Sequence[str] = (),
    weakest: bool = False,
    seed: int | None = None,
) -> QuizScreen:
    """A cram screen over every chosen card; raises NothingToAsk when there is none."""
    session = cram_session(
        decks,
        collection.store,
        collection.scheduler,
        collection.clock,
        kinds=kinds,
        tags=tags,
        weakest=weakest,
        seed=new_seed() if seed is None else seed,
    )
    if not session.questions:
        raise NothingToAsk("No card matches that selection.")
    return QuizScreen(collection, session, note="weakest first" if weakest else "")


def exam_screen(
    collection: Collection,
    decks: Sequence[Deck],
    *,
    count: int,
    minutes: float,
    kinds: Sequence[str] = (),
    tags: Sequence[str] = (),
    reschedule: bool = True,
    seed: int | None = None,
) -> ExamScreen:
    """An exam screen, its clock started; raises NothingToAsk when no question can be made."""
    if not minutes <= MAX_MINUTES:  # beyond it (or inf) the end of the exam overflows a datetime
        raise NothingToAsk(f"An exam lasts at most {MAX_MINUTES} minutes (a week).")
    seed = new_seed() if seed is None else seed
    try:
        exam = new_exam(
            decks, collection.clock, count=count, minutes=minutes, kinds=kinds, tags=tags, seed=seed
        )
    except ValueError as exc:
        raise NothingToAsk("No question can be made from these cards.") from exc
    return ExamScreen(collection, exam, reschedule)


def ask_session(app: App[int], collection: Collection, mode: str, decks: Sequence[Deck]) -> None:
    """Ask for the session's options in a small box, then open it over the current screen."""
    what = "all decks" if len(decks) == len(collection.decks) else ", ".join(d.title for d in decks)

    def start(choice: StartChoice | None) -> None:
        if choice is None:
            return
        try:
            app.push_screen(choice_screen(collection, decks, choice))
        except NothingToAsk as exc:
            app.notify(str(exc), title="Nothing to ask", severity="warning")

    app.push_screen(StartOptionsScreen(mode, what), start)


def choice_screen(collection: Collection, decks: Sequence[Deck], choice: StartChoice) -> Screen:
    """The session screen for the options chosen."""
    if choice.mode == "exam":
        return exam_screen(
            collection,
            decks,
            count=choice.count,
            minutes=choice.minutes,
            reschedule=choice.reschedule,
        )
    if choice.mode == "cram":
        return cram_screen(collection, decks, weakest=choice.weakest)
    return quiz_screen(collection, decks, count=choice.count, fmt=choice.fmt)
