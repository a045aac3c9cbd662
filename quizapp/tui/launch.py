"""Starting quiz, exam and cram sessions in the app, from the CLI, home or the palette."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from functools import partial

from textual.app import App
from textual.screen import Screen
from textual.worker import get_current_worker

from quizapp.core.collection import Collection
from quizapp.core.decks.model import Deck
from quizapp.core.progress.store import Store
from quizapp.core.questions.paper import DrawStopped
from quizapp.core.questions.question import Format
from quizapp.core.sessions.cram import cram_session
from quizapp.core.sessions.exam import Exam, new_exam
from quizapp.core.sessions.quiz import QuizSession, quiz_session
from quizapp.tui.screens.exam import ExamScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.start_options import StartChoice, StartOptionsScreen
from quizapp.tui.threads import deliver, reading

MAX_MINUTES = 7 * 24 * 60


class NothingToAsk(Exception):
    """The selection gives no question; the message says so in words."""


def new_seed() -> int:
    """A seed for a paper, kept with an exam so the same paper can be drawn again."""
    return random.SystemRandom().randrange(2**31)


def _answerable(session: QuizSession, collection: Collection, nothing: str) -> QuizSession:
    """The session, saving its answers through the app's own connection (its questions may
    have been drawn on a reader's); NothingToAsk, saying `nothing`, when it has no question."""
    if not session.questions:
        raise NothingToAsk(nothing)
    session.store = collection.store
    return session


def quiz_session_for(
    collection: Collection,
    decks: Sequence[Deck],
    *,
    store: Store | None = None,
    kinds: Sequence[str] = (),
    tags: Sequence[str] = (),
    count: int = 10,
    fmt: Format | None = None,
    seed: int | None = None,
) -> QuizSession:
    """A quiz's questions; `store` reads the cards' states (default: the collection's).

    Raises NothingToAsk when the selection gives no question.
    """
    session = quiz_session(
        decks,
        store or collection.store,
        collection.scheduler,
        collection.clock,
        kinds=kinds,
        tags=tags,
        count=count,
        fmt=fmt,
        seed=new_seed() if seed is None else seed,
    )
    nothing = "No question can be made from these cards in that format."
    return _answerable(session, collection, nothing)


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
    session = quiz_session_for(
        collection, decks, kinds=kinds, tags=tags, count=count, fmt=fmt, seed=seed
    )
    return QuizScreen(collection, session)


def cram_session_for(
    collection: Collection,
    decks: Sequence[Deck],
    *,
    store: Store | None = None,
    kinds: Sequence[str] = (),
    tags: Sequence[str] = (),
    weakest: bool = False,
    seed: int | None = None,
    stop: Callable[[], bool] | None = None,
) -> QuizSession:
    """Every chosen card once; raises NothingToAsk when there is none (and DrawStopped when
    `stop` gives the draw up)."""
    session = cram_session(
        decks,
        store or collection.store,
        collection.scheduler,
        collection.clock,
        kinds=kinds,
        tags=tags,
        weakest=weakest,
        seed=new_seed() if seed is None else seed,
        stop=stop,
    )
    return _answerable(session, collection, "No card matches that selection.")


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
    session = cram_session_for(
        collection, decks, kinds=kinds, tags=tags, weakest=weakest, seed=seed
    )
    return QuizScreen(collection, session, note="weakest first" if weakest else "")


def exam_paper(
    collection: Collection,
    decks: Sequence[Deck],
    *,
    count: int,
    minutes: float,
    kinds: Sequence[str] = (),
    tags: Sequence[str] = (),
    seed: int | None = None,
    store: Store | None = None,
) -> Exam:
    """A new exam, its clock started; raises NothingToAsk when no question can be made.
    `store` reads which cards are set aside (default: the collection's)."""
    if not minutes <= MAX_MINUTES:  # beyond it (or inf) the end of the exam overflows a datetime
        raise NothingToAsk(f"An exam lasts at most {MAX_MINUTES} minutes (a week).")
    seed = new_seed() if seed is None else seed
    try:
        return new_exam(
            decks,
            collection.clock,
            count=count,
            minutes=minutes,
            kinds=kinds,
            tags=tags,
            seed=seed,
            store=store or collection.store,
        )
    except ValueError as exc:
        raise NothingToAsk("No question can be made from these cards.") from exc


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
    exam = exam_paper(
        collection, decks, count=count, minutes=minutes, kinds=kinds, tags=tags, seed=seed
    )
    return ExamScreen(collection, exam, reschedule)


def ask_session(app: App[int], collection: Collection, mode: str, decks: Sequence[Deck]) -> None:
    """Ask for the session's options in a small box, then open it over the current screen
    (mode: quiz, exam, cram, or study for filtered study)."""
    what = "all decks" if len(decks) == len(collection.decks) else ", ".join(d.title for d in decks)

    def start(choice: StartChoice | None) -> None:
        if choice is not None and choice.mode == "study":
            app.start_study(decks, choice.only)  # type: ignore[attr-defined]
        elif choice is not None:
            words = "the paper" if choice.mode == "exam" else "the questions"
            cards = sum(len(deck.cards) for deck in decks)
            doing = f"Preparing the {choice.mode}: drawing {words} from {cards:,} cards…"
            app.say_working(doing)  # type: ignore[attr-defined]
            app.run_worker(
                partial(draw_and_open, app, collection, list(decks), choice),
                thread=True,
                exclusive=True,
                group="session",
            )

    app.push_screen(StartOptionsScreen(mode, what), start)


def draw_and_open(
    app: App[int], collection: Collection, decks: list[Deck], choice: StartChoice
) -> None:
    """In a worker thread: draw the questions (seconds, for a large collection), then open
    the session's screen on the event loop. The cards' states are read on a connection of
    the thread's own."""
    try:
        with reading(collection.store.path) as reader:
            drawn = draw(collection, decks, choice, reader)
    except NothingToAsk as exc:
        deliver(app, app.say_working, "")  # type: ignore[attr-defined]
        deliver(app, partial(app.notify, str(exc), title="Nothing to ask", severity="warning"))
        return
    except DrawStopped:  # the app is closing, or another session was asked for
        return
    deliver(app, lambda: app.open_prepared(screen_for(collection, choice, drawn)))  # type: ignore[attr-defined]


def draw(
    collection: Collection, decks: Sequence[Deck], choice: StartChoice, store: Store
) -> QuizSession | Exam:
    """The questions for the options chosen: a quiz or cram session, or an exam paper."""
    if choice.mode == "exam":
        return exam_paper(
            collection, decks, count=choice.count, minutes=choice.minutes, store=store
        )
    if choice.mode == "cram":
        worker = get_current_worker()
        return cram_session_for(
            collection, decks, store=store, weakest=choice.weakest, stop=lambda: worker.is_cancelled
        )
    return quiz_session_for(collection, decks, store=store, count=choice.count, fmt=choice.fmt)


def screen_for(
    collection: Collection, choice: StartChoice, drawn: QuizSession | Exam
) -> Screen[None]:
    """The screen of a drawn session (made on the event loop, as widgets must be)."""
    if isinstance(drawn, Exam):
        return ExamScreen(collection, drawn, choice.reschedule)
    weakest = choice.mode == "cram" and choice.weakest
    return QuizScreen(collection, drawn, note="weakest first" if weakest else "")
