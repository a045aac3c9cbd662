"""A printable Markdown worksheet, and its answer key as a separate file.

Questions are numbered across the decks; options and chronology events are in the order the
study screen shows them (the same seed), so the key's letters match the sheet's.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from quizapp.core.authoring.exchange.base import Progress
from quizapp.core.decks.model import Card, Deck, QuestionType
from quizapp.core.grading.responses import LETTERS
from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.questions.prompts import study_question
from quizapp.core.questions.selection import Entry

LINE = "_" * 40


def answer_key_path(path: Path) -> Path:
    """Where the answer key goes: `sheet.md` -> `sheet-answers.md`."""
    return path.with_name(f"{path.stem}-answers{path.suffix or '.md'}")


def write_worksheet(decks: Sequence[Deck], progress: Progress | None = None) -> tuple[str, str]:
    """The worksheet and its answer key, as Markdown texts."""
    sheet = ["# Worksheet", "", "Name: " + LINE, ""]
    key = ["# Answer key", ""]
    number, total = 0, sum(len(d.cards) for d in decks)
    for deck in decks:
        sheet += [f"## {_md(deck.title)}", ""]
        key += [f"## {_md(deck.title)}", ""]
        for card in deck.cards:
            number += 1
            question, answer = _card(deck, card)
            sheet += [f"**{number}.** " + question[0], *question[1:], ""]
            key += [f"**{number}.** " + answer[0], *answer[1:], ""]
            if progress:
                progress(number, total)
    return "\n".join(sheet), "\n".join(key)


def _md(text: str) -> str:
    """Text that Markdown shows as written (its markup characters escaped)."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def _card(deck: Deck, card: Card) -> tuple[list[str], list[str]]:
    asked = study_question(Entry(deck, card), fuzz_seed(deck.id, card.id))
    lines: list[str]
    if card.type is QuestionType.CHOICE:
        lines = [_md(card.question), ""]
        lines += [f"- {LETTERS[i]}) {_md(o)}" for i, o in enumerate(asked.options)]
        answer = f"{LETTERS[asked.options.index(asked.answer)]}) {_md(asked.answer)}"
    elif card.type is QuestionType.TRUE_FALSE:
        lines = [f"True or false? {_md(card.question)}", "", "- [ ] True   - [ ] False"]
        answer = _md(asked.answer)
    elif card.type is QuestionType.CLOZE:
        passage = asked.prompt.split("\n\n", 1)[-1]
        lines = ["Fill the gaps:", "", *(f"> {_md(t)}" for t in passage.splitlines())]
        answer = _md(asked.answer)
    elif card.type is QuestionType.CHRONOLOGY:
        listed = asked.prompt.split("\n\n", 1)[-1].splitlines()
        lines = [_md(card.question), "", *(f"- {_md(t)}" for t in listed), "", f"Order: {LINE}"]
        answer = "<br>".join(_md(line) for line in asked.answer.splitlines())
    else:
        lines = [_md(card.question), "", f"Answer: {LINE}"]
        answer = _md(card.answer)
    key = [answer]
    if card.explanation:
        key += ["", f"> {_md(card.explanation)}"]
    source = card.source or " … ".join(e.source for e in card.events if e.source)
    if source:
        key += ["", f"> *Source:* “{_md(source)}”"]
    return lines, key
