"""Statistics: the review heatmap, due forecast, retention, mastery, hardest cards, leeches,
streak.

Every chart has its figures in words beside it, so nothing depends on reading a chart (or a
colour). "Optimize my schedule" (o) fits FSRS to the student's log in a worker thread.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual_plotext import PlotextPlot

from quizapp.core.collection import Collection
from quizapp.core.decks.model import Deck
from quizapp.core.insight.heatmap import grid, legend
from quizapp.core.insight.mastery import MASTERED_RULE
from quizapp.core.insight.stats import Stats, collect
from quizapp.core.progress.fitting import adopt
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.optimizer import Optimization, history, optimize
from quizapp.core.scheduling.scheduler import Scheduler
from quizapp.tui import styles
from quizapp.tui.screens.recount import RecountOnReturn
from quizapp.tui.store_errors import saving
from quizapp.tui.threads import deliver, reading
from quizapp.tui.widgets.footer import Footer
from quizapp.tui.widgets.words import Words


def count_ticks(highest: int) -> list[int]:
    """Whole-number ticks from 0 up to at least `highest`, at most six, a round step apart
    (1, 2 or 5 times a power of ten)."""
    wanted = max(1.0, highest / 5)
    power = 10 ** math.floor(math.log10(wanted))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= wanted)
    top = math.ceil(highest / step) * step
    return list(range(0, top + 1, step))


class StatsScreen(RecountOnReturn, Screen[None]):
    """The figures of `quizapp stats`, with charts."""

    CSS_PATH = styles.SCREENS

    HELP_TITLE = "Statistics"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="stats.back", tooltip="Back."),
        Binding(
            "o",
            "optimize",
            "Optimize my schedule",
            id="stats.optimize",
            tooltip="Optimize my schedule: fit FSRS to your own reviews.",
        ),
    ]

    summary = reactive("")  # streak, reviews, mastery: the line above the charts
    optimized = reactive("")  # what "Optimize my schedule" found

    def __init__(self, collection: Collection, decks: Sequence[Deck] | None = None) -> None:
        super().__init__()
        self.collection = collection
        self.decks = list(decks) if decks is not None else collection.decks
        self.stats: Stats | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats-body"):
            yield Words(id="stats-summary").data_bind(text=StatsScreen.summary)
            yield Static(id="stats-heatmap", classes="stats-box")
            yield PlotextPlot(id="due-chart", classes="stats-chart")
            yield Static(id="due-words", classes="stats-words")
            yield PlotextPlot(id="retention-chart", classes="stats-chart")
            yield Static(id="retention-words", classes="stats-words")
            yield DataTable(id="mastery-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="mastery-rule", classes="stats-words")
            yield DataTable(id="hardest-table", cursor_type="row", zebra_stripes=True)
            yield DataTable(id="leech-table", cursor_type="row", zebra_stripes=True)
            yield Words(id="optimize-result", classes="stats-words").data_bind(
                text=StatsScreen.optimized
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stats-heatmap").border_title = "Reviews per day, last 12 weeks"
        self.query_one("#mastery-table").border_title = "Mastered cards"
        self.query_one("#mastery-rule", Static).update(f"Mastered: {MASTERED_RULE}.")
        self.query_one("#hardest-table").border_title = "Hardest cards: most lapses (Again)"
        self.query_one("#leech-table").border_title = "Leeches: edit, split or add a mnemonic"
        self.refresh_stats()
        self.counted_on_mount()

    def recount(self) -> None:
        self.refresh_stats()  # back from another screen: answers may have been given

    def refresh_stats(self) -> None:
        """Count the figures again in a thread (a long log takes seconds), then redraw."""
        if self.stats is None:
            self.summary = "Counting your reviews…"
        c = self.collection
        self._collect(list(self.decks), c.scheduler, c.clock())

    # Leaving the screen cancels the worker, which stops the count's queries (`reading`).
    @work(thread=True, exclusive=True, group="stats")
    def _collect(self, decks: list[Deck], scheduler: Scheduler, now: datetime) -> None:
        with reading(self.collection.store.path) as reader:
            stats = collect(decks, reader, scheduler, now)
        deliver(self.app, self.show_stats, stats)

    def show_stats(self, stats: Stats) -> None:
        """Draw the figures: words, heatmap, charts and tables."""
        self.stats = stats
        m = stats.mastery
        days = "day" if stats.streak == 1 else "days"
        reviews = "review" if stats.reviews_total == 1 else "reviews"
        self.summary = (
            f"Streak: {stats.streak} study {days} in a row · {stats.reviews_total} {reviews} in all"
            f" · {m.mastered} of {m.cards} cards mastered ({m.share:.0%})"
        )
        heat = [*grid(stats.reviews_by_day), legend(stats.reviews_by_day)]
        self.query_one("#stats-heatmap", Static).update(Content("\n".join(heat)))
        self._due_chart(stats)
        self._retention_chart(stats)
        self._mastery_table(stats)
        self._hardest_table(stats)
        self._leech_table(stats)

    def _due_chart(self, stats: Stats) -> None:
        counts = [count for _, count in stats.due_by_day]
        plot = self.query_one("#due-chart", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title("Cards due, today and the next 29 days")
        days = [(i, n) for i, n in enumerate(counts) if n]  # an empty day draws no bar
        if days:
            plt.bar([i for i, _ in days], [n for _, n in days], width=0.6)
            ticks = count_ticks(max(counts))
            plt.ylim(0, ticks[-1])
            # Cards come whole: no "2.50" on the axis.
            plt.yticks([float(t) for t in ticks], [str(t) for t in ticks])
        plt.xlim(-0.5, len(counts) - 0.5)
        plt.xticks([0, 7, 14, 21, 28], ["today", "+7", "+14", "+21", "+28"])
        plot.refresh()
        week = sum(counts[:7])
        self.query_one("#due-words", Static).update(
            f"Due today (with overdue): {counts[0] if counts else 0}; in the next 7 days: {week};"
            f" in 30 days: {sum(counts)}."
        )

    def _retention_chart(self, stats: Stats) -> None:
        weeks = [(i, w) for i, w in enumerate(stats.retention) if w.rate is not None]
        plot = self.query_one("#retention-chart", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title("True retention by week, % passed")
        plt.ylim(0, 100)
        plt.yticks([0, 50, 100])
        if weeks:
            rates = [round(100 * (w.rate or 0)) for _, w in weeks]
            plt.bar([i for i, _ in weeks], rates, width=0.6)
        plt.xlim(-0.5, len(stats.retention) - 0.5)
        ticks = list(range(0, len(stats.retention), 3))
        weeks_shown = [f"{stats.retention[i].week:%b %d}" for i in ticks]
        plt.xticks([float(i) for i in ticks], weeks_shown)
        plot.refresh()
        recent = stats.retention[-4:]
        reviews = sum(w.reviews for w in recent)
        passed = sum(w.passed for w in recent)
        words = (
            f"Last 4 weeks: {passed / reviews:.0%} of {reviews} reviews of cards in review state"
            " passed."
            if reviews
            else "No review of a card in review state in the last 4 weeks."
        )
        self.query_one("#retention-words", Static).update(words)

    def _mastery_table(self, stats: Stats) -> None:
        table = self.query_one("#mastery-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Group", "Name", "Mastered", "Cards", "Share")
        rows = [("all", stats.mastery)]
        rows += [("kind", m) for m in stats.mastery_by_kind]
        rows += [("tag", m) for m in stats.mastery_by_tag]
        for group, m in rows:
            table.add_row(group, Text(m.name), str(m.mastered), str(m.cards), f"{m.share:.0%}")

    def _hardest_table(self, stats: Stats) -> None:
        table = self.query_one("#hardest-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Lapses", "Deck", "Question")
        for card in stats.hardest:
            table.add_row(str(card.lapses), Text(card.deck_id), Text(card.prompt))
        if not stats.hardest:
            table.add_row("-", "", "No card has been forgotten after being learnt.")

    def _leech_table(self, stats: Stats) -> None:
        table = self.query_one("#leech-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Lapses", "Card", "Question", "")
        for card in stats.leeches:
            name = Text(f"{card.deck_id}/{card.card_id}")
            aside = "suspended" if card.suspended else ""
            table.add_row(str(card.lapses), name, Text(card.prompt), aside)
        if not stats.leeches:
            table.add_row("-", "", "No leech: no card has been forgotten again and again.", "")

    # Optimize my schedule ------------------------------------------------------------

    def action_optimize(self) -> None:
        """Fit FSRS to the log in a thread; adopt the fit there too, then redraw here."""
        self._say("Optimizing your schedule…")
        self._fit(self.collection.scheduler)

    @work(thread=True, exclusive=True, group="optimize")
    def _fit(self, scheduler: Scheduler) -> None:
        # Connections of its own: the app's belongs to the event loop's thread.
        path = self.collection.store.path
        with reading(path) as reader:
            cards = history(reader.reviews(), scheduler.tz, scheduler.config.rollover_hour)
        result = optimize(cards, scheduler.config.parameters)
        with saving(self):
            if result.adopted and result.parameters is not None:
                writer = Store.open(path)
                try:
                    roll = scheduler.config.rollover_hour
                    adopt(writer, result.parameters, cards, scheduler.tz, roll)
                finally:
                    writer.close()
            deliver(self.app, self._fitted, result)
            return
        # Only when adopting failed (`saving` has said why).
        deliver(self.app, self._say, "Not saved: your schedule keeps its current parameters.")

    def _fitted(self, result: Optimization) -> None:
        if not result.enough:
            self._say(
                f"Not enough history yet: {result.reviews} reviews made a day or more after"
                " the card's previous one. The default parameters stay."
            )
            return
        assert result.before is not None and result.after is not None
        words = (
            f"Log loss before {result.before.log_loss:.4f}, after {result.after.log_loss:.4f}"
            f" ({result.reviews} reviews; lower is better). "
        )
        if result.adopted and result.parameters is not None:
            old = self.collection.scheduler
            config = replace(old.config, parameters=result.parameters)
            self.collection.scheduler = Scheduler(config, tz=old.tz)
            words += "Saved: your schedule uses them from now on."
            self.refresh_stats()
        else:
            words += "They predict your reviews no better: the current parameters stay."
        self._say(words)

    def _say(self, words: str) -> None:
        self.optimized = words
        self.notify(words, title="Optimize my schedule")
