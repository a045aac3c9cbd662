"""Planning for an exam, simulated: four ways to spend the same answers on 300 new cards.

Simulated students (fixed seeds) whose memory follows FSRS-6 with default parameters
(quizapp.core.planning.forecast.SimulatedStudent: a first answer graded as FSRS's simulator grades
it, a review passed with the card's recall probability) have 300 new cards and an exam in 21
days, studying once a day for at most a given number of answers. Policies:

- plain FSRS at 0.9 retention: quizapp's StudySession without an exam date (due cards, then
  20 new cards a day), on a temporary store;
- exam-aware: the same StudySession with an exam date saved in the store, so the queue comes
  from quizapp.core.planning.exam_queue, exactly as in the app (new cards at an even share of those
  left each day, the best reviews, then the other due cards);
- Anki-style SM-2 and Leitner boxes (1, 2, 4, 8, 16 days), 20 new cards a day, written here.

Every day each policy gets at most the answers plain FSRS gave that day (the same student
seed), so no policy gives more answers than plain FSRS. The score is the mean recall
probability on exam day over the 300 cards (0 for a card never studied); "most new" is the
most new cards a policy had the student learn in one day (the mean over students).

Then the exam planner's tables: exam-aware with the final pass (a fifth of the days, every
card seen once; the pass's share of a day is answered whatever it takes, so that policy gives
more answers, and the table says how many), a budget in minutes (the plan's answers a day
within it, and what the students reach), and two exams sharing a deck (a midterm in 10 days on
half the cards, a final in 24 on all), served nearest first or the final alone.

    python bench/exam_simulation.py [--students 20] [--budgets 30,40,50,60,80,0]
        [--only final|minutes|exams]

A budget of 0 means no limit: plain FSRS does everything it schedules.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizapp.core.clock import FakeClock
from quizapp.core.decks.model import Card, Deck, Kind, QuestionType
from quizapp.core.planning.budget import answers_in, full_report
from quizapp.core.planning.forecast import SimulatedStudent
from quizapp.core.planning.plan import ExamPlan, planned_cards, save_plan
from quizapp.core.progress.store import Store
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Scheduler, SchedulerConfig
from quizapp.core.sessions.study import StudySession

CARDS, DAYS, NEW_PER_DAY = 300, 21, 20
START = datetime(2025, 1, 6, 18, 0, tzinfo=UTC)  # a session at 18:00 every day
SECONDS_PER_ANSWER = 15
STEPS = (timedelta(minutes=1), timedelta(minutes=10))  # Anki's learning steps, as the app's
RELEARN = timedelta(minutes=10)
LEITNER_DAYS = (1, 2, 4, 8, 16)
DECK = Deck(
    id="sim",
    title="Simulated deck",
    path=Path("sim.yaml"),
    cards=tuple(
        Card(id=f"c{i:03}", kind=Kind.CONCEPT, type=QuestionType.FLIP, question=f"Q{i}", answer="A")
        for i in range(CARDS)
    ),
)
SCHEDULER = Scheduler(SchedulerConfig(), tz=UTC)
EXAM_DAY = START.date() + timedelta(days=DAYS)


@dataclass
class Run:
    """One student under one policy."""

    recall: float
    answers: list[int]  # per day
    unseen: int
    new: list[int]  # new cards learnt per day
    pass_seen: float = 0.0  # share of the cards answered in the final pass
    pass_days: int = 0


def _score(student: SimulatedStudent, answers: list[int], new: list[int]) -> Run:
    recalls = [student.recall(card.id, EXAM_DAY) for card in DECK.cards]
    return Run(
        sum(recalls) / CARDS,
        answers,
        sum(1 for card in DECK.cards if card.id not in student.memory),
        new,
    )


def app_run(
    seed: int, budgets: list[int | None], exam_aware: bool, final_pass: bool = False
) -> Run:
    """quizapp's own StudySession on a temporary store; exam-aware when a plan is saved, with
    the final pass (its default length: a fifth of the 21 days, 5) when asked. The pass's
    share of a day is answered whatever it takes, as the study header asks."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "progress.sqlite3")
        student, clock, answers = SimulatedStudent(SCHEDULER, seed), FakeClock(START), []
        new: list[int] = []
        final_days = None if final_pass else 0
        for day, budget in enumerate(budgets):
            known = len(student.memory)
            clock.now = START + timedelta(days=day)
            if exam_aware:  # the student plans today's answers: the same as plain FSRS gave
                plan = ExamPlan(
                    EXAM_DAY, (DECK.id,), 0.9, budget or 0, final_days, START.date()
                )  # fmt: skip
                save_plan(store, plan)
            session = StudySession([DECK], store, SCHEDULER, clock, new_per_day=NEW_PER_DAY)
            done = 0
            while session.current is not None and (
                budget is None or done < budget or _pass_left(session)
            ):
                session.answer(student.answer(session.current.card.id, clock()))
                done += 1
                clock.advance(seconds=SECONDS_PER_ANSWER)
            answers.append(done)
            new.append(len(student.memory) - known)
        run = _score(student, answers, new)
        if final_pass:
            start = ExamPlan(EXAM_DAY, set_on=START.date()).final_start or EXAM_DAY
            since = sd.start_of_study_day(start, SCHEDULER.tz)
            states = store.states(DECK.id).values()
            seen = sum(1 for s in states if s.last_review and s.last_review >= since)
            run = replace(run, pass_seen=seen / CARDS, pass_days=(EXAM_DAY - start).days)
        store.close()
    return run


def _pass_left(session: StudySession) -> int:
    load = session.exam_load
    return 0 if load is None else load.final_left


@dataclass
class Plain:
    """A card under SM-2 or Leitner: where it is and when it is next due."""

    learning: bool = False
    step: int = 0
    interval: float = 0.0  # days (SM-2) or box number (Leitner)
    ease: float = 2.5
    due: datetime | None = None


Grader = Callable[[Plain, Rating, datetime], Plain]


def _days_later(now: datetime, days: float) -> datetime:
    """The start of the study day `days` after now's: day-sized intervals, as Anki counts them."""
    day = sd.study_day(now, SCHEDULER.tz) + timedelta(days=round(days))
    return sd.start_of_study_day(day, SCHEDULER.tz)


def sm2(card: Plain, rating: Rating, now: datetime) -> Plain:
    """Anki's SM-2: steps 1m 10m, graduate at 1 day (Easy: 4), ease from 2.5 up and down."""
    if card.learning or card.due is None:  # new, learning or relearning
        steps = (RELEARN,) if card.interval else STEPS
        if rating is Rating.AGAIN:
            return replace(card, learning=True, step=0, due=now + steps[0])
        if rating is Rating.HARD:
            first = (steps[0] + steps[1]) / 2 if len(steps) > 1 else steps[0] * 1.5
            return replace(
                card, learning=True, due=now + (steps[card.step] if card.step else first)
            )
        if rating is Rating.GOOD and card.step + 1 < len(steps):
            return replace(card, learning=True, step=card.step + 1, due=now + steps[card.step + 1])
        days = card.interval or (4 if rating is Rating.EASY else 1)
        return replace(card, learning=False, step=0, interval=days, due=_days_later(now, days))
    if rating is Rating.AGAIN:  # a lapse: relearn today, then one day
        ease = max(1.3, card.ease - 0.2)
        return replace(card, learning=True, step=0, interval=1, ease=ease, due=now + RELEARN)
    factor = {Rating.HARD: 1.2, Rating.GOOD: card.ease, Rating.EASY: card.ease * 1.3}[rating]
    ease = max(1.3, card.ease + {Rating.HARD: -0.15, Rating.GOOD: 0.0, Rating.EASY: 0.15}[rating])
    days = max(card.interval + 1, round(card.interval * factor))
    return replace(card, interval=days, ease=ease, due=_days_later(now, days))


def leitner(card: Plain, rating: Rating, now: datetime) -> Plain:
    """Leitner boxes: right moves a card up a box, wrong sends it to box 1 (shown again today)."""
    if rating is Rating.AGAIN:
        return replace(card, learning=True, interval=1, due=now + STEPS[0])
    top = len(LEITNER_DAYS)
    box = 1 if card.learning or card.due is None else min(top, int(card.interval) + 1)
    return replace(card, learning=False, interval=box, due=_days_later(now, LEITNER_DAYS[box - 1]))


def classic_run(seed: int, budgets: list[int | None], grade: Grader) -> Run:
    """SM-2 or Leitner, served like a study session: due cards, then new, steps within the day."""
    student, answers, new = SimulatedStudent(SCHEDULER, seed), [], []
    cards: dict[str, Plain] = {}
    for day, budget in enumerate(budgets):
        now = START + timedelta(days=day)
        known = len(student.memory)
        due = sorted((c.due, k) for k, c in cards.items() if c.due is not None and c.due <= now)
        fresh = [card.id for card in DECK.cards if card.id not in cards][:NEW_PER_DAY]
        queue, done = [k for _, k in due] + fresh, 0
        learning: list[str] = []
        while (queue or learning) and (budget is None or done < budget):
            step = cards[learning[0]].due if learning else None
            if learning and (not queue or (step is not None and step <= now)):
                key = learning.pop(0)
            else:
                key = queue.pop(0)
            cards[key] = grade(cards.get(key, Plain()), student.answer(key, now), now)
            done += 1
            if cards[key].learning:
                learning.append(key)
                learning.sort(key=lambda k: cards[k].due or now)
            now += timedelta(seconds=SECONDS_PER_ANSWER)
        answers.append(done)
        new.append(len(student.memory) - known)
    return _score(student, answers, new)


def scenario(cap: int | None, students: int, final_pass: bool = False) -> dict[str, list[Run]]:
    """All four policies for one daily cap on plain FSRS (and exam-aware with the final
    pass, when asked)."""
    runs: dict[str, list[Run]] = {"plain FSRS 0.9": [], "SM-2": [], "Leitner": [], "exam-aware": []}
    if final_pass:
        runs["+ final pass"] = []
    for seed in range(students):
        plain = app_run(seed, [cap] * DAYS, exam_aware=False)
        budgets: list[int | None] = list(plain.answers)  # nobody answers more than plain FSRS
        runs["plain FSRS 0.9"].append(plain)
        runs["SM-2"].append(classic_run(seed, budgets, sm2))
        runs["Leitner"].append(classic_run(seed, budgets, leitner))
        runs["exam-aware"].append(app_run(seed, budgets, exam_aware=True))
        if final_pass:
            runs["+ final pass"].append(app_run(seed, budgets, True, final_pass=True))
    return runs


def report(cap: int | None, runs: dict[str, list[Run]]) -> dict[str, float]:
    """Print one scenario; returns exam-aware (and with the final pass) minus plain FSRS, in
    percentage points, and the final pass's share of cards seen and extra answers."""
    label = "no limit" if cap is None else f"at most {cap} answers a day"
    print(f"\nPlain FSRS {label}; {len(runs['exam-aware'])} students, 300 cards, exam in 21 days")
    print(
        f"{'policy':<16} {'exam-day recall':>15} {'± 95%':>6} {'answers':>8} {'never seen':>11}"
        f" {'most new':>9} {'busiest':>8}"
    )
    plain = statistics.mean(r.recall for r in runs["plain FSRS 0.9"])
    for name, items in runs.items():
        recalls = [r.recall for r in items]
        mean = statistics.mean(recalls)
        half = 1.96 * statistics.stdev(recalls) / len(recalls) ** 0.5 if len(recalls) > 1 else 0
        answers = statistics.mean(sum(r.answers) for r in items)
        unseen = statistics.mean(r.unseen for r in items)
        most = statistics.mean(max(r.new) for r in items)
        busiest = statistics.mean(max(r.answers) for r in items)
        print(
            f"{name:<16} {mean:>15.1%} {half:>6.1%} {answers:>8.0f} {unseen:>11.1f} {most:>9.1f}"
            f" {busiest:>8.0f}"
        )
    result = {"gain": 100 * (statistics.mean(r.recall for r in runs["exam-aware"]) - plain)}
    more = sum(
        sum(e.answers) > sum(p.answers)
        for e, p in zip(runs["exam-aware"], runs["plain FSRS 0.9"], strict=True)
    )
    print(
        f"exam-aware vs plain FSRS: {result['gain']:+.1f} points;"
        f" students with more answers: {more}"
    )
    if "+ final pass" in runs:
        final = runs["+ final pass"]
        result["pass_gain"] = 100 * (statistics.mean(r.recall for r in final) - plain)
        result["pass_seen"] = statistics.mean(r.pass_seen for r in final)
        result["pass_cost"] = statistics.mean(
            sum(f.answers) - sum(e.answers) for f, e in zip(final, runs["exam-aware"], strict=True)
        )
        result["plain_answers"] = statistics.mean(sum(r.answers) for r in runs["plain FSRS 0.9"])
        result["pass_answers"] = statistics.mean(sum(r.answers) for r in final)
        result["pass_recall"] = 100 * statistics.mean(r.recall for r in final)
        result["plain_recall"] = 100 * plain
        result["busiest"] = statistics.mean(max(r.answers) for r in final)
        print(
            f"exam-aware with the final pass ({final[0].pass_days} days) vs plain FSRS:"
            f" {result['pass_gain']:+.1f} points; cards seen in the pass"
            f" {result['pass_seen']:.0%}; the pass cost {result['pass_cost']:+.0f} answers"
            " over exam-aware alone"
        )
    return result


def minutes_table(students: int) -> None:
    """A budget in minutes: the plan's answers a day within it (at the students' 15 s an
    answer) and what the students then reach with the final pass."""
    print(f"\nA budget in minutes ({SECONDS_PER_ANSWER} s an answer); {students} students")
    print(
        f"{'minutes':>7} {'answers/day':>11} {'plan says':>22} {'forecast':>8} {'recall':>7}"
        f" {'days within':>11} {'busiest (min)':>13}"
    )
    for minutes in (10, 15, 20, 30):
        with tempfile.TemporaryDirectory() as folder:
            store = Store.open(Path(folder) / "progress.sqlite3")
            plan = ExamPlan(EXAM_DAY, (DECK.id,), set_on=START.date(), minutes=minutes)
            cards = planned_cards([DECK], store, plan)
            made = full_report(cards, SCHEDULER, START, plan, (SECONDS_PER_ANSWER, True))
            store.close()
        cap = answers_in(minutes, SECONDS_PER_ANSWER)
        runs = [
            app_run(seed, [made.per_day] * DAYS, True, final_pass=True) for seed in range(students)
        ]
        recall = statistics.mean(r.recall for r in runs)
        within = statistics.mean(sum(a <= cap for a in r.answers) for r in runs)
        busiest = statistics.mean(max(r.answers) for r in runs) * SECONDS_PER_ANSWER / 60
        says = "reachable" if made.reachable else f"short: {made.minutes_needed} min"
        print(
            f"{minutes:>7} {made.per_day:>11} {says:>22} {made.forecast:>8.1%} {recall:>7.1%}"
            f" {within:>8.1f}/{DAYS} {busiest:>13.0f}"
        )


MIDTERM, FINAL = START.date() + timedelta(days=10), START.date() + timedelta(days=24)
HALVES = tuple(
    Deck(id=name, title=name, path=Path(f"{name}.yaml"), cards=DECK.cards[i * 150 : i * 150 + 150])
    for i, name in enumerate(("part1", "part2"))
)


def two_exams_run(seed: int, budgets: list[int | None], order: str) -> tuple[float, float, int]:
    """Two exams sharing a deck: a midterm on part1 in 10 days, a final on both parts in 24.
    `order`: "plain" (no exam date), "nearest" (both set: the app serves the nearer one
    first) or "final only" (the final's plan alone, as if it came first). Returns the
    midterm's recall of part1, the final's of both parts and the answers given."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "progress.sqlite3")
        student, clock = SimulatedStudent(SCHEDULER, seed), FakeClock(START)
        midterm_recall, given = 0.0, 0
        for day, budget in enumerate(budgets):
            clock.now = START + timedelta(days=day)
            if clock.now.date() == MIDTERM:
                cards = HALVES[0].cards
                midterm_recall = sum(student.recall(c.id, MIDTERM) for c in cards) / len(cards)
            if order != "plain":
                per_day, set_on = budget or 0, START.date()
                final = ExamPlan(
                    FINAL, ("part1", "part2"), 0.9, per_day, None, set_on, name="final"
                )
                save_plan(store, final)
                if order == "nearest":
                    mid = ExamPlan(MIDTERM, ("part1",), 0.9, per_day, None, set_on, name="midterm")
                    save_plan(store, mid)
            session = StudySession(list(HALVES), store, SCHEDULER, clock, new_per_day=10)
            done = 0
            while session.current is not None and (
                budget is None or done < budget or _pass_left(session)
            ):
                session.answer(student.answer(session.current.card.id, clock()))
                done += 1
                clock.advance(seconds=SECONDS_PER_ANSWER)
            given += done
        store.close()
    final_recall = sum(student.recall(c.id, FINAL) for c in DECK.cards) / CARDS
    return midterm_recall, final_recall, given


def two_exams(students: int) -> None:
    """The two exams at 30 and 40 answers a day: plain FSRS, nearest exam first, final first."""
    print("\nTwo exams sharing a deck (midterm in 10 days on part1, final in 24 on both)")
    print(f"{'a day':>5} {'policy':<12} {'midterm recall':>14} {'final recall':>12} {'answers':>8}")
    for cap in (30, 40):
        for order in ("plain", "nearest", "final only"):
            runs = [two_exams_run(seed, [cap] * 24, order) for seed in range(students)]
            mid = statistics.mean(r[0] for r in runs)
            final = statistics.mean(r[1] for r in runs)
            given = statistics.mean(r[2] for r in runs)
            print(f"{cap:>5} {order:<12} {mid:>14.1%} {final:>12.1%} {given:>8.0f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20, help="students per scenario")
    parser.add_argument(
        "--budgets", default="30,40,50,60,80,0", help="plain FSRS's daily caps (0: no limit)"
    )
    parser.add_argument(
        "--only", choices=["final", "minutes", "exams"], help="one of the planner's tables only"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = {}
    if args.only in (None, "final"):
        for raw in args.budgets.split(","):
            cap = int(raw) or None
            results[cap] = report(cap, scenario(cap, args.students, final_pass=True))
    if args.only in (None, "minutes"):
        minutes_table(args.students)
    if args.only in (None, "exams"):
        two_exams(args.students)
    print(f"\nSummary ({time.perf_counter() - started:.0f} s):")
    for cap, got in results.items():
        label = "no limit" if cap is None else f"{cap}/day"
        verdict = "meets" if got["pass_gain"] >= 5 else "misses"
        print(
            f"  {label:>9}: exam-aware {got['gain']:+5.1f} points, with the final pass"
            f" {got['pass_gain']:+5.1f} ({verdict} the 5-point target); pass saw"
            f" {got['pass_seen']:.0%} of the cards for {got['pass_cost']:+.0f} answers;"
            f" answers {got['plain_answers']:.0f} plain / {got['pass_answers']:.0f} with the pass,"
            f" busiest day {got['busiest']:.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
