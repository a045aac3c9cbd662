"""Exams: answers against the clock, time-out, the report and what the store keeps."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.grading.marking import Outcome
from quizapp.core.progress.exams import CSV_COLUMNS, ExamStore
from quizapp.core.questions.question import Format, Question
from quizapp.core.scheduling.scheduler import Scheduler
from quizapp.core.sessions.exam import Exam, close_exam, new_exam
from quizapp.core.sessions.report import format_score

DECK = """\
format: 1
id: exam-deck
title: Exam deck
reference: {title: Pakistan-Russia relations, author: Adnan Ali Shah}
cards:
  - id: seato
    kind: date
    type: typed
    question: In which year did Pakistan join SEATO?
    answer: "1954"
    date: "1954"
    wrong: ["1955", "1953", "1958"]
    source: SEATO in 1954.
    tags: [1950s, alliances]
  - id: cento
    kind: date
    type: typed
    question: In which year did Pakistan join CENTO?
    answer: "1955"
    date: "1955"
    wrong: ["1954", "1956", "1959"]
    source: CENTO in 1955.
    tags: [1950s, alliances]
  - id: mediator
    kind: actor
    type: typed
    question: Who mediated at Tashkent in January 1966?
    answer: Alexei Kosygin
    alternatives: [Kosygin]
    wrong: [Leonid Brezhnev, Nikita Khrushchev, Andrei Gromyko]
    source: Kosygin mediated.
    tags: [1960s]
  - id: yeltsin
    kind: actor
    type: typed
    question: Which Russian President invited Benazir Bhutto to Russia?
    answer: Boris Yeltsin
    alternatives: [Yeltsin]
    wrong: [Mikhail Gorbachev, Vladimir Putin, Alexander Rutskoi]
    source: Yelstin invited her.
    tags: [1990s]
  - id: ayub
    kind: date
    type: typed
    question: When did President Ayub Khan visit Moscow?
    answer: April 1965
    date: "1965-04"
    wrong: [January 1966, April 1968, September 1965]
    source: Ayub visited Moscow in April 1965.
    tags: [1960s]
"""


@pytest.fixture
def collection(tmp_path: Path, clock: FakeClock, scheduler: Scheduler) -> Iterator[Collection]:
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "exam.yaml").write_text(DECK, encoding="utf-8")
    opened = Collection.open([tmp_path / "decks"], tmp_path / "data", clock)
    opened.scheduler = scheduler
    yield opened
    opened.close()


def typed_exam(collection: Collection, clock: FakeClock, minutes: float = 2) -> Exam:
    exam = new_exam(collection.decks, clock, count=5, minutes=minutes, seed=11)
    # Make the paper plain and known: every card asked as a typed question, in deck order.
    exam.questions = [
        Question(
            Format.TYPED,
            q.entries[0].card.question,
            q.entries[0].card.answer,
            q.entries,
            accepted=q.entries[0].card.alternatives,
            date=q.entries[0].card.date,
            sources=q.sources,
        )
        for q in sorted(exam.questions, key=lambda q: q.entries[0].card.line)
    ]
    return exam


def test_time_out_part_way_unanswered_count_as_wrong(
    collection: Collection, clock: FakeClock
) -> None:
    exam = typed_exam(collection, clock)
    assert [q.entries[0].card.id for q in exam.questions] == [
        "seato",
        "cento",
        "mediator",
        "yeltsin",
        "ayub",
    ]
    clock.advance(seconds=20)
    assert exam.answer("1954")  # right
    clock.advance(seconds=30)
    assert exam.answer("1958")  # wrong: three years off
    clock.advance(seconds=10)
    assert exam.answer("Kosygn")  # almost: a misspelling
    assert exam.remaining() == timedelta(seconds=60)
    clock.advance(seconds=90)  # time runs out on question 4
    assert not exam.answer("Yeltsin"), "an answer after the deadline is not kept"
    assert exam.over and exam.timed_out
    report, exam_id = close_exam(exam, collection.store, collection.scheduler)
    outcomes = [(r.verdict.outcome, r.answered) for r in report.results]
    assert outcomes == [
        (Outcome.CORRECT, True),
        (Outcome.WRONG, True),
        (Outcome.ALMOST, True),
        (Outcome.WRONG, False),
        (Outcome.WRONG, False),
    ]
    assert report.results[3].verdict.reason == "No answer (time ran out)."
    assert (report.total.score, report.total.right, report.answered) == (1.5, 1, 3)
    assert format_score(report.total) == "1.5 of 5 (30%)"
    # Time per question: the time it was on screen, the last one cut at the deadline.
    assert [r.seconds for r in report.results] == [20, 30, 10, 60, 0]
    assert report.seconds == 120
    assert {k: (t.score, t.total) for k, t in report.by_kind().items()} == {
        "date": (1.0, 3),
        "actor": (0.5, 2),
    }
    assert report.by_tag()["alliances"].score == 1.0
    assert [r.number for r in report.mistakes] == [2, 3, 4, 5]
    # Kept in the store.
    (record,) = ExamStore(collection.store.conn).exams()
    assert record.id == exam_id
    assert (record.questions, record.answered, record.correct, record.score) == (5, 3, 1, 1.5)
    assert record.timed_out and record.rescheduled and record.minutes == 2
    rows = ExamStore(collection.store.conn).answers(exam_id)
    assert [(r["given"], r["outcome"]) for r in rows] == [
        ("1954", "correct"),
        ("1958", "wrong"),
        ("Kosygn", "almost"),
        (None, "wrong"),
        (None, "wrong"),
    ]
    assert rows[0]["sources"] == "SEATO in 1954." and rows[0]["cards"] == "exam-deck/seato"
    # Answered questions reschedule their cards; unanswered ones do not.
    reviews = collection.store.reviews("exam-deck")
    assert [(r.card_id, r.rating, r.mode, r.question_type) for r in reviews] == [
        ("seato", 3, "exam", "typed"),
        ("cento", 1, "exam", "typed"),
        ("mediator", 2, "exam", "typed"),
    ]
    assert [r.duration_ms for r in reviews] == [20_000, 30_000, 10_000]


def test_without_rescheduling_nothing_is_logged(collection: Collection, clock: FakeClock) -> None:
    exam = typed_exam(collection, clock)
    exam.answer("1954")
    exam.end()
    report, _ = close_exam(exam, collection.store, collection.scheduler, reschedule=False)
    assert not exam.timed_out and report.answered == 1
    assert collection.store.reviews() == []
    assert not ExamStore(collection.store.conn).exams()[0].rescheduled


def test_a_skipped_question_comes_back_and_the_exam_ends_when_all_answered(
    collection: Collection, clock: FakeClock
) -> None:
    exam = typed_exam(collection, clock, minutes=10)
    exam.skip()
    assert exam.position == 1
    for answer in ("1955", "Kosygin", "Yeltsin", "April 1965"):
        exam.answer(answer)
    assert exam.position == 0 and not exam.over, "the skipped question comes back"
    exam.answer("1954")
    assert exam.over and not exam.timed_out and exam.complete
    assert exam.report().total.right == 5


def test_no_feedback_until_the_end(collection: Collection, clock: FakeClock) -> None:
    exam = typed_exam(collection, clock)
    exam.answer("wrong")
    with pytest.raises(RuntimeError):
        exam.report()
    assert collection.store.reviews() == [], "nothing is graded or logged before the end"


def test_exam_needs_questions_and_time(collection: Collection, clock: FakeClock) -> None:
    with pytest.raises(ValueError):
        new_exam(collection.decks, clock, count=5, minutes=5, kinds=["number"])
    with pytest.raises(ValueError):
        new_exam(collection.decks, clock, count=5, minutes=0)


def test_exams_listed_as_json_and_exported_as_csv(
    collection: Collection, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exam = typed_exam(collection, clock)
    exam.answer("1954")
    exam.end()
    close_exam(exam, collection.store, collection.scheduler)
    buffer = io.StringIO()
    assert ExamStore(collection.store.conn).write_csv(buffer) == 5
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert (rows[0]["given"], rows[0]["expected"], rows[1]["given"]) == ("1954", "1954", "")
    collection.close()

    data = ["--decks", str(tmp_path / "decks"), "--data-dir", str(tmp_path / "data")]
    assert main(["exams", *data, "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert (listed["questions"], listed["answered"], listed["score"]) == (5, 1, 1.0)
    assert len(listed["answers"]) == 5
    out = tmp_path / "exams.csv"
    assert main(["exams", *data, "--csv", str(out)]) == 0
    assert "5 answer(s) of 1 exam(s)" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(CSV_COLUMNS)
    assert main(["exams", *data]) == 0
    (row,) = capsys.readouterr().out.splitlines()[1:]
    assert "1/5 (20%)" in row and row.endswith("ended early")  # 1 of 5 answered, then ended


def test_cli_rejects_bad_counts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    assert main(["exam", *data, "--count", "0", "--minutes", "2"]) == 2
    assert "--count must be above 0" in capsys.readouterr().err
    assert main(["quiz", *data, "no-such-deck"]) == 2
    assert "no deck named 'no-such-deck'" in capsys.readouterr().err
    assert main(["quiz", *data, "--tag", "no-such-tag"]) == 2
    assert "No question" in capsys.readouterr().err
