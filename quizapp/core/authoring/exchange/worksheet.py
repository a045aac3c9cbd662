"""A printable Markdown worksheet, and its answer key as a separate file.

Questions are numbered across the decks; options and chronology events are in the order the
study screen shows them (the same seed), so the key's letters match the sheet's. A `seed`
makes a parallel version: other questions (with `count`), in another order, options shuffled
otherwise; the same seed always gives the same sheet.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quizapp.core.authoring.exchange.base import Progress
from quizapp.core.decks.cloze import cloze_blanks
from quizapp.core.decks.model import Card, Deck, QuestionType
from quizapp.core.grading.responses import LETTERS
from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.questions.prompts import study_question
from quizapp.core.questions.selection import Entry

LINE = "_" * 40


def answer_key_path(path: Path) -> Path:
    """Where the answer key goes: `sheet.md` -> `sheet-answers.md`."""
    return path.with_name(f"{path.stem}-answers{path.suffix or '.md'}")


@dataclass(frozen=True)
class SheetOptions:
    """How a worksheet is made: its title and instructions, how many questions, which version."""

    title: str = "Worksheet"
    instructions: str = ""
    count: int | None = None  # None: every card
    seed: int | None = None  # None: every card in deck order, options as the study screen


def write_worksheet(
    decks: Sequence[Deck], progress: Progress | None = None, options: SheetOptions | None = None
) -> tuple[str, str]:
    """The worksheet and its answer key, as Markdown texts."""
    options = options or SheetOptions()
    version = f" (version {options.seed})" if options.seed is not None else ""
    sheet = [f"# {_md(options.title)}{version}", "", "Name: " + LINE, ""]
    if options.instructions:
        sheet += [_md(options.instructions), ""]
    key = [f"# Answer key: {_md(options.title)}{version}", ""]
    chosen = _chosen(decks, options)
    number, total = 0, sum(len(cards) for _, cards in chosen)
    for deck, cards in chosen:
        sheet += [f"## {_md(deck.title)}", ""]
        key += [f"## {_md(deck.title)}", ""]
        for card in cards:
            number += 1
            question, answer = _card(deck, card, options.seed)
            sheet += [f"**{number}.** " + question[0], *question[1:], ""]
            key += [f"**{number}.** " + answer[0], *answer[1:], ""]
            if progress:
                progress(number, total)
    return "\n".join(sheet), "\n".join(key)


def _chosen(decks: Sequence[Deck], options: SheetOptions) -> list[tuple[Deck, list[Card]]]:
    """The cards on the sheet, by deck: all in deck order, or `count` drawn by the seed."""
    if options.count is None and options.seed is None:
        return [(deck, list(deck.cards)) for deck in decks]
    rng = random.Random(options.seed)
    every = [(deck, card) for deck in decks for card in deck.cards]
    drawn = rng.sample(every, min(options.count or len(every), len(every)))
    by_deck: dict[str, tuple[Deck, list[Card]]] = {}
    for deck, card in drawn:
        by_deck.setdefault(deck.id, (deck, []))[1].append(card)
    order = {deck.id: i for i, deck in enumerate(decks)}
    return sorted(by_deck.values(), key=lambda pair: order[pair[0].id])


def _md(text: str) -> str:
    """Text that Markdown shows as written (its markup characters escaped)."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def _card(deck: Deck, card: Card, version: int | None = None) -> tuple[list[str], list[str]]:
    seed = fuzz_seed(deck.id, card.id) + (f"#{version}" if version is not None else "")
    asked = study_question(Entry(deck, card), seed)
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
        gaps = cloze_blanks(card.text)  # each gap's answer, numbered as on the sheet
        answer = "   ".join(f"[{i}] {_md(' / '.join(g))}" for i, g in enumerate(gaps, 1))
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
