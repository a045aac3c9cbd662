"""Two quizapp instances writing to one progress file at once lose nothing and never fail."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path

from conftest import deck_text

from quizapp.core.progress.replay import replay
from quizapp.core.progress.store import Review, Store, same_state
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler, SchedulerConfig

PER_WRITER = 200
UNDO_EVERY = 10
START = "2024-05-01T10:00:00+00:00"

# A writer process: says it is ready, waits for "go" on stdin, then records; it opens the store
# before saying ready, or after "go" to race the other writers to create the file.
WRITER = """
import sys
from datetime import datetime, timedelta
from pathlib import Path
from quizapp.core.scheduling.scheduler import CardState, Phase
from quizapp.core.progress.store import Review, Store

path, name, count, start, when, every = sys.argv[1:7]
UNDO_EVERY = int(every)
if when == "open-first":
    store = Store.open(Path(path))
print("ready", flush=True)
sys.stdin.readline()
if when == "open-after-go":
    store = Store.open(Path(path))
moment = datetime.fromisoformat(start)
for n in range(int(count)):
    at = moment + timedelta(seconds=n)
    state = CardState(phase=Phase.LEARNING, due=at + timedelta(minutes=1), last_review=at, reps=n)
    review = Review(name, f"card-{n % 7}", at, 1 + n % 4, given_answer=f"{name}-{n}")
    review_id = store.record(review, state)
    store.state(name, f"card-{(n + 3) % 7}")  # reads between writes, as the app does
    if n % UNDO_EVERY == UNDO_EVERY - 1:  # undo reads, then writes, in one transaction
        store.undo(review_id, state, at)
store.close()
print("done", flush=True)
"""


def write_reviews(path: Path, name: str, count: int, gate: threading.Barrier) -> None:
    store = Store.open(path)
    try:
        gate.wait(timeout=30)
        moment = datetime.fromisoformat(START)
        for n in range(count):
            at = moment + timedelta(seconds=n)
            state = CardState(phase=Phase.LEARNING, due=at, last_review=at, reps=n)
            review = Review(name, f"card-{n % 7}", at, 1 + n % 4, given_answer=f"{name}-{n}")
            review_id = store.record(review, state)
            store.state(name, f"card-{(n + 3) % 7}")
            if n % UNDO_EVERY == UNDO_EVERY - 1:
                store.undo(review_id, state, at)
    finally:
        store.close()


def assert_every_review_kept(path: Path, names: list[str]) -> None:
    store = Store.open(path)
    try:
        given = [r.given_answer for r in store.reviews(undone=True)]
        expected = {f"{name}-{n}" for name in names for n in range(PER_WRITER)}
        assert len(given) == len(expected) == store.review_count()
        assert set(given) == expected
        undone = len(names) * (PER_WRITER // UNDO_EVERY)
        assert len(store.reviews()) == len(expected) - undone
        assert store.conn.execute("SELECT count(*) FROM undos").fetchone()[0] == undone
        for name in names:
            assert len(store.states(name)) == 7
            assert store.state(name, f"card-{(PER_WRITER - 1) % 7}").reps == PER_WRITER - 1
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()


def test_two_threads_writing_at_once(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    Store.open(path).close()
    gate = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(name: str) -> None:
        try:
            write_reviews(path, name, PER_WRITER, gate)
        except BaseException as exc:  # reported below: a thread's exception is otherwise lost
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(name,)) for name in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert_every_review_kept(path, ["one", "two"])


def start_writers(path: Path, names: list[str], when: str) -> list[subprocess.Popen[str]]:
    return [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER,
                str(path),
                name,
                str(PER_WRITER),
                START,
                when,
                str(UNDO_EVERY),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parent,
        )
        for name in names
    ]


def run_writers(path: Path, names: list[str], when: str = "open-first") -> None:
    writers = start_writers(path, names, when)
    try:
        for writer in writers:
            assert writer.stdout is not None
            if writer.stdout.readline().strip() != "ready":
                writer.kill()
                raise AssertionError(f"a writer did not start: {writer.communicate()[1]}")
        for writer in writers:
            assert writer.stdin is not None
            writer.stdin.write("go\n")
            writer.stdin.flush()
        results = [writer.communicate(timeout=60) for writer in writers]
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
    for writer, (out, err) in zip(writers, results, strict=True):
        assert "locked" not in err
        assert writer.returncode == 0, err
        assert out.strip() == "done"


def test_two_processes_writing_at_once(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    Store.open(path).close()
    run_writers(path, ["one", "two"])
    assert_every_review_kept(path, ["one", "two"])


def test_two_processes_creating_the_file_at_once(tmp_path: Path) -> None:
    # Neither finds a database: both set WAL mode and migrate while the other may be doing so.
    path = tmp_path / "fresh" / "progress.sqlite3"
    run_writers(path, ["one", "two", "three"], when="open-after-go")
    assert_every_review_kept(path, ["one", "two", "three"])


# A studying process: the same deck as the other, a session started before "go", every card
# answered until none is left (Again now and then); cards another answered are passed over.
STUDENT = """
import sys
from pathlib import Path
from quizapp.core.clock import system_clock
from quizapp.core.decks.loader import load_deck
from quizapp.core.scheduling.scheduler import Scheduler, SchedulerConfig
from quizapp.core.scheduling.rating import Rating
from quizapp.core.progress.store import AnsweredElsewhereError, Store
from quizapp.core.sessions.study import StudySession

store_path, deck_path = sys.argv[1:3]
store = Store.open(Path(store_path))
deck = load_deck(Path(deck_path)).deck
study = StudySession([deck], store, Scheduler(SchedulerConfig(fuzz=False)), system_clock)
print("ready", flush=True)
sys.stdin.readline()
answered = refused = 0
while study.current is not None:
    try:
        study.answer(Rating.AGAIN if (answered + refused) % 5 == 4 else Rating.GOOD)
        answered += 1
    except AnsweredElsewhereError:
        refused += 1
store.close()
print(answered, refused, len(study.elsewhere), flush=True)
"""


def test_two_processes_studying_one_deck_never_answer_on_a_stale_state(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, "race", [f"card-{n:02}" for n in range(20)])
    path = tmp_path / "progress.sqlite3"
    Store.open(path).close()
    students = [
        subprocess.Popen(
            [sys.executable, "-c", STUDENT, str(path), str(deck)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parent,
        )
        for _ in range(2)
    ]
    try:
        for student in students:
            assert student.stdout is not None
            assert student.stdout.readline().strip() == "ready", student.communicate()[1]
        for student in students:
            assert student.stdin is not None
            student.stdin.write("go\n")
            student.stdin.flush()
        results = [student.communicate(timeout=120) for student in students]
    finally:
        for student in students:
            if student.poll() is None:
                student.kill()
    for student, (_, err) in zip(students, results, strict=True):
        assert student.returncode == 0, err
    store = Store.open(path)
    try:
        # Every answer was given on the state the one before it left: the log replays to
        # the stored states (an answer on a stale state would make them differ).
        scheduler = Scheduler(SchedulerConfig(fuzz=False))
        replayed = replay(scheduler, store.reviews())
        stored = store.states("race")
        assert len(stored) == 20  # the new cards of a day
        for card_id, state in stored.items():
            assert same_state(replayed[("race", card_id)], state), card_id
        # Every answer a student was told was saved is in the log.
        answered = sum(int(out.split()[0]) for out, _ in results)
        assert answered == store.review_count()
    finally:
        store.close()


def write_deck(folder: Path, deck_id: str, card_ids: list[str]) -> Path:
    path = folder / f"{deck_id}.yaml"
    path.write_text(deck_text(deck_id, card_ids), "utf-8")
    return path
