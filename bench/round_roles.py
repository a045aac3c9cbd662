"""The two sides of a simulated class round, for bench/class_round.py and the acceptance test:
a student (the screen `quizapp class join` runs, headless, pressing keys) and the host (the
host screen, headless, driven by commands on stdin). Each speaks JSON lines on stdout."""

from __future__ import annotations

import asyncio
import json
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DECKS = ROOT / "decks"
SIZE = (80, 24)


def emit(**event: object) -> None:
    print(json.dumps(event), flush=True)


def now_ms() -> float:
    return time.time() * 1000


# The student's side: the join screen, driven by keys.


async def student(base: Path, code: str, name: str, seed: int) -> None:
    from quizapp.core.classroom.rooms import rounds_folder
    from quizapp.core.collection import Collection
    from quizapp.tui.app import make_app
    from quizapp.tui.screens.class_join import ClassJoinScreen

    rng = random.Random(seed)
    collection = Collection.open([DECKS], base / "students" / name, parse_later=True)
    screens: list[ClassJoinScreen] = []

    def start(_app: object) -> ClassJoinScreen:
        screens.append(ClassJoinScreen(rounds_folder(base), code, name))
        return screens[0]

    app = make_app(collection, start=start)
    events: asyncio.Queue[tuple[str, int, int | None]] = asyncio.Queue()
    async with app.run_test(headless=True, size=SIZE) as pilot:
        while not screens:
            await pilot.pause(0.05)
        screen = screens[0]
        shown = screen.show

        def show_and_note(view: Any, summary: Any) -> None:
            shown(view, summary)
            number = view.question.number if view.question is not None else 0
            phase, choice = view.state.phase, view.choice
            # The frame after the update is the one that draws the question.
            screen.call_after_refresh(events.put_nowait, (phase, number, choice))

        screen.show = show_and_note  # type: ignore[method-assign]
        while screen.view is None:  # seated, and the lobby drawn
            await pilot.pause(0.05)
        emit(event="ready", name=name)
        if screen.view.question is not None:  # joined late: the question already open
            events.put_nowait((screen.view.state.phase, screen.view.question.number, None))
        chosen: dict[int, int] = {}
        seen: set[int] = set()
        revealed: set[int] = set()
        while True:
            phase, number, choice = await events.get()
            if phase == "open" and number not in seen:
                seen.add(number)
                emit(event="shown", name=name, number=number, at=now_ms())
                asyncio.get_running_loop().create_task(answer(pilot, screen, number, rng, chosen))
            if phase == "revealed" and number not in revealed:
                revealed.add(number)
                emit(event="revealed", name=name, number=number)
            if phase == "ended":
                break
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        emit(
            event="done",
            name=name,
            chosen={str(k): v for k, v in chosen.items()},
            cpu_seconds=cpu_seconds(),
            peak_mb=peak / (1024 * 1024 if sys.platform == "darwin" else 1024),
        )
        app.exit()
    collection.close()


async def answer(
    pilot: Any, screen: Any, number: int, rng: random.Random, chosen: dict[int, int]
) -> None:
    view = screen.view
    options = len(view.question.options)
    picks = [rng.randrange(options)]
    if rng.random() < 1 / 3:
        picks.append(rng.randrange(options))  # a change of mind
    for pick in picks:
        await asyncio.sleep(rng.uniform(0.2, 1.5))
        if screen.view is None or screen.view.state.number != number:
            return
        chosen[number] = pick
        await pilot.press("abcdef"[pick])
    # Taken once the screen, having read the round file again, shows it.
    while screen.view.state.number == number and screen.view.choice != chosen[number]:
        await asyncio.sleep(0.02)
    emit(event="answered", name=screen.seat.name, number=number, choice=chosen[number])


# The host's side: the host screen, driven by commands on stdin.


async def host(base: Path, questions: int, seed: int) -> None:
    from quizapp.core.classroom.rooms import results_folder, rounds_folder
    from quizapp.core.classroom.round_host import RoundHost
    from quizapp.core.classroom.round_questions import draw_round
    from quizapp.core.clock import system_clock
    from quizapp.core.collection import Collection
    from quizapp.tui.app import make_app
    from quizapp.tui.screens.class_host import ClassHostScreen

    started = time.monotonic()
    collection = Collection.open([DECKS], base / "host", show_bundled=False)
    drawn = draw_round(collection.decks, questions, seed)
    folder = rounds_folder(base)
    round_host = RoundHost.start(folder, drawn, system_clock, rng=random.Random(seed))
    results = results_folder(folder, round_host.code)
    app = make_app(collection, start=lambda _a: ClassHostScreen(collection, round_host, results))
    loop = asyncio.get_running_loop()
    async with app.run_test(headless=True, size=(100, 30)) as pilot:
        emit(event="code", code=round_host.code)
        at_start, round_started = cpu_seconds(), time.monotonic()
        while True:
            line = (await loop.run_in_executor(None, sys.stdin.readline)).strip()
            if line in ("", "quit"):
                break
            if line == "next":
                emit(event="next", at=now_ms())
                await pilot.press("n")
            elif line == "reveal":
                await pilot.press("r")
            elif line == "export":
                await pilot.press("e")
                while not (results.is_dir() and any(results.iterdir())):
                    await pilot.pause(0.05)
            elif line == "counts":
                number = round_host.state().number
                emit(event="counts", number=number, counts=round_host.counts(number))
            emit(event="done", command=line)
        app.exit()
    round_host.close_file()
    collection.close()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    emit(
        event="usage",
        cpu_seconds=cpu_seconds(),
        wall_seconds=time.monotonic() - started,
        round_cpu_seconds=cpu_seconds() - at_start,
        round_wall_seconds=time.monotonic() - round_started,
        peak_mb=peak,
    )


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
