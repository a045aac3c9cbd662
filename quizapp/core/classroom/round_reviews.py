"""A round's answers as reviews in a student's own progress: only when the teacher's round
says so (`quizapp class host --reschedule`); by default a round leaves FSRS state alone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from quizapp.core.classroom.round_seat import SeatSummary
from quizapp.core.decks.model import Deck
from quizapp.core.progress.store import Store
from quizapp.core.questions.question import Format, Question
from quizapp.core.questions.selection import select_entries
from quizapp.core.scheduling.scheduler import Scheduler
from quizapp.core.sessions.quiz import record_answer

ROUND_MODE = "class"  # the reviews' mode in the log


def log_round(
    summary: SeatSummary, decks: Sequence[Deck], store: Store, scheduler: Scheduler, at: datetime
) -> int:
    """Log each answered question of the round as a review of its cards (those this student's
    decks hold), as a quiz would; returns how many questions were logged."""
    entries = {e.key: e for e in select_entries(decks)}
    logged = 0
    with store.batch():  # all of the round, or none of it
        for asked, choice in summary.asked:
            found = []
            for card in asked.cards:
                deck_id, _, card_id = card.partition("/")
                if (deck_id, card_id) in entries:
                    found.append(entries[deck_id, card_id])
            if choice is None or not found:
                continue
            question = Question(
                Format.CHOICE,
                asked.prompt,
                asked.answer,
                tuple(found),
                options=asked.options,
                sources=asked.sources,
            )
            response = asked.options[choice]
            verdict = question.grade(response)
            record_answer(store, scheduler, question, response, verdict, at, 0, ROUND_MODE)
            logged += 1
    return logged
