"""A long study session keeps no more objects than the screen shows: nothing grows per card."""

from __future__ import annotations

import gc
from pathlib import Path

from textual._styles_cache import StylesCache
from textual.app import App
from textual.widget import Widget
from textual.widgets._footer import FooterKey
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


def footer(app: App[None]) -> list[str]:
    """The footer's keys the student sees."""
    return [str(key.render()).strip() for key in app.screen.query(FooterKey) if key.display]


async def test_the_footer_shows_each_cards_keys_in_the_keys_it_has(tmp_path: Path) -> None:
    """Composed again twice a card, the footer made 9 widgets each time and left them to the
    collector; its keys now take the new bindings, the same widgets card after card."""
    collection, clock = open_collection(tmp_path, ("many.yaml", flip_deck(8)))
    change_setting(collection.store, "new-per-day", "8", clock())
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "space Show answer" in footer(app) and "^z Undo" not in footer(app)
        await pilot.press("space")
        await pilot.pause()
        assert "space Show answer" not in footer(app)
        await pilot.press("3")
        await pilot.pause()
        first = set(app.screen.query(FooterKey))
        assert "space Show answer" in footer(app) and "^z Undo" in footer(app)
        for _ in range(4):
            await pilot.press("space")
            await pilot.pause()
            assert "space Show answer" not in footer(app) and "^z Undo" in footer(app)
            clock.advance(seconds=5)
            await pilot.press("3")
            await pilot.pause()
            assert "space Show answer" in footer(app)
        assert set(app.screen.query(FooterKey)) == first
        assert "card 6 of" in str(app.screen.status)
