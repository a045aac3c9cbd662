"""A timed exam: a mixed paper against the clock, no feedback until it ends.

Answers are kept with the time spent on each question. The exam ends when every question is
answered, when the student ends it, or when time runs out; unanswered questions then count
as wrong. Closing it builds the report, keeps it in the progress store and, when asked (the
default, as Anki's filtered decks do), reschedules the cards of the answered questions.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from quizapp.core.clock import Clock
from quizapp.core.decks.model import Deck
from quizapp.core.progress.exams import ExamStore
from quizapp.core.progress.store import Store
from quizapp.core.questions.paper import build_paper
from quizapp.core.questions.question import Question, Response
from quizapp.core.questions.selection import select_entries
from quizapp.core.scheduling.scheduler import Scheduler
from quizapp.core.sessions.quiz import record_answer, response_text
from quizapp.core.sessions.report import ExamReport, QuestionResult, unanswered_verdict
from quizapp.core.sessions.set_aside import on_offer


@dataclass
class ExamAnswer:
    """A response as given, and when."""

    response: str
    at: datetime


@dataclass
class Exam:
    """The paper, the clock and the answers so far."""

    questions: list[Question]
    minutes: float
    clock: Clock
    decks: tuple[str, ...] = ()
    selection: str = ""
    seed: int | None = None
    started: datetime = field(init=False)
    position: int = 0
    answers: dict[int, ExamAnswer] = field(default_factory=dict)
    seconds: list[float] = field(init=False)
    ended: datetime | None = None
    timed_out: bool = False
    _shown_at: datetime = field(init=False)

    def __post_init__(self) -> None:
        if not self.questions:
            raise ValueError("an exam needs at least one question")
        if self.minutes <= 0:
            raise ValueError("an exam needs a positive number of minutes")
        self.started = self._shown_at = self.clock()
        self.seconds = [0.0] * len(self.questions)

    def begin(self) -> None:
        """Start the clock now (when the paper is put in front of the student)."""
        if not self.answers and not self.over:
            self.started = self._shown_at = self.clock()

    @property
    def deadline(self) -> datetime:
        return self.started + timedelta(minutes=self.minutes)

    def remaining(self) -> timedelta:
        """Time left, never below zero."""
        return max(timedelta(0), self.deadline - self.clock())

    def time_up(self) -> bool:
        return self.clock() >= self.deadline

    @property
    def current(self) -> Question:
        return self.questions[self.position]

    @property
    def answered(self) -> int:
        return len(self.answers)

    @property
    def over(self) -> bool:
        """Whether the exam has ended (call `end` or `check_time` to end it)."""
        return self.ended is not None

    def answer(self, response: Response) -> bool:
        """Keep the response to the current question and move to the next unanswered one.

        Returns:
            False, keeping nothing, when time is up (the exam then ends) or it has ended.
        """
        if self.check_time():
            return False
        self._stop_timer()
        self.answers[self.position] = ExamAnswer(response_text(response), self.clock())
        self._advance()
        return True

    def skip(self) -> None:
        """Leave the current question for now; it comes back after the others."""
        if not self.check_time():
            self._stop_timer()
            self._advance()

    def check_time(self) -> bool:
        """End the exam if time is up; returns whether it is over."""
        if not self.over and self.time_up():
            self.end(timed_out=True)
        return self.over

    def end(self, timed_out: bool = False) -> None:
        """Stop the exam (the student's choice, or the clock's)."""
        if self.over:
            return
        self._stop_timer()
        self.ended = min(self.clock(), self.deadline)
        self.timed_out = timed_out

    @property
    def complete(self) -> bool:
        """Whether every question has an answer."""
        return len(self.answers) == len(self.questions)

    def results(self) -> list[QuestionResult]:
        """Every question graded; unanswered ones are wrong."""
        results = []
        for i, question in enumerate(self.questions):
            given = self.answers.get(i)
            if given is None:
                verdict = unanswered_verdict(self.timed_out)
            else:
                verdict = question.grade(given.response)
            response = None if given is None else given.response
            results.append(QuestionResult(i + 1, question, response, verdict, self.seconds[i]))
        return results

    def report(self) -> ExamReport:
        """The report of an ended exam."""
        if self.ended is None:
            raise RuntimeError("the exam has not ended")
        return ExamReport(
            started=self.started,
            ended=self.ended,
            minutes=self.minutes,
            timed_out=self.timed_out,
            results=tuple(self.results()),
            decks=self.decks,
            selection=self.selection,
            seed=self.seed,
        )

    def _stop_timer(self) -> None:
        now = min(self.clock(), self.deadline)
        self.seconds[self.position] += max(0.0, (now - self._shown_at).total_seconds())
        self._shown_at = now

    def _advance(self) -> None:
        count = len(self.questions)
        for step in range(1, count + 1):
            candidate = (self.position + step) % count
            if candidate not in self.answers:
                self.position = candidate
                return
        self.end()  # every question answered


def close_exam(
    exam: Exam, store: Store, scheduler: Scheduler, reschedule: bool = True
) -> tuple[ExamReport, int]:
    """End the exam if needed, keep its report and reschedule the answered cards.

    Args:
        exam: The exam.
        store: The progress store.
        scheduler: The scheduler.
        reschedule: Log each answered question's cards as reviews (mode 'exam'), in the
            transaction that keeps the exam.

    Returns:
        The report and its id in the store.
    """
    exam.end()
    report = exam.report()
    # One transaction: the exam is kept with all its reviews, or not at all.
    with store.batch():
        exam_id = ExamStore(store.conn).save(*report.to_keep(reschedule))
        if reschedule:
            for result in report.results:
                given = exam.answers.get(result.number - 1)
                if given is not None:
                    ms = int(result.seconds * 1000)
                    question = result.question
                    verdict = result.verdict
                    record_answer(
                        store, scheduler, question, given.response, verdict, given.at, ms, "exam"
                    )
    return report, exam_id


def new_exam(
    decks: Sequence[Deck],
    clock: Clock,
    *,
    count: int,
    minutes: float,
    kinds: Sequence[str] = (),
    tags: Sequence[str] = (),
    seed: int | None = None,
    store: Store | None = None,
) -> Exam:
    """An exam of `count` mixed questions on the chosen cards; with the progress store, cards
    suspended or buried are not asked.

    Raises:
        ValueError: No question can be drawn from the selection, or `minutes` is not positive.
    """
    entries = select_entries(decks, kinds, tags)
    if store is not None:
        entries = on_offer(entries, store, clock())
    questions = build_paper(entries, count, random.Random(seed), pool=select_entries(decks))
    selection = " ".join([*(f"kind={k}" for k in kinds), *(f"tag={t}" for t in tags)])
    return Exam(
        questions,
        minutes,
        clock,
        decks=tuple(d.id for d in decks),
        selection=selection,
        seed=seed,
    )
