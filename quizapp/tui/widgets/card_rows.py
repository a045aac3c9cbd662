"""The card browser's columns and one card's cells: ids, progress and marks, then the text."""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.text import Text

from quizapp.core.decks.model import Card, Deck
from quizapp.core.decks.search import CardFacts
from quizapp.core.insight.card_search import state_label
from quizapp.core.progress.marks import FLAG_COLOURS
from quizapp.core.scheduling.intervals import format_interval

# (title, key, width); None fits the column to its cells. The first marks selected cards.
# Progress and the question first: what a student browses by; the ids (in full, as an author
# looks cards up by them) follow.
COLUMNS = (
    ("", "sel", 1),
    ("State", "state", 10),
    ("Due", "due", 10),  # "11.5mo ago"
    ("Ivl", "interval", 5),
    ("Lapses", "lapses", 6),
    ("Flag", "flag", 6),
    ("Question", "question", None),
    ("Deck", "deck", None),
    ("Card", "card", None),
    ("Kind", "kind", 7),
    ("Type", "type", 10),
)
# Column key -> the order it sorts by (`card_search.ORDERS`).
SORTS = {"deck": "deck", "card": "deck", "state": "state", "due": "due"}
SORTS |= {"interval": "interval", "lapses": "lapses", "flag": "flag"}
QUESTION_WIDTH = 60
SELECTED = "•"


def due_text(facts: CardFacts, now: datetime) -> str:
    """When the card is due, from now: "now", "in 3d", "2d ago" (blank when new)."""
    if facts.phase == "new" or facts.due is None:
        return ""
    wait = facts.due - now
    if abs(wait) < timedelta(minutes=1):
        return "now"
    return f"in {format_interval(wait)}" if wait > timedelta(0) else f"{format_interval(-wait)} ago"


def cells(deck: Deck, card: Card, facts: CardFacts, now: datetime, selected: bool) -> list[Text]:
    """A card's row, in COLUMNS order."""
    # Text, not str: a DataTable reads a str as markup, and card text may hold brackets.
    prompt = " ".join(card.prompt.split())
    interval = facts.interval
    values = (
        SELECTED if selected else "",
        state_label(facts, now),
        due_text(facts, now),
        "" if interval is None else format_interval(interval),
        str(facts.lapses) if facts.phase != "new" else "",
        FLAG_COLOURS.get(facts.flag, ""),
        prompt[:QUESTION_WIDTH],
        deck.id,
        card.id,
        str(card.kind),
        str(card.type),
    )
    return [Text(value) for value in values]
