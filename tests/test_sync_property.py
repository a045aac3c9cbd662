"""Property: any interleaving of syncs among three machines, each answering (and undoing) at
increasing times on a clock of its own, ends, after a final round of syncs, with every machine
holding every review once and the states one machine would have had seeing every review in
time order (a replay of the union sorted by time)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from unittest.mock import patch

import pytest
from conftest import FIXED_TZ, START
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sync_support import Machine

from quizapp.core.progress.replay import replay
from quizapp.core.progress.store import AnsweredElsewhereError, Review, Store, same_state
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Scheduler, SchedulerConfig

CARDS = ("a", "b", "c")
NAMES = ("laptop", "desk", "lab")

# A step: (what, which machine, card, grade, minutes since the machine's last answer).
Step = tuple[str, int, str, Rating, int]
answers = st.tuples(
    st.just("answer"),
    st.integers(0, 2),
    st.sampled_from(CARDS),
    st.sampled_from(list(Rating)),
    st.sampled_from([1, 2, 3, 60 * 20]),
)
undos = st.tuples(st.just("undo"), st.integers(0, 2), st.just(""), st.just(Rating.GOOD), st.just(0))
syncs = st.tuples(st.just("sync"), st.integers(0, 2), st.just(""), st.just(Rating.GOOD), st.just(0))


def undo(machine: int) -> Step:
    return ("undo", machine, "", Rating.GOOD, 0)


def sync(machine: int) -> Step:
    return ("sync", machine, "", Rating.GOOD, 0)


@pytest.fixture(scope="session")
def blank_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty progress file, copied for each machine: opening a new one (migrations, the
    switch to WAL) would take most of the test's time."""
    path = tmp_path_factory.mktemp("blank") / "progress.sqlite3"
    Store.open(path).close()
    return path


@settings(max_examples=100, deadline=None)
# Found by the search once each, kept so that every run tries them: an answer given after one
# from elsewhere but earlier by its own clock (it must come first there too), and an undo of
# an answer that has gone out already.
@example(
    steps=[
        ("answer", 0, "a", Rating.AGAIN, 1),
        sync(0),
        sync(2),
        ("answer", 2, "a", Rating.AGAIN, 1),
    ],
    skew=[0, 0, -1],
)
@example(
    steps=[("answer", 0, "a", Rating.GOOD, 1), sync(0), sync(1), undo(0)],
    skew=[0, 0, 0],
)
@given(
    steps=st.lists(st.one_of(answers, answers, undos, syncs, syncs), max_size=20),
    # Each machine's clock is its own, up to days apart (so one may answer a card before an
    # answer it has from another), never on the same second as another's.
    skew=st.lists(
        st.one_of(st.integers(-2, 2), st.integers(-3 * 24 * 60, 3 * 24 * 60)),
        min_size=3,
        max_size=3,
    ),
)
def test_any_order_of_syncs_ends_with_the_states_of_one_time_ordered_log(
    blank_store: Path, steps: list[Step], skew: list[int]
) -> None:
    scheduler = Scheduler(SchedulerConfig(), tz=FIXED_TZ)  # with fuzz: replays must agree
    clocks = [START + timedelta(minutes=skew[i], seconds=i) for i in range(3)]
    given_answers: list[Review] = []
    undone: set[tuple[str, datetime]] = set()  # (card, time) of reviews taken back
    # Writes reach the disk at once (fsync) for a USB stick's sake; here they need not.
    with tempfile.TemporaryDirectory() as tmp, patch("os.fsync"):
        shared = Path(tmp) / "shared"
        shared.mkdir()
        for name in NAMES:
            (Path(tmp) / name).mkdir()
            shutil.copy(blank_store, Path(tmp) / name / "progress.sqlite3")
        machines = [Machine(Path(tmp) / name, name, scheduler) for name in NAMES]
        try:
            for what, number, card, rating, minutes in steps:
                machine = machines[number]
                if what == "answer":
                    clocks[number] += timedelta(minutes=minutes)
                    machine.answer(card, rating, clocks[number])
                    given_answers.append(Review("d", card, clocks[number], int(rating)))
                elif what == "undo" and machine.last is not None:
                    review_id, _, _ = machine.last
                    clocks[number] += timedelta(seconds=10)
                    try:
                        machine.undo(clocks[number])
                    except AnsweredElsewhereError:
                        continue
                    review = machine.review(review_id)
                    undone.add((review.card_id, review.reviewed_at))
                elif what == "sync":
                    machine.sync(shared)
            for _ in range(2):  # one round cannot bring the last one's answers to the first
                for machine in machines:
                    machine.sync(shared)

            union = sorted(given_answers, key=lambda review: review.reviewed_at)
            standing = [r for r in union if (r.card_id, r.reviewed_at) not in undone]
            expected = replay(scheduler, standing)
            for machine in machines:
                assert len(machine.store.reviews(undone=True)) == len(union)
                assert machine.reviews() == standing
                for card in CARDS:
                    want = expected.get(("d", card), CardState())
                    assert same_state(machine.store.state("d", card), want), (machine.name, card)
                report = machine.sync(shared)
                assert not report.came_in and not report.sent and not report.rescheduled
        finally:
            for machine in machines:
                machine.close()
