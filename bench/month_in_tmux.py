"""A month of exam revision lived again in the real app, as a new user would (issue 11).

quizapp runs under libfaketime in a tmux pane (100x30) on the bundled decks and a fresh data
folder, one launch per study day: `faketime 'DAY 09:00:00' quizapp --data-dir DIR`. On the
first day the exam date is set through the plan screen (`p`, the date typed, enter). Each day
the script reads home's exam line ("Exam mode · 3 Feb · today 0 of 102 answers, 0 of 19 new")
and its counts, presses `a` (study all decks) and answers until the session's summary: a typed
card gets its right answer typed (or one of its wrong options), a choice or true/false card
the right letter (or another), a flip, cloze or chronology card is revealed and self-graded
Good (or Again); the answer is right with probability --right. Cards are told apart by their
question on screen, matched against the bundled decks' own questions. The screen is read with
`tmux capture-pane` after every key, waiting (10 s at most) for what the key should bring.
Then home is read again (what is left due) and the app quits with ctrl+q.

Per day it records the load at the start (answers, new, final pass), the due counts at the
start and at the end, the answers given and new cards seen on screen, the answers and first
answers in the app's own review log (the SQLite progress file) as a cross-check, the summary's
first line and any notice shown (leech, set aside, ...). It prints a table and writes JSON.

    python bench/month_in_tmux.py [--days 2027-01-04,2027-01-05,...] [--exam 2027-02-03]
        [--right 0.82] [--seed 1] [--data-dir DIR] [--out month.json] [--keep]
        [--quizapp PATH]

Needs tmux and faketime on PATH. About half a minute to two minutes a study day.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shlex
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.model import Card, QuestionType
from quizapp.core.paths import PROGRESS_FILE, bundled_decks_dir
from quizapp.core.questions.prompts import study_question
from quizapp.core.questions.selection import Entry

DAYS = "2027-01-04,2027-01-05,2027-01-06,2027-01-08,2027-01-11,2027-01-18,2027-02-02"
EXAM = "2027-02-03"
WIDTH, HEIGHT = 100, 30
WAIT = 10.0  # seconds a key may take to change the screen before the run fails
ROLLOVER_HOUR = 4  # the app's study day starts at 04:00 (UTC here)
MAX_ANSWERS = 1500  # a day's answers past this mean the session never ends
BOX = str.maketrans("", "", "│╭╮╰╯─▊▎▔▏▐▌▁▂▃▄▅▆▇█")  # borders and scroll bars
# The titles of the toasts study and home may show.
NOTICES = (
    "A leech",
    "Set aside for today",
    "Answered elsewhere",
    "Nothing undone",
    "Last answer undone",
    "Not saved",
    "Progress carried over",
)
PLAN_SET = "Exam date set: study sessions follow the plan."
LETTER_LINE = re.compile(r"^\s*([a-d])\) (.*?)\s*$")
STATUS = re.compile(r"^\s*(.+?) · card (\d+) of (\d+) · (\S+)")


class Stuck(RuntimeError):
    """The screen did not show what a key should have brought."""


@dataclass
class Known:
    """A card of the bundled decks and how study asks it."""

    deck_title: str
    card: Card
    words: list[str]  # the prompt's words, to find it on screen


@dataclass
class Day:
    """What one study day came to."""

    day: str
    home_exam_line: str = ""
    plan_words: list[str] = field(default_factory=list)  # the plan screen, day 1
    load_answers: int | None = None
    load_new: int | None = None
    load_final: int | None = None
    home_new: int = 0
    home_learning: int = 0
    home_due: int = 0
    answers_given: int = 0
    right_given: int = 0
    new_seen: int = 0
    session_header_last: str = ""
    summary: list[str] = field(default_factory=list)
    last_summary: list[str] = field(default_factory=list)
    end_exam_line: str = ""
    end_new: int = 0
    end_learning: int = 0
    end_due: int = 0
    log_answers: int = 0
    log_first_answers: int = 0
    home_after_first: str = ""  # home's exam line after the first session
    again: str = ""  # what studying again gave, when home said the load was not done
    notices: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def collapse(lines: list[str]) -> str:
    """The screen's words on one line: box drawing gone, wrapped lines joined."""
    return " ".join(" ".join(line.translate(BOX).split()) for line in lines).strip()


class Pane:
    """quizapp in a tmux pane on a server of its own (so no other tmux is touched)."""

    def __init__(self, socket: str, log: Path) -> None:
        self.socket, self.name, self.log = socket, "month", log
        self.last: list[str] = []

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        if done.returncode != 0 and args[0] != "kill-server":
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def start(self, command: str) -> None:
        # The shell stays after quizapp quits, saying how it ended.
        shell = f'{command}; echo "[quizapp exited $?]"; sleep 86400'
        if self._alive():
            self.tmux("respawn-pane", "-k", "-t", self.name, shell)
        else:
            self.tmux(
                "new-session", "-d", "-s", self.name, "-x", str(WIDTH), "-y", str(HEIGHT), shell
            )

    def _alive(self) -> bool:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "has-session", "-t", self.name],
            capture_output=True,
            check=False,
        )
        return done.returncode == 0

    def screen(self) -> list[str]:
        self.last = self.tmux("capture-pane", "-p", "-t", self.name).splitlines()
        return self.last

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def text(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def wait(
        self, what: str, ready: Callable[[list[str]], bool], timeout: float = WAIT
    ) -> list[str]:
        """Poll the screen until `ready` holds and two captures agree (it has settled)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            lines = self.screen()
            if ready(lines):
                time.sleep(0.03)
                again = self.screen()
                if again == lines or ready(again):
                    return again
            time.sleep(0.02)
        self.dump(f"waited {timeout:.0f} s for {what}")
        raise Stuck(f"the screen did not show {what} within {timeout:.0f} s (see {self.log})")

    def dump(self, why: str) -> None:
        with self.log.open("a", encoding="utf-8") as out:
            out.write(f"--- {datetime.now(UTC):%H:%M:%S} {why}\n" + "\n".join(self.last) + "\n")

    def stop(self) -> None:
        self.tmux("kill-server")


def bundled_cards() -> list[Known]:
    known = []
    for path in sorted(bundled_decks_dir().glob("*.yaml")):
        deck = load_deck(path).deck
        assert deck is not None, path
        for card in deck.cards:
            prompt = study_question(Entry(deck, card), "any").prompt
            words = " ".join(prompt.split("\n\n")[0].split()).split(" ")
            known.append(Known(deck.title, card, words))
    return known


def which_card(lines: list[str], known: list[Known], deck_title: str) -> Known:
    """The card whose question's first words are longest on screen (its deck's first)."""
    shown = collapse(lines)
    best, best_words = None, 0
    for k in known:
        # A long deck title is cut short with an ellipsis in the status line.
        if not deck_title.rstrip("…").startswith(k.deck_title[: len(deck_title.rstrip("…"))]):
            continue
        n = 0
        while n < len(k.words) and " ".join(k.words[: n + 1]) in shown:
            n += 1
        if n > best_words or (n == best_words and best and len(k.words) < len(best.words)):
            best, best_words = k, n
    if best is None or best_words < min(4, len(best.words)):
        raise Stuck(f"no card of '{deck_title}' matches the question on screen")
    return best


def options(lines: list[str]) -> dict[str, str]:
    found = {}
    for line in lines:
        m = LETTER_LINE.match(line.translate(BOX))
        if m:
            found[m.group(1)] = re.split(r"\s{2,}", m.group(2))[0]  # a toast may sit beside
    return found


def right_letter(card: Card, shown: dict[str, str]) -> str:
    if card.type is QuestionType.TRUE_FALSE:
        truth = card.answer.strip().lower() == "true"
        return next(k for k, v in shown.items() if v.startswith(str(truth)))
    fits = [k for k, v in shown.items() if v and (card.answer.startswith(v) or v == card.answer)]
    if not fits:
        raise Stuck(f"the answer '{card.answer}' is not among the options {shown}")
    return max(fits, key=lambda k: len(shown[k]))


def status(lines: list[str]) -> tuple[str, int, str] | None:
    for line in lines[:4]:
        m = STATUS.match(line)
        if m:
            return m.group(1), int(m.group(2)), m.group(4)
    return None


def revealed(lines: list[str]) -> bool:
    return any("1 Again" in line for line in lines[-4:])


def summary_shown(lines: list[str]) -> bool:
    text = collapse(lines)
    return any(w in text for w in ("Session complete", "Nothing to study", "Session ended early"))


def home_shown(lines: list[str]) -> bool:
    """Home, its decks read (the first start reads the files while home shows a bar)."""
    return (
        any("Choose a deck:" in line for line in lines[:4])
        and any("All decks (" in line for line in lines)
        and not any("Reading deck files" in line for line in lines)
    )


def exam_line(lines: list[str]) -> str:
    return next((line.strip() for line in lines if line.strip().startswith("Exam mode ·")), "")


def all_decks_counts(lines: list[str]) -> tuple[int, int, int]:
    """Home's all-decks row: new today, learning, reviews due."""
    row = next(line for line in lines if "All decks (" in line)
    numbers = [int(n) for n in re.findall(r"\b\d+\b", row.split(")", 1)[1])]
    return numbers[1], numbers[2], numbers[3]


def load_of(line: str) -> tuple[int | None, int | None, int | None]:
    answers = re.search(r"today \d+ of (\d+) answers", line)
    new = re.search(r"\d+ of (\d+) new", line)
    final = re.search(r"final pass \d+ of (\d+)", line)
    return tuple(int(m.group(1)) if m else None for m in (answers, new, final))  # type: ignore[return-value]


def notices_on(lines: list[str]) -> list[str]:
    text = collapse(lines)
    return [n for n in NOTICES if n in text]


def from_log(data_dir: Path, day: date) -> tuple[int, int]:
    """The day's answers in the app's review log (undone ones left out), and the cards whose
    first answer it holds."""
    start = datetime(day.year, day.month, day.day, ROLLOVER_HOUR, tzinfo=UTC)
    low, high = (int(t.timestamp() * 1000) for t in (start, start + timedelta(days=1)))
    with sqlite3.connect(f"file:{data_dir / PROGRESS_FILE}?mode=ro", uri=True) as db:
        kept = "r.id NOT IN (SELECT review_id FROM undos)"
        answers = db.execute(
            f"SELECT count(*) FROM reviews r WHERE {kept} AND reviewed_at >= ? AND reviewed_at < ?",
            (low, high),
        ).fetchone()[0]
        firsts = db.execute(
            f"SELECT count(*) FROM (SELECT min(reviewed_at) AS first FROM reviews r WHERE {kept}"
            " GROUP BY card_key) WHERE first >= ? AND first < ?",
            (low, high),
        ).fetchone()[0]
    return int(answers), int(firsts)


def saved_plan(data_dir: Path) -> dict[str, str]:
    """The exam plan as the app saved it (date, answers a day, final pass, forecast)."""
    with sqlite3.connect(f"file:{data_dir / PROGRESS_FILE}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT key, value FROM settings WHERE key LIKE 'exam_%'").fetchall()
    return dict(rows)


def set_exam(pane: Pane, exam: str) -> list[str]:
    pane.keys("p")
    pane.wait("the plan screen", lambda s: any("Exam date" in line for line in s))
    pane.text(exam)
    pane.keys("Enter")
    return pane.wait(
        "the exam date set",
        lambda s: PLAN_SET in [collapse([x]) for x in s] and "Today: Exam mode" in collapse(s),
        timeout=60,  # the forecast simulates the month
    )


def answer_one(
    pane: Pane, lines: list[str], known: list[Known], rng: random.Random, p_right: float, rec: Day
) -> None:
    """Answer the card on screen, right with probability `p_right`, and wait for the next."""
    seen = status(lines)
    assert seen is not None
    deck_title, number, phase = seen
    k = which_card(lines, known, deck_title)
    right = rng.random() < p_right
    kind = k.card.type
    # Study may show a card in another format than its own (a typed card's source with gaps to
    # think of): the screen says which, and such a card is revealed and self-graded.
    if any("press space to see it" in line for line in lines):
        kind = QuestionType.FLIP
    if kind is QuestionType.TYPED:
        wrong = next((w for w in k.card.wrong if w.strip()), "no idea")
        pane.text(k.card.answer if right else wrong)
        pane.keys("Enter")
    elif kind in (QuestionType.CHOICE, QuestionType.TRUE_FALSE):
        shown = options(lines)
        good = right_letter(k.card, shown)
        others = [x for x in shown if x != good]
        pane.keys(good if right or not others else rng.choice(others))
    else:
        pane.keys("Space")
    pane.wait(f"the answer of card {number} revealed", revealed)
    if kind in (QuestionType.TYPED, QuestionType.CHOICE, QuestionType.TRUE_FALSE):
        pane.keys("Enter")
    else:
        pane.keys("3" if right else "1")
    rec.answers_given += 1
    rec.right_given += right
    rec.new_seen += phase == "new"

    def moved(s: list[str]) -> bool:
        now = status(s)
        return summary_shown(s) or (now is not None and now[1] != number and not revealed(s))

    pane.wait(f"the card after card {number}", moved)


def study(
    pane: Pane, known: list[Known], rng: random.Random, p_right: float, rec: Day
) -> list[str]:
    """From home: study all decks to the session's summary, then home again (returned)."""
    pane.keys("a")
    lines = pane.wait("a card or the summary", lambda s: summary_shown(s) or bool(status(s)))
    while not summary_shown(lines):
        if rec.answers_given >= MAX_ANSWERS:
            pane.dump("too many answers")
            raise Stuck(f"{rec.day}: over {MAX_ANSWERS} answers and the session goes on")
        header = exam_line(lines)
        if header:
            rec.session_header_last = header
        answer_one(pane, lines, known, rng, p_right, rec)
        lines = pane.last
        for n in notices_on(lines):
            if n not in rec.notices:
                rec.notices.append(n)
                pane.dump(f"{rec.day}: notice '{n}' after answer {rec.answers_given}")
        if not summary_shown(lines) and status(lines) is None:
            lines = pane.wait(
                "a card or the summary", lambda s: summary_shown(s) or bool(status(s))
            )
    # The summary's own words, its frame and the header aside.
    words = [collapse([line]) for line in lines[1:] if collapse([line])][:5]
    rec.summary = rec.summary or words  # the first session's; `again` tells of a second
    rec.last_summary = words
    pane.dump(f"{rec.day}: summary")
    for n in notices_on(lines):
        if n not in rec.notices:
            rec.notices.append(n)
    pane.keys("Enter")
    lines = pane.wait("home after the session", home_shown)
    rec.end_exam_line = exam_line(lines)
    rec.home_after_first = rec.home_after_first or rec.end_exam_line
    rec.end_new, rec.end_learning, rec.end_due = all_decks_counts(lines)
    for n in notices_on(lines):
        if n not in rec.notices:
            rec.notices.append(n)
        toast = next((i for i, x in enumerate(lines) if n in x), 0)
        toast_words = collapse(lines[toast : toast + 2])
        problem = f"a notice stays on home after the session: '{toast_words}'"
        if problem not in rec.problems:
            rec.problems.append(problem)
            pane.dump(f"{rec.day}: notice on home")
    return lines


def live_day(
    pane: Pane,
    command: str,
    day: str,
    exam: str | None,
    known: list[Known],
    rng: random.Random,
    p_right: float,
    data_dir: Path,
) -> Day:
    """Open the app on `day`, set the exam date if given, study all decks to the end, quit."""
    rec = Day(day)
    began = time.monotonic()
    pane.start(f"faketime {shlex.quote(day + ' 09:00:00')} {command}")
    lines = pane.wait("home", home_shown, timeout=60)  # the first start reads the decks
    if exam:
        shown = [collapse([line]) for line in set_exam(pane, exam)]
        # The plan's words from "Exam date set" on, the footer aside.
        rec.plan_words = [x for x in shown[shown.index(PLAN_SET) : -1] if x]
        pane.keys("Escape")
        lines = pane.wait("home with the exam line", lambda s: home_shown(s) and exam_line(s) != "")
    rec.home_exam_line = exam_line(lines)
    rec.load_answers, rec.load_new, rec.load_final = load_of(rec.home_exam_line)
    rec.home_new, rec.home_learning, rec.home_due = all_decks_counts(lines)
    lines = study(pane, known, rng, p_right, rec)
    answered = re.search(r"today (\d+) of (\d+) answers", rec.end_exam_line)
    not_done = not rec.end_exam_line.rstrip(".").endswith("· done")
    if answered and int(answered.group(1)) < int(answered.group(2)) and not_done:
        # Home says the load is not done: a student would press `a` again.
        given = rec.answers_given
        lines = study(pane, known, rng, p_right, rec)
        rec.again = (
            f"{rec.answers_given - given} more answers, '{' · '.join(rec.last_summary[:2])}'"
        )
        rec.problems.append(
            f"session ended with home's line '{rec.home_after_first}'; studying again gave"
            f" {rec.again}, then home says '{rec.end_exam_line}'"
        )
    pane.keys("C-q")
    lines = pane.wait("quizapp to quit", lambda s: any("[quizapp exited" in x for x in s))
    code = next(x for x in lines if "[quizapp exited" in x)
    if "exited 0]" not in code:
        rec.problems.append(code.strip())
    rec.log_answers, rec.log_first_answers = from_log(data_dir, date.fromisoformat(day))
    check(rec)
    rec.seconds = round(time.monotonic() - began, 1)
    return rec


def check(rec: Day) -> None:
    """What a student would find odd in the day's figures."""
    if rec.log_answers != rec.answers_given:
        rec.problems.append(
            f"answers given on screen {rec.answers_given}, in the review log {rec.log_answers}"
        )
    if rec.load_answers is not None:
        if rec.answers_given > rec.load_answers * 1.25 + 5:
            rec.problems.append(f"{rec.answers_given} answers against a load of {rec.load_answers}")
    text = " ".join(rec.last_summary)
    if "Nothing to study" in text and rec.load_answers and rec.answers_given == 0:
        rec.problems.append(f"'Nothing to study' with the load line '{rec.home_exam_line}'")
    if rec.end_learning + rec.end_due and "Session complete" in text:
        rec.problems.append(
            f"session complete, yet home shows {rec.end_learning} learning and {rec.end_due} due"
        )


def table(days: list[Day]) -> str:
    head = (
        f"{'day':<10} {'load':>5} {'new':>4} {'final':>5} {'due@0':>5} {'answers':>7}"
        f" {'log':>4} {'new seen':>8} {'1st in log':>10} {'due@end':>7} {'secs':>5}"
        "  summary; home's exam line at the end"
    )
    rows = [head]
    for d in days:
        rows.append(
            f"{d.day:<10} {d.load_answers if d.load_answers is not None else '-':>5}"
            f" {d.load_new if d.load_new is not None else '-':>4}"
            f" {d.load_final if d.load_final is not None else '-':>5}"
            f" {d.home_learning + d.home_due:>5} {d.answers_given:>7} {d.log_answers:>4}"
            f" {d.new_seen:>8} {d.log_first_answers:>10} {d.end_learning + d.end_due:>7}"
            f" {d.seconds:>5.0f}  {d.summary[0] if d.summary else ''};"
            f" {d.end_exam_line.split(' · today ')[-1]}"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--days", default=DAYS)
    parser.add_argument("--exam", default=EXAM)
    parser.add_argument("--right", type=float, default=0.82)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="leave tmux running at the end")
    parser.add_argument("--quizapp", type=Path, default=Path(sys.executable).with_name("quizapp"))
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="quizapp-month-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    if (data_dir / PROGRESS_FILE).exists():
        sys.exit(f"{data_dir} holds progress already: give a fresh --data-dir")
    log = data_dir.with_name(data_dir.name + "-screens.log")
    pane = Pane(f"quizapp-month-{data_dir.name}", log)
    command = f"{shlex.quote(str(args.quizapp))} --data-dir {shlex.quote(str(data_dir))}"
    known, rng = bundled_cards(), random.Random(args.seed)
    days: list[Day] = []
    failure = ""
    print(f"data {data_dir}, screens logged to {log}", flush=True)
    try:
        for i, day in enumerate(args.days.split(",")):
            exam = args.exam if i == 0 else None
            rec = live_day(pane, command, day, exam, known, rng, args.right, data_dir)
            days.append(rec)
            print(
                f"{day}: {rec.answers_given} answers (log {rec.log_answers}), load line"
                f" '{rec.home_exam_line}', {rec.seconds:.0f} s",
                flush=True,
            )
    except Stuck as stuck:
        failure = str(stuck)
        print(f"FAILED: {failure}", file=sys.stderr)
    finally:
        if args.keep:
            print(f"tmux left running: tmux -L {pane.socket} attach -t {pane.name}")
        else:
            pane.stop()
    print(table(days))
    for d in days:
        for line in d.notices:
            print(f"{d.day}: notice: {line}")
        for line in d.problems:
            print(f"{d.day}: PROBLEM: {line}")
    if args.out:
        report = {
            "days": [asdict(d) for d in days],
            "exam": args.exam,
            "right": args.right,
            "seed": args.seed,
            "data_dir": str(data_dir),
            "plan": saved_plan(data_dir) if days else {},
            "failure": failure,
        }
        args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if failure:
        sys.exit(1)


if __name__ == "__main__":
    main()
