"""One card's history: its state, memory, marks, every review and what followed, in words.

Browse's preview, the card-info screen and `quizapp card` all read a card through here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from quizapp.core.decks.model import Card, Deck
from quizapp.core.insight.timefmt import format_until
from quizapp.core.progress.marks import FLAG_COLOURS, CardEvent, MarkKind, Marks
from quizapp.core.progress.renames import CardRename
from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.progress.rows import from_ms
from quizapp.core.progress.store import Review, Store
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.intervals import format_interval
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler
from quizapp.core.scheduling.study_day import SET_ASIDE_AFTER

LAST_REVIEWS = 5


@dataclass(frozen=True)
class HistoryEntry:
    """One review and the wait it was followed by."""

    review: Review
    due_after: datetime | None  # when the review left the card due
    phase_after: Phase

    @property
    def interval(self) -> timedelta | None:
        """The wait the review gave the card (till it was due again)."""
        if self.due_after is None:
            return None
        return max(timedelta(0), self.due_after - self.review.reviewed_at)


@dataclass(frozen=True)
class CardHistory:
    """What the store knows of a card."""

    state: CardState
    reviews: tuple[Review, ...]
    recall: float | None  # the model's recall probability now; None for a card never studied
    steps: int = 0  # steps of its learning or relearning phase, when it is in one
    set_aside: bool = False  # missed too often today: not served until the next study day
    entries: tuple[HistoryEntry, ...] = ()  # the reviews, each with the wait that followed
    marks: Marks = field(default_factory=Marks)
    events: tuple[CardEvent, ...] = ()  # suspended, buried, flagged, ... in time order
    renames: tuple[CardRename, ...] = ()  # ids it had or gave its progress to

    def status(self, now: datetime) -> str:
        """new, learning, review, relearning, suspended or buried."""
        if self.marks.suspended:
            return "suspended"
        if self.marks.buried(now):
            return "buried"
        return str(self.state.phase)


def card_history(
    store: Store, scheduler: Scheduler, deck_id: str, card_id: str, now: datetime
) -> CardHistory:
    """Read a card's state, reviews and marks (on the thread that owns the store's connection).

    The wait after each review is worked out by replaying the card's log through the
    scheduler; the last one is the due date the store keeps.
    """
    state = store.state(deck_id, card_id)
    reviews = tuple(store.reviews(deck_id, card_id))
    studied = state.phase is not Phase.NEW and state.last_review is not None
    recall = scheduler.recall_now(state, now) if studied else None
    tz, roll = scheduler.tz, scheduler.config.rollover_hour
    today = sd.start_of_study_day(sd.study_day(now, tz, roll), tz, roll)
    marks = store.card_marks(deck_id, card_id)
    # Buried by the study session's rule (`SET_ASIDE_AFTER` misses today), or by hand.
    missed = sum(
        r.rating == Rating.AGAIN and r.mode == "study" and r.reviewed_at >= today for r in reviews
    )
    aside = marks.buried(now) and missed >= SET_ASIDE_AFTER
    return CardHistory(
        state,
        reviews,
        recall,
        _steps(scheduler, state),
        aside,
        _entries(scheduler, state, reviews, fuzz_seed(deck_id, card_id)),
        marks,
        tuple(store.card_events(deck_id, card_id)),
        tuple(store.card_renames(deck_id, card_id)),
    )


def _entries(
    scheduler: Scheduler, state: CardState, reviews: tuple[Review, ...], seed: str
) -> tuple[HistoryEntry, ...]:
    entries: list[HistoryEntry] = []
    replayed = CardState()
    for review in reviews:
        replayed = scheduler.review(replayed, Rating(review.rating), review.reviewed_at, seed)
        entries.append(HistoryEntry(review, replayed.due, replayed.phase))
    if entries and state.last_review is not None:
        # The store's own state says what the last answer did (settings may have changed).
        entries[-1] = replace(entries[-1], due_after=state.due, phase_after=state.phase)
    return tuple(entries)


def _steps(scheduler: Scheduler, state: CardState) -> int:
    """How many steps the card's learning or relearning phase has (0 in the others)."""
    if state.phase is Phase.LEARNING:
        return len(scheduler.config.learning_steps)
    if state.phase is Phase.RELEARNING:
        return len(scheduler.config.relearning_steps)
    return 0


def history_lines(history: CardHistory, now: datetime) -> list[str]:
    """The history as lines for a person: counts, the model's state and recall probability
    now, due date, last reviews."""
    state = history.state
    lines = summary_lines(history, now)
    if not history.reviews and state.phase is Phase.NEW:
        return lines
    recent = history.reviews[-LAST_REVIEWS:]
    if recent:
        lines.append("Last reviews:")
        for review in reversed(recent):
            lines.append(
                f"  {when(review.reviewed_at)}  {rating_name(review.rating)}  ({review.mode})"
            )
    return lines


def summary_lines(history: CardHistory, now: datetime) -> list[str]:
    """State, memory, due date and marks in a few lines."""
    state = history.state
    marks = marks_words(history.marks, now, missed=history.set_aside)
    if not history.reviews and state.phase is Phase.NEW:
        return ["New card: not studied yet.", *marks]
    phase = str(state.phase)
    if history.steps:
        phase += f" (step {min(state.step, history.steps - 1) + 1} of {history.steps})"
    lines = [f"Reviews: {len(history.reviews)} · lapses: {state.lapses} · {phase}"]
    if state.stability is not None and state.difficulty is not None:
        # Stability: the time after a review until recall falls to 90%.
        stable = format_interval(timedelta(days=state.stability))
        lines.append(f"Memory (FSRS): stability {stable} · difficulty {state.difficulty:.1f} of 10")
    if history.recall is not None:
        lines.append(f"Recall probability now: {history.recall:.0%}")
    if history.set_aside:
        lines.append(f"Set aside until tomorrow: missed {SET_ASIDE_AFTER} times today")
    elif state.due is not None and not history.marks.set_aside(now):
        lines.append(f"Next due: {format_until(state.due, now)}")
    return lines + marks


def marks_words(marks: Marks, now: datetime, *, missed: bool = False) -> list[str]:
    """What the student set on the card: suspended, buried, a flag, a leech mark (`missed`:
    the burial is the study session's, said apart)."""
    said = []
    if marks.suspended:
        said.append("Suspended: out of every session until unsuspended")
    if marks.buried_until is not None and marks.buried(now) and not missed:
        said.append(f"Buried until {when(marks.buried_until)}")
    if marks.flag:
        said.append(f"Flag: {FLAG_COLOURS.get(marks.flag, str(marks.flag))}")
    if marks.leech:
        said.append("Leech: lapsed too often; edit it, split it or add a mnemonic")
    return said


def review_rows(history: CardHistory) -> list[tuple[str, str, str, str, str]]:
    """(when, mode, rating, answer given, wait that followed) for each review, oldest first."""
    return [
        (
            when(entry.review.reviewed_at),
            entry.review.mode,
            rating_name(entry.review.rating),
            entry.review.given_answer or "",
            "" if entry.interval is None else format_interval(entry.interval),
        )
        for entry in history.entries
    ]


def event_lines(history: CardHistory) -> list[str]:
    """The card's events and renames, oldest first."""
    dated = [(event.at, event_words(event)) for event in history.events]
    dated += [
        (r.at, f"progress moved from '{r.old_id}' to '{r.new_id}' ({_RENAMED[r.reason]})")
        for r in history.renames
    ]
    return [f"{when(at)}  {words}" for at, words in sorted(dated, key=lambda pair: pair[0])]


_RENAMED = {"edit": "renamed while editing", "was": "the deck's was:"}


def event_words(event: CardEvent) -> str:
    if event.kind is MarkKind.BURY:
        until = "" if event.value is None else f" until {when(_from_ms(event.value))}"
        return f"buried{until}"
    if event.kind is MarkKind.FLAG:
        colour = FLAG_COLOURS.get(event.value or 0)
        return f"flagged {colour}" if colour else "flag cleared"
    return {
        MarkKind.SUSPEND: "suspended",
        MarkKind.UNSUSPEND: "unsuspended",
        MarkKind.UNBURY: "unburied",
        MarkKind.LEECH: "marked as a leech",
        MarkKind.UNLEECH: "leech mark cleared",
    }[event.kind]


def rating_name(rating: int) -> str:
    return Rating(rating).name.title()


def when(moment: datetime) -> str:
    """A moment in the machine's time zone, to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _from_ms(value: int) -> datetime:
    return from_ms(value) or datetime.min


def card_json(deck: Deck, card: Card, history: CardHistory, now: datetime) -> dict[str, Any]:
    """The card, its state and every review (`history`, oldest first), for `--json`."""
    state, marks = history.state, history.marks
    return {
        "deck": deck.id,
        "card": card.id,
        "file": str(deck.path),
        "line": card.line,
        "kind": str(card.kind),
        "type": str(card.type),
        "question": card.prompt,
        "answer": card.answer,
        "reverse_of": card.reverse_of or None,
        "state": history.status(now),
        "phase": str(state.phase),
        "due": _iso(state.due),
        "stability_days": state.stability,
        "difficulty": state.difficulty,
        "retrievability": history.recall,
        "reviews": len(history.reviews),
        "lapses": state.lapses,
        "suspended": marks.suspended,
        "buried_until": _iso(marks.buried_until) if marks.buried(now) else None,
        "flag": FLAG_COLOURS.get(marks.flag),
        "leech": marks.leech,
        "set_aside_today": history.set_aside,
        "history": [
            {
                "at": _iso(entry.review.reviewed_at),
                "mode": entry.review.mode,
                "format": entry.review.question_type,
                "rating": Rating(entry.review.rating).name.lower(),
                "answer": entry.review.given_answer,
                "seconds": entry.review.duration_ms / 1000,
                "due_after": _iso(entry.due_after),
                "interval_days": None
                if entry.interval is None
                else round(entry.interval / timedelta(days=1), 6),
            }
            for entry in history.entries
        ],
        "events": [_event_json(event) for event in history.events],
        "renames": [
            {"at": _iso(r.at), "from": r.old_id, "to": r.new_id, "reason": str(r.reason)}
            for r in history.renames
        ],
    }


def _event_json(event: CardEvent) -> dict[str, Any]:
    said: dict[str, Any] = {"at": _iso(event.at), "event": str(event.kind), "value": event.value}
    if event.kind is MarkKind.BURY and event.value is not None:
        said["until"] = _iso(_from_ms(event.value))
    if event.kind is MarkKind.FLAG:
        said["flag"] = FLAG_COLOURS.get(event.value or 0)
    return said


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()
