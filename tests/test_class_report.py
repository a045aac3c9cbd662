"""Item analysis of a class's exams (`quizapp class report`), against an independent computation."""

from __future__ import annotations

import csv
import json
import statistics
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.insight.item_analysis import class_report
from quizapp.core.progress.exams import CSV_COLUMNS
from quizapp.core.questions.question import Format, Question
from quizapp.core.sessions.exam import close_exam, new_exam

KOSYGIN = ["Alexei Kosygin", "Leonid Brezhnev", "Nikita Khrushchev", "Andrei Gromyko"]
# Per student: (score, given) for items A (choice), B (typed), C (true/false), D (typed).
# D is answered right by the weakest students only: a negatively discriminating item.
CLASS = {
    "ayesha": [(1, "Alexei Kosygin"), (1, "1954"), (1, "false"), (0, "1956")],
    "bilal": [(1, "d"), (1, "1954"), (0, "true"), (0, "1957")],
    "chen": [(1, "Alexei Kosygin"), (0, "1955"), (1, "false"), (0, "")],
    "dana": [(0, "Leonid Brezhnev"), (1, "1954"), (0, "true"), (1, "1955")],
    "emre": [(0, "b"), (0, "1953"), (0, "true"), (1, "1955")],
    "farah": [(0, "Nikita Khrushchev"), (0.5, "195"), (0, "true"), (1, "1955")],
}
ITEMS = ["deck/kosygin", "deck/seato", "deck/cento-first", "deck/cento"]


def write_student(folder: Path, name: str, answers: list[tuple[float, str]], shift: int) -> Path:
    """One student's exam CSV as `quizapp exams --csv` writes it (options in their own order)."""
    path = folder / f"{name}.csv"
    options = KOSYGIN[shift:] + KOSYGIN[:shift]  # each student saw the options shuffled
    rows = []
    for number, (item, (score, given)) in enumerate(zip(ITEMS, answers, strict=True), start=1):
        fmt = {0: "choice", 2: "truefalse"}.get(number - 1, "typed")
        rows.append(
            {
                "exam_id": "1",
                "exam_started": "2027-01-05T09:00:00+00:00",
                "number": number,
                "format": fmt,
                "prompt": f"question {number}",
                "options": "\n".join(options) if fmt == "choice" else "",
                "expected": {0: "Alexei Kosygin", 2: "False: the answer is 1954"}.get(
                    number - 1, "1954"
                ),
                "given": given,
                "outcome": "correct" if score == 1 else "wrong",
                "score": score,
                "reason": "",
                "seconds": 10,
                "cards": item,
                "kinds": "actor" if number == 1 else "date",
                "tags": "1960s" if number == 1 else "1950s",
                "sources": "",
            }
        )
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def class_files(tmp_path: Path) -> list[Path]:
    return [
        write_student(tmp_path, name, answers, shift)
        for shift, (name, answers) in enumerate(CLASS.items())
    ]


def independent(scores: dict[str, list[float]]) -> tuple[list[float], list[float]]:
    """Facility and discrimination with plain formulas (Moodle's definitions)."""
    rows = list(scores.values())
    facility, discrimination = [], []
    for i in range(len(ITEMS)):
        item = [row[i] for row in rows]
        rest = [sum(row) - row[i] for row in rows]
        facility.append(statistics.mean(item))
        discrimination.append(statistics.correlation(item, rest))
    return facility, discrimination


def test_report_agrees_with_an_independent_computation(
    class_files: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["class", "report", *map(str, class_files), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["students"] == 6
    by_card = {item["card"]: item for item in data["items"]}
    facility, discrimination = independent({n: [s for s, _ in a] for n, a in CLASS.items()})
    for i, card in enumerate(ITEMS):
        assert by_card[card]["answers"] == 6
        assert by_card[card]["facility"] == pytest.approx(facility[i], abs=0.01)
        assert by_card[card]["discrimination"] == pytest.approx(discrimination[i], abs=0.01)
    # Option shares, letters read against each student's own option order.
    picks = {"Alexei Kosygin": 3, "Leonid Brezhnev": 2, "Nikita Khrushchev": 1}
    choices = by_card["deck/kosygin"]["choices"]
    for option in KOSYGIN:
        assert choices[option] == pytest.approx(picks.get(option, 0) / 6, abs=0.01)
    assert by_card["deck/cento-first"]["choices"] == {
        "true": pytest.approx(4 / 6, abs=0.01),
        "false": pytest.approx(2 / 6, abs=0.01),
    }


def test_flags_say_why_and_come_first(class_files: list[Path]) -> None:
    report = class_report(class_files)
    cento = next(i for i in report.items if i.item == "deck/cento")
    assert cento.discrimination is not None and cento.discrimination < -0.8
    assert any(f.startswith("negative discrimination") and "answer key" in f for f in cento.flags)
    # Negatively discriminating items first, then the other flagged ones, then the rest.
    order = [(i.discrimination or 0) < 0 for i in report.items]
    assert order == sorted(order, reverse=True) and order[0]
    flagged = [bool(i.flags) for i in report.items]
    assert flagged == sorted(flagged, reverse=True)
    kosygin = next(i for i in report.items if i.item == "deck/kosygin")
    assert "no one chose 'Andrei Gromyko'" in " ".join(kosygin.flags)
    true_false = next(i for i in report.items if i.item == "deck/cento-first")
    assert any(
        "'true' was chosen more (67%) than the right answer (33%)" in f for f in true_false.flags
    )
    assert list(report.by_tag) == ["1950s", "1960s"]  # weakest first
    assert report.by_kind["actor"].mean == pytest.approx(0.5)
    assert "figures are rough" in report.notices[0]


def test_markdown_and_csv_outputs(
    class_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    md, table = tmp_path / "out" / "report.md", tmp_path / "out" / "items.csv"
    files = list(map(str, class_files))
    assert main(["class", "report", *files, "--markdown", str(md), "--csv", str(table)]) == 0
    out = capsys.readouterr().out
    assert "6 student(s), first attempts only." in out and "! negative discrimination" in out
    assert "| deck/cento | 6 |" in md.read_text(encoding="utf-8")
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert "negative" in rows[0]["flags"]
    # An existing output is never replaced without --force.
    assert main(["class", "report", *files, "--csv", str(table)]) == 2
    assert "add --force" in capsys.readouterr().err
    assert main(["class", "report", *files, "--csv", str(table), "--force"]) == 0


def test_student_column_and_first_attempt(tmp_path: Path) -> None:
    path = write_student(tmp_path, "file-name", CLASS["ayesha"], 0)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    later = {"exam_id": "2", "exam_started": "2027-02-01T09:00:00+00:00", "score": "0"}
    retake = [{**row, **later} for row in rows]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=[*CSV_COLUMNS, "student"])
        writer.writeheader()
        writer.writerows({**row, "student": "Ayesha K."} for row in retake + rows)
    [paper] = class_report([path]).papers
    assert paper.student == "Ayesha K." and paper.exam == "1" and paper.later_attempts == 1
    assert paper.total == 3


def test_bad_files_are_reported_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "notes.csv"
    other.write_text("question,answer\nA,B\n", encoding="utf-8")
    assert main(["class", "report", str(other)]) == 1
    assert "not an exam results file (no column exam_id" in capsys.readouterr().err
    assert main(["class", "report", str(tmp_path / "missing.csv")]) == 2


DECK = """\
format: 1
id: mini
title: Mini
cards:
  - {id: seato, kind: date, type: typed, question: Year Pakistan joined SEATO?, answer: "1954",
     date: "1954", source: SEATO in 1954.}
  - {id: cento, kind: date, type: typed, question: Year Pakistan joined CENTO?, answer: "1955",
     date: "1955", source: CENTO in 1955.}
  - {id: tashkent, kind: date, type: typed, question: Year of the Tashkent Declaration?,
     answer: "1966", date: "1966", source: Tashkent in 1966.}
"""


def test_from_exams_sat_to_the_class_report(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """Five students sit the same paper; each exports it; the report reads their files."""
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "mini.yaml").write_text(DECK, encoding="utf-8")
    knows = {"s1": 3, "s2": 2, "s3": 2, "s4": 1, "s5": 0}
    files = []
    for name, known in knows.items():
        data = tmp_path / name
        collection = Collection.open([decks], data, clock)
        exam = new_exam(collection.decks, clock, count=3, minutes=5, seed=3)
        for question in exam.questions:  # a typed, a choice and a true/false question
            exam.answer(_answer(question, right=known > 0))
            known -= 1
        close_exam(exam, collection.store, collection.scheduler, reschedule=False)
        collection.close()
        out = tmp_path / f"{name}.csv"
        common = ["--decks", str(decks), "--data-dir", str(data)]
        assert main(["exams", *common, "--csv", str(out), "--exam", "1", "--student", name]) == 0
        files.append(str(out))
    capsys.readouterr()
    assert main(["class", "report", *files, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["students"] == 5 and len(data["items"]) == 3
    rows = [list(csv.DictReader(open(f, encoding="utf-8"))) for f in files]
    assert {row["student"] for student in rows for row in student} == set(knows)
    scores = {r[0]["student"]: {row["cards"]: float(row["score"]) for row in r} for r in rows}
    for item in data["items"]:
        column = [scores[s][item["card"]] for s in knows]
        rest = [sum(scores[s].values()) - scores[s][item["card"]] for s in knows]
        assert item["facility"] == pytest.approx(statistics.mean(column), abs=0.01)
        assert item["discrimination"] == pytest.approx(
            statistics.correlation(column, rest), abs=0.01
        )


def _answer(question: Question, right: bool) -> str:
    if question.format is Format.TRUE_FALSE:
        return str(question.truth == right).lower()
    if question.format is Format.CHOICE:
        return (
            question.answer if right else next(o for o in question.options if o != question.answer)
        )
    return question.answer if right else "no idea"


def test_exams_csv_options_need_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exams", "--data-dir", str(tmp_path), "--exam", "1"]) == 2
    assert "--exam and --student go with --csv FILE" in capsys.readouterr().err
    out = tmp_path / "x.csv"
    assert main(["exams", "--data-dir", str(tmp_path), "--csv", str(out), "--exam", "4"]) == 2
    assert "no exam with id 4" in capsys.readouterr().err


def test_exams_csv_makes_its_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results" / "class-a" / "ayesha.csv"
    assert main(["exams", "--data-dir", str(tmp_path / "data"), "--csv", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("exam_id,")
