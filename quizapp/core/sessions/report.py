"""The report of an exam: score, score by kind and by tag, time per question, every mistake."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from quizapp.core.grading.marking import Outcome, Verdict
from quizapp.core.grading.responses import LETTERS
from quizapp.core.progress.exams import AnswerToKeep, ExamToKeep
from quizapp.core.questions.question import Format, Question
from quizapp.core.scheduling.rating import Rating


def unanswered_verdict(timed_out: bool) -> Verdict:
    """The verdict of a question left without an answer: wrong (the report shows the answer)."""
    return Verdict(
        Outcome.WRONG,
        0.0,
        Rating.AGAIN,
        "No answer (time ran out)." if timed_out else "No answer.",
    )


@dataclass(frozen=True)
class QuestionResult:
    """One question of the paper as it was answered."""

    number: int
    question: Question
    response: str | None
    verdict: Verdict
    seconds: float

    @property
    def answered(self) -> bool:
        return self.response is not None

    @property
    def sources(self) -> tuple[str, ...]:
        return self.question.sources

    def shown_response(self) -> str:
        """The response in words: the option picked, not just its letter."""
        if self.response is None:
            return "(no answer)"
        question = self.question
        if question.format is Format.CHOICE and len(self.response.strip()) == 1:
            letter = self.response.strip().lower()
            if letter in LETTERS[: len(question.options)]:
                return f"{letter}) {question.options[LETTERS.index(letter)]}"
        return self.response or "(empty)"


@dataclass(frozen=True)
class Tally:
    """Credit over a group of questions."""

    score: float
    total: int
    right: int

    @property
    def share(self) -> float:
        return self.score / self.total if self.total else 0.0


@dataclass(frozen=True)
class ExamReport:
    """An ended exam, graded."""

    started: datetime
    ended: datetime
    minutes: float
    timed_out: bool
    results: tuple[QuestionResult, ...]
    decks: tuple[str, ...] = ()
    selection: str = ""
    seed: int | None = None

    @property
    def total(self) -> Tally:
        """Score over the whole paper: an almost earns its part (half a typo, a share of
        pairs in order), unanswered questions nothing."""
        return _tally(self.results)

    @property
    def answered(self) -> int:
        return sum(r.answered for r in self.results)

    @property
    def seconds(self) -> float:
        return (self.ended - self.started).total_seconds()

    def by_kind(self) -> dict[str, Tally]:
        """Score per card kind; a question about several kinds counts in each."""
        return _grouped(self.results, lambda r: r.question.kinds)

    def by_tag(self) -> dict[str, Tally]:
        """Score per card tag, most asked first."""
        groups = _grouped(self.results, lambda r: r.question.tags)
        return dict(sorted(groups.items(), key=lambda item: (-item[1].total, item[0])))

    def to_keep(self, rescheduled: bool) -> tuple[ExamToKeep, list[AnswerToKeep]]:
        """The exam and its answers as the progress store keeps them."""
        total = self.total
        exam = ExamToKeep(
            started_at=self.started,
            ended_at=self.ended,
            minutes=self.minutes,
            questions=total.total,
            answered=self.answered,
            correct=total.right,
            score=total.score,
            timed_out=self.timed_out,
            rescheduled=rescheduled,
            decks=self.decks,
            selection=self.selection,
            seed=self.seed,
        )
        return exam, [_answer_to_keep(result) for result in self.results]

    @property
    def mistakes(self) -> list[QuestionResult]:
        """The questions not fully right, unanswered ones included."""
        return [r for r in self.results if not r.verdict.correct]


def _answer_to_keep(result: QuestionResult) -> AnswerToKeep:
    question = result.question
    return AnswerToKeep(
        number=result.number,
        format=str(question.format),
        prompt=question.prompt,
        options="\n".join((*question.items, *question.options)),
        expected=question.answer,
        given=result.response,
        outcome=str(result.verdict.outcome),
        score=result.verdict.score,
        reason=result.verdict.reason,
        duration_ms=int(result.seconds * 1000),
        cards=" ".join(f"{d}/{c}" for d, c in (e.key for e in question.entries)),
        kinds=" ".join(question.kinds),
        tags=" ".join(question.tags),
        sources="\n".join(question.sources),
    )


def _tally(results: Iterable[QuestionResult]) -> Tally:
    listed = list(results)
    return Tally(
        score=sum(r.verdict.score for r in listed),
        total=len(listed),
        right=sum(r.verdict.correct for r in listed),
    )


def _grouped(
    results: Iterable[QuestionResult], keys: Callable[[QuestionResult], Iterable[str]]
) -> dict[str, Tally]:
    groups: dict[str, list[QuestionResult]] = {}
    for result in results:
        for key in keys(result):
            groups.setdefault(key, []).append(result)
    return {key: _tally(group) for key, group in groups.items()}


def format_points(points: float) -> str:
    """Points to one decimal, without a trailing zero: '7.5', '7', '1.4'."""
    return f"{round(points, 1):g}"


def format_score(tally: Tally) -> str:
    """'7.5 of 10 (75%)'."""
    return f"{format_points(tally.score)} of {tally.total} ({tally.share:.0%})"
