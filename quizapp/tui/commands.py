"""The app's commands in the palette (ctrl+p), besides Textual's own."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from quizapp.tui import browser

if TYPE_CHECKING:
    from quizapp.tui.app import QuizApp

SESSION_COMMANDS = (
    ("quiz", "Quiz", "Questions in mixed formats, marked as you answer"),
    ("exam", "Exam", "A timed paper, marked at the end"),
    ("cram", "Cram", "Every card once, due or not, weakest first"),
)


def palette_commands(app: QuizApp, screen: Screen[object]) -> Iterable[SystemCommand]:
    """What the palette offers on `screen`: only help before a profile is open."""
    if app.opened is None:  # the profile screen
        yield SystemCommand("Help", "Keys and what they do", app.action_help)
        return
    yield SystemCommand("Study all decks", "Due cards first, then new ones", app.action_study_all)
    yield SystemCommand(
        "Filtered study",
        "Only cards of a tag, kind or flag, or due within days; scheduled as usual",
        partial(app.ask_session, "study"),
    )
    for mode, title, help_text in SESSION_COMMANDS:
        yield SystemCommand(title, help_text, partial(app.ask_session, mode))
    yield SystemCommand(
        "Browse cards", "Search, preview and see each card's history", app.action_browse
    )
    yield SystemCommand(
        "Add a card", "Write a new card into one of your own decks", app.action_add_card
    )
    yield SystemCommand("Statistics", "Reviews, retention, mastery, streak", app.action_stats)
    yield SystemCommand("Plan for an exam", "Exam date, readiness, answers a day", app.action_plan)
    yield SystemCommand(
        "Settings",
        "New cards and reviews a day, retention, steps, when a day starts",
        app.open_settings,
    )
    yield SystemCommand(
        "Optimize my schedule",
        "Fit FSRS to your own review history",
        partial(app.action_stats, optimize=True),
    )
    info, edit = (
        getattr(screen, "action_card_info", None),
        getattr(screen, "action_edit_card", None),
    )
    if info is not None and edit is not None:  # study and browse: the card shown
        yield SystemCommand("Card info", "The card's state, memory, reviews and events", info)
        if not app.is_web:  # the deck files are on the machine serving the page
            yield SystemCommand("Edit card", "Open the card in your editor, at its line", edit)
    if app.is_web:  # the command line that exports them is out of reach
        yield from browser.download_commands(
            app.action_download_progress, app.action_download_exams
        )
    yield SystemCommand(
        "Join a class round",
        "Answer the questions a teacher is hosting, with the room code (j at home)",
        app.action_join_round,
    )
    yield SystemCommand(
        "Sync now", "Trade progress with your other machines (sync-folder)", app.action_sync
    )
    yield SystemCommand("Help", "Keys and what they do", app.action_help)


def join_round(app: QuizApp) -> None:
    """The join screen, over whatever is open; the name is the profile's, if there is one."""
    from quizapp.core.classroom.rooms import rounds_folder
    from quizapp.tui.screens.class_join import ClassJoinScreen

    if isinstance(app.screen, ClassJoinScreen):
        return
    collection = app.collection
    if app.profiles is not None:
        base = app.profiles.base
    elif app.profile is not None:  # a profile's folder is profiles/NAME in the base folder
        base = collection.data_dir.parent.parent
    else:
        base = collection.data_dir
    screen = ClassJoinScreen(rounds_folder(base), None, app.profile, collection=collection)
    app.push_screen(screen)
