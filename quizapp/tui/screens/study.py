"""The study session: one card at a time, graded, scheduled and saved as it is answered."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.core.collection import Collection
from quizapp.core.decks.model import Deck
from quizapp.core.grading.marking import Verdict
from quizapp.core.grading.responses import LETTERS
from quizapp.core.progress.marks import FLAG_COLOURS, MarkKind
from quizapp.core.progress.store import AnsweredElsewhereError
from quizapp.core.questions.prompts import AskMode, ask_mode
from quizapp.core.questions.question import Question
from quizapp.core.scheduling.intervals import format_interval
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.study_day import SET_ASIDE_AFTER
from quizapp.core.sessions.queue import StudyFilter
from quizapp.core.sessions.set_aside import Marked
from quizapp.core.sessions.study import StudySession
from quizapp.tui import styles
from quizapp.tui.screens.flag_picker import FlagPicker
from quizapp.tui.screens.study_keys import (
    AFTER_EXAM,
    ELSEWHERE,
    MODES,
    SET_ASIDE_WORDS,
    STUDY_BINDINGS,
    UNDONE,
    hint,
    left_today,
)
from quizapp.tui.screens.summary import SummaryScreen
from quizapp.tui.store_errors import saves
from quizapp.tui.widgets.answer_panel import AnswerPanel
from quizapp.tui.widgets.footer import Footer
from quizapp.tui.widgets.grade_bar import GradeBar
from quizapp.tui.widgets.words import Words

if TYPE_CHECKING:
    from quizapp.tui.card_editing import Edited


class StudyScreen(Screen[None]):
    """Question, then answer, then a grade; the footer shows the keys that apply now."""

    status = reactive("")  # the deck, which card of how many, its phase
    exam_words = reactive("")  # exam mode's load today; nothing outside exam mode
    advice = reactive("")  # what to do now
    revealed = var(False, bindings=True)  # the keys on offer change with it

    CSS_PATH = styles.SCREENS

    HELP_TITLE = "Studying"
    HELP_NOTES = (
        "A typed card: type the answer and press `enter` to check it. The grade buttons show"
        " when each grade would bring the card back. On a typed card, `i` and `e` work once"
        " the answer is shown (before, they are typed); so do `s`, `-` and `f`."
    )
    BINDINGS = STUDY_BINDINGS

    def __init__(
        self,
        collection: Collection,
        decks: Sequence[Deck],
        session: StudySession | None = None,
        only: StudyFilter | None = None,
    ) -> None:
        super().__init__()
        self.collection = collection
        c = collection
        self.session = session or StudySession(
            decks, c.store, c.scheduler, c.clock, only=only, every_deck=c.decks
        )
        self.question: Question | None = None
        self.verdict: Verdict | None = None
        self.given: str | None = None
        self.shown_at: datetime | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Words(id="study-status").data_bind(text=StudyScreen.status)
        yield Words(id="study-exam").data_bind(text=StudyScreen.exam_words)
        with VerticalScroll(id="study-body"):
            yield Static(id="question")
            yield Input(placeholder="Type your answer, then enter", id="typed-answer", compact=True)
            yield OptionList(id="choices", compact=True)
            yield Words(id="hint").data_bind(text=StudyScreen.advice)
            yield AnswerPanel(id="answer")
        yield GradeBar(id="grades")
        yield Footer()

    def on_mount(self) -> None:
        self.show_card()

    # What is on screen ---------------------------------------------------------------

    def show_card(self) -> None:
        skipped = len(self.session.elsewhere)
        item, self.question = self.session.current, self.session.question()
        if len(self.session.elsewhere) > skipped:
            self.notify(ELSEWHERE, title="Answered elsewhere")
        if item is None or self.question is None:
            self.app.switch_screen(SummaryScreen(self.session.summary(), self.collection.clock()))
            return
        self.verdict, self.given, self.revealed = None, None, False
        self.shown_at = self.collection.clock()
        self.show_status()
        self.title, self.sub_title = MODES[self.session.kind], left_today(self.session)
        load = self.session.exam_load
        self.exam_words = "" if load is None else escape(load.words())
        self.query_one("#question", Static).update(escape(self.question.prompt))
        mode = ask_mode(self.question)
        # Enabled only when shown: a change of `disabled` restyles the widget, visible or not,
        # and flip cards (most keys) need neither.
        typed = self.query_one("#typed-answer", Input)
        typed.value = ""
        typed.display = mode is AskMode.TYPED
        typed.disabled = not typed.display
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        choices.display = mode is AskMode.CHOICE
        choices.disabled = not choices.display
        for letter, option in zip(LETTERS, self.question.options, strict=False):
            choices.add_option(Option(f"{letter}) {escape(option)}", id=option))
        self.advice = hint(self.question)
        self.query_one(AnswerPanel).hide()
        self.query_one(GradeBar).display = False
        if mode is AskMode.TYPED:
            typed.focus()
        elif mode is AskMode.CHOICE:
            choices.focus()
        else:
            self.query_one("#study-body").focus()
        self.refresh_bindings()  # a new card may be asked another way

    def show_status(self) -> None:
        """The deck, how far the session is, the card's phase and flag, a filter's choices."""
        item = self.session.current
        if item is None:
            return
        phase = "new" if item.state.reps == 0 else str(item.state.phase)
        flag = self.collection.store.card_marks(item.deck.id, item.card_id).flag
        only = self.session.only
        self.status = (
            f"{escape(item.deck.title)} · card {self.session.done + 1} of {self.session.total}"
            f" · {phase}"
            + (f" · flag {FLAG_COLOURS[flag]}" if flag else "")
            + (f" · filtered: {escape(only.words())}" if only else "")
        )

    def reveal(self, verdict: Verdict | None = None) -> None:
        item = self.session.current
        if item is None or self.question is None:
            return
        self.verdict, self.revealed = verdict, True
        reason = verdict.reason if verdict else None
        answer = self.question.answer
        self.query_one(AnswerPanel).show(item.card, answer, reason, item.deck.reference)
        self.advice = (
            "Press enter to accept the proposed grade, or 1-4 to choose another."
            if verdict
            else "How well did you know it? Press 1 Again, 2 Hard, 3 Good or 4 Easy."
        )
        waits = {r: format_interval(d) for r, d in self.session.preview().items()}
        load = self.session.exam_load
        if load is not None and item.deck.id in load.covered:
            # Under an exam plan, a wait past the exam is said as such, with what comes next.
            from quizapp.core.planning.exam_load import exam_waits

            now, scheduler = self.session.clock(), self.session.scheduler_for(item)
            waits = exam_waits(self.session.preview(), now, load.exam_day, scheduler)
            if "after exam" in waits.values():
                self.advice += f" {AFTER_EXAM}"
        bar = self.query_one(GradeBar)
        bar.set_class("after exam" in waits.values(), "-exam")
        bar.show(waits, Rating(verdict.proposed_rating) if verdict else None)
        bar.display = True
        self.query_one("#typed-answer", Input).disabled = True
        self.query_one("#choices", OptionList).disabled = True
        body = self.query_one("#study-body", VerticalScroll)
        body.focus()
        body.scroll_home(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the keys that make sense at this moment (the footer follows)."""
        mode = ask_mode(self.question) if self.question else None
        if action == "reveal":
            return not self.revealed and mode is AskMode.FLIP
        if action == "accept":
            return self.revealed and self.verdict is not None
        if action == "grade":
            return self.revealed
        if action == "choose":
            return not self.revealed and mode is AskMode.CHOICE
        if action == "undo":
            return self.session.next_undo is not None
        if action in ("card_info", "edit_card"):
            return self.session.current is not None
        if action in ("set_aside", "flag"):  # not while an answer is typed: keys go to it
            typing = mode is AskMode.TYPED and not self.revealed
            return self.session.current is not None and not typing
        return True

    # Actions -----------------------------------------------------------------------------

    def action_reveal(self) -> None:
        self.reveal()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.revealed or self.question is None:
            return
        self.given = event.value.strip()
        self.reveal(self.question.grade(self.given))

    def action_choose(self, letter: str) -> None:
        if self.question and LETTERS.index(letter) < len(self.question.options):
            self.choose(self.question.options[LETTERS.index(letter)])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.revealed and event.option.id is not None:
            self.choose(event.option.id)

    def choose(self, option: str) -> None:
        if self.question is None or self.revealed:
            return
        self.given = option
        verdict = self.question.grade(option)
        right = self.question.answer
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        for letter, text in zip(LETTERS, self.question.options, strict=False):
            mark = "   [$text-success]✓ right answer[/]" if text == right else ""
            if text == option and text != right:
                mark = "   [$text-error]✗ your answer[/]"
            choices.add_option(Option(f"{letter}) {escape(text)}{mark}", id=text))
        self.reveal(verdict)

    def action_accept(self) -> None:
        if self.verdict is not None:
            self.action_grade(self.verdict.proposed_rating)

    def on_grade_bar_graded(self, event: GradeBar.Graded) -> None:
        self.action_grade(int(event.rating))

    @saves("Press the grade again once it is fixed.")
    def action_grade(self, rating: int) -> None:
        if not self.revealed or self.question is None:
            return
        elapsed = self.collection.clock() - (self.shown_at or self.collection.clock())
        aside = len(self.session.set_aside)
        try:
            self.session.answer(
                Rating(rating),
                question_type=str(self.question.format),
                given_answer=self.given,
                duration_ms=int(elapsed.total_seconds() * 1000),
            )
        except AnsweredElsewhereError:
            self.notify(
                "This card was just answered in another window: that answer stands, this one"
                " was not saved.",
                title="Answered elsewhere",
                severity="warning",
            )
        else:
            if self.session.leech is not None:
                self.notify(
                    self.session.leech.words(), title="A leech", severity="warning", timeout=20
                )
            if len(self.session.set_aside) > aside:
                self.notify(
                    f"Missed {SET_ASIDE_AFTER} times today: this card is set aside until"
                    " tomorrow. Read its answer and source again; a fresh try after a night's"
                    " sleep works better than another now.",
                    title="Set aside for today",
                    timeout=10,
                )
        self.show_card()

    @saves()
    def action_set_aside(self, kind: str) -> None:
        """Suspend or bury the card shown; the next one comes."""
        item = self.session.current
        marked = self.session.mark(MarkKind(kind))
        if marked is None or item is None:
            return
        title, words = SET_ASIDE_WORDS[marked.kind]
        name = f"{item.deck.id}/{item.card_id}"
        self.notify(f"{words.format(name)} Press u to undo.", title=title)
        self.show_card()

    def action_flag(self) -> None:
        """Ask for a colour, then flag the card shown."""
        item = self.session.current
        if item is None:
            return
        flag = self.collection.store.card_marks(item.deck.id, item.card_id).flag
        self.app.push_screen(FlagPicker("this card", flag), self.flagged)

    @saves()
    def flagged(self, colour: int | None) -> None:
        if colour is not None and self.session.mark(MarkKind.FLAG, colour) is not None:
            self.notify(f"Flag: {FLAG_COLOURS[colour]}." if colour else "Flag cleared.")
            self.show_status()
            self.refresh_bindings()

    @saves()
    def action_undo(self) -> None:
        last = self.session.next_undo
        try:
            undone = self.session.undo()
        except AnsweredElsewhereError:
            self.notify(
                "That card has been answered in another window since: its answer stands.",
                title="Nothing undone",
                severity="warning",
            )
            return
        if undone is None:
            return
        if isinstance(last, Marked):
            self.notify(UNDONE[last.kind])
            if not last.leaves:  # the card stays as it is shown
                self.show_status()
                self.refresh_bindings()
                return
        else:
            self.notify("Last answer undone.")
        self.show_card()

    def action_card_info(self) -> None:
        from quizapp.tui.screens.card_info import CardInfoScreen

        item = self.session.current
        if item is not None:
            self.app.push_screen(CardInfoScreen(self.collection, item.deck, item.card))

    def action_edit_card(self) -> None:
        """Open the card in the student's editor; the session goes on with the new text."""
        from quizapp.tui.card_editing import edit_card

        item = self.session.current
        if item is not None:
            edit_card(self, self.collection, item.deck, item.card, self.card_edited)

    def card_edited(self, edited: Edited) -> None:
        """Show the edited card again: its answer too, if it was shown before the edit."""
        before = self.session.current
        revealed, given, shown_at = self.revealed, self.given, self.shown_at
        self.session.deck_edited(edited.deck, edited.renamed)
        self.show_card()
        item = self.session.current
        if before is None or item is None or self.question is None:
            return
        if (item.deck.id, item.card_id) != (
            before.deck.id,
            edited.renamed.get(before.card.id, before.card.id),
        ):
            return  # the card left the deck: the next one is shown
        self.shown_at = shown_at
        mode = ask_mode(self.question)
        if revealed and mode is AskMode.FLIP:
            self.reveal()
        elif revealed and mode is AskMode.TYPED and given is not None:
            self.given = self.query_one("#typed-answer", Input).value = given
            self.reveal(self.question.grade(given))

    def action_leave(self) -> None:
        if self.session.done:
            self.app.switch_screen(SummaryScreen(self.session.summary(), self.collection.clock()))
        else:
            self.app.pop_screen()
