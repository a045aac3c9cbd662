"""quizapp's speed, measured: `python bench/run.py [--json] [--keep DIR]`.

Prints a table of figures and their targets (issue 7), or with --json one JSON object. Start-up
figures time real processes in a pseudo-terminal from fork to the first frame (bench/pty_frames.py
says how); the others time quizapp's core in this process. The data (100 generated decks of
1,000 cards, a progress file with 1,000,000 reviews, an Anki collection) is made in a temporary
folder, or kept in --keep DIR and reused on the next run. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import anki_bench  # noqa: E402
import build_db  # noqa: E402
import gen_decks  # noqa: E402
import screens  # noqa: E402
from pty_frames import first_frame, start  # noqa: E402

from quizapp.core.collection import Collection  # noqa: E402
from quizapp.core.decks.loader import MAX_DECK_BYTES, load_deck  # noqa: E402
from quizapp.core.sessions.study import StudySession  # noqa: E402

PYTHON = sys.executable
HOME_MARKER = b"All decks"
# key: (target, "max" or "min", unit)
TARGETS: dict[str, tuple[float, str]] = {
    "first_frame_ratio": (1.25, "max"),
    "first_frame_ms_100k_cached": (1000, "max"),
    "peak_rss_mb_100k": (250, "max"),
    "parse_ms_10k_cold": (1000, "max"),
    "answer_core_ms": (2, "max"),
    "key_to_frame_ms_median": (16, "max"),
    "key_to_frame_ms_p95": (33, "max"),
    "due_counts_ms_100k": (5, "max"),
    "db_mb_per_1m_reviews": (60, "max"),
    "bad_deck_max_ms": (2000, "max"),
    # Issue 15: every screen fast at 100,000 cards and 1,000,000 reviews.
    "stats_ms_100k": (1000, "max"),
    "plan_ms_100k": (3000, "max"),
    "cram_ms_100k": (500, "max"),
    "browse_ms_100k": (300, "max"),
    "study_all_ms_100k": (500, "max"),
    "peak_rss_mb_100k_study_all": (150, "max"),
    "key_presses_timed": (300, "min"),
    "first_frame_ratio_100k": (2.0, "max"),
    "stats_cli_s_100k": (3, "max"),
    "plan_cli_s_100k": (5, "max"),
    "migrate_s_1m_reviews": (60, "max"),
}


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def quizapp(data: Path, *decks: Path) -> list[str]:
    argv = [PYTHON, "-m", "quizapp", "--data-dir", str(data)]
    for deck in decks:
        argv += ["--decks", str(deck)]
    return argv


# Start-up ----------------------------------------------------------------------------------


def warm(data: Path, *decks: Path) -> None:
    """Read every deck once (`quizapp list` reads them all, and counts): the runs timed after
    it find every deck in the cache and the store's checks done, as on any later start."""
    subprocess.run([*quizapp(data, *decks), "list"], check=True, capture_output=True)


def start_up(work: Path, repeats: int) -> dict[str, Any]:
    """First frames: bundled decks against a bare Textual app, 10k cards, 100k cards."""
    bundled = work / "data-bundled"
    warm(bundled)
    hello, app = [], []
    for _ in range(repeats):  # interleaved, so both see the same machine
        hello.append(first_frame([PYTHON, str(HERE / "hello_app.py")], b"Hello, world!")[0])
        app.append(first_frame(quizapp(bundled), HOME_MARKER)[0])
    figures: dict[str, Any] = {
        "hello_first_frame_ms": round(median(hello), 1),
        "first_frame_ms_bundled": round(median(app), 1),
        "first_frame_ratio": round(median(app) / median(hello), 2),
    }
    data10k, deck10k = work / "data-10k", work / "deck-10k"
    warm(data10k, deck10k)
    runs = [first_frame(quizapp(data10k, deck10k), HOME_MARKER)[0] for _ in range(repeats)]
    figures["first_frame_ms_10k_cached"] = round(median(runs), 1)
    data100k, decks100k = work / "data-100k", work / "decks-100k"
    warm(data100k, decks100k)
    timed = [first_frame(quizapp(data100k, decks100k), HOME_MARKER) for _ in range(repeats)]
    figures["first_frame_ms_100k_cached"] = round(median([ms for ms, _ in timed]), 1)
    figures["peak_rss_mb_100k"] = round(max(mb for _, mb in timed), 1)
    # The same machine, the same run: the 100,000-card first frame over the bare app's.
    figures["first_frame_ratio_100k"] = round(median([ms for ms, _ in timed]) / median(hello), 2)
    return figures


def key_to_frame(work: Path, cards: int) -> dict[str, Any]:
    """Space (show the answer) and 3 (Good, next card) in a study session, timed to the frame
    that shows their result, with the 1,000,000-review progress file."""
    flip, data = work / "deck-flip", fresh_copy(work, "data-keys")
    options = quizapp(data, flip)[3:]  # --data-dir and --decks
    # Enough new cards today for the presses: the flip deck's 200.
    config = [PYTHON, "-m", "quizapp", "config", "new-per-day", "200", *options]
    subprocess.run(config, check=True, capture_output=True)
    terminal = start([PYTHON, "-m", "quizapp", "study", "bench-flip", *options])
    times: list[float] = []
    try:
        terminal.wait_for(b"card 1 of", timeout=60)
        for number in range(2, cards + 2):
            times.append(terminal.press(b" ", b"How well did you know it") * 1000)
            times.append(terminal.press(b"3", f"card {number} of".encode()) * 1000)
    finally:
        terminal.close()
    return {
        "key_to_frame_ms_median": round(median(times), 1),
        "key_to_frame_ms_p95": round(p95(times), 1),
        "key_presses_timed": len(times),
    }


def fresh_copy(work: Path, name: str) -> Path:
    """A data folder holding a copy of the 1,000,000-review progress file, for work that
    answers cards: the original stays as built, and the day's new cards are still new."""
    data = work / name
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir()
    shutil.copy(work / "data-100k" / "progress.sqlite3", data / "progress.sqlite3")
    return data


# Core, in this process ---------------------------------------------------------------------


def core(work: Path, repeats: int) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    deck10k = work / "deck-10k" / "bench-000.yaml"
    parses = []
    for _ in range(3):
        started = time.perf_counter()
        result = load_deck(deck10k)
        parses.append((time.perf_counter() - started) * 1000)
        assert result.ok and len(result.deck.cards) == 10_000  # type: ignore[union-attr]
        del result
        gc.collect()
    figures["parse_ms_10k_cold"] = round(median(parses), 1)

    progress = work / "data-100k" / "progress.sqlite3"
    collection = Collection.open([work / "decks-100k"], work / "data-100k")
    try:
        reviews = collection.store.review_count()
        figures["reviews_in_log"] = reviews
        now = collection.clock()
        collection.all_counts(collection.decks, now)  # first: the id checks
        counting = []
        for _ in range(repeats * 4):
            started = time.perf_counter()
            counts = collection.all_counts(collection.decks, now)
            counting.append((time.perf_counter() - started) * 1000)
        figures["due_counts_ms_100k"] = round(median(counting), 2)
        figures["due_now_100k"] = sum(c.due for c in counts)
    finally:
        collection.close()
    answering = Collection.open([work / "decks-100k"], fresh_copy(work, "data-answer"))
    try:
        figures["answer_core_ms"] = answer_core(answering)
    finally:
        answering.close()
    conn = sqlite3.connect(progress)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    cards_only = sum(
        size for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")
        if name.startswith(("cards", "sqlite_autoindex_cards"))
    )  # fmt: skip
    conn.close()
    total = progress.stat().st_size
    figures["db_mb_total_100k_cards"] = round(total / 1e6, 1)
    # The cost of the log itself: the file less its 100,000 card rows, per million reviews.
    figures["db_mb_per_1m_reviews"] = round((total - cards_only) / 1e6 * 1e6 / reviews, 1)
    return figures


def answer_core(collection: Collection) -> float:
    """Grade a typed answer, schedule the card, commit the review: the work behind a key."""
    deck = collection.decks[0]
    session = StudySession([deck], collection.store, collection.scheduler, collection.clock, 300)
    times = []
    for _ in range(200):
        item = session.current
        if item is None:
            break
        started = time.perf_counter()
        question = session.question()
        assert question is not None
        verdict = question.grade("1954")
        session.answer(verdict.proposed_rating, question_type=str(question.format))
        times.append((time.perf_counter() - started) * 1000)
    return round(median(times), 3)


def read_in_child(path: Path) -> tuple[float, float]:
    """Milliseconds to load a deck file, and the peak memory in MB, in a fresh process."""
    probe = (
        "import sys, time; from pathlib import Path; "
        "from quizapp.core.decks.loader import load_deck; t = time.perf_counter(); "
        "load_deck(Path(sys.argv[1])); ms = (time.perf_counter() - t) * 1000; "
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]; "
        "print(ms, int(hwm.split()[1]) / 1024)"
    )
    out = subprocess.run([PYTHON, "-c", probe, str(path)], capture_output=True, text=True)
    ms, mb = out.stdout.split()
    return float(ms), float(mb)


def bad_decks(work: Path) -> dict[str, Any]:
    """The slowest and largest of the broken decks, each read on its own; and the largest
    deck allowed (just under the cap), which bounds what any file can cost."""
    corpus = HERE.parent / "tests" / "data" / "bad_decks"
    extra = work / "bad-extra"
    shutil.rmtree(extra, ignore_errors=True)
    extra.mkdir()
    with (extra / "huge.yaml").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (extra / "deep.yaml").write_text("".join(" " * d + "- \n" for d in range(1500)))
    largest = work / "largest" / "largest.yaml"
    largest.parent.mkdir(exist_ok=True)
    text = gen_decks.deck_yaml(0, 16_000)
    largest.write_text(text[: text.rfind("\n  - id:", 0, MAX_DECK_BYTES - 1)] + "\n")
    runs = [read_in_child(path) for path in sorted(corpus.glob("*.yaml")) + sorted(extra.iterdir())]
    big_ms, big_mb = read_in_child(largest)
    return {
        "bad_deck_files": len(runs),
        "bad_deck_max_ms": round(max(ms for ms, _ in runs), 1),
        "bad_deck_peak_mb": round(max(mb for _, mb in runs), 1),
        "largest_deck_mb": round(largest.stat().st_size / 2**20, 1),
        "largest_deck_ms": round(big_ms, 1),
        "largest_deck_peak_mb": round(big_mb, 1),
    }


# Data --------------------------------------------------------------------------------------


def prepare(work: Path, log: Callable[[str], None]) -> None:
    if not (work / "decks-100k").is_dir():
        log("generating 100 decks of 1,000 cards")
        gen_decks.generate(work / "decks-100k", 100, 1000)
    if not (work / "deck-10k").is_dir():
        gen_decks.generate(work / "deck-10k", 1, 10_000, seed=1)
    if not (work / "deck-flip").is_dir():
        (work / "deck-flip").mkdir()
        text = gen_decks.deck_yaml(0, 1000, seed=2).replace("bench-deck-000", "bench-flip")
        cards = text.split("\n  - id: ")
        flips = [c for c in cards[1:] if "type: flip" in c][:200]
        (work / "deck-flip" / "flip.yaml").write_text(cards[0] + "".join(
            "\n  - id: " + c for c in flips))  # fmt: skip
    progress = work / "data-100k" / "progress.sqlite3"
    before = work / "progress-before-upgrade.sqlite3"
    if not before.exists():
        log("writing 1,000,000 reviews (about a minute)")
        before.unlink(missing_ok=True)
        build_db.build(before)
    if not progress.exists():
        progress.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(before, progress)
        build_db.upgrade(progress)
    if anki_bench.available() and not (work / "anki" / "bench.anki2").exists():
        log("building the Anki collection")
        (work / "anki").mkdir(exist_ok=True)
        anki_bench.build(work / "anki" / "bench.anki2")


def migration(work: Path) -> dict[str, Any]:
    """A progress file of 1,000,000 reviews written before the reviews kept their facts,
    upgraded by quizapp's migration (the log replayed, in one transaction)."""
    copy = work / "upgrade" / "progress.sqlite3"
    shutil.rmtree(copy.parent, ignore_errors=True)
    copy.parent.mkdir()
    shutil.copy(work / "progress-before-upgrade.sqlite3", copy)
    seconds = build_db.upgrade(copy)
    shutil.rmtree(copy.parent, ignore_errors=True)
    return {"migrate_s_1m_reviews": round(seconds, 1)}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def table(figures: dict[str, Any]) -> str:
    lines = [f"{'figure':34} {'value':>12}  target"]
    for key, value in figures.items():
        if key in ("date", "machine", "python") or key.startswith("load_average"):
            continue
        target = ""
        if key in TARGETS:
            limit, kind = TARGETS[key]
            holds = value <= limit if kind == "max" else value >= limit
            sign = "<=" if kind == "max" else ">="
            target = f"{sign} {limit:g}  {'ok' if holds else 'MISSED'}"
        lines.append(f"{key:34} {value!s:>12}  {target}")
    return "\n".join(lines)


def compile_bytecode() -> None:
    """Byte-compile quizapp, as installing it does.

    Run from a checkout where bytecode is not written (PYTHONDONTWRITEBYTECODE, as on CI
    machines), every start would compile each module again, which no installed copy does.
    """
    import compileall

    import quizapp

    compileall.compile_dir(Path(quizapp.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--keep", type=Path, help="make the data here, and reuse it")
    parser.add_argument("--repeats", type=int, default=25, help="runs of each start-up figure")
    parser.add_argument("--no-anki", action="store_true", help="skip Anki even if installed")
    args = parser.parse_args()

    def log(message: str) -> None:
        print(f"bench: {message}", file=sys.stderr, flush=True)

    scratch = None if args.keep else tempfile.mkdtemp(prefix="quizapp-bench-")
    work = args.keep or Path(scratch or ".")
    work.mkdir(parents=True, exist_ok=True)
    try:
        compile_bytecode()
        prepare(work, log)
        figures: dict[str, Any] = {
            "date": datetime.now(UTC).strftime("%Y-%m-%d"),
            "machine": machine(),
            "python": platform.python_version(),
            # Other work on the machine slows every figure: its load as the run starts.
            "load_average_1min": round(os.getloadavg()[0], 2),
        }
        log("start-up in a pseudo-terminal")
        figures.update(start_up(work, args.repeats))
        log("keys in a study session")
        figures.update(key_to_frame(work, 150))  # 300 presses: space and 3 on 150 cards
        log("statistics, plan, cram, browse and study all at 100,000 cards")
        decks100k = work / "decks-100k"
        figures.update(screens.screens(work, lambda data: quizapp(data, decks100k), 3))
        figures.update(screens.command_line(work, lambda data: quizapp(data, decks100k), 3))
        log("upgrading 1,000,000 reviews")
        figures.update(migration(work))
        log("parsing, counting, answering")
        figures.update(core(work, args.repeats))
        log("broken decks")
        figures.update(bad_decks(work))
        if anki_bench.available() and not args.no_anki:
            log("Anki")
            try:
                figures.update(anki_bench.measure(work / "anki" / "bench.anki2"))
            except Exception as exc:  # noqa: BLE001 - Anki's figures are optional
                figures["anki_error"] = repr(exc)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    figures["load_average_1min_end"] = round(os.getloadavg()[0], 2)
    print(json.dumps(figures, indent=2) if args.json else table(figures))


if __name__ == "__main__":
    main()
