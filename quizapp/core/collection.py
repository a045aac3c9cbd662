"""A student's collection: the decks loaded, their progress store and the scheduler."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from quizapp.core.clock import Clock, system_clock
from quizapp.core.decks.cache import DeckCache, deck_card_ids, deck_fingerprint
from quizapp.core.decks.library import find_deck_files, load_decks, settle_deck_ids
from quizapp.core.decks.loader import LoadResult
from quizapp.core.decks.model import Card, Deck
from quizapp.core.paths import (
    bundled_decks_dir,
    bundled_decks_shown,
    default_deck_paths,
    progress_path,
)
from quizapp.core.paths import data_dir as resolve_data_dir
from quizapp.core.progress.backup import backup_folder, list_backups, start_daily_backup
from quizapp.core.progress.database import (
    DamagedStoreError,
    StoreUnavailableError,
    UpgradeProgress,
)
from quizapp.core.progress.day_counts import day_tallies
from quizapp.core.progress.parameters import load_parameters
from quizapp.core.progress.renames import RenameError, RenameReason
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.scheduler import Scheduler, SchedulerConfig
from quizapp.core.scheduling.study_day import start_of_study_day, study_day
from quizapp.core.sessions.queue import DeckCounts, offered
from quizapp.core.settings.study_settings import (
    SchedulersOverTime,
    deck_scheduler,
    scheduler_config,
    settings_for,
    settings_from,
)


@dataclass
class Collection:
    """Everything a session works on, opened once by the CLI or the app."""

    results: list[LoadResult]
    store: Store
    scheduler: Scheduler
    clock: Clock = system_clock
    data_dir: Path = Path(".")
    notices: list[str] = field(default_factory=list)
    deck_paths: list[Path] = field(default_factory=list)
    # Deck files not read yet (`open(parse_later=True)`): `load_pending` reads them.
    pending: list[Path] = field(default_factory=list)
    backup_thread: threading.Thread | None = None
    # Cards that took over the progress of their `was:` ids as the decks were read, in words.
    carried: list[str] = field(default_factory=list)
    _fingerprints: dict[int, tuple[Deck, str]] = field(default_factory=dict, repr=False)

    @classmethod
    def open(
        cls,
        deck_paths: Sequence[Path] | None = None,
        data_dir: str | Path | None = None,
        clock: Clock = system_clock,
        *,
        parse_later: bool = False,
        progress: Callable[[int, int], None] | None = None,
        show_bundled: bool | None = None,
        upgrading: UpgradeProgress | None = None,
    ) -> Collection:
        """Load the decks and open the store (a damaged one is set aside, with a notice).

        Decks come from the parsed-deck cache when their files are unchanged.

        Args:
            deck_paths: Deck files and folders; the default decks when None.
            data_dir: The data folder; see `paths.data_dir`.
            clock: The clock.
            parse_later: Load only the cached decks now and list the others in `pending`,
                for the app to read them behind a progress bar (`load_pending`).
            progress: Called with (files done, files in all) while decks are read.
            show_bundled: Load the bundled decks with the default decks; None decides by
                the `bundled-decks` setting, else `paths.bundled_decks_shown`
                ($QUIZAPP_NO_BUNDLED).
            upgrading: Called with (reviews done, reviews in all) while a progress file
                written by an older quizapp is upgraded (`database.connect`).
        """
        folder = resolve_data_dir(data_dir)
        # The store first: a file in use elsewhere fails before any deck is read.
        existed = progress_path(folder).exists()
        store, notices = open_store(progress_path(folder), clock, upgrading)
        if deck_paths:
            paths = list(deck_paths)
        else:
            chosen = {"shown": True, "hidden": False}.get(store.preference("bundled-decks") or "")
            shown = bundled_decks_shown(setting=chosen)
            paths = default_deck_paths(folder, shown if show_bundled is None else show_bundled)
        if notices and list_backups(backup_folder(folder)):
            notices[-1] += " Earlier progress can be brought back with `quizapp restore`."
        cache = DeckCache.for_data_dir(folder)
        bundled = bundled_decks_dir()  # the student's own decks may replace these
        pending: list[Path] = []
        if parse_later:
            cached = {path: cache.lookup(path) for path in find_deck_files(paths)}
            pending = [path for path, result in cached.items() if result is None]
        if pending:
            results = settle_deck_ids([r for r in cached.values() if r is not None], bundled)
        else:
            results = load_decks(paths, cache, progress, bundled)
        # Parameters fitted by "Optimize my schedule", else FSRS-6's defaults; the settings
        # for every deck (retention, steps, the day's start); a deck's own: `scheduler_for`.
        fitted = load_parameters(store)
        config = SchedulerConfig(parameters=fitted) if fitted else SchedulerConfig()
        config = scheduler_config(settings_for(store), config)
        scheduler = Scheduler(config)
        store.day_rule = (scheduler.tz, config.rollover_hour)
        collection = cls(results, store, scheduler, clock, folder, notices, paths, pending)
        collection.carried = collection.carry_renames()
        if existed and not notices:  # a new or fresh-started store has nothing to keep yet
            collection.backup_thread = start_daily_backup(
                progress_path(folder), folder, clock, scheduler.tz, config.rollover_hour
            )
        return collection

    def scheduler_for(self, deck_id: str | None) -> Scheduler:
        """The scheduler for a deck's cards: its own settings (retention, steps) in force now
        over every deck's; with None, every deck's."""
        return deck_scheduler(self.store, deck_id, self.scheduler)

    def settings_changed(self) -> None:
        """Take every deck's settings again (after a change): the day's start and retention
        that statistics, plans and new sessions count with."""
        self.scheduler = self.scheduler_for(None)

    def schedulers_over_time(self) -> SchedulersOverTime:
        """The scheduler each deck had at each moment of its log (for an import's replay)."""
        return SchedulersOverTime(self.store, self.scheduler)

    def load_pending(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Read the deck files `open(parse_later=True)` left (safe to call from a thread)."""
        if self.pending:
            cache = DeckCache.for_data_dir(self.data_dir)
            results = load_decks(self.deck_paths, cache, progress, bundled_decks_dir())
            self.results, self.pending = results, []  # one assignment: readers see old or new

    def swap_in(self, fresh: Sequence[LoadResult]) -> None:
        """Put deck files read again in place of their earlier results.

        A deck of the student's that replaced an installed one still does; a file not read
        before (the student's copy of an installed deck) takes the place of the deck with its
        id, when it loads without errors.
        """
        by_path = {result.path: result for result in fresh}
        for result in self.results:
            again = by_path.get(result.path)
            if again is None or not again.ok or again.deck is None or result.deck is None:
                continue
            if again.deck.id == result.deck.id:
                again.replaces = result.replaces
        results = [by_path.pop(result.path, result) for result in self.results]
        installed = Path(os.path.realpath(bundled_decks_dir()))
        for extra in by_path.values():
            ids = [r.deck.id if r.deck is not None else None for r in results]
            place = ids.index(extra.deck.id) if extra.deck and extra.deck.id in ids else None
            if (
                extra.ok
                and place is not None
                and Path(os.path.realpath(results[place].path)).is_relative_to(installed)
            ):
                extra.replaces = results[place].path
                results[place] = extra
            else:
                results.append(extra)
        self.results = results  # one assignment: readers see the old list or the new

    def carry_renames(self, decks: Sequence[Deck] | None = None) -> list[str]:
        """Move the progress of each `was: OLD-ID` to its card (once: the old id has none
        left after), logged in the store; says what moved, or could not, in words."""
        said = []
        for deck in self.decks if decks is None else decks:
            for old, new in deck.renamed:
                try:
                    moved = self.store.rename_card(
                        deck.id, old, new, self.clock(), RenameReason.WAS
                    )
                except RenameError as exc:
                    said.append(f"Deck '{deck.id}': {exc} ('was: {old}' on '{new}').")
                except StoreUnavailableError:
                    return said  # tried again next time
                else:
                    if moved:
                        said.append(
                            f"Card {deck.id}/{new} took over the progress of '{old}' (was: {old})."
                        )
        return said

    def close(self) -> None:
        if self.backup_thread is not None:
            self.backup_thread.join()
        self.store.close()

    @property
    def decks(self) -> list[Deck]:
        """The decks that loaded without errors, in load order."""
        return [r.deck for r in self.results if r.deck is not None and not r.errors]

    def deck_notices(self, *, names_only: bool = False) -> list[str]:
        """The student's decks that replace a bundled deck with the same id, in words (with
        `names_only`, file names rather than paths: for a screen, where a path is too long)."""
        return [
            f"Your deck {r.path.name} replaces the bundled deck '{r.deck.id}' (same id); "
            "your progress on it is kept."
            if names_only
            else f"Your deck {r.path} replaces the bundled deck '{r.deck.id}' ({r.replaces}); "
            "your progress on it is kept."
            for r in self.results
            if r.replaces is not None and r.deck is not None
        ]

    @property
    def failed(self) -> list[LoadResult]:
        """Deck files that could not be used, with their problems."""
        return [r for r in self.results if r.deck is None or r.errors]

    def select(self, names: Sequence[str]) -> list[Deck]:
        """The decks named by id, title or file path (all decks when no name is given).

        Raises:
            LookupError: a name matches no deck.
        """
        if not names:
            return self.decks
        chosen: list[Deck] = []
        for name in names:
            matches = [d for d in self.decks if name in (d.id, d.title) or _same_file(d.path, name)]
            if not matches:
                known = ", ".join(d.id for d in self.decks) or "none"
                raise LookupError(f"no deck named '{name}' (decks: {known})")
            chosen.extend(d for d in matches if d not in chosen)
        return chosen

    def find_cards(self, names: Sequence[str]) -> list[tuple[Deck, Card]]:
        """The cards named `deck-id/card-id`, in the order given.

        Raises:
            LookupError: a name is not of that form, or names no loaded deck or card; the
                message says which, in words.
        """
        found: list[tuple[Deck, Card]] = []
        decks = {deck.id: deck for deck in self.decks}
        for name in names:
            deck_id, slash, card_id = name.partition("/")
            if not slash or not deck_id or not card_id:
                raise LookupError(
                    f"'{name}' is not a card: name one as DECK-ID/CARD-ID, e.g. ten/c9"
                )
            deck = decks.get(deck_id)
            if deck is None:
                known = ", ".join(decks) or "none"
                raise LookupError(f"no deck with the id '{deck_id}' (decks: {known})")
            card = deck.card(card_id)
            if card is None:
                raise LookupError(f"deck '{deck_id}' has no card with the id '{card_id}'")
            found.append((deck, card))
        return found

    def counts(self, deck: Deck, now: datetime | None = None) -> DeckCounts:
        """A deck's counts (see `all_counts`)."""
        return self.all_counts([deck], now)[0]

    def all_counts(self, decks: Sequence[Deck], now: datetime | None = None) -> list[DeckCounts]:
        """Each deck's card, new and due counts, and what today offers under its settings.

        Never reads every card's state, nor (once the store has seen a deck file's card ids)
        the decks' cards: a few queries for all the decks, fast at any size.
        """
        for deck in decks:
            known = self._fingerprints.get(id(deck))
            if known is None or known[0] is not deck:
                known = self._fingerprints[id(deck)] = (deck, deck_fingerprint(deck))
            fingerprint = known[1]
            self.store.check_deck(deck.id, fingerprint, partial(deck_card_ids, deck))
        now = now or self.clock()
        tz, roll = self.scheduler.tz, self.scheduler.config.rollover_hour
        day = study_day(now, tz, roll)
        start = start_of_study_day(day, tz, roll)
        end = start_of_study_day(day + timedelta(days=1), tz, roll)
        tallies = day_tallies(self.store, [deck.id for deck in decks], now, start, end)
        kept = self.store.preferences()
        own = {deck_id for deck_id, _ in kept}
        every = settings_from(kept, None)  # read once: few decks have settings of their own
        return [
            offered(
                len(deck.cards),
                tallies[deck.id],
                settings_from(kept, deck.id) if deck.id in own else every,
            )
            for deck in decks
        ]


def open_store(
    path: Path, clock: Clock = system_clock, upgrading: UpgradeProgress | None = None
) -> tuple[Store, list[str]]:
    """Open the progress store; if it is damaged, keep it aside and start a fresh one."""
    try:
        return Store.open(path, upgrading), []
    except DamagedStoreError as exc:
        stamp = clock().strftime("%Y%m%d-%H%M%S")
        kept = path.with_name(f"{path.name}.damaged-{stamp}")
        path.rename(kept)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.rename(kept.with_name(kept.name + suffix))
        notice = (
            f"Your progress file could not be used: {exc}. It was kept as {kept}; "
            "quizapp started a fresh one."
        )
        return Store.open(path), [notice]


def _same_file(path: Path, name: str) -> bool:
    candidate = Path(name)
    return candidate.exists() and candidate.resolve() == path.resolve()
