"""Adopting fitted FSRS parameters: kept in the store, every card's memory replayed with them.

Apart from `parameters` (read at every start) because it loads the optimizer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import tzinfo

from quizapp.core.progress.parameters import save_parameters
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.fsrs_memory import Memory, next_memory
from quizapp.core.scheduling.optimizer import History, LoggedReview, history
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState
from quizapp.core.scheduling.study_day import DEFAULT_ROLLOVER_HOUR


def adopt(
    store: Store,
    parameters: Sequence[float],
    cards: History,
    tz: tzinfo,
    rollover_hour: int = DEFAULT_ROLLOVER_HOUR,
) -> None:
    """Keep fitted parameters and recompute every card's memory state with them.

    Due dates stay as they are (as Anki does by default); stability and difficulty are replayed
    from the log, so recall predictions use the new parameters from now on.

    Args:
        store: The progress store (on the thread that owns it).
        parameters: The fitted parameters.
        cards: The log by card, as `history` built it before the fit.
        tz: The student's timezone, as `history` was given it.
        rollover_hour: The local hour a study day starts, as `history` was given it.
    """

    def log_of(deck_id: str, card_id: str, state: CardState) -> list[LoggedReview]:
        # A card answered (or an answer undone) since `cards` was read, while the fit ran: its
        # log is read again, in the write transaction, so no answer is replayed away.
        past = cards.get((deck_id, card_id), [])
        if (past[-1].at if past else None) == state.last_review:
            return past
        return history(store.reviews(deck_id, card_id), tz, rollover_hour).get(
            (deck_id, card_id), []
        )

    def replayed() -> list[tuple[str, str, CardState]]:
        rows = store.conn.execute("SELECT DISTINCT deck_id FROM card_states")
        deck_ids = [row[0] for row in rows]
        updated = []
        for deck_id in deck_ids:
            for card_id, state in store.states(deck_id).items():
                memory: Memory | None = None
                for review in log_of(deck_id, card_id, state):
                    rating = Rating(review.rating)
                    memory = next_memory(parameters, memory, rating, review.delta, 0.9)
                if memory is not None:
                    state = replace(state, stability=memory.stability, difficulty=memory.difficulty)
                updated.append((deck_id, card_id, state))
        return updated

    save_parameters(store, parameters)
    store.replace_states_from(replayed)
