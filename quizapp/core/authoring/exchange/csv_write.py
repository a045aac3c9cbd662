"""CSV out: every field with a header row (and for Excel, marked as UTF-8), or Quizlet's two
columns. `csv_io` reads our CSV back without loss."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from quizapp.core.authoring.exchange.base import Progress
from quizapp.core.authoring.exchange.csv_io import COLUMNS, LIST_SEPARATOR
from quizapp.core.decks.cloze import cloze_filled, cloze_masked
from quizapp.core.decks.model import Card, Deck, QuestionType


def write_csv(decks: Sequence[Deck], progress: Progress | None = None) -> str:
    """Every card of the decks as CSV with a header row; lists are joined with ' | '."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    total, done = sum(len(d.cards) for d in decks), 0
    for deck in decks:
        for card in deck.cards:
            writer.writerow(_row(deck, card))
            done += 1
            if progress:
                progress(done, total)
    return out.getvalue()


def _row(deck: Deck, card: Card) -> list[str]:
    question, answer, events = card.question, card.answer, ""
    if card.type is QuestionType.CLOZE:
        question, answer = card.text, cloze_filled(card.text)
    if card.type is QuestionType.CHRONOLOGY:
        ordered = sorted(card.events, key=lambda e: e.date)
        answer = "\n".join(f"{e.date}: {e.text}" for e in ordered)
        events = json.dumps([vars(e) for e in card.events], ensure_ascii=False)
    values = {
        "question": question,
        "answer": answer,
        "id": card.id,
        "kind": str(card.kind),
        "type": str(card.type),
        "alternatives": f" {LIST_SEPARATOR} ".join(card.alternatives),
        "wrong": f" {LIST_SEPARATOR} ".join(card.wrong),
        "date": card.date or "",
        "explanation": card.explanation,
        "source": card.source,
        "tags": " ".join(dict.fromkeys((*card.tags, *deck.tags))),
        "events": events,
        "deck": deck.id,
        "deck_tags": " ".join(deck.tags),  # which of `tags` are the deck's, for a re-import
    }
    return [values[name] for name in COLUMNS]


def write_excel(decks: Sequence[Deck], progress: Progress | None = None) -> str:
    """The CSV export for Excel: a byte-order mark, so Excel reads it as UTF-8, not ANSI."""
    return "\ufeff" + write_csv(decks, progress)


def write_quizlet(decks: Sequence[Deck], progress: Progress | None = None) -> str:
    """Two tab-separated columns, term and definition, for Quizlet's import (Tab between term
    and definition, a new line between cards); line breaks inside a card become spaces."""
    lines = []
    total, done = sum(len(d.cards) for d in decks), 0
    for deck in decks:
        for card in deck.cards:
            term, definition = _two_sides(card)
            lines.append(f"{_one_line(term)}\t{_one_line(definition)}")
            done += 1
            if progress:
                progress(done, total)
    return "\n".join(lines) + "\n"


def _two_sides(card: Card) -> tuple[str, str]:
    if card.type is QuestionType.CLOZE:
        return cloze_masked(card.text), cloze_filled(card.text)
    if card.type is QuestionType.CHRONOLOGY:
        ordered = sorted(card.events, key=lambda e: e.date)
        return card.question, "; ".join(f"{e.date}: {e.text}" for e in ordered)
    if card.type is QuestionType.TRUE_FALSE:
        return f"True or false? {card.question}", card.answer
    return card.question, card.answer


def _one_line(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())
