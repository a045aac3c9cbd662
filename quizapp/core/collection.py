"""A student's collection: the decks loaded, their progress store and the scheduler."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from quizapp.core.clock import Clock, system_clock
from quizapp.core.database import DamagedStoreError
from quizapp.core.loader import LoadResult, load_decks
from quizapp.core.model import Deck
from quizapp.core.paths import data_dir as resolve_data_dir
from quizapp.core.paths import default_deck_paths, progress_path
from quizapp.core.problems import Problem, Severity
from quizapp.core.queue import DeckCounts, deck_counts
from quizapp.core.scheduler import Scheduler, SchedulerConfig
from quizapp.core.store import Store

RETENTION_SETTING = "desired_retention"


@dataclass
class Collection:
    """Everything a session works on, opened once by the CLI or the app."""

    results: list[LoadResult]
    store: Store
    scheduler: Scheduler
    clock: Clock = system_clock
    data_dir: Path = Path(".")
    notices: list[str] = field(default_factory=list)

    @classmethod
    def open(
        cls,
        deck_paths: Sequence[Path] | None = None,
        data_dir: str | Path | None = None,
        clock: Clock = system_clock,
    ) -> Collection:
        """Load the decks and open the store (a damaged one is set aside, with a notice)."""
        folder = resolve_data_dir(data_dir)
        paths = list(deck_paths) if deck_paths else default_deck_paths(folder)
        results = load_decks(paths)
        _flag_duplicate_deck_ids(results)
        store, notices = open_store(progress_path(folder), clock)
        retention = float(store.setting(RETENTION_SETTING, "0.9") or 0.9)
        scheduler = Scheduler(SchedulerConfig(desired_retention=retention))
        return cls(results, store, scheduler, clock, folder, notices)

    def close(self) -> None:
        self.store.close()

    @property
    def decks(self) -> list[Deck]:
        """The decks that loaded without errors, in load order."""
        return [r.deck for r in self.results if r.deck is not None and not r.errors]

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

    def counts(self, deck: Deck, now: datetime | None = None) -> DeckCounts:
        return deck_counts(deck, self.store.states(deck.id), now or self.clock())


def open_store(path: Path, clock: Clock = system_clock) -> tuple[Store, list[str]]:
    """Open the progress store; if it is damaged, keep it aside and start a fresh one."""
    try:
        return Store.open(path), []
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


def _flag_duplicate_deck_ids(results: list[LoadResult]) -> None:
    seen: dict[str, Path] = {}
    for result in results:
        if result.deck is None:
            continue
        first = seen.setdefault(result.deck.id, result.path)
        if first != result.path:
            message = f"deck id '{result.deck.id}' is already used by {first}"
            result.problems.append(Problem(result.path, 1, 1, Severity.ERROR, message))
