"""Writing Anki packages with genanki: one Anki deck per quizapp deck.

Note GUIDs are `genanki.guid_for(deck id, card id)` and model and deck ids are fixed, so
importing a re-export into Anki updates the notes instead of adding copies. A hidden field,
`Quizapp`, keeps what Anki does not show (kind, type, alternatives, dates, events), so a
package can come back into quizapp; the visible fields win on the way back.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import genanki

from quizapp.core.authoring.exchange.base import Progress, text_to_html
from quizapp.core.decks.cloze import BLANK, blank_parts, cloze_blanks
from quizapp.core.decks.model import Card, Deck, QuestionType
from quizapp.core.grading.responses import LETTERS
from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.questions.prompts import study_question
from quizapp.core.questions.selection import Entry

CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left; }
.options { margin-top: 1em; } .source { font-size: 16px; }"""
BACK = """{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>
{{#Explanation}}<p>{{Explanation}}</p>{{/Explanation}}
{{#Source}}<p class="source">Source: <i>{{Source}}</i></p>{{/Source}}"""
FRONT = """<div class="question">{{Question}}</div>
{{#Options}}<div class="options">{{Options}}</div>{{/Options}}"""
BASIC_FIELDS = ("Question", "Options", "Answer", "Explanation", "Source", "Quizapp")
CLOZE_FIELDS = ("Text", "Back Extra", "Source", "Quizapp")


def _fields(names: tuple[str, ...]) -> list[dict[str, str]]:
    # Fresh dicts for each model: genanki writes each field's position into its dict.
    return [{"name": name} for name in names]


BASIC = genanki.Model(
    1745210001,
    "quizapp basic",
    fields=_fields(BASIC_FIELDS),
    templates=[{"name": "Card", "qfmt": FRONT, "afmt": BACK}],
    css=CSS,
)
TYPED = genanki.Model(
    1745210002,
    "quizapp typed",
    fields=_fields(BASIC_FIELDS),
    templates=[
        {
            "name": "Card",
            "qfmt": FRONT + "\n{{type:Answer}}",
            "afmt": BACK.replace('<div class="answer">{{Answer}}</div>', "{{type:Answer}}"),
        }
    ],
    css=CSS,
)
CLOZE = genanki.Model(
    1745210003,
    "quizapp cloze",
    fields=_fields(CLOZE_FIELDS),
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": "{{cloze:Text}}{{#Back Extra}}<p>{{Back Extra}}</p>{{/Back Extra}}"
            '{{#Source}}<p class="source">Source: <i>{{Source}}</i></p>{{/Source}}',
        }
    ],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)


def deck_number(deck_id: str) -> int:
    """A stable Anki deck id for a quizapp deck id."""
    return int(hashlib.sha1(deck_id.encode("utf-8")).hexdigest()[:12], 16) + (1 << 40)


def note_for(deck: Deck, card: Card) -> genanki.Note:
    """The Anki note for a card: visible as quizapp shows it, with hidden metadata."""
    meta: dict[str, Any] = {"id": card.id, "kind": str(card.kind), "type": str(card.type)}
    meta |= {
        key: list(getattr(card, key)) for key in ("alternatives", "wrong") if getattr(card, key)
    }
    if card.date:
        meta["date"] = card.date
    tags = [tag.replace(" ", "_") for tag in dict.fromkeys((*card.tags, *deck.tags))]
    if deck.tags:
        meta["deck_tags"] = list(deck.tags)  # not the card's own: left out when read back
    source = text_to_html(card.source or " … ".join(e.source for e in card.events if e.source))
    if source and not card.source:
        meta["source_from_events"] = True  # shown for the student, not the card's own field
    if card.type is QuestionType.CLOZE:
        meta["blanks"] = cloze_blanks(card.text)
        text = BLANK.sub(_anki_blank, card.text)
        fields = [text_to_html(text), text_to_html(card.explanation), source]
        return genanki.Note(CLOZE, fields + [_json(meta)], tags=tags, guid=_guid(deck, card))
    # As study asks it: the same options in the same order.
    asked = study_question(Entry(deck, card), fuzz_seed(deck.id, card.id))
    options = ""
    if card.type is QuestionType.CHOICE:
        options = "<br>".join(
            f"{LETTERS[i]}) {text_to_html(o)}" for i, o in enumerate(asked.options)
        )
    elif card.type is QuestionType.TRUE_FALSE:
        options = "True or false?"
    elif card.type is QuestionType.CHRONOLOGY:
        meta["events"] = [vars(event) for event in card.events]
        options = text_to_html(asked.prompt.removeprefix(card.question).strip())
    fields = [
        text_to_html(card.question),
        options,
        text_to_html(asked.answer),
        text_to_html(card.explanation),
        source,
        _json(meta),
    ]
    model = TYPED if card.type is QuestionType.TYPED else BASIC
    return genanki.Note(model, fields, tags=tags, guid=_guid(deck, card))


def _anki_blank(match: re.Match[str]) -> str:
    """Our blank as Anki's: `{{c1::answer}}`, or `{{c1::answer::hint}}`."""
    answers, hint = blank_parts(match.group(1))
    return "{{c1::" + answers[0] + (f"::{hint}" if hint else "") + "}}"


def _guid(deck: Deck, card: Card) -> str:
    return str(genanki.guid_for(deck.id, card.id))


def _json(meta: dict[str, Any]) -> str:
    # Escaped so Anki's HTML editor leaves it alone; the reader unescapes it.
    return text_to_html(json.dumps(meta, ensure_ascii=False, sort_keys=True))


def write_apkg(
    decks: Sequence[Deck], path: Path, progress: Progress | None = None, timestamp: float = 0
) -> None:
    """Write the decks as an Anki package at `path` (through a temporary file).

    Args:
        decks: The decks; each becomes an Anki deck named by its title.
        path: The .apkg file to write.
        progress: Called as notes are made.
        timestamp: Seconds since the epoch for the notes' ids; now when 0.
    """
    total, done = sum(len(d.cards) for d in decks), 0
    anki_decks = []
    for deck in decks:
        anki_deck = genanki.Deck(deck_number(deck.id), deck.title, description=deck.description)
        for card in deck.cards:
            anki_deck.add_note(note_for(deck, card))
            done += 1
            if progress:
                progress(done, total)
        anki_decks.append(anki_deck)
    package = genanki.Package(anki_decks)
    stamp = timestamp or time.time()
    with tempfile.TemporaryDirectory(prefix="quizapp-apkg-", dir=path.parent) as folder:
        database = Path(folder) / "collection.anki2"
        conn = sqlite3.connect(database)
        try:
            # genanki's write_to_file leaves its temporary database behind; this does not.
            package.write_to_db(conn.cursor(), stamp, itertools.count(int(stamp * 1000)))
            conn.commit()
        finally:
            conn.close()
        staged = Path(folder) / path.name
        with zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(database, "collection.anki2")
            archive.writestr("media", "{}")
        os.replace(staged, path)
