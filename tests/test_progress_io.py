"""Progress export and import: the review log as JSON lines, moved between machines whole."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.progress.store import Review
from quizapp.core.progress.transfer import ProgressFileError, export_progress, import_progress
from quizapp.core.scheduling.scheduler import Rating, Scheduler
from quizapp.core.sessions.study import StudySession

Opener = Callable[..., Collection]


def studied(collection: Collection, clock: FakeClock, ratings: list[int]) -> None:
    session = StudySession(collection.decks, collection.store, collection.scheduler, clock)
    for number, rating in enumerate(ratings):
        if session.current is None:
            break
        session.answer(Rating(rating), question_type="typed", given_answer=f"answer {number}")
        clock.advance(minutes=3)
        if number == 2:
            session.undo()  # the log keeps both, and so must the export


def without_ids(reviews: list[Review]) -> list[Review]:
    return [replace(review, id=None) for review in reviews]


def exported(collection: Collection) -> str:
    out = io.StringIO()
    export_progress(collection.store, out)
    return out.getvalue()


@pytest.fixture
def source(
    write_deck: Callable[..., Path], deck_dir: Path, tmp_path: Path, clock: FakeClock
) -> Collection:
    write_deck("history", [f"c{n}" for n in range(6)])
    collection = Collection.open([deck_dir], tmp_path / "laptop", clock)
    studied(collection, clock, [3, 1, 4, 3, 2, 3, 3, 1, 3])
    clock.advance(days=3)
    studied(collection, clock, [3, 3, 1, 3])
    yield collection
    collection.close()


def test_export_then_import_reproduces_the_log_and_the_states(
    source: Collection, deck_dir: Path, tmp_path: Path, clock: FakeClock, scheduler: Scheduler
) -> None:
    text = exported(source)
    header, *lines = text.splitlines()
    assert json.loads(header)["format"] == "quizapp-progress"
    assert len(lines) == source.store.review_count()
    assert sum(json.loads(line)["undone_at"] is not None for line in lines) == 2

    target = Collection.open([deck_dir], tmp_path / "desktop", clock)
    try:
        summary = import_progress(target.store, source.scheduler, text.splitlines())
        assert (summary.added, summary.already_known, summary.undos_added) == (len(lines), 0, 2)
        assert without_ids(target.store.reviews(undone=True)) == without_ids(
            source.store.reviews(undone=True)
        )
        assert target.store.states("history") == source.store.states("history")
        deck = target.decks[0]
        assert target.counts(deck) == source.counts(source.decks[0])
    finally:
        target.close()


def test_importing_twice_adds_nothing(source: Collection, tmp_path: Path) -> None:
    text = exported(source)
    before = source.store.states("history")
    summary = import_progress(source.store, source.scheduler, text.splitlines())
    assert (summary.added, summary.undos_added, summary.cards_rescheduled) == (0, 0, 0)
    assert summary.already_known == source.store.review_count()
    assert source.store.states("history") == before


def test_merging_two_machines_keeps_every_review(
    source: Collection, deck_dir: Path, tmp_path: Path, clock: FakeClock
) -> None:
    other = Collection.open([deck_dir], tmp_path / "desktop", clock)
    try:
        clock.advance(days=1)
        studied(other, clock, [3, 3, 3])
        mine, theirs = source.store.review_count(), other.store.review_count()
        import_progress(source.store, source.scheduler, exported(other).splitlines())
        assert source.store.review_count() == mine + theirs
    finally:
        other.close()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "not a quizapp progress export"),
        ('{"deck": "a"}\n', "not a quizapp progress export"),
        ('{"format": "quizapp-progress"}\nnot json\n', "line 2: not JSON"),
        ('{"format": "quizapp-progress"}\n{"card": "c", "at": "2024-01-01T00:00:00Z"}', "line 2"),
        (
            '{"format": "quizapp-progress"}\n'
            '{"deck": "d", "card": "c", "at": "2024-01-01T00:00:00Z", "rating": 7}',
            "rating must be 1, 2, 3 or 4",
        ),
        (
            '{"format": "quizapp-progress"}\n'
            '{"deck": "d", "card": "c", "at": "yesterday", "rating": 3}',
            "is not a time",
        ),
        (
            '{"format": "quizapp-progress"}\n'
            '{"deck": "d", "card": "c", "at": "0001-01-01T00:00:00+01:00", "rating": 3}',
            "is not a time",
        ),
    ],
)
def test_a_bad_file_is_refused_whole(source: Collection, text: str, reason: str) -> None:
    count = source.store.review_count()
    with pytest.raises(ProgressFileError, match=reason):
        import_progress(source.store, source.scheduler, text.splitlines())
    assert source.store.review_count() == count


def test_the_commands(
    source: Collection, deck_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "progress.jsonl"
    laptop = ["--decks", str(deck_dir), "--data-dir", str(tmp_path / "laptop")]
    desktop = ["--decks", str(deck_dir), "--data-dir", str(tmp_path / "desktop")]
    assert main(["progress", "export", str(path), *laptop]) == 0
    assert "Exported" in capsys.readouterr().out
    assert main(["progress", "import", str(path), *desktop]) == 0
    assert "card(s) rescheduled" in capsys.readouterr().out
    path.write_text("garbage\n")
    assert main(["progress", "import", str(path), *desktop]) == 1
    err = capsys.readouterr().err
    assert "not a quizapp progress export" in err and "Traceback" not in err
