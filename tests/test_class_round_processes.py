"""A whole round: the host screen in the test, five students in processes of their own (the
join screen, headless, pressing keys: bench/class_round.py --role student)."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from quizapp.core.classroom.rooms import results_folder, rounds_folder
from quizapp.core.classroom.round_host import RoundHost
from quizapp.core.classroom.round_questions import draw_round
from quizapp.core.clock import system_clock
from quizapp.core.collection import Collection
from quizapp.core.insight.item_analysis import class_report
from quizapp.core.progress.store import Store
from quizapp.tui.app import make_app
from quizapp.tui.screens.class_host import ClassHostScreen
from tests.tui_support import drawn_lines, until

ROOT = Path(__file__).resolve().parent.parent
STUDENTS, QUESTIONS = 5, 3
SLOW = 120.0  # seconds: five Textual processes starting on a busy machine


class Student:
    """A student process, its JSON lines gathered by a thread."""

    def __init__(self, base: Path, code: str, name: str, seed: int) -> None:
        self.name = name
        argv = [sys.executable, str(ROOT / "bench" / "class_round.py"), "--role", "student"]
        argv += ["--base", str(base), "--code", code, "--name", name, "--seed", str(seed)]
        self.errors = base / f"{name}.stderr"
        with self.errors.open("w") as errors:
            self.proc = subprocess.Popen(
                argv, stdout=subprocess.PIPE, stderr=errors, text=True, cwd=ROOT
            )
        self.events: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith("{"):
                self.events.append(json.loads(line))

    def said(self, event: str, number: int | None = None) -> dict[str, Any] | None:
        found = [
            e
            for e in self.events
            if e["event"] == event and (number is None or e.get("number") == number)
        ]
        return found[-1] if found else None


def bar_counts(lines: list[str]) -> dict[str, int]:
    """The count beside each option's bar on the host screen: {'A': 2, ...}."""
    counts = {}
    for line in lines:
        if found := re.match(r"^([A-F])\) .*? (\d+) \(\d+%\)", line):
            counts[found[1]] = int(found[2])
    return counts


async def test_a_round_with_a_host_and_five_student_processes(tmp_path: Path) -> None:
    decks = ROOT / "decks"
    collection = Collection.open([decks], tmp_path / "host", show_bundled=False)
    questions = draw_round(collection.decks, QUESTIONS, 11)
    folder = rounds_folder(tmp_path)
    host = RoundHost.start(folder, questions, system_clock, rng=random.Random(3))
    results = results_folder(folder, host.code)
    app = make_app(collection, start=lambda _a: ClassHostScreen(collection, host, results))
    names = [f"pupil{i}" for i in range(1, STUDENTS + 1)]
    students = [Student(tmp_path, host.code, n, seed) for seed, n in enumerate(names)]
    try:
        async with app.run_test(size=(110, 40)) as pilot:
            status = app.screen.query_one("#round-status")
            await until(lambda: f"{STUDENTS} joined" in str(status.render()), "five students", SLOW)
            lobby = "\n".join(drawn_lines(app.screen.query_one("#round-detail")))
            assert all(name in lobby for name in names)
            finals: dict[tuple[str, int], int] = {}
            for number in range(1, QUESTIONS + 1):
                await pilot.press("n")
                await until(
                    lambda n=number: all(s.said("answered", n) for s in students),
                    f"every answer to question {number}",
                    SLOW,
                )
                for student in students:
                    said = student.said("answered", number)
                    assert said is not None
                    finals[student.name, number] = said["choice"]
                await until(
                    lambda: f"{STUDENTS} of {STUDENTS} answered" in str(status.render()),
                    "the host's count",
                )
                await pilot.press("r")
                await until(lambda: "revealed" in str(status.render()), "the reveal")
                detail = app.screen.query_one("#round-detail")
                await pilot.pause()
                shown = bar_counts(drawn_lines(detail))
                chosen = [finals[name, number] for name in names]
                expected = {
                    "ABCDEF"[i]: chosen.count(i) for i in range(len(host.question(number).options))
                }
                assert shown == expected  # the chart says what the students chose
                assert host.counts(number) == [expected[k] for k in sorted(expected)]
                assert "Right answer:" in "\n".join(drawn_lines(detail))
            await pilot.press("n")  # the end
            await until(lambda: all(s.said("done") for s in students), "the summaries", SLOW)
            stored = host.answers()
            assert len(stored) == STUDENTS * QUESTIONS  # every answer kept once
            assert {(a.student, a.number): a.choice for a in stored} == finals
            await pilot.press("e")
            await until(lambda: results.is_dir() and len(list(results.iterdir())) == 5, "CSVs")
            await until(lambda: type(app.screen).__name__ == "ClassReportScreen", "the report")
    except AssertionError as exc:  # what the students' processes said, to see why
        said = {s.name: (s.events[-3:], s.errors.read_text()[-1500:]) for s in students}
        raise AssertionError(f"{exc}\nstudents: {said}") from exc
    finally:
        for student in students:
            if student.proc.poll() is None and not student.said("done"):
                student.proc.kill()
            student.proc.wait(timeout=60)
        host.close_file()
        collection.close()
    report = class_report(sorted(results.glob("*.csv")))
    assert report.students == STUDENTS
    assert {item.answers for item in report.items} == {STUDENTS}
    for question in questions:
        item = next(i for i in report.items if i.item == " ".join(question.cards))
        right = sum(finals[n, question.number] == question.right for n in names)
        assert item.facility == pytest.approx(right / STUDENTS, abs=0.01)
    for name in names:  # a round leaves every student's schedule alone
        store = Store.open(tmp_path / "students" / name / "progress.sqlite3")
        try:
            assert store.conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0
        finally:
            store.close()
