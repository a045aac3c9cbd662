"""A long study session keeps no more objects than the screen shows: nothing grows per card."""

from __future__ import annotations

import gc
from pathlib import Path

from textual._styles_cache import StylesCache
from textual.widget import Widget
from tui_support import open_collection

from quizapp.core.settings.study_settings import change_setting
from quizapp.tui.app import make_app

CARDS = 12


def flip_deck(cards: int) -> str:
    lines = ["format: 1", "id: many", "title: Many flip cards", "cards:"]
    for n in range(cards):
        lines += [
            f"  - id: c{n}",
            "    kind: date",
            "    type: flip",
            f"    question: Question {n}?",
            f'    answer: "Answer {n}"',
            '    source: "SEATO in 1954"',
        ]
    return "\n".join(lines) + "\n"


def live(kind: type) -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, kind))


async def test_drawn_widgets_are_freed_with_their_lines(tmp_path: Path) -> None:
    """Textual caches each widget's background styles with the widget itself as a key, so the
    footer's keys, composed again at every card, kept their drawn lines after they were gone
    (about 6 widgets and 260 objects a card); by colour, a style cache per live widget."""
    collection, clock = open_collection(tmp_path, ("many.yaml", flip_deck(CARDS + 2)))
    change_setting(collection.store, "new-per-day", str(CARDS + 2), clock())
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(CARDS):
            await pilot.press("space")
            await pilot.pause()
            clock.advance(seconds=5)
            await pilot.press("3")
            await pilot.pause()
        assert f"card {CARDS + 1} of" in str(app.screen.status)
        assert live(StylesCache) <= live(Widget)
