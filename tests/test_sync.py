"""`quizapp sync FOLDER`: each machine writes its events to a file of its own in a shared
folder and reads the others'; every event is merged once, whatever the order."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import START
from progress_support import progress_file_at
from sync_support import Machine

from quizapp.core.planning.plan import ExamPlan, load_plan, save_plan
from quizapp.core.progress.exams import ANSWER_COLUMNS, ExamStore, KeptExam
from quizapp.core.progress.marks import MarkKind
from quizapp.core.progress.replay import replay
from quizapp.core.progress.store import Store, to_ms
from quizapp.core.progress.sync.merge import SyncError
from quizapp.core.progress.sync.report import Counts
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Scheduler


def test_undos_get_the_order_they_were_made_in(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    conn = progress_file_at(path, 5)
    conn.execute("INSERT INTO decks (deck_id) VALUES ('d')")
    conn.execute("INSERT INTO cards (deck_key, card_id) VALUES (1, 'c')")
    conn.execute("INSERT INTO labels (text) VALUES ('flip'), ('study')")
    for at in (1000, 2000, 3000):
        conn.execute(
            "INSERT INTO reviews (card_key, reviewed_at, rating, question_type, mode)"
            " VALUES (1, ?, 3, 1, 2)",
            (at,),
        )
    # The third review was undone first, the first one later.
    conn.execute("INSERT INTO undos (review_id, undone_at) VALUES (3, 3500), (1, 4000)")
    conn.close()
    store = Store.open(path)
    try:
        rows = store.conn.execute("SELECT id, review_id, undone_at FROM undos ORDER BY id")
        assert rows.fetchall() == [(1, 3, 3500), (2, 1, 4000)]
        assert [r.reviewed_at.timestamp() for r in store.reviews()] == [2.0]
    finally:
        store.close()


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


@pytest.fixture
def machines(tmp_path: Path, scheduler: Scheduler) -> Iterator[Callable[[str], Machine]]:
    made: list[Machine] = []

    def make(name: str) -> Machine:
        machine = Machine(tmp_path / name, name, scheduler)
        made.append(machine)
        return machine

    yield make
    for machine in made:
        machine.close()


def test_a_line_still_being_copied_waits_for_the_next_sync(
    machines: Callable[[str], Machine], shared: Path, tmp_path: Path
) -> None:
    laptop, desk = machines("laptop"), machines("desk")
    own = tmp_path / "laptop-only"
    own.mkdir()
    for minute, card in enumerate(["a", "b", "c"]):
        laptop.answer(card, Rating.GOOD, START + timedelta(minutes=minute))
    laptop.sync(own)
    whole = (own / "quizapp-laptop.jsonl").read_bytes()
    copy = shared / "quizapp-laptop.jsonl"

    copy.write_bytes(whole[:30])  # not even the first line yet
    report = desk.sync(shared)
    assert not report.came_in and "still arriving" in report.waiting[0]

    part = whole[:-10]  # the last review cut short
    copy.write_bytes(part)
    report = desk.sync(shared)
    assert report.received["laptop"].reviews == 2
    arrived = len(part) - part.rfind(b"\n") - 1
    assert report.waiting == [
        f"quizapp-laptop.jsonl ends in a line still arriving ({arrived} bytes): it is read "
        "next time."
    ]
    assert len(desk.reviews()) == 2

    copy.write_bytes(whole)
    report = desk.sync(shared)
    assert report.received["laptop"].reviews == 1 and not report.waiting
    assert desk.reviews() == laptop.reviews()
    assert desk.store.states("d") == laptop.store.states("d")
    assert not desk.sync(shared).came_in


def test_an_undo_travels_and_the_card_is_replayed(
    machines: Callable[[str], Machine], shared: Path
) -> None:
    laptop, desk = machines("laptop"), machines("desk")
    laptop.answer("a", Rating.GOOD, START)
    laptop.answer("a", Rating.AGAIN, START + timedelta(minutes=10))
    laptop.sync(shared)
    desk.sync(shared)
    assert desk.store.state("d", "a").lapses == 1
    # The Again, synced already, is undone: it travels as that review's line again, now with
    # the time it was undone.
    laptop.undo(START + timedelta(minutes=11))
    laptop.answer("b", Rating.EASY, START + timedelta(minutes=12))
    sent = laptop.sync(shared).sent
    assert (sent.reviews, sent.undos) == (1, 1)
    report = desk.sync(shared)
    assert (report.received["laptop"].reviews, report.received["laptop"].undos) == (1, 1)
    assert report.rescheduled == 2
    assert desk.reviews() == laptop.reviews()
    assert desk.store.states("d") == laptop.store.states("d")
    assert desk.store.state("d", "a").lapses == 0
    assert len(desk.store.reviews(undone=True)) == 3


def test_a_setting_changed_on_two_machines_takes_the_later_change_and_says_so(
    machines: Callable[[str], Machine], shared: Path
) -> None:
    laptop, desk = machines("laptop"), machines("desk")
    laptop.sync(shared), desk.sync(shared)
    laptop.store.set_preference("retention", "0.85", START)
    desk.store.set_preference("retention", "0.95", START + timedelta(minutes=5))
    desk.store.set_preference("new-per-day", "5", START, deck_id="d")
    laptop.sync(shared)
    report = desk.sync(shared)  # the laptop's change is older: it loses
    [conflict] = report.conflicts
    assert (conflict.key, conflict.kept.value, conflict.lost.value) == ("retention", "0.95", "0.85")
    assert (conflict.kept.machine, conflict.lost.machine) == ("here", "laptop")
    assert "Retention was changed on two machines: 0.85 (on laptop, " in report.lines()[-1]
    assert report.lines()[-1].endswith("the later, 0.95, holds.")
    report = laptop.sync(shared)  # the laptop's change had gone out already: nothing to say
    assert report.received["desk"].settings == 2 and not report.conflicts
    for machine in (laptop, desk):
        assert machine.store.preference("retention") == "0.95"
        assert machine.store.preference("new-per-day", "d") == "5"


def test_a_later_change_from_elsewhere_replaces_one_not_sent_yet_and_says_so(
    machines: Callable[[str], Machine], shared: Path
) -> None:
    laptop, desk = machines("laptop"), machines("desk")
    laptop.store.set_preference("retention", "0.85", START)
    desk.store.set_preference("retention", "0.95", START + timedelta(minutes=5))
    desk.sync(shared)
    [conflict] = laptop.sync(shared).conflicts
    assert (conflict.kept.value, conflict.kept.machine) == ("0.95", "desk")
    assert (conflict.lost.value, conflict.lost.machine) == ("0.85", "here")
    assert laptop.store.preference("retention") == "0.95"


def test_the_sync_folder_setting_stays_on_its_machine(
    machines: Callable[[str], Machine], shared: Path
) -> None:
    laptop, desk = machines("laptop"), machines("desk")
    laptop.store.set_preference("sync-folder", "/media/stick", START)
    desk.store.set_preference("sync-folder", str(shared), START)
    laptop.sync(shared), desk.sync(shared), laptop.sync(shared)
    assert laptop.store.preference("sync-folder") == "/media/stick"
    assert desk.store.preference("sync-folder") == str(shared)
    assert "sync-folder" not in (shared / "quizapp-laptop.jsonl").read_text()


def test_card_marks_exams_and_the_plan_travel(
    machines: Callable[[str], Machine], shared: Path
) -> None:
    laptop, desk = machines("laptop"), machines("desk")
    laptop.store.mark([("d", "a")], MarkKind.SUSPEND, START)
    laptop.store.mark([("d", "b")], MarkKind.FLAG, START, 2)
    save_plan(laptop.store, ExamPlan(date(2024, 6, 1), ("d",)))
    ExamStore(laptop.store.conn).keep([exam_kept()])
    laptop.sync(shared)
    report = desk.sync(shared)
    assert report.received["laptop"] == Counts(marks=2, exams=1, plan=True)
    assert desk.store.card_marks("d", "a").suspended and desk.store.card_marks("d", "b").flag == 2
    plan = load_plan(desk.store)
    assert plan is not None and plan.exam_day == date(2024, 6, 1)
    assert len(ExamStore(desk.store.conn).kept()) == 1
    laptop.store.mark([("d", "a")], MarkKind.UNSUSPEND, START + timedelta(hours=1))
    assert laptop.sync(shared).sent == Counts(marks=1)
    desk.sync(shared)
    assert not desk.store.card_marks("d", "a").suspended
    assert laptop.sync(shared).sent == Counts()  # the plan taken on the desk is not sent back


def exam_kept() -> KeptExam:
    exam: dict[str, object] = {
        "started_at": to_ms(START),
        "ended_at": to_ms(START + timedelta(minutes=20)),
        "minutes": 20.0,
        "questions": 1,
        "answered": 1,
        "correct": 1,
        "score": 1.0,
        "timed_out": 0,
        "rescheduled": 0,
        "decks": "d",
        "selection": "",
        "seed": 7,
    }
    answer: dict[str, object] = dict.fromkeys(ANSWER_COLUMNS, "")
    answer.update(number=1, given="1954", score=1.0, duration_ms=4000)
    return exam, [answer]


def test_a_copy_of_the_data_folder_on_another_machine_takes_a_new_name(
    machines: Callable[[str], Machine], shared: Path, tmp_path: Path, scheduler: Scheduler
) -> None:
    laptop = machines("laptop")
    laptop.answer("a", Rating.GOOD, START)
    laptop.sync(shared)
    laptop.close()
    shutil.copytree(tmp_path / "laptop", tmp_path / "clone")
    laptop = Machine(tmp_path / "laptop", "laptop", scheduler)
    clone = Machine(tmp_path / "clone", "laptop", scheduler)  # the same id, copied with it
    try:
        clone.answer("b", Rating.GOOD, START + timedelta(minutes=1))
        assert clone.sync(shared).renamed_from is None  # it appends to the laptop's file
        laptop.answer("c", Rating.HARD, START + timedelta(minutes=2))
        report = laptop.sync(shared)
        assert report.renamed_from == "laptop" and report.machine != "laptop"
        assert report.received["laptop"].reviews == 1
        assert report.lines()[0] == (
            "This machine's file, quizapp-laptop.jsonl, was read like another's: it has lines "
            "this machine does not remember writing (another machine with a copy of this data "
            f"folder, or a backup put back here?). This machine is now {report.machine}."
        )
        assert (shared / report.file).exists()
        clone.sync(shared)
        assert not laptop.sync(shared).came_in and not clone.sync(shared).came_in
        assert len(laptop.reviews()) == 3 and laptop.reviews() == clone.reviews()
        assert laptop.store.states("d") == clone.store.states("d")
    finally:
        laptop.close()
        clone.close()


def test_a_file_deleted_from_the_folder_is_written_again_whole(
    machines: Callable[[str], Machine], shared: Path
) -> None:
    laptop, desk = machines("laptop"), machines("desk")
    laptop.answer("a", Rating.GOOD, START)
    laptop.sync(shared)
    (shared / "quizapp-laptop.jsonl").unlink()
    laptop.answer("b", Rating.GOOD, START + timedelta(minutes=1))
    report = laptop.sync(shared)
    assert report.renamed_from is None and report.sent.reviews == 2
    desk.sync(shared)
    assert desk.reviews() == laptop.reviews()


def test_an_older_copy_of_its_file_makes_a_machine_write_anew_under_a_new_name(
    machines: Callable[[str], Machine], shared: Path
) -> None:
    laptop, desk = machines("laptop"), machines("desk")
    laptop.answer("a", Rating.GOOD, START)
    laptop.sync(shared)
    older = (shared / "quizapp-laptop.jsonl").read_bytes()
    laptop.answer("b", Rating.GOOD, START + timedelta(minutes=1))
    laptop.sync(shared)
    (shared / "quizapp-laptop.jsonl").write_bytes(older)  # a tool put back an older copy
    report = laptop.sync(shared)
    assert report.renamed_from == "laptop" and "an older copy" in report.renamed_why
    assert report.sent.reviews == 2 and not report.came_in
    desk.sync(shared)
    assert desk.reviews() == laptop.reviews()


def test_a_progress_file_restored_from_before_a_sync_goes_on_with_its_file(
    machines: Callable[[str], Machine], shared: Path, tmp_path: Path, scheduler: Scheduler
) -> None:
    laptop = machines("laptop")
    laptop.answer("a", Rating.GOOD, START)
    laptop.sync(shared)
    laptop.answer("b", Rating.GOOD, START + timedelta(minutes=1))
    laptop.close()
    before = (tmp_path / "laptop" / "progress.sqlite3").read_bytes()
    laptop = Machine(tmp_path / "laptop", "laptop", scheduler)
    laptop.sync(shared)  # written to the file; then the store is put back as it was
    laptop.close()
    (tmp_path / "laptop" / "progress.sqlite3").write_bytes(before)
    laptop = Machine(tmp_path / "laptop", "laptop", scheduler)
    try:
        # The file holds lines this store does not remember writing, but nothing it lacks.
        report = laptop.sync(shared)
        assert report.renamed_from is None and not report.came_in
        assert report.sent.reviews == 1  # written again: harmless, read once
        assert laptop.sync(shared).sent == Counts()
    finally:
        laptop.close()


def test_lines_that_cannot_be_read_are_named_and_the_rest_is_merged(
    machines: Callable[[str], Machine], shared: Path
) -> None:
    laptop, desk = machines("laptop"), machines("desk")
    laptop.answer("a", Rating.GOOD, START)
    laptop.answer("b", Rating.GOOD, START + timedelta(minutes=1))
    laptop.sync(shared)
    path = shared / "quizapp-laptop.jsonl"
    head, first, second = path.read_text().splitlines(keepends=True)
    path.write_text(head + first.replace('"rating": 3', '"rating": 9') + second)
    (shared / "quizapp-notes.jsonl").write_text("my notes\n")
    newer = '{"format": "quizapp-progress", "version": 99, "machine": "m", "file": "f"}\n'
    (shared / "quizapp-future.jsonl").write_text(newer)
    report = desk.sync(shared)
    assert report.received["laptop"].reviews == 1
    assert report.problems == [
        "quizapp-future.jsonl: a newer quizapp wrote it (format version 99; this one reads up "
        "to 3): update quizapp here to read it.",
        "quizapp-laptop.jsonl line 2: rating must be 1, 2, 3 or 4, not 9 (skipped).",
        "quizapp-notes.jsonl: it is not a quizapp sync file (left alone).",
    ]


def test_a_missing_folder_is_an_error_in_words(
    machines: Callable[[str], Machine], tmp_path: Path
) -> None:
    with pytest.raises(SyncError, match="the sync folder .*gone does not exist"):
        machines("laptop").sync(tmp_path / "gone")


def test_an_answer_given_before_one_from_elsewhere_comes_first_here_too(
    machines: Callable[[str], Machine], shared: Path
) -> None:
    laptop, desk = machines("laptop"), machines("desk")
    desk.answer("a", Rating.GOOD, START + timedelta(hours=2))
    desk.sync(shared)
    laptop.sync(shared)
    laptop.answer("a", Rating.AGAIN, START)  # the laptop's clock is behind the desk's
    laptop.sync(shared)
    desk.sync(shared)
    once_in_order = replay(laptop.scheduler, sorted(laptop.reviews(), key=lambda r: r.reviewed_at))
    for machine in (laptop, desk):
        assert machine.store.state("d", "a") == once_in_order[("d", "a")]
