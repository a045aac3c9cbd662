"""A class round with simulated students: how long from the teacher's "next" to the question on
the last student's screen, whether any answer is lost, and what the host costs.

    python bench/class_round.py [--students 30] [--questions 10] [--seed 1] [--json]

Starts the host (`quizapp class host`'s screen, headless, in a process of its own) over the
bundled decks, in a temporary data folder, and --students student processes, each running the
screen `quizapp class join` runs (headless, 80x24) and pressing keys as a student would. Once
they have all joined and their processes are idle (a class joins during the lobby), for each
question the bench presses n on the host, notes the time, and waits until every student's screen
has drawn the question (the frame after the screen took it in); each student then picks an
option after 0.2-1.5 s, a third of them change their mind once; when every screen shows its
answer taken, the bench presses r, waits until every screen shows the answer and then 1 s more
(the teacher talking), and goes on. After the last question it compares every student's last
choice with the round file (an answer missing or different is lost), and reads the host's CPU
time (user + system) and peak memory (max RSS). Linux or macOS.

The same processes serve the acceptance test (tests/test_class_round_processes.py): `--role
student` and `--role host` are the two sides (bench/round_roles.py), talking JSON lines on
stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import round_roles  # beside this file

ROOT = Path(__file__).resolve().parent.parent
TALK_SECONDS = 1.0  # from every screen showing the answer to the teacher's next "n"


# The bench: a host, the students, and the figures.


STARTED: list[subprocess.Popen[str]] = []  # ended by main() if the bench fails midway


class Process:
    """A child speaking JSON lines; a thread gathers them in a queue."""

    def __init__(self, argv: list[str], errors: Path) -> None:
        self.errors = errors  # the child's stderr, to show if it fails
        errors.parent.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors.open("w"),
            text=True,
            cwd=ROOT,
        )
        STARTED.append(self.proc)
        self.lines: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith("{"):
                self.lines.put(json.loads(line))

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def expect(self, event: str, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            if line.get("event") == event:
                return line


def role_argv(role: str, base: Path, *more: str) -> list[str]:
    return [
        sys.executable,
        str(Path(__file__).resolve()),
        "--role",
        role,
        "--base",
        str(base),
        *more,
    ]


def gather(
    students: list[Process], event: str, number: int | None, timeout: float
) -> list[dict[str, Any]]:
    """One `event` line of each student (for question `number`, if given)."""
    found: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    for student in students:
        while True:
            try:
                line = student.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                said = student.errors.read_text(encoding="utf-8")[-2000:]
                raise SystemExit(f"no {event} from {student.errors.stem}:\n{said}") from None
            if line.get("event") == event and (number is None or line.get("number") == number):
                found.append(line)
                break
    return found


def settle(pids: list[int], quiet: float = 0.1, longest: float = 120) -> None:
    """Wait until the processes use less than `quiet` of a core together, over a second: each
    student's app has finished starting (its home reads the decks behind the round's screen).
    Without Linux's /proc, wait 10 s."""
    if not Path("/proc/self/stat").exists():
        time.sleep(10)
        return
    ticks = os.sysconf("SC_CLK_TCK")

    def used() -> float:
        total = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime + stime
        return total / ticks

    give_up = time.monotonic() + longest
    before = used()
    while time.monotonic() < give_up:
        time.sleep(1)
        now = used()
        if now - before < quiet:
            return
        before = now


def run_round(base: Path, students: int, questions: int, seed: int) -> dict[str, Any]:
    from quizapp.core.classroom.rooms import round_path, rounds_folder
    from quizapp.core.progress.round_file import RoundFile

    load_before = os.getloadavg()[0]
    logs = base / "logs"
    hosting = Process(
        role_argv("host", base, "--questions", str(questions), "--seed", str(seed)),
        logs / "host.txt",
    )
    code = hosting.expect("code", timeout=120)["code"]
    names = [f"student-{i:02d}" for i in range(1, students + 1)]
    joined = [
        Process(
            role_argv("student", base, "--code", code, "--name", n, "--seed", str(seed + i)),
            logs / f"{n}.txt",
        )
        for i, n in enumerate(names)
    ]
    gather(joined, "ready", None, timeout=300)
    settle([p.proc.pid for p in joined])  # the lobby: a class joins over a minute or so
    to_last: list[float] = []
    presses: list[float] = []
    every: list[float] = []
    for number in range(1, questions + 1):
        hosting.send("next")
        pressed = hosting.expect("next")["at"]
        hosting.expect("done")
        presses.append(pressed)
        shown = gather(joined, "shown", number, timeout=60)
        delays = [(line["at"] - pressed) / 1000 for line in shown]
        to_last.append(max(delays))
        every.extend(delays)
        gather(joined, "answered", number, timeout=60)  # every last choice taken
        hosting.send("reveal")
        hosting.expect("done")
        # The class reads the answer: every screen shows it, and the teacher talks a moment.
        gather(joined, "revealed", number, timeout=60)
        time.sleep(TALK_SECONDS)
    hosting.send("next")  # the end
    hosting.expect("done")
    finals = gather(joined, "done", None, timeout=60)
    hosting.send("export")
    hosting.expect("done", timeout=60)
    hosting.send("quit")
    usage = hosting.expect("usage", timeout=60)
    for process in [hosting, *joined]:
        process.proc.wait(timeout=60)
    file = RoundFile.open(round_path(rounds_folder(base), code))
    opened = file.opened()
    stored = {(a.student, a.number): a.choice for a in file.answers()}
    rows = len(file.answers())
    file.close()
    expected = {(f["name"], int(n)): c for f in finals for n, c in f["chosen"].items()}
    cpu = [f["cpu_seconds"] for f in finals]
    host_part = [(opened[n] - presses[n - 1]) / 1000 for n in range(1, questions + 1)]
    lost = sum(stored.get(key) != choice for key, choice in expected.items())
    return {
        "students": students,
        "questions": questions,
        "next_to_last_screen_s": {
            "median": round(statistics.median(to_last), 3),
            "max": round(max(to_last), 3),
        },
        "next_to_each_screen_s": {
            "median": round(statistics.median(every), 3),
            "max": round(max(every), 3),
        },
        "next_to_round_file_s": {  # the host's part: the key, then the write
            "median": round(statistics.median(host_part), 3),
            "max": round(max(host_part), 3),
        },
        "next_to_last_screen_each_question_s": [round(t, 3) for t in to_last],
        "answers_expected": len(expected),
        "answer_rows": rows,
        "answers_lost": lost,
        "host": {
            "cpu_seconds": round(usage["cpu_seconds"], 2),
            "round_cpu_seconds": round(usage["round_cpu_seconds"], 2),
            "round_wall_seconds": round(usage["round_wall_seconds"], 1),
            "cpu_share_of_one_core_in_round": round(
                usage["round_cpu_seconds"] / usage["round_wall_seconds"], 3
            ),
            "peak_rss_mb": round(usage["peak_mb"], 1),
        },
        "students_processes": {  # start-up included: each is a whole app
            "cpu_seconds_each_median": round(
                statistics.median(f["cpu_seconds"] for f in finals), 2
            ),
            "peak_rss_mb_each_median": round(statistics.median(f["peak_mb"] for f in finals), 1),
            "cpu_share_of_one_core_all": round(sum(cpu) / usage["round_wall_seconds"], 3),
        },
        "machine": {
            "cpus": os.cpu_count(),
            "platform": sys.platform,
            # Other work on the machine: the 1-minute load average at the start and the end.
            "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--role", choices=("host", "student"), help=argparse.SUPPRESS)
    parser.add_argument("--base", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--code", help=argparse.SUPPRESS)
    parser.add_argument("--name", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == "host":
        asyncio.run(round_roles.host(args.base, args.questions, args.seed))
        return 0
    if args.role == "student":
        asyncio.run(round_roles.student(args.base, args.code, args.name, args.seed))
        return 0
    with tempfile.TemporaryDirectory(prefix="class-round-") as base:
        try:
            figures = run_round(Path(base), args.students, args.questions, args.seed)
        finally:
            for child in STARTED:  # none left behind by a failed run
                if child.poll() is None:
                    child.kill()
                    child.wait()
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        last = figures["next_to_last_screen_s"]
        print(
            f"{args.students} students, {args.questions} questions: next to the last screen "
            f"median {last['median']} s, max {last['max']} s; answers lost "
            f"{figures['answers_lost']} of {figures['answers_expected']}; host CPU "
            f"{figures['host']['cpu_share_of_one_core_in_round']:.0%} of a core, peak "
            f"{figures['host']['peak_rss_mb']} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
