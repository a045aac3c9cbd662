"""A collection's deck files: found under folders, loaded (through the cache), one deck an id."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from quizapp.core.decks.cache import DeckCache
from quizapp.core.decks.codes import DUPLICATE_ID
from quizapp.core.decks.loader import DECK_SUFFIXES, LoadResult, load_deck
from quizapp.core.decks.model import Deck, WorkPassages
from quizapp.core.decks.problems import Problem, Severity


def find_deck_files(paths: Iterable[Path]) -> list[Path]:
    """The deck files named, and those anywhere under the folders named, sorted per folder."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            # Not only regular files: a folder named x.yaml or a symlink loop is reported too.
            # Emacs's lock files (.#name.yaml) are dangling symlinks: not decks.
            found = (
                p
                for p in path.rglob("*")
                if p.suffix in DECK_SUFFIXES and not p.name.startswith(".#")
            )
            files.extend(sorted(found))
        else:
            files.append(path)
    return files


def load_decks(
    paths: Iterable[Path],
    cache: DeckCache | None = None,
    progress: Callable[[int, int], None] | None = None,
    bundled: Path | None = None,
) -> list[LoadResult]:
    """Load every deck under `paths`; a broken file never stops the others.

    Deck ids are then settled (`settle_deck_ids`): progress is keyed by deck id.

    Args:
        paths: Deck files and folders of deck files.
        cache: Where parsed decks are kept; an unchanged file is then never parsed again.
        progress: Called with (files done, files in all) after each file.
        bundled: The folder of the decks that ship with quizapp, which the student's own
            decks may replace.
    """
    files = find_deck_files(paths)
    results = []
    for done, path in enumerate(files, 1):
        results.append(cache.load(path) if cache is not None else load_deck(path))
        if progress is not None:
            progress(done, len(files))
    return settle_deck_ids(results, bundled)


def settle_deck_ids(results: list[LoadResult], bundled: Path | None = None) -> list[LoadResult]:
    """The results with one deck per deck id.

    The first deck of the student's (outside `bundled`) that loads without errors replaces a
    bundled deck with its id, in its place in the list (a corrected copy of a bundled deck:
    the same ids keep its progress); its result's `replaces` names the bundled file. Any
    other deck whose id an earlier file already uses gets an error.
    """
    # realpath, not resolve: a symlink loop is a deck file with a problem, not an exception.
    home = Path(os.path.realpath(bundled)) if bundled is not None else None
    inside = [
        home is not None and Path(os.path.realpath(r.path)).is_relative_to(home) for r in results
    ]
    own: dict[str, LoadResult] = {}
    for result, is_bundled in zip(results, inside, strict=True):
        result.replaces = None
        if result.ok and result.deck is not None and not is_bundled:
            own.setdefault(result.deck.id, result)
    kept: list[tuple[LoadResult, bool]] = []
    placed: set[int] = set()  # the student's copies already in the list, by id()
    for result, is_bundled in zip(results, inside, strict=True):
        copy = own.get(result.deck.id) if result.deck is not None else None
        if copy is not None and is_bundled:
            copy.replaces = result.path  # it takes this place (and a second bundled one's none)
        elif copy is not result:
            kept.append((result, is_bundled))
            continue
        if id(copy) not in placed:
            placed.add(id(copy))
            kept.append((copy, False))
    seen: dict[str, tuple[LoadResult, bool]] = {}
    for result, is_bundled in kept:
        if result.deck is None:
            continue
        first, first_bundled = seen.setdefault(result.deck.id, (result, is_bundled))
        if first is result:
            continue
        if first_bundled and not is_bundled:
            continue  # a broken copy of a bundled deck: its own errors say why it is not used
        line, column = result.id_position
        message = f"deck id '{result.deck.id}' is already used by {first.path}"
        problem = Problem(result.path, line, column, Severity.ERROR, message, DUPLICATE_ID)
        result.problems.append(problem)
    return share_works([result for result, _ in kept])


def share_works(results: list[LoadResult]) -> list[LoadResult]:
    """The results, each deck given the passages every deck on the same work quotes (decks
    with the same reference title and author; a deck with no reference title is its own)."""
    groups: dict[object, list[LoadResult]] = {}
    for result in results:
        if result.deck is not None:
            groups.setdefault(_work_key(result.deck), []).append(result)
    for group in groups.values():
        work = WorkPassages([r.deck for r in group if r.deck is not None])
        for result in group:
            if result.deck is not None:
                result.deck = replace(result.deck, work=work)
    return results


def _work_key(deck: Deck) -> object:
    title = deck.reference.title.strip().casefold()
    return (title, deck.reference.author.strip().casefold()) if title else id(deck)
