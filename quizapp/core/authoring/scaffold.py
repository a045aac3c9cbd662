"""The deck template `quizapp new` writes: commented, one card of each question type."""

from __future__ import annotations

import json
import re
from string import Template

DEFAULT_ID = "my-deck"

# The example cards quote the article the bundled decks teach, so the template also passes
# `quizapp check --against` on it; an instructor replaces them with cards on their own text,
# and names that text in `reference` (left out: it is the instructor's, not the article's).
TEMPLATE = Template("""\
# A quizapp deck (format 1). The format in full: quizapp help deck-format
# Check it as you write:  quizapp check --strict THIS_FILE [--against YOUR_TEXT.txt]
#
# Progress is kept per deck id + card id: never change an id once students use the deck,
# unless you mean "this is a new card". Reword, reorder and add cards freely.

format: 1
id: $deck_id
title: $title
description: What this deck teaches, in a sentence or two.
# The work your cards quote: every card's `source` is a passage copied verbatim from it.
# reference:
#   title: "The title of your text"
#   author: Its author
# A deck written from your own knowledge quotes no text: say so, and no card needs a source.
# sources: none
tags: [example]   # tags every card of the deck gets

cards:
  # flip: the answer is revealed and the student grades themself.
  - id: alliance-hopes
    kind: cause        # date, actor, cause, event, number or concept
    type: flip
    question: What did Pakistan hope to acquire by joining the Western security alliances?
    answer: Substantial economic and military aid to bolster its defences against India.
    explanation: Shown after answering; a sentence or two of context.
    source: >-   # a long passage may run over several lines like this
      Pakistan hoped to acquire substantial economic and military aid to bolster its
      defences against India
    tags: [1950s]

  # typed: the student types the answer; spelling, case and date forms are forgiven.
  - id: seato-year
    kind: date
    type: typed
    question: In which year did Pakistan join SEATO?
    answer: "1954"       # quote numbers and dates meant as text
    date: "1954"         # a date card carries its answer as YYYY, YYYY-MM or YYYY-MM-DD
    wrong: ["1955", "1958", "1962"]   # used when quiz mode asks it as multiple choice
    source: "SEATO in 1954 and CENTO in 1955"

  # choice: the answer among the wrong options (give 3 so there are 4 to choose from).
  - id: kosygin-visit
    kind: actor
    type: choice
    question: Which Russian premier visited Pakistan in April 1968?
    answer: Alexei Kosygin
    alternatives: [Kosygin]   # other answers accepted as right
    wrong: [Nikolai Bulganin, Leonid Brezhnev, Nikita Khrushchev]
    source: "April 1968 saw the visit of Russian Premier Kosygin to Pakistan."

  # truefalse: a statement; the answer is true or false; the explanation says what is right.
  - id: cento-before-seato
    kind: date
    type: truefalse
    question: Pakistan joined CENTO before it joined SEATO.
    answer: "false"
    date: "1954"
    explanation: SEATO came first, in 1954; CENTO followed in 1955.
    source: "SEATO in 1954 and CENTO in 1955"

  # cloze: a passage with blanks {{answer}} or {{answer|accepted alternative}}.
  - id: alliances-cloze
    kind: event
    type: cloze
    text: Pakistan joined {{SEATO}} in {{1954}} and CENTO in {{1955}}.
    source: "SEATO in 1954 and CENTO in 1955"

  # chronology: 4 to 6 events, each with its own date (all different) and source.
  - id: alliances-to-kosygin
    kind: event
    type: chronology
    question: Put these events in order, earliest first.
    events:
      - text: Pakistan joins SEATO
        date: "1954"
        source: "SEATO in 1954 and CENTO in 1955"
      - text: Pakistan joins CENTO
        date: "1955"
        source: "SEATO in 1954 and CENTO in 1955"
      - text: President Ayub Khan visits Moscow
        date: "1965-04"
        source: "President Ayub Khan’s visit to Moscow in April 1965"
      - text: Premier Kosygin visits Pakistan
        date: "1968-04"
        source: "April 1968 saw the visit of Russian Premier Kosygin to Pakistan."
""")


def deck_id_for(name: str) -> str:
    """A deck id from a file name: lower-case words joined by '-' ('My Deck 2' -> 'my-deck-2')."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or DEFAULT_ID


def title_for(name: str) -> str:
    """A readable title from a file name ('cold-war_alliances' -> 'Cold war alliances')."""
    words = re.sub(r"[-_.\s]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else "My deck"


def deck_template(deck_id: str, title: str) -> str:
    """The template text for a deck with this id and title.

    Args:
        deck_id: The deck id (letters, digits, '-', '_' and '.').
        title: The title, any text: it is written as a quoted YAML string.

    Returns:
        The YAML text, which passes `quizapp check --strict`.
    """
    # A JSON string is a valid double-quoted YAML scalar, so any title is safe.
    return TEMPLATE.substitute(deck_id=deck_id, title=json.dumps(title, ensure_ascii=False))
