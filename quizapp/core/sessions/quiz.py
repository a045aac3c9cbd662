"""Quiz sessions: questions with immediate feedback, every answer logged and scheduled.

A quiz draws a mixed (or single-format) paper from a selection (cram, in `cram`, asks every
card). Each answer goes through the scheduler as the review it is: a card reviewed again the
same day gets FSRS-6's same-day update, not a fresh interval.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from quizapp.core.clock import Clock
from quizapp.core.decks.model import Deck
from quizapp.core.grading.marking import Verdict, graded_by_student
from quizapp.core.grading.responses import BLANK_SEPARATOR
from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.progress.store import Review, Store
from quizapp.core.questions.paper import build_paper
from quizapp.core.questions.question import Format, Question, Response
from quizapp.core.questions.selection import select_entries
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Scheduler
from quizapp.core.sessions.set_aside import on_offer
from quizapp.core.sessions.summary import Summary, summarise
from quizapp.core.settings.study_settings import deck_scheduler

DEFAULT_COUNT = 10


def response_text(response: Response) -> str:
    """A response as the log keeps it: cloze blanks joined by " | "."""
    return response if isinstance(response, str) else BLANK_SEPARATOR.join(response)


@dataclass(frozen=True)
class Logged:
    """A review an answer wrote, with the card's state before it (to grade it again)."""

    review_id: int
    review: Review
    before: CardState


def record_answer(
    store: Store,
    scheduler: Scheduler,
    question: Question,
    response: Response,
    verdict: Verdict,
    at: datetime,
    duration_ms: int,
    mode: str,
) -> list[Logged]:
    """Schedule and log every card a question tested, in one transaction.

    Args:
        store: The progress store.
        scheduler: The scheduler.
        question: The question answered.
        response: What the student answered.
        verdict: Its grade.
        at: When it was answered.
        duration_ms: Time spent on the question, shared out among its cards.
        mode: 'quiz', 'exam' or 'cram'.

    Returns:
        The reviews logged.
    """
    ratings = question.ratings(response, verdict)
    given = response_text(response)
    answered: list[tuple[Review, CardState, CardState]] = []  # review, before, after
    for entry, rating in ratings:
        deck_id, card_id = entry.key
        state = store.state(deck_id, card_id)
        # The card's deck's settings (retention, steps) over the session's scheduler.
        chosen = deck_scheduler(store, deck_id, scheduler)
        after = chosen.review(state, Rating(rating), at, fuzz_seed(deck_id, card_id))
        review = Review(
            deck_id=deck_id,
            card_id=card_id,
            reviewed_at=at,
            rating=rating,
            duration_ms=duration_ms // len(ratings),
            question_type=str(question.format),
            given_answer=given,
            mode=mode,
        )
        answered.append((review, state, after))
    ids = store.record_all([(review, after) for review, _, after in answered])
    return [Logged(i, review, before) for i, (review, before, _) in zip(ids, answered, strict=True)]


@dataclass
class Attempt:
    """One question answered in a quiz or cram session."""

    question: Question
    response: str
    verdict: Verdict
    seconds: float
    logged: list[Logged] = field(default_factory=list)


@dataclass
class QuizSession:
    """Serves questions one at a time; each answer is graded, scheduled and saved at once."""

    questions: Sequence[Question]
    store: Store
    scheduler: Scheduler
    clock: Clock
    mode: str = "quiz"
    attempts: list[Attempt] = field(default_factory=list)
    started: datetime | None = None
    shown_at: datetime | None = None

    def __post_init__(self) -> None:
        self.started = self.shown_at = self.clock()

    @property
    def current(self) -> Question | None:
        """The question to answer, or None when the session is over."""
        done = len(self.attempts)
        try:  # a cram's questions are drawn as they come: its last cards may ask nothing
            return self.questions[done] if done < len(self.questions) else None
        except IndexError:
            return None

    @property
    def position(self) -> int:
        """The current question's number, from 1."""
        return len(self.attempts) + 1

    def show(self) -> None:
        """Start timing the current question (call when it is put on screen)."""
        self.shown_at = self.clock()

    def answer(self, response: Response) -> Verdict:
        """Grade the current question, log and schedule its cards, and move on.

        Raises:
            IndexError: There is no question left.
        """
        question = self.current
        if question is None:
            raise IndexError("no question to answer")
        now = self.clock()
        seconds = max(0.0, (now - (self.shown_at or now)).total_seconds())
        verdict = question.grade(response)
        logged = record_answer(
            self.store,
            self.scheduler,
            question,
            response,
            verdict,
            now,
            int(seconds * 1000),
            self.mode,
        )
        attempt = Attempt(question, response_text(response), verdict, seconds, logged)
        self.attempts.append(attempt)
        self.shown_at = now
        return verdict

    @property
    def can_regrade(self) -> bool:
        """Whether the last answer can be given another grade: its question tested one card
        (a matching or chronology grades each of its cards by its own pairs)."""
        return bool(self.attempts) and len(self.attempts[-1].logged) == 1

    def preview(self) -> dict[Rating, timedelta]:
        """The wait each grade gives the last answer's card (for the grade keys' labels)."""
        if not self.can_regrade:
            return {}
        (logged,) = self.attempts[-1].logged
        review = logged.review
        seed = fuzz_seed(review.deck_id, review.card_id)
        chosen = deck_scheduler(self.store, review.deck_id, self.scheduler)
        return chosen.preview(logged.before, review.reviewed_at, seed)

    def regrade(self, rating: Rating) -> Verdict:
        """Grade the last answer as the student says (the marker can be wrong both ways).

        Its review is replaced by one with this grade in one transaction (the log keeps the
        first, undone), the card rescheduled from its state before the answer, and the
        attempt counted by the new grade.

        Raises:
            ValueError: There is no answer that can be regraded (see `can_regrade`).
        """
        if not self.can_regrade:
            raise ValueError("no one-card answer to grade again")
        attempt = self.attempts[-1]
        (logged,) = attempt.logged
        if logged.review.rating != rating:
            review = replace(logged.review, rating=int(rating))
            seed = fuzz_seed(review.deck_id, review.card_id)
            chosen = deck_scheduler(self.store, review.deck_id, self.scheduler)
            state = chosen.review(logged.before, rating, review.reviewed_at, seed)
            review_id = self.store.regrade(logged.review_id, review, state, self.clock())
            attempt.logged = [Logged(review_id, review, logged.before)]
        attempt.verdict = graded_by_student(attempt.verdict, Rating(rating))
        return attempt.verdict

    @property
    def score(self) -> float:
        """Credit earned so far (an almost counts a half)."""
        return sum(a.verdict.score for a in self.attempts)

    def summary(self) -> Summary:
        """What the session did, for the closing screen."""
        now = self.clock()
        return summarise(
            [(number, a.verdict.correct) for number, a in enumerate(self.attempts)],
            (now - (self.started or now)).total_seconds(),
            None,
            left=len(self.questions) - len(self.attempts),
            unit="question",
        )


def quiz_session(
    decks: Sequence[Deck],
    store: Store,
    scheduler: Scheduler,
    clock: Clock,
    *,
    kinds: Sequence[str] = (),
    tags: Sequence[str] = (),
    count: int = DEFAULT_COUNT,
    fmt: Format | None = None,
    seed: int | None = None,
) -> QuizSession:
    """A quiz of `count` questions on the chosen cards (wrong options from all their decks);
    cards suspended or buried are not asked."""
    entries = on_offer(select_entries(decks, kinds, tags), store, clock())
    rng = random.Random(seed)
    questions = build_paper(entries, count, rng, fmt, pool=select_entries(decks))
    return QuizSession(questions, store, scheduler, clock, mode="quiz")
