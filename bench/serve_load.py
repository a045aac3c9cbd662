"""Memory and CPU per connected student of `quizapp serve`, measured with simulated students.

    python bench/serve_load.py [--students 10] [--idle 30] [--seconds 120] [--pace 8] [--burst 30]

Starts `quizapp serve` on a free port over decks of flip cards, in a temporary data folder.
Each simulated student is a websocket client speaking the page's protocol (its size, then
keys): it opens the app, creates its profile, opens a study session; all connect at once.
Then, for --idle seconds, they answer nothing; for --seconds, each answers a card every --pace
seconds on average (space, then 3: the answer shown, graded Good; each wait drawn between half
and one and a half times the pace, so that students are not in step), waiting each time for
the app to draw it; then for --burst seconds each answers as fast as the app draws. Memory is
read from Linux's /proc (RSS, and PSS: shared pages divided among the processes sharing them);
CPU is the processes' user + system time. Prints JSON. Linux only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from quizapp.core.progress.store import Store

TICKS = os.sysconf("SC_CLK_TCK")
DECKS, CARDS = 25, 20


def flip_decks(folder: Path) -> Path:
    """DECKS decks of CARDS flip cards ("What is cN?", answered "The answer to cN"): as many
    new cards a day as a session may bring (the default limit is per deck)."""
    folder.mkdir(parents=True, exist_ok=True)
    for d in range(DECKS):
        lines = ["format: 1", f"id: load-{d}", f"title: Load test {d}", "cards:"]
        for n in range(d * CARDS, (d + 1) * CARDS):
            lines += [
                f"  - id: c{n}",
                "    kind: concept",
                "    type: flip",
                f'    question: "What is c{n}?"',
                f'    answer: "The answer to c{n}"',
                f'    source: "c{n} is described here."',
            ]
        (folder / f"load-{d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (each tab's shell and app)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in kB."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    value = {m[1]: int(m[2]) for m in re.finditer(r"^(\w+):\s+(\d+) kB", text, re.M)}
    return value.get("Rss", 0), value.get("Pss", 0)


def is_python(pid: int) -> bool:
    try:
        return "python" in Path(f"/proc/{pid}/comm").read_text() or "quizapp" in Path(
            f"/proc/{pid}/cmdline"
        ).read_text(errors="replace")
    except OSError:
        return False


@dataclass
class Student:
    """One simulated browser tab."""

    name: str
    url: str
    screen: str = ""  # everything the app has sent, as text
    mark: int = 0  # where the last step's wait ended
    first_byte: float = 0.0
    phase: str = ""
    waits: dict[str, list[float]] = field(default_factory=dict)
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    closed: bool = False

    async def read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Read what the app sends, all along (as a page does: it answers the pings too)."""
        async for message in ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.screen += message.data.decode("utf-8", "replace")
                self.changed.set()
        self.closed = True
        self.changed.set()

    async def shows(self, text: str, timeout: float) -> None:
        """Wait until the app has drawn `text` since the last step."""
        give_up = time.monotonic() + timeout
        while True:
            self.changed.clear()
            if self.screen.find(text, self.mark) >= 0:
                break
            if self.closed:
                raise ConnectionError(f"{self.name}: the session closed")
            try:
                await asyncio.wait_for(self.changed.wait(), give_up - time.monotonic())
            except TimeoutError:
                tail = self.screen[-300:]
                raise TimeoutError(f"{self.name}: {text!r} not drawn: {tail!r}") from None
        self.mark = len(self.screen)

    async def key(self, ws: aiohttp.ClientWebSocketResponse, keys: str) -> None:
        await ws.send_str(json.dumps(["stdin", keys]))

    async def answer(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Show the answer, grade it Good: the time until the next card is drawn."""
        started = time.monotonic()
        await self.key(ws, " ")
        await self.shows("The answer to c", 30)
        await self.key(ws, "3")
        await self.shows("Think of the answer", 30)
        self.waits.setdefault(self.phase, []).append(time.monotonic() - started)


# name, seconds, seconds per card (0: as fast as drawn; -1: none, the session left idle)
Phase = tuple[str, float, float]


async def run_students(students: list[Student], phases: list[Phase], server: int) -> None:
    """Each student opens the app and a study session; then the phases, measured."""
    gate = asyncio.Barrier(len(students) + 1)

    async def one(student: Student) -> None:
        async with aiohttp.ClientSession() as http:
            started = time.monotonic()
            async with http.ws_connect(student.url, max_msg_size=0) as ws:
                reading = asyncio.create_task(student.read(ws))
                await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
                await student.shows("who is studying?", 120)
                student.first_byte = time.monotonic() - started
                await student.key(ws, student.name + "\r")
                await student.shows("Press enter again", 60)
                await student.key(ws, "\r")
                await student.shows("Load test", 120)
                await student.key(ws, "\r")
                await student.shows("card 1 of", 60)
                jitter = random.Random(student.name)  # students do not answer in step
                for name, seconds, pace in phases:
                    await gate.wait()
                    student.phase = name
                    end = time.monotonic() + seconds
                    if pace > 0:
                        await asyncio.sleep(jitter.uniform(0, pace))
                    while pace >= 0 and time.monotonic() < end:
                        began = time.monotonic()
                        await student.answer(ws)
                        took = time.monotonic() - began
                        await asyncio.sleep(max(0.0, pace * jitter.uniform(0.5, 1.5) - took))
                    if pace < 0:  # idle: connected, answering nothing
                        await asyncio.sleep(seconds)
                    await gate.wait()
                await ws.close()
                await reading

    async def measure() -> None:
        for _ in phases:
            await gate.wait()
            MEASURED.append(snapshot(server))
            await gate.wait()
            MEASURED.append(snapshot(server))

    await asyncio.gather(*(one(s) for s in students), measure())


MEASURED: list[dict[str, float]] = []


def snapshot(server: int) -> dict[str, float]:
    """CPU seconds so far and memory now: the server, and every tab's processes."""
    apps = descendants(server)
    memory = [memory_kb(p) for p in apps]
    return {
        "time": time.monotonic(),
        "cpu": cpu_seconds(server) + sum(cpu_seconds(p) for p in apps),
        "server_cpu": cpu_seconds(server),
        "processes": len(apps),
        "rss_kb": sum(m[0] for m in memory),
        "pss_kb": sum(m[1] for m in memory),
        "server_rss_kb": memory_kb(server)[0],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--students", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=120, help="the steady phase")
    parser.add_argument("--pace", type=float, default=8, help="seconds per card, steady phase")
    parser.add_argument("--burst", type=float, default=30, help="the as-fast-as-drawn phase")
    parser.add_argument("--idle", type=float, default=30, help="connected, answering nothing")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="quizapp-serve-load-"))
    decks = flip_decks(work / "decks")
    port = free_port()
    command = [sys.executable, "-m", "quizapp", "--data-dir", str(work / "data")]
    server = subprocess.Popen(
        [*command, "--decks", str(decks), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert server.stdout is not None
    address = next(line.strip() for line in server.stdout if "?token=" in line)
    token = address.split("?token=", 1)[1]
    url = f"ws://127.0.0.1:{port}/ws/{token}?width=100&height=30"
    students = [Student(f"student-{n:02}", url) for n in range(1, args.students + 1)]
    phases = [
        ("idle", args.idle, -1.0),
        ("steady", args.seconds, args.pace),
        ("burst", args.burst, 0.0),
    ]
    idle = snapshot(server.pid)
    try:
        asyncio.run(run_students(students, phases, server.pid))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    n = args.students
    steady_end = MEASURED[3]
    results: dict[str, object] = {
        "students": n,
        "cores": os.cpu_count(),
        "server_idle_rss_mb": round(idle["server_rss_kb"] / 1024, 1),
        "first_frame_s": {
            "median": round(statistics.median(s.first_byte for s in students), 2),
            "max": round(max(s.first_byte for s in students), 2),
        },
        # Opening the page, creating the profile, opening a session: each tab's start.
        "start_cpu_s_per_student": round((MEASURED[0]["cpu"] - idle["cpu"]) / n, 2),
        "processes_per_student": steady_end["processes"] / n,
        "rss_mb_per_student": round(steady_end["rss_kb"] / 1024 / n, 1),
        "pss_mb_per_student": round(steady_end["pss_kb"] / 1024 / n, 1),
        "server_rss_mb": round(steady_end["server_rss_kb"] / 1024, 1),
        # This script's own work (the simulated browsers), on the same machine.
        "load_generator_cpu_s": round(sum(resource.getrusage(resource.RUSAGE_SELF)[:2]), 1),
    }
    for index, (name, _, pace) in enumerate(phases):
        before, after = MEASURED[2 * index], MEASURED[2 * index + 1]
        wall = after["time"] - before["time"]
        cpu = after["cpu"] - before["cpu"]
        waits = [w for s in students for w in s.waits.get(name, [])]
        results[name] = {
            "seconds": round(wall, 1),
            "seconds_per_card": pace if pace > 0 else None,
            "cards": len(waits),
            "cores_busy": round(cpu / wall, 3),
            "cores_busy_per_student": round(cpu / wall / n, 4),
            "server_cores_busy": round((after["server_cpu"] - before["server_cpu"]) / wall, 3),
        }
        if len(waits) > 1:
            results[name] |= {  # type: ignore[operator]
                "cpu_ms_per_card": round(1000 * cpu / len(waits), 1),
                "answer_to_next_card_ms": {
                    "median": round(1000 * statistics.median(waits)),
                    "p95": round(1000 * statistics.quantiles(waits, n=20)[-1]),
                },
            }
    stored = 0
    for s in students:
        with Store.reading(work / "data" / "profiles" / s.name / "progress.sqlite3") as store:
            stored += len(store.reviews())
    results["reviews_stored"] = stored
    results["cards_answered"] = sum(len(w) for s in students for w in s.waits.values())
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
