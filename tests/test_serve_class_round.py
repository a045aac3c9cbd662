"""A student joins a class round from the served page, in Chromium: the question appears when
the host opens it, the key pressed is the answer kept, the reveal says whether it was right."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_serve_browser import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    MISSING,
    RECORD_SCREEN,
    WAIT_MS,
    serving,
    wait_for,
)

from quizapp.core.classroom.rooms import rounds_folder
from quizapp.core.classroom.round_host import RoundHost
from quizapp.core.classroom.round_questions import draw_round
from quizapp.core.clock import system_clock
from quizapp.core.decks.loader import load_deck

try:
    from playwright import sync_api
except ImportError:
    sync_api = None  # type: ignore[assignment]

REQUIRED = os.environ.get("QUIZAPP_BROWSER_TEST") == "required"
pytestmark = pytest.mark.skipif(MISSING is not None and not REQUIRED, reason=MISSING or "")
DECK = Path(__file__).resolve().parent.parent / "decks" / "05-hurdles.yaml"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    base = tmp_path / "data"
    with serving(base, DECK) as (address, _server):
        yield address, base


def test_a_student_joins_a_round_from_the_served_page(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    if MISSING is not None:
        pytest.fail(f"the browser test is required here, but: {MISSING}")
    address, base = served
    deck = load_deck(DECK).deck
    assert deck is not None
    questions = draw_round([deck], 2, 4)
    host = RoundHost.start(rounds_folder(base), questions, system_clock, rng=random.Random(9))
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 640})

            def local_only(route: Any) -> None:
                url = route.request.url
                if url.startswith(("http://127.0.0.1", "ws://127.0.0.1")):
                    route.continue_()
                else:
                    route.abort()

            page.route("**/*", local_only)
            page.add_init_script(RECORD_SCREEN)
            mark = [0]

            def shows(text: str) -> None:
                page.wait_for_function(
                    "([text, mark]) => window.seen.indexOf(text, mark) >= 0",
                    arg=[text, mark[0]],
                    timeout=WAIT_MS,
                )
                mark[0] = page.evaluate("window.seen.length")

            page.goto(address)
            shows("who is studying?")
            page.locator("#terminal").click()
            page.keyboard.type("Ali")
            page.keyboard.press("Enter")
            shows("Press enter again to create it")
            page.keyboard.press("Enter")
            shows("Hurdles")  # Ali's home
            page.keyboard.press("j")
            shows("Join a class round")
            page.keyboard.type(host.code.lower())
            page.keyboard.press("Enter")  # the name is the profile's
            wait_for(lambda: host.students() == ["Ali"], "Ali in the round")
            shows("waiting for the teacher")
            host.next()
            question = host.question(1)
            shows("Question 1 of 2")
            page.screenshot(path=str(tmp_path / "question.png"))
            page.keyboard.press("abcdef"[question.right])
            wait_for(lambda: host.counts(1)[question.right] == 1, "Ali's answer kept")
            host.reveal()
            shows("Right!")
            page.screenshot(path=str(tmp_path / "revealed.png"))
        finally:
            browser.close()
            host.close_file()
