"""Shared fixtures: a fixed clock and timezone, small decks on disk, a store and a collection.

Everything lives under pytest's tmp_path, so no test touches the user's data folder.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.scheduler import Scheduler, SchedulerConfig

# Pakistan Standard Time: a fixed offset with no DST, so study days are easy to reason about.
FIXED_TZ = timezone(timedelta(hours=5), "PKT")
# 2024-05-01 15:00 local: mid-afternoon, well clear of the 04:00 rollover.
START = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)

# The machine's zone in every test, whatever the machine's own: New York, whose clocks change on
# 10 March 2024 and 8 March 2026, so tests whose clock runs past those days cross a change. Code
# that takes the machine's zone ($TZ, `astimezone()`) sees it; tests that need a zone of
# their own pass it in (FIXED_TZ) or set $TZ themselves (test_portability).
MACHINE_TZ = "America/New_York"

CardSpec = str | dict[str, Any]
DeckWriter = Callable[..., Path]


def flip_card(card_id: str, **fields: Any) -> dict[str, Any]:
    """A valid flip card; `fields` override or add card fields."""
    card: dict[str, Any] = {
        "id": card_id,
        "kind": "concept",
        "type": "flip",
        "question": f"What is {card_id}?",
        "answer": f"The answer to {card_id}",
        "source": f"A passage about {card_id}.",
    }
    card.update(fields)
    return card


def deck_text(deck_id: str, cards: Sequence[CardSpec], title: str | None = None) -> str:
    """The YAML text of a valid deck; a card given as a string is a flip card with that id."""
    deck = {
        "format": 1,
        "id": deck_id,
        "title": title or f"Deck {deck_id}",
        "cards": [flip_card(c) if isinstance(c, str) else c for c in cards],
    }
    return yaml.safe_dump(deck, sort_keys=False, allow_unicode=True)


@pytest.fixture(scope="session", autouse=True)
def machine_timezone() -> Iterator[str]:
    """Run the suite in MACHINE_TZ, so no test depends on the zone of the machine it runs on."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = MACHINE_TZ
    if hasattr(time, "tzset"):  # POSIX: `astimezone()` follows too (on Windows only $TZ readers)
        time.tzset()
    yield MACHINE_TZ
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    if hasattr(time, "tzset"):
        time.tzset()


@pytest.fixture
def fixed_tz() -> tzinfo:
    """The student's timezone in tests (UTC+5, no DST)."""
    return FIXED_TZ


@pytest.fixture
def clock() -> FakeClock:
    """A clock standing at START (2024-05-01 15:00 in FIXED_TZ) until a test moves it."""
    return FakeClock(START)


@pytest.fixture
def scheduler(fixed_tz: tzinfo) -> Scheduler:
    """A scheduler without fuzz, in the fixed timezone: intervals are exact and repeatable."""
    return Scheduler(SchedulerConfig(fuzz=False), tz=fixed_tz)


@pytest.fixture
def deck_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    return folder


@pytest.fixture
def write_deck(deck_dir: Path) -> DeckWriter:
    """Write a deck file and return its path.

    Call as `write_deck("deck-id", ["a", "b", {...card...}])` for a valid deck, or
    `write_deck("name", text="...raw yaml...")` for exact text (line numbers under control).
    The file is `<deck_dir>/<name>.yaml` unless `filename` is given; writing again replaces it.
    """

    def write(
        name: str,
        cards: Sequence[CardSpec] = ("a", "b", "c"),
        *,
        text: str | None = None,
        title: str | None = None,
        filename: str | None = None,
    ) -> Path:
        path = deck_dir / (filename or f"{name}.yaml")
        path.write_text(text if text is not None else deck_text(name, cards, title), "utf-8")
        return path

    return write


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A fresh progress store in the temporary data folder."""
    opened = Store.open(data_dir / "progress.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def open_collection(
    data_dir: Path, clock: FakeClock, scheduler: Scheduler
) -> Iterator[Callable[..., Collection]]:
    """Open Collections on the temporary data folder with the fake clock and exact scheduler.

    Every collection opened is closed when the test ends.
    """
    opened: list[Collection] = []

    def open_(*deck_paths: Path) -> Collection:
        collection = Collection.open(list(deck_paths), data_dir, clock)
        collection.scheduler = scheduler
        opened.append(collection)
        return collection

    yield open_
    for collection in opened:
        collection.close()


@pytest.fixture
def collection(
    write_deck: DeckWriter, deck_dir: Path, open_collection: Callable[..., Collection]
) -> Collection:
    """A collection holding one small flip deck, 'sample', with cards a, b and c."""
    write_deck("sample")
    return open_collection(deck_dir)
