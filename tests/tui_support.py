"""Shared set-up for the UI tests: small decks on disk, a fixed clock, a fresh data folder."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from textual.app import App
from textual.geometry import Region
from textual.widget import Widget

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.tui.app import QuizApp

START = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)

FLIP_DECK = """\
format: 1
id: flip3
title: Three flip cards
cards:
  - id: one
    kind: date
    type: flip
    question: When did Pakistan join SEATO?
    answer: "1954"
    date: "1954"
    source: "SEATO in 1954"
  - id: two
    kind: date
    type: flip
    question: When did Pakistan join CENTO?
    answer: "1955"
    date: "1955"
    source: "CENTO in 1955"
  - id: three
    kind: actor
    type: flip
    question: Who visited the United States in May 1950?
    answer: Liaquat Ali Khan
    source: "Liaquat Ali Khan"
"""

MIXED_DECK = """\
format: 1
id: mixed
title: Mixed formats
reference: {title: Pakistan-Russia relations, author: Adnan Ali Shah}
cards:
  - id: typed-year
    kind: date
    type: typed
    question: In which year did Pakistan join SEATO?
    answer: "1954"
    date: "1954"
    explanation: SEATO came a year before CENTO.
    source: "SEATO in 1954 and CENTO in 1955"
  - id: choice-actor
    kind: actor
    type: choice
    question: Who mediated at Tashkent in January 1966?
    answer: Alexei Kosygin
    alternatives: [Kosygin]
    wrong: [Leonid Brezhnev, Nikita Khrushchev, Andrei Gromyko]
    source: "Kosygin"
"""


def write_deck(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def open_collection(tmp_path: Path, *decks: tuple[str, str]) -> tuple[Collection, FakeClock]:
    """A collection over the given (file name, text) decks, with a fresh store and fixed clock."""
    deck_dir = tmp_path / "decks"
    for name, text in decks:
        write_deck(deck_dir, name, text)
    clock = FakeClock(START)
    collection = Collection.open([deck_dir], tmp_path / "data", clock=clock)
    return collection, clock


def drawn_lines(widget: Widget) -> list[str]:
    """The text a widget shows on screen now, line by line (as drawn, cut to its size)."""
    width, height = widget.size
    return [strip.text for strip in widget.render_lines(Region(0, 0, width, height))]


async def until(condition: Callable[[], object], what: str, seconds: float = 10.0) -> None:
    """Wait for `condition()` to hold, for a thread's doing that no event announces.

    Raises:
        AssertionError: naming `what` was awaited, if it still does not hold after `seconds`.
    """
    loop = asyncio.get_running_loop()
    give_up = loop.time() + seconds
    while not condition():
        if loop.time() > give_up:
            raise AssertionError(f"waited {seconds:g} s for {what}, in vain")
        await asyncio.sleep(0.01)


def notices(app: App[object]) -> list[str]:
    """The notifications the student sees now ("title\nmessage" each): the toasts on screen.

    Textual draws them only in an app run with `run_test(notifications=True)`.
    """
    return [str(toast.render()) for toast in app.screen.query("Toast")]


class WebApp(QuizApp):
    """The app as a browser runs it (`quizapp serve`: Textual's web driver), under Pilot."""

    @property
    def is_web(self) -> bool:
        return True
