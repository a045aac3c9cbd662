"""`quizapp sync` from the command line: two machines' data folders trade reviews through one
folder and end with the same log, states and statistics."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from progress_support import cli_collection, deck_args

from quizapp.cli import main, stats_cmd, sync_cmd
from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.progress.store import Review, Store
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Scheduler
from quizapp.core.sessions.study import StudySession


def study(
    data: Path, deck_dir: Path, clock: FakeClock, scheduler: Scheduler, ratings: list[int]
) -> int:
    """A study session on one machine; returns the reviews it logged (an undo included)."""
    collection = Collection.open([deck_dir], data, clock)
    collection.scheduler = scheduler
    try:
        session = StudySession(collection.decks, collection.store, scheduler, clock)
        for number, rating in enumerate(ratings):
            if session.current is None:
                break
            session.answer(Rating(rating))
            clock.advance(minutes=2)
            if number == 1:
                session.undo()
        return collection.store.review_count()
    finally:
        collection.close()


def log(data: Path) -> list[Review]:
    store = Store.open(data / "progress.sqlite3")
    try:
        return [replace(review, id=None) for review in store.reviews(undone=True)]
    finally:
        store.close()


def states(data: Path) -> dict[str, object]:
    store = Store.open(data / "progress.sqlite3")
    try:
        return dict(store.states("history"))
    finally:
        store.close()


@pytest.fixture
def two_machines(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    tmp_path: Path,
    clock: FakeClock,
    scheduler: Scheduler,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[Path, Path, int]:
    """A laptop and a desk that studied the same deck on different days; the logs' sizes."""
    write_deck("history", [f"c{n}" for n in range(8)])
    laptop, desk = tmp_path / "laptop", tmp_path / "desk"
    reviews = study(laptop, deck_dir, clock, scheduler, [3, 1, 3, 4, 1, 3, 3])
    clock.advance(days=1)
    reviews += study(desk, deck_dir, clock, scheduler, [3, 3, 1, 3, 2])
    clock.advance(days=1, hours=2)
    reviews += study(laptop, deck_dir, clock, scheduler, [3, 3, 3]) - 7
    cli_collection(monkeypatch, sync_cmd, clock, scheduler)
    cli_collection(monkeypatch, stats_cmd, clock, scheduler)
    return laptop, desk, reviews


def test_two_machines_that_sync_twice_hold_the_same_progress(
    two_machines: tuple[Path, Path, int],
    deck_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    laptop, desk, reviews = two_machines
    assert log(laptop) != log(desk)
    shared = tmp_path / "shared"
    shared.mkdir()
    said = []
    for data in (laptop, desk, laptop, desk):
        assert main(["sync", str(shared), *deck_args(deck_dir, data)]) == 0
        said.append(capsys.readouterr().out)
    assert "Sent 10 reviews, 2 undos to quizapp-" in said[0]  # both sessions, undos too
    assert "Sent 5 reviews, 1 undo to quizapp-" in said[1]  # the desk's own, not the laptop's
    assert ": 10 reviews, 2 undos." in said[1]
    assert ": 5 reviews, 1 undo." in said[2]
    assert "cards rescheduled" in said[2]
    assert said[3].endswith("Nothing new to send.\nNothing new came in.\n")

    assert log(laptop) == log(desk)
    assert len(log(laptop)) == reviews  # the union, each review once
    assert states(laptop) == states(desk)
    stats = []
    for data in (laptop, desk):
        assert main(["stats", "--json", *deck_args(deck_dir, data)]) == 0
        stats.append(json.loads(capsys.readouterr().out))
    assert stats[0] == stats[1] and stats[0]["reviews_total"] > 0

    files = {path.name: path.read_bytes() for path in shared.iterdir()}
    before = states(laptop)
    for data in (laptop, desk):
        assert main(["sync", str(shared), "--json", *deck_args(deck_dir, data)]) == 0
        report = json.loads(capsys.readouterr().out)
        assert not any(report["sent"].values()) and report["rescheduled"] == 0
        assert not any(any(counts.values()) for counts in report["received"].values())
    assert {path.name: path.read_bytes() for path in shared.iterdir()} == files
    assert states(laptop) == states(desk) == before


def test_sync_without_a_folder_says_how_to_give_one(
    deck_dir: Path,
    tmp_path: Path,
    write_deck: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_deck("history")
    assert main(["sync", *deck_args(deck_dir, tmp_path / "data")]) == 1
    error = capsys.readouterr().err
    assert "no folder to sync with" in error and "sync-folder" in error
    assert main(["sync", str(tmp_path / "gone"), *deck_args(deck_dir, tmp_path / "data")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_sync_takes_the_folder_from_the_setting(
    deck_dir: Path,
    tmp_path: Path,
    write_deck: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    clock: FakeClock,
) -> None:
    write_deck("history")
    shared = tmp_path / "shared"
    shared.mkdir()
    store = Store.open(tmp_path / "data" / "progress.sqlite3")
    store.set_preference("sync-folder", str(shared), clock())
    store.close()
    assert main(["sync", *deck_args(deck_dir, tmp_path / "data")]) == 0
    assert f"Synced with {shared} as " in capsys.readouterr().out
    assert len(list(shared.glob("quizapp-*.jsonl"))) == 1


def test_after_the_app_closes_it_syncs_and_says_so_in_a_line(
    open_collection: Callable[..., Collection],
    write_deck: Callable[..., Path],
    deck_dir: Path,
    tmp_path: Path,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_deck("history")
    collection = open_collection(deck_dir)
    sync_cmd.after_app(collection)  # no sync-folder: nothing to do, nothing said
    assert capsys.readouterr() == ("", "")
    collection.store.set_preference("sync-folder", str(tmp_path / "stick"), clock())
    sync_cmd.after_app(collection)  # the stick is not plugged in: said, and no harm done
    assert "could not sync: the sync folder" in capsys.readouterr().err
    (tmp_path / "stick").mkdir()
    StudySession(collection.decks, collection.store, collection.scheduler, clock).answer(
        Rating.GOOD
    )
    sync_cmd.after_app(collection)
    out = capsys.readouterr().out
    assert out.startswith(f"Synced with {tmp_path / 'stick'} as ") and "Sent 1 review to" in out
    assert out.count("\n") == 1


def test_answers_replay_with_their_decks_settings_on_the_other_machine(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    tmp_path: Path,
    clock: FakeClock,
    scheduler: Scheduler,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The deck's own retention and steps, set before the answers: the desk replays them with
    # those, not with every deck's defaults (the intervals would differ).
    write_deck("history", [f"c{n}" for n in range(4)])
    laptop, desk, shared = tmp_path / "laptop", tmp_path / "desk", tmp_path / "shared"
    shared.mkdir()
    opened = Collection.open([deck_dir], laptop, clock)
    opened.store.set_preference("retention", "0.8", clock(), deck_id="history")
    opened.store.set_preference("learning-steps", "5m", clock(), deck_id="history")
    opened.close()
    clock.advance(minutes=1)
    study(laptop, deck_dir, clock, scheduler, [3, 4, 3, 3, 3])
    clock.advance(days=3)
    study(laptop, deck_dir, clock, scheduler, [3, 3, 2])
    cli_collection(monkeypatch, sync_cmd, clock, scheduler)
    for data in (laptop, desk):
        assert main(["sync", str(shared), *deck_args(deck_dir, data)]) == 0
    assert states(desk) == states(laptop)
