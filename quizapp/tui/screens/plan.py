"""Plan for an exam: pick a date and decks, see the readiness forecast and answers a day.

The forecast simulates the days to the exam, so it runs in a worker thread on card states read
here first (the store's connection belongs to this thread); the plan is saved back here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, DataTable, Header, Input, Label, SelectionList, Static

from quizapp.core.collection import Collection
from quizapp.core.decks.model import Deck
from quizapp.core.planning.bring_forward import bring_forward, brought_words
from quizapp.core.planning.budget import answer_seconds, full_report
from quizapp.core.planning.exam_load import day_load
from quizapp.core.planning.plan import (
    DEFAULT_TARGET,
    ExamPlan,
    PlanReport,
    clear_plan,
    exam_day_problem,
    load_plan,
    plan_named,
    planned_cards,
    save_plan,
)
from quizapp.core.planning.plan_words import summary_lines
from quizapp.core.scheduling import study_day as sd
from quizapp.tui import styles
from quizapp.tui.store_errors import saves
from quizapp.tui.threads import deliver, reading
from quizapp.tui.widgets.footer import Footer
from quizapp.tui.widgets.plan_calendar import PlanCalendar
from quizapp.tui.widgets.words import Words

HINT = (
    "Set an exam date: until then, studying these decks serves the cards that raise your"
    " predicted exam-day recall most."
)


class PlanScreen(Screen[None]):
    """Exam date, decks and target; the forecast below."""

    CSS_PATH = styles.SCREENS

    HELP_TITLE = "Plan for an exam"
    HELP_NOTES = "`tab` moves between the fields; `enter` in a field sets the date too."
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="plan.back", tooltip="Back."),
        Binding(
            "ctrl+s",
            "save",
            "Set exam date",
            id="plan.save",
            tooltip="Set the exam date and work out the forecast.",
        ),
        Binding(
            "b",
            "bring_forward",
            "Bring forward",
            id="plan.bring_forward",
            tooltip="Put the cards due only after the exam, though weak on the day, into the"
            " queue.",
        ),
    ]

    status = reactive("")  # what the form or the forecast has to say, under the buttons

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        self.collection = collection
        self.report: PlanReport | None = None

    def compose(self) -> ComposeResult:
        plan = load_plan(self.collection.store)
        yield Header()
        with VerticalScroll(id="plan-body"):
            yield Static(HINT, id="plan-hint")
            yield Static(self._named_words(), id="plan-named", classes="stats-words")
            with Horizontal(id="plan-form"):
                yield Label("Exam date", classes="plan-label")
                yield Input(
                    plan.exam_day.isoformat() if plan else "",
                    placeholder="YYYY-MM-DD",
                    id="exam-date",
                    compact=True,
                )
                yield Label("Target %", classes="plan-label")
                target = plan.target if plan else DEFAULT_TARGET
                yield Input(f"{target * 100:g}", id="exam-target", type="number", compact=True)
                yield Label("Final days", classes="plan-label")
                final = "" if plan is None or plan.final_days is None else str(plan.final_days)
                yield Input(
                    final, placeholder="auto", id="exam-final", type="integer", compact=True
                )
                yield Label("Minutes", classes="plan-label")
                minutes = "" if plan is None or plan.minutes is None else str(plan.minutes)
                yield Input(
                    minutes, placeholder="any", id="exam-minutes", type="integer", compact=True
                )
            chosen = set(plan.deck_ids) if plan and plan.deck_ids else None
            yield SelectionList[str](
                *[
                    (Content(deck.title), deck.id, chosen is None or deck.id in chosen)
                    for deck in self.collection.decks
                ],
                id="exam-decks",
                compact=True,
            )
            yield Static(id="exam-decks-words", classes="stats-words")
            with Horizontal(id="plan-buttons"):
                yield Button("Set exam date", id="plan-save", variant="primary", compact=True)
                yield Button("Clear exam date", id="plan-clear", compact=True)
                yield Button("Bring forward", id="plan-forward", compact=True)
            yield Words(id="plan-status").data_bind(text=PlanScreen.status)
            yield Static(id="plan-summary")
            yield PlanCalendar(id="plan-chart", classes="stats-chart")
            yield DataTable(id="plan-calendar", zebra_stripes=True, cursor_type="row")
            yield DataTable(id="plan-table", zebra_stripes=True, cursor_type="row")
        yield Footer()

    def _named_words(self) -> str:
        """The named exams set beside this screen's (the command line sets and lists them)."""
        store = self.collection.store
        if not plan_named(store):
            return ""
        from quizapp.core.planning.named_exams import named_plans

        named = ", ".join(f"{p.name} on {p.exam_day.isoformat()}" for p in named_plans(store))
        return f"Named exams too: {named} (quizapp plan --list; study follows the nearest)."

    def on_mount(self) -> None:
        self.query_one("#plan-named").display = bool(self._named_words())
        self.query_one("#exam-decks").border_title = "Decks the exam covers"
        self.say_decks()
        self.query_one("#plan-table").display = False
        self.query_one("#plan-calendar").display = False
        self.query_one("#plan-chart").display = False
        self.query_one("#plan-forward").display = False
        self.query_one("#plan-calendar").border_title = "Day by day at that load"
        plan = load_plan(self.collection.store)
        scheduler = self.collection.scheduler
        today = sd.study_day(self.collection.clock(), scheduler.tz, scheduler.config.rollover_hour)
        if plan is not None and not plan.active(today):
            forecast = "" if plan.forecast is None else f" (its forecast was {plan.forecast:.0%})"
            self.status = (
                f"The exam on {plan.exam_day.isoformat()}{forecast} has come: study is as usual."
                " Set a new date for the next one."
            )
        elif plan is not None:
            self._forecast(plan, announce=False)
        else:
            self.status = "No exam date set."
        self.query_one("#exam-date").focus()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        self.say_decks()

    def say_decks(self) -> None:
        """Which decks are ticked, in words (the ticks differ only by colour)."""
        chosen = set(self.query_one("#exam-decks", SelectionList).selected)
        titles = [d.title for d in self.collection.decks if d.id in chosen]
        total = len(self.collection.decks)
        words = f"Covered: {len(titles)} of {total} decks"
        words += f": {', '.join(titles)}." if titles and len(titles) < total else "."
        self.query_one("#exam-decks-words", Static).update(Content(words))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "plan-save":
            self.action_save()
        elif event.button.id == "plan-clear":
            self.clear()
        elif event.button.id == "plan-forward":
            self.action_bring_forward()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "bring_forward":  # only while there are cards to bring forward
            return bool(self.report and self.report.due_after)
        return True

    @saves("No card was brought forward; try again once it is fixed.")
    def action_bring_forward(self) -> None:
        """Put the cards due only after the exam, though weak on the day, into the queue."""
        if self.report is None or not self.report.due_after:
            return
        bring_forward(self.collection.store, self.report.due_after, self.collection.clock())
        self.status = brought_words(len(self.report.due_after))
        self.query_one("#plan-forward").display = False

    @saves("The exam date is still set; clear it again once it is fixed.")
    def clear(self) -> None:
        """Forget the exam date; the forecast goes with it."""
        clear_plan(self.collection.store)
        self.report = None
        self.query_one("#plan-summary", Static).update("")
        self.query_one("#plan-table").display = False
        self.query_one("#plan-calendar").display = False
        self.query_one("#plan-chart").display = False
        self.status = "Exam date cleared: studying follows plain FSRS again."

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Check the form, then work out the forecast and save the plan with its rate."""
        plan = self._read_form()
        if plan is not None:
            self._forecast(plan, announce=True)

    def _read_form(self) -> ExamPlan | None:
        raw = self.query_one("#exam-date", Input).value.strip()
        try:
            exam_day = date.fromisoformat(raw)
        except ValueError:
            self.status = f"The exam date must be a date as YYYY-MM-DD, not '{escape(raw)}'."
            return None
        scheduler = self.collection.scheduler
        today = sd.study_day(self.collection.clock(), scheduler.tz, scheduler.config.rollover_hour)
        if problem := exam_day_problem(exam_day, today):
            self.status = f"{problem[0].upper()}{problem[1:]}."
            return None
        try:
            target = float(self.query_one("#exam-target", Input).value) / 100
        except ValueError:
            target = -1.0
        if not 0 < target < 1:
            self.status = "The target must be a percentage between 0 and 100."
            return None
        selected = list(self.query_one("#exam-decks", SelectionList).selected)
        if not selected:
            self.status = "Choose at least one deck."
            return None
        every = len(selected) == len(self.collection.decks)
        final_days = self._whole("#exam-final", 0, 366, "final pass days")
        minutes = self._whole("#exam-minutes", 1, 1440, "minutes a day")
        if final_days == -1 or minutes == -1:
            return None
        return ExamPlan(
            exam_day,
            () if every else tuple(selected),
            target,
            final_days=final_days,
            set_on=today,
            minutes=minutes,
        )

    def _whole(self, field: str, low: int, high: int, what: str) -> int | None:
        """A whole number from a field that may be left blank (None); -1 when it is wrong,
        the status saying why."""
        raw = self.query_one(field, Input).value.strip()
        if not raw:
            return None
        if not raw.isdigit() or not low <= int(raw) <= high:
            self.status = f"The {what} must be a whole number from {low} to {high}, or blank."
            return -1
        return int(raw)

    def _forecast(self, plan: ExamPlan, announce: bool) -> None:
        self.status = "Working out the forecast…"
        self._simulate(plan, list(self.collection.decks), self.collection.clock(), announce)

    @work(thread=True, exclusive=True, group="plan")
    def _simulate(self, plan: ExamPlan, decks: list[Deck], now: datetime, announce: bool) -> None:
        # A connection of its own: the app's belongs to the event loop's thread.
        scheduler = self.collection.scheduler
        with reading(self.collection.store.path) as reader:
            cards = planned_cards(decks, reader, plan)
            before = day_load(plan, decks, reader, scheduler, now)
            pace = answer_seconds(reader, cards.deck_ids)
        # Setting the date works out the answers a day; opening the plan again keeps them.
        report = full_report(
            cards,
            scheduler,
            now,
            plan,
            pace,
            replan=announce,
            answered=0 if before is None else before.answered,
            introduced=0 if before is None else before.introduced,
            final_done=0 if before is None else before.final_done,
        )
        deliver(self.app, self._show, plan, report, announce)

    @saves("Set the date again once it is fixed.")
    def _show(self, plan: ExamPlan, report: PlanReport, announce: bool) -> None:
        if not announce and load_plan(self.collection.store) is None:
            return  # cleared while the forecast was being worked out
        if announce:
            plan = replace(plan, per_day=report.per_day, forecast=round(report.forecast, 4))
            self.status = "The exam date could not be set."  # stays if saving fails
            save_plan(self.collection.store, plan)
        self.report = report
        c = self.collection
        load = day_load(plan, c.decks, c.store, c.scheduler, c.clock())
        lines = summary_lines(report)
        if load is not None:
            lines.append(f"Today: {load.words()}.")
        self.query_one("#plan-summary", Static).update(Content("\n".join(lines)))
        self._show_calendar(report)
        forward = self.query_one("#plan-forward", Button)
        forward.label = f"Bring forward {len(report.due_after)}"
        forward.display = bool(report.due_after)
        self.refresh_bindings()
        chart = self.query_one("#plan-chart", PlanCalendar)
        chart.display = bool(report.calendar)
        chart.show(report)
        table = self.query_one("#plan-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Group", "Name", "Cards", "Recall", "Ready")
        groups = [("deck", report.by_deck), ("kind", report.by_kind), ("tag", report.by_tag)]
        for group, rows in groups:
            for r in rows:
                table.add_row(group, Text(r.name), str(r.cards), f"{r.recall:.0%}", str(r.ready))
        table.display = True
        # A DataTable measures its rows when idle; lay the screen out again once it has, or
        # its auto height can stay at nothing.
        self.call_after_refresh(table.refresh, layout=True)
        self.status = "Exam date set: study sessions follow the plan." if announce else ""

    def _show_calendar(self, report: PlanReport) -> None:
        """The days to the exam at the plan's load, as the forecast simulated them."""
        table = self.query_one("#plan-calendar", DataTable)
        table.clear(columns=True)
        table.add_columns("Day", "Answers", "Minutes", "New cards", "Final pass")
        for day in report.calendar:
            minutes = f"{report.minutes_for(day.answers):.0f}"
            final = str(day.final) if day.final else ""
            when = f"{day.day:%a} {day.day.isoformat()}"
            table.add_row(when, str(day.answers), minutes, str(day.new), final)
        table.display = bool(report.calendar)
        self.call_after_refresh(table.refresh, layout=True)
