"""The settings in force for a deck: its own values over every deck's, over the defaults."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from quizapp.core.progress.preferences import ALL_DECKS, SettingEvent
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.scheduler import Scheduler, SchedulerConfig
from quizapp.core.settings.definitions import DEFINITIONS, SettingError, definition


@dataclass(frozen=True)
class StudySettings:
    """Every setting, read and checked. `origin` says where each value came from."""

    new_per_day: int = 20
    reviews_per_day: int = 200
    retention: float = 0.9
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    day_starts_at: int = 4
    new_order: str = "deck"
    leech_lapses: int = 8
    leech_action: str = "tag"
    bundled_decks: str = "shown"
    sync_folder: str = ""  # "": none
    # key -> "default", "all decks" or "this deck"; and values kept but no longer valid
    origin: dict[str, str] = field(default_factory=dict, compare=False)
    ignored: dict[str, str] = field(default_factory=dict, compare=False)


def settings_for(store: Store, deck_id: str | None = None) -> StudySettings:
    """The settings in force for a deck (or for every deck, when None).

    A kept value that no longer passes its check (written by hand, or by another version)
    is ignored, and listed in `ignored` with the reason, so the app can say so.
    """
    return settings_from(store.preferences(), deck_id)


def settings_from(kept: Mapping[tuple[str, str], str], deck_id: str | None) -> StudySettings:
    """The settings in force for a deck, from the values kept ((deck id or '', key) ->
    text, as `Store.preferences` gives them): read once, for many decks."""
    values: dict[str, object] = {}
    origin: dict[str, str] = {}
    ignored: dict[str, str] = {}
    for key, spec in DEFINITIONS.items():
        values[key], origin[key] = spec.parse(spec.default), "default"
        scopes = [(ALL_DECKS, "all decks")]
        if deck_id is not None and spec.per_deck:
            scopes.append((deck_id, "this deck"))
        for scope, name in scopes:
            text = kept.get((scope, key))
            if text is None:
                continue
            try:
                values[key], origin[key] = spec.parse(text), name
            except SettingError as exc:
                ignored[key] = str(exc)
    named = {key.replace("-", "_"): value for key, value in values.items()}
    return StudySettings(**named, origin=origin, ignored=ignored)  # type: ignore[arg-type]


def scheduler_config(settings: StudySettings, base: SchedulerConfig) -> SchedulerConfig:
    """`base` under these settings: their retention, steps and day start; its parameters,
    fuzz and longest interval."""
    return replace(
        base,
        desired_retention=settings.retention,
        learning_steps=settings.learning_steps,
        relearning_steps=settings.relearning_steps,
        rollover_hour=settings.day_starts_at,
    )


def deck_scheduler(store: Store, deck_id: str | None, base: Scheduler) -> Scheduler:
    """The scheduler for a deck's cards (for every deck's, when None): `base` (its timezone
    and parameters) under the settings in force now. Read at every answer, so a change
    applies from the next one."""
    config = scheduler_config(settings_for(store, deck_id), base.config)
    return base if config == base.config else Scheduler(config, base.tz)


class SchedulersOverTime:
    """The scheduler an answer of the past was given: its deck's settings at its moment, from
    the log of changes. A replay of the review log (an import) reproduces what happened."""

    def __init__(self, store: Store, base: Scheduler) -> None:
        self.store, self.base = store, base
        self._events: list[SettingEvent] | None = None  # read at the first call
        self._times: list[datetime] = []
        self._made: dict[tuple[str, int], Scheduler] = {}

    def __call__(self, deck_id: str, at: datetime) -> Scheduler:
        if self._events is None:
            self._events = self.store.setting_events()
            self._times = [event.at for event in self._events]
        events = self._events
        count = bisect_right(self._times, at)
        made = self._made.get((deck_id, count))
        if made is None:
            kept: dict[tuple[str, str], str] = {}
            for event in events[:count]:
                if event.value is None:
                    kept.pop((event.deck_id, event.key), None)
                else:
                    kept[(event.deck_id, event.key)] = event.value
            config = scheduler_config(settings_from(kept, deck_id), self.base.config)
            made = self._made[(deck_id, count)] = Scheduler(config, self.base.tz)
        return made


def change_setting(
    store: Store, key: str, text: str | None, at: datetime, deck_id: str | None = None
) -> bool:
    """Set a value (checked first) or, with None, go back to the default (or to every deck's).

    Raises:
        SettingError: no such setting, a value it cannot take, or a deck for a setting that
            is one for every deck.
    """
    spec = definition(key)
    if deck_id is not None and not spec.per_deck:
        raise SettingError(f"{key} is one setting for every deck, not set deck by deck")
    if text is not None:
        spec.parse(text)  # raises in words
        text = text.strip()
    return store.set_preference(key, text, at, deck_id or ALL_DECKS)


def settings_json(settings: StudySettings) -> dict[str, object]:
    """The settings as `quizapp config --json` prints them, keyed by their names."""
    out: dict[str, object] = {}
    for key in DEFINITIONS:
        value = getattr(settings, key.replace("-", "_"))
        if isinstance(value, tuple):
            value = " ".join(_step_text(step) for step in value) or "none"
        out[key] = value
    return out


def _step_text(step: timedelta) -> str:
    seconds = step.total_seconds()
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"
