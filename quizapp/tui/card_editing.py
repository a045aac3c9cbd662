"""Editing a card from where it is studied or browsed: the student's editor at its line.

The app is suspended while the editor runs (Textual's `App.suspend`); then the deck file is
read again in a thread and checked. A file with errors is reported (path:line:col message)
and the deck stays as it was. A card whose id the edit changed may take its progress along,
if the student says so. A deck installed with quizapp is copied into the student's decks
folder first, and the copy is edited.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from textual.app import App, SuspendNotSupported
from textual.screen import Screen

from quizapp.core.authoring.editor import editor_command, is_installed, own_copy, renamed_to
from quizapp.core.collection import Collection
from quizapp.core.decks.loader import LoadResult, load_deck
from quizapp.core.decks.model import REVERSE_SUFFIX, Card, Deck
from quizapp.core.paths import bundled_decks_dir, user_decks_dir
from quizapp.core.progress.renames import RenameError, RenameReason
from quizapp.tui.threads import deliver

MAX_PROBLEMS_SAID = 3


@dataclass
class Edited:
    """What an edit came to, for the screen it was made from."""

    deck: Deck  # the deck as it is now
    card: Card | None  # the card edited, under its id now; None when it left the deck
    renamed: dict[str, str] = field(default_factory=dict)  # old id -> new id, to follow


@contextmanager
def suspended(app: App[Any]) -> Iterator[None]:
    """The terminal handed over to another program; where the app cannot be suspended (a test,
    a browser), the program simply runs."""
    try:
        with app.suspend():
            yield
    except SuspendNotSupported:
        yield


def edit_card(
    screen: Screen[Any],
    collection: Collection,
    deck: Deck,
    card: Card,
    done: Callable[[Edited], None],
) -> None:
    """Open the card's deck file at its line, then read it again; `done` is called on the
    event loop with the outcome when the deck changed (not when it is broken)."""
    if screen.app.is_web:  # the editor would open on the machine serving the page, unseen
        screen.notify(
            "Cards cannot be edited from a browser: the deck files are on the machine that"
            f" serves quizapp. This one is in {deck.path.name}, line {card.line}.",
            title="Not edited",
            timeout=10,
        )
        return
    path = deck.path
    if is_installed(path, bundled_decks_dir()):
        try:
            path = own_copy(deck, collection.data_dir)
        except OSError as exc:
            screen.notify(
                f"The deck {deck.path.name} is installed with quizapp; a copy of it could not"
                f" be written to your decks folder: {exc.strerror or exc}",
                title="Not edited",
                severity="error",
            )
            return
        own = user_decks_dir(collection.data_dir)
        if own not in collection.deck_paths:
            collection.deck_paths.append(own)
    command = editor_command(path, card.line)
    if command is None:
        screen.notify(
            "No editor found: set VISUAL or EDITOR (for example: export EDITOR=nano).",
            title="Not edited",
            severity="error",
        )
        return
    try:
        with suspended(screen.app):
            subprocess.run(command, check=False)
    except OSError as exc:
        screen.notify(
            f"The editor could not be started ({command[0]}): {exc.strerror or exc}."
            " Set VISUAL or EDITOR to one that is installed.",
            title="Not edited",
            severity="error",
        )
        return

    if path != deck.path:  # said once the editor is closed, where the student sees it
        screen.notify(
            f"'{deck.title}' is installed with quizapp, so your own copy was edited: {path}."
            " It replaces the installed deck from now on; your progress is kept.",
            title="Your copy of the deck",
            timeout=12,
        )

    def read_again() -> None:  # in a thread: a large deck takes a moment to parse
        result = load_deck(path)
        deliver(screen.app, _checked, screen, collection, deck, card, result, done)

    screen.run_worker(read_again, thread=True, group="card-edit", exclusive=True)


def _checked(
    screen: Screen[Any],
    collection: Collection,
    old: Deck,
    card: Card,
    result: LoadResult,
    done: Callable[[Edited], None],
) -> None:
    """On the event loop: report a broken file, or swap the deck in and follow the card."""
    if result.errors or result.deck is None:
        said = [str(problem) for problem in result.errors[:MAX_PROBLEMS_SAID]]
        more = len(result.errors) - len(said)
        if more > 0:
            said.append(f"... and {more} more (quizapp check {result.path})")
        screen.notify(
            "\n".join([*said, "The card stays as it was until the file is fixed."]),
            title="The deck has errors",
            severity="error",
            timeout=20,
        )
        return
    collection.swap_in([result])
    deck = result.deck
    for carried in collection.carry_renames([deck]):
        screen.notify(carried, title="Progress carried over")
    written = card.reverse_of or card.id
    if deck.card(written) is not None:
        screen.notify(f"{result.path.name} read again and checked.", title="Card saved")
        done(Edited(deck, deck.card(card.id)))
        return
    new_id = renamed_to(old, deck, written, card.line)
    if new_id is None:
        screen.notify(
            f"Card '{written}' is no longer in {result.path.name}; its progress stays under its"
            f" old id. If you renamed it, add 'was: {written}' to it to carry its progress over.",
            title="Card gone",
            severity="warning",
            timeout=15,
        )
        done(Edited(deck, None))
        return
    _ask_to_carry(screen, collection, deck, card, written, new_id, done)


def _ask_to_carry(
    screen: Screen[Any],
    collection: Collection,
    deck: Deck,
    card: Card,
    old_id: str,
    new_id: str,
    done: Callable[[Edited], None],
) -> None:
    """The card's id changed: carry its progress (and its sibling's) to the new id, if wanted."""
    from quizapp.tui.screens.confirm import ConfirmScreen

    renamed = {old_id: new_id, old_id + REVERSE_SUFFIX: new_id + REVERSE_SUFFIX}
    now_id = renamed.get(card.id, card.id)
    answers = len(collection.store.reviews(deck.id, old_id))
    if not answers and not collection.store.card_events(deck.id, old_id):
        done(Edited(deck, deck.card(now_id), renamed))  # nothing to carry
        return

    def carry(yes: bool | None) -> None:
        if yes:
            try:
                for old, new in renamed.items():
                    collection.store.rename_card(
                        deck.id, old, new, collection.clock(), RenameReason.EDIT
                    )
            except RenameError as exc:
                screen.notify(str(exc), title="Progress not moved", severity="error")
            else:
                screen.notify(
                    f"Card '{new_id}' keeps the progress of '{old_id}'.", title="Progress kept"
                )
        else:
            screen.notify(
                f"'{new_id}' starts as a new card; the progress of '{old_id}' stays behind"
                f" (add 'was: {old_id}' to the card to carry it over later).",
                title="Progress not moved",
                timeout=12,
            )
        done(Edited(deck, deck.card(now_id), renamed))

    question = (
        f"The card's id changed from '{old_id}' to '{new_id}'.\n\n"
        f"Carry its progress ({answers} answer{'s' if answers != 1 else ''}) over to"
        f" '{new_id}'? If not, '{new_id}' starts as a new card."
    )
    screen.app.push_screen(ConfirmScreen(question, yes="Carry it over", no="Start anew"), carry)
