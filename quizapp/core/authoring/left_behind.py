"""Card ids with answers in the student's progress that their deck no longer holds.

A card whose id changed starts again as a new card; the deck can keep its progress with
`was: OLD-ID` on the renamed card. `quizapp check` warns about each id left behind.
"""

from __future__ import annotations

from collections.abc import Sequence

from quizapp.core.decks.loader import LoadResult
from quizapp.core.decks.model import REVERSE_SUFFIX
from quizapp.core.decks.problems import Problem, Severity
from quizapp.core.progress.store import Store

CODE = "Q115"


def left_behind(results: Sequence[LoadResult], store: Store) -> list[tuple[LoadResult, Problem]]:
    """A warning, at the deck's id, for each card id with answers that the deck lacks.

    Decks with errors are skipped: their cards are not all known.
    """
    found: list[tuple[LoadResult, Problem]] = []
    for result in results:
        deck = result.deck
        if deck is None or result.errors:
            continue
        answered = store.answered_ids(deck.id)
        if not answered:
            continue
        kept = {card.id for card in deck.cards} | {old for old, _ in deck.renamed}
        line, column = result.id_position
        for card_id, count in sorted(answered.items()):
            if card_id not in kept:
                message = _message(card_id, count)
                problem = Problem(result.path, line, column, Severity.WARNING, message, CODE)
                found.append((result, problem))
    return found


def _message(card_id: str, count: int) -> str:
    answers = f"{count} answer{'s' if count != 1 else ''}"
    written = card_id.removesuffix(REVERSE_SUFFIX)
    if written != card_id:
        return (
            f"card '{card_id}' (the reverse of '{written}') has {answers} in your progress, "
            f"but the deck no longer asks it; if '{written}' was renamed, add 'was: {written}' "
            "to it to keep the progress of both sides"
        )
    return (
        f"card '{card_id}' has {answers} in your progress, but the deck no longer holds it; "
        f"if you renamed it, add 'was: {card_id}' to the renamed card to keep its progress "
        "(otherwise it starts again as a new card)"
    )
