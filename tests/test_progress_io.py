"""Progress export and import: the review log as JSON lines, moved between machines whole."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.planning.plan import ExamPlan, clear_plan, load_plan, save_plan
from quizapp.core.progress.exams import ExamStore
from quizapp.core.progress.marks import MarkKind
from quizapp.core.progress.store import Review, Store
from quizapp.core.progress.transfer import ProgressFileError, export_progress, import_progress
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Scheduler
from quizapp.core.sessions.exam import close_exam, new_exam
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


def sit_exam(collection: Collection, clock: FakeClock, answers: list[str]) -> int:
    exam = new_exam(collection.decks, clock, count=3, minutes=5, seed=1)
    for given in answers:
        clock.advance(seconds=20)
        exam.answer(given)
    return close_exam(exam, collection.store, collection.scheduler)[1]


def exam_history(collection: Collection) -> list[tuple[dict[str, object], list[object]]]:
    exams = ExamStore(collection.store.conn)
    return [
        (
            {**record.to_json(), "id": None},
            [{**a, "exam_id": None} for a in exams.answers(record.id)],
        )
        for record in exams.exams()
    ]


def test_the_exam_plan_and_the_exams_sat_move_with_the_progress(
    source: Collection, deck_dir: Path, tmp_path: Path, clock: FakeClock
) -> None:
    plan = ExamPlan(date(2024, 6, 1), deck_ids=("history",), target=0.85, per_day=40)
    save_plan(source.store, plan)
    sit_exam(source, clock, ["The answer to c2", "wrong"])  # the third left unanswered
    clock.advance(days=1)
    sit_exam(source, clock, ["a", "b", "c"])
    text = exported(source)
    assert json.loads(text.splitlines()[0])["exams"] == 2

    target = Collection.open([deck_dir], tmp_path / "desktop", clock)
    try:
        summary = import_progress(target.store, source.scheduler, text.splitlines())
        assert (summary.exams_added, summary.exams_known, summary.plan) == (2, 0, "added")
        assert load_plan(target.store) == plan
        assert exam_history(target) == exam_history(source)
        assert len(exam_history(target)[0][1]) == 3  # every question, the unanswered too
        assert target.store.reviews() != []  # the exam's answers were logged as reviews
        assert without_ids(target.store.reviews(undone=True)) == without_ids(
            source.store.reviews(undone=True)
        )
        # Viewing the plan works its daily load out again: it is still the same plan.
        save_plan(target.store, replace(plan, per_day=12))
        again = import_progress(target.store, source.scheduler, text.splitlines())
        assert (again.exams_added, again.exams_known, again.plan) == (0, 2, "same")
        assert load_plan(target.store) == replace(plan, per_day=12)
        assert len(ExamStore(target.store.conn).exams()) == 2
    finally:
        target.close()


def test_a_plan_set_here_is_kept_and_the_other_one_named(
    source: Collection, deck_dir: Path, tmp_path: Path, clock: FakeClock
) -> None:
    save_plan(source.store, ExamPlan(date(2024, 6, 1)))
    target = Collection.open([deck_dir], tmp_path / "desktop", clock)
    try:
        mine = ExamPlan(date(2024, 7, 1), per_day=25)
        save_plan(target.store, mine)
        summary = import_progress(target.store, source.scheduler, exported(source).splitlines())
        assert summary.plan == "kept"
        assert summary.other_exam_day == date(2024, 6, 1)
        assert load_plan(target.store) == mine
        clear_plan(target.store)  # a cleared plan here takes the file's
        summary = import_progress(target.store, source.scheduler, exported(source).splitlines())
        assert summary.plan == "added" and load_plan(target.store) == load_plan(source.store)
    finally:
        target.close()


def test_an_export_written_before_exams_were_carried_still_imports(
    source: Collection, deck_dir: Path, tmp_path: Path, clock: FakeClock
) -> None:
    # Version 1: the header and the reviews, nothing else.
    lines = exported(source).splitlines()
    header = {"format": "quizapp-progress", "version": 1, "reviews": len(lines) - 1}
    old = [json.dumps(header), *(line for line in lines[1:] if '"deck"' in line)]
    target = Collection.open([deck_dir], tmp_path / "desktop", clock)
    try:
        summary = import_progress(target.store, source.scheduler, old)
        assert summary.added == source.store.review_count()
        assert (summary.exams_added, summary.plan) == (0, None)
        assert target.store.states("history") == source.store.states("history")
    finally:
        target.close()


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"plan": {"exam_date": "soon"}}', "line 2: the plan's exam_date is not a date"),
        ('{"plan": {"exam_date": "2024-06-01", "colour": "red"}}', "line 2: the plan"),
        ('{"exam": {"started_at": "2024-01-01T00:00:00Z"}}', "line 2: the exam's field"),
        ('{"exam": []}', "line 2: the exam must be"),
    ],
)
def test_a_bad_plan_or_exam_line_is_refused_whole(
    source: Collection, line: str, reason: str
) -> None:
    text = '{"format": "quizapp-progress", "version": 2}\n' + line
    count = source.store.review_count()
    with pytest.raises(ProgressFileError, match=reason):
        import_progress(source.store, source.scheduler, text.splitlines())
    assert source.store.review_count() == count and load_plan(source.store) is None


def test_a_file_from_a_newer_quizapp_is_refused_in_words(source: Collection) -> None:
    text = '{"format": "quizapp-progress", "version": 99}'
    with pytest.raises(ProgressFileError, match="newer quizapp"):
        import_progress(source.store, source.scheduler, text.splitlines())


def test_the_commands_say_what_moved(
    source: Collection,
    deck_dir: Path,
    tmp_path: Path,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    save_plan(source.store, ExamPlan(date(2024, 6, 1)))
    sit_exam(source, clock, ["x"])
    path = tmp_path / "progress.jsonl"
    laptop = ["--decks", str(deck_dir), "--data-dir", str(tmp_path / "laptop")]
    desktop = ["--decks", str(deck_dir), "--data-dir", str(tmp_path / "desktop")]
    assert main(["progress", "export", str(path), *laptop]) == 0
    assert "1 exam(s) and the exam plan to" in capsys.readouterr().out
    assert main(["progress", "import", str(path), *desktop]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 exam(s) (0 already here)" in out and "Took the exam plan" in out
    desk = Store.open(tmp_path / "desktop" / "progress.sqlite3")
    save_plan(desk, ExamPlan(date(2024, 7, 1)))  # a plan set on this machine meanwhile
    desk.close()
    assert main(["progress", "import", str(path), *desktop]) == 0
    out = capsys.readouterr().out
    assert "Imported 0 exam(s) (1 already here)" in out
    assert "Kept the exam plan set here; the file's exam date, 2024-06-01" in out


def test_settings_and_card_events_move_with_the_progress_and_replay_the_same(
    source: Collection, deck_dir: Path, tmp_path: Path, clock: FakeClock
) -> None:
    store = source.store
    store.set_preference("new-per-day", "3", clock(), deck_id="history")
    store.set_preference("retention", "0.85", clock())
    store.mark([("history", "c1"), ("history", "c2")], MarkKind.SUSPEND, clock())
    store.mark([("history", "c3")], MarkKind.FLAG, clock(), 2)
    clock.advance(minutes=1)
    store.mark([("history", "c2")], MarkKind.UNSUSPEND, clock())
    text = exported(source)
    target = Collection.open([deck_dir], tmp_path / "empty", clock)
    try:
        summary = import_progress(target.store, source.scheduler, text.splitlines())
        assert (summary.events_added, summary.settings_added) == (4, 2)
        assert target.store.preferences() == store.preferences()
        assert target.store.marks("history") == store.marks("history")
        assert target.store.card_events() == store.card_events()
        again = import_progress(target.store, source.scheduler, text.splitlines())
        assert (again.events_added, again.settings_added) == (0, 0)
    finally:
        target.close()


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            '{"card_event": {"deck": "d", "card": "c", "at": "2024-05-01T10:00:00Z",'
            ' "kind": "explode"}}',
            "kind 'explode' is not known",
        ),
        (
            '{"card_event": {"deck": "d", "card": "c", "at": "2024-05-01T10:00:00Z",'
            ' "kind": "flag", "value": 9}}',
            "1 to 4",
        ),
        (
            '{"setting_event": {"at": "2024-05-01T10:00:00Z", "key": "new-per-day", "value": 3}}',
            "value must be text or null",
        ),
    ],
)
def test_a_bad_event_line_is_refused_whole(source: Collection, line: str, reason: str) -> None:
    text = '{"format": "quizapp-progress", "version": 3}\n' + line
    with pytest.raises(ProgressFileError, match=reason):
        import_progress(source.store, source.scheduler, text.splitlines())
    assert source.store.card_events() == [] and source.store.setting_events() == []


def test_where_this_machine_syncs_is_not_exported(
    source: Collection, deck_dir: Path, tmp_path: Path, clock: FakeClock
) -> None:
    source.store.set_preference("sync-folder", str(tmp_path / "shared"), clock())
    text = exported(source)
    assert "sync-folder" not in text
    target = Collection.open([deck_dir], tmp_path / "elsewhere", clock)
    try:
        import_progress(target.store, source.scheduler, text.splitlines())
        assert target.store.preference("sync-folder") is None
    finally:
        target.close()
