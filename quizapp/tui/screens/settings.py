"""Settings: every value for every deck or for one, checked as typed, saved on enter.

A value is checked at each key and what is wrong is said in words below the form; enter (or
leaving the field) saves a valid one, from the next answer on. For retention the screen shows
the reviews a day each choice would ask of this collection, simulated in a worker thread
(planning.retention_cost) from the cards' own memory states.
"""

from __future__ import annotations

from datetime import datetime

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Select, Static

from quizapp.core.collection import Collection
from quizapp.core.decks.model import Deck
from quizapp.core.planning.retention_cost import (
    RETENTIONS,
    WHAT,
    Workload,
    reviews_a_day,
    workload,
)
from quizapp.core.progress.sync import SYNC_FOLDER
from quizapp.core.settings.definitions import DEFINITIONS, SettingError, definition
from quizapp.core.settings.study_settings import (
    StudySettings,
    change_setting,
    settings_for,
    settings_json,
)
from quizapp.tui import styles
from quizapp.tui.store_errors import StoreUnavailableError, not_saved
from quizapp.tui.threads import deliver, reading
from quizapp.tui.widgets.footer import Footer

EVERY_DECK = "__every__"
HINT = "Enter saves a value (from the next answer on); empty, it goes back to"


def shown_value(value: object) -> str:
    return str(value)


def percent(share: float) -> str:
    """0.9 as 90%, 0.875 as 87.5%."""
    return f"{share * 100:g}%"


def figure(reviews: float) -> str:
    """Reviews a day as a person reads them: one decimal (two figures below one, whole from a
    hundred up), so nearby choices can be told apart."""
    if reviews >= 100:
        return f"{reviews:.0f}"
    return f"{reviews:.1f}" if reviews >= 1 else f"{reviews:.2g}"


class SettingsScreen(Screen[None]):
    """One row per setting: its name, its value (editable) and where the value comes from."""

    CSS_PATH = styles.SCREENS

    HELP_TITLE = "Settings"
    HELP_NOTES = (
        "`tab` moves between the settings. `enter` saves a value (leaving the field saves it"
        " too); an empty value goes back to every deck's value, or the default. The box at the"
        " top chooses every deck or one deck. Below: the reviews a day each retention would ask"
        " of these decks."
    )
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="settings.back", tooltip="Back."),
    ]

    def __init__(self, collection: Collection, deck_id: str | None = None) -> None:
        super().__init__()
        self.collection = collection
        self.deck_id = deck_id
        self.settings = StudySettings()
        self._estimates: dict[float, float] = {}  # retention -> reviews a day
        self._load: Workload | None = None  # the chosen decks, as the simulation takes them

    # Layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="settings-body"):
            with Horizontal(id="settings-scope"):
                yield Label("Settings for", classes="setting-key")
                options = [("every deck", EVERY_DECK)]
                options += [(deck.title, deck.id) for deck in self.collection.decks]
                yield Select(
                    options,
                    value=self.deck_id or EVERY_DECK,
                    allow_blank=False,
                    compact=True,
                    id="settings-deck",
                )
            for key in DEFINITIONS:
                with Horizontal(classes="setting-row"):
                    yield Label(key, classes="setting-key")
                    yield Input(id=f"setting-{key}", classes="setting-value", compact=True)
                    yield Static(id=f"origin-{key}", classes="setting-origin")
            yield Static(id="settings-check")
            yield Static(id="settings-retention")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Settings"
        self.show_values()
        self.query_one(f"#setting-{next(iter(DEFINITIONS))}", Input).focus()

    # What is on screen -------------------------------------------------------------------

    def show_values(self) -> None:
        """The settings in force for the deck chosen (or every deck), and where each is from."""
        self.settings = settings_for(self.collection.store, self.deck_id)
        values = settings_json(self.settings)
        for key, spec in DEFINITIONS.items():
            box = self.query_one(f"#setting-{key}", Input)
            with box.prevent(Input.Changed):
                box.value = shown_value(values[key])
            box.cursor_position = len(box.value)
            box.disabled = (self.deck_id is not None and not spec.per_deck) or self.served(key)
            box.remove_class("invalid")
            self._show_origin(key)
        self._say_meaning(self._focused_key())
        self.estimate()

    def _show_origin(self, key: str) -> None:
        spec = DEFINITIONS[key]
        origin = self.settings.origin.get(key, "default")
        if self.deck_id is not None and not spec.per_deck:
            origin = f"{origin}, for every deck"
        elif key in self.settings.ignored:
            origin += " (kept value unusable)"
        if self.served(key):
            origin = f"{origin}; set where quizapp is served"
        self.query_one(f"#origin-{key}", Static).update(Content(origin))

    def served(self, key: str) -> bool:
        """Whether this setting is kept out of a browser's reach: a folder on the machine that
        serves, which the app would write to (set there: `quizapp --profile NAME config`)."""
        return key == SYNC_FOLDER and self.app.is_web

    def _fallback(self, key: str) -> str:
        """What an empty value goes back to: every deck's value, or the default."""
        if self.deck_id is not None:
            every = settings_json(settings_for(self.collection.store))[key]
            return f"every deck's value ({every})"
        return f"the default ({DEFINITIONS[key].default or 'none'})"

    def _say_meaning(self, key: str | None) -> None:
        if key is None:
            self._say("Tab moves to a setting: what it means shows here.", error=False)
            return
        words = f"{key}: {DEFINITIONS[key].meaning}.\n{HINT} {self._fallback(key)}."
        if self.deck_id is not None and not DEFINITIONS[key].per_deck:
            words = f"{key}: {DEFINITIONS[key].meaning}. Change it with 'every deck' above."
        self._say(words, error=False)

    def _say(self, words: str, *, error: bool) -> None:
        check = self.query_one("#settings-check", Static)
        check.update(Content(words))
        check.set_class(error, "error")

    def _focused_key(self) -> str | None:
        focused = self.focused
        if isinstance(focused, Input) and focused.id and focused.id.startswith("setting-"):
            return focused.id.removeprefix("setting-")
        return None

    # Checking and saving -----------------------------------------------------------------

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        key = self._focused_key()
        if key is not None:
            self.check(key, self.query_one(f"#setting-{key}", Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        key = (event.input.id or "").removeprefix("setting-")
        if key in DEFINITIONS:
            self.check(key, event.value)

    def check(self, key: str, text: str) -> bool:
        """Check a value as typed; say what is wrong, or what the setting means."""
        box = self.query_one(f"#setting-{key}", Input)
        if not text.strip():
            box.remove_class("invalid")
            self._say(f"{key}: empty goes back to {self._fallback(key)} on enter.", error=False)
            return True
        try:
            value = definition(key).parse(text)
        except SettingError as exc:
            box.add_class("invalid")
            self._say(f"{key}: {exc}.", error=True)
            return False
        box.remove_class("invalid")
        self._say_meaning(key)
        if key == "retention" and isinstance(value, float):
            self._show_estimates(value)
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save(event.input)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        event.stop()
        if self.is_attached and not event.input.disabled:
            self.save(event.input, quiet=True)

    def save(self, box: Input, quiet: bool = False) -> None:
        """Keep a valid value (an empty one: back to the fallback), if it changed."""
        key = (box.id or "").removeprefix("setting-")
        if key not in DEFINITIONS or not self.check(key, box.value):
            return
        text = box.value.strip() or None
        current = shown_value(settings_json(self.settings)[key])
        if text is not None and text == current:
            return
        try:
            changed = change_setting(
                self.collection.store, key, text, self.collection.clock(), self.deck_id
            )
        except SettingError as exc:
            self._say(f"{key}: {exc}.", error=True)
            return
        except StoreUnavailableError as exc:
            not_saved(self, exc, "Press enter again once it is fixed.")
            return
        if not changed:
            return
        self.collection.settings_changed()  # the day's start and retention counted with
        where = f"deck {self.deck_id}" if self.deck_id else "every deck"
        self.show_values()
        value = shown_value(settings_json(self.settings)[key])
        self.notify(
            f"{key} for {where}: {value} ({self.settings.origin[key]}), from the next answer.",
            title="Saved",
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        chosen = None if event.value == EVERY_DECK else str(event.value)
        if chosen != self.deck_id:
            self.deck_id = chosen
            self.show_values()

    # Retention's cost --------------------------------------------------------------------

    def _decks(self) -> list[Deck]:
        decks = self.collection.decks
        return [d for d in decks if d.id == self.deck_id] if self.deck_id else list(decks)

    def estimate(self) -> None:
        """Work out the reviews a day at each retention for the chosen decks, in a worker."""
        self._estimates, self._load = {}, None
        self._show_estimates()
        store = self.collection.store
        if self.deck_id is None:
            per_day = sum(settings_for(store, d.id).new_per_day for d in self._decks())
        else:
            per_day = self.settings.new_per_day
        retentions = sorted({*RETENTIONS, self.settings.retention})
        steps = len(self.settings.relearning_steps)
        self._simulate(self._decks(), self.collection.clock(), per_day, steps, retentions)

    @work(thread=True, exclusive=True, group="retention")
    def _simulate(
        self,
        decks: list[Deck],
        now: datetime,
        per_day: int,
        steps: int,
        retentions: list[float],
    ) -> None:
        # A connection of its own: the app's belongs to the event loop's thread.
        with reading(self.collection.store.path) as reader:
            load = workload(decks, reader, self.collection.scheduler, now, per_day, steps)
        figures = {retention: reviews_a_day(load, retention) for retention in retentions}
        deliver(self.app, self._estimated, load, figures)

    @work(thread=True, exclusive=True, group="retention-typed")
    def _simulate_typed(self, load: Workload, retention: float) -> None:
        deliver(self.app, self._estimated, load, {retention: reviews_a_day(load, retention)})

    def _estimated(self, load: Workload, figures: dict[float, float]) -> None:
        self._load = load
        self._estimates.update(figures)
        key = self._focused_key()
        typed = self.query_one("#setting-retention", Input).value if key == "retention" else ""
        self._show_estimates(_retention_or_none(typed))

    def _show_estimates(self, typed: float | None = None) -> None:
        """The figures, with the retention in force, or one being typed (worked out first)."""
        panel = self.query_one("#settings-retention", Static)
        if self._load is None:
            panel.update(Content("Reviews a day at each retention: working them out…"))
            return
        mine = typed if typed is not None else self.settings.retention
        if mine not in self._estimates:
            self._simulate_typed(self._load, mine)
        shown = sorted({*RETENTIONS, self.settings.retention} & set(self._estimates))
        cells = [f"{percent(r)}: {figure(self._estimates[r])}" for r in shown]
        known = self._estimates.get(mine)
        which = "typed" if typed is not None and typed != self.settings.retention else "yours"
        yours = f"{which} ({percent(mine)}): " + ("…" if known is None else figure(known))
        scope = f"deck {self.deck_id}" if self.deck_id else "all your decks"
        panel.update(
            Content(
                f"Reviews a day at each retention: the {WHAT}, {scope}, from FSRS.\n"
                f"  {'   '.join(cells)}\n  {yours}"
            )
        )


def _retention_or_none(text: str) -> float | None:
    try:
        return definition("retention").parse(text) if text.strip() else None  # type: ignore[return-value]
    except SettingError:
        return None
