"""The teacher's screen of a class round, for a projector: the room code and who joined, then
each question with its countdown and a live count of answers (never who answered what); after
it, the share choosing each option and the source; at the end, the class's scores.

One worker reads the round file a few times a second; the keys write through workers too: no
handler waits on the file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from quizapp.core.classroom.round_host import CLOSED, ENDED, LOBBY, OPEN, REVEALED, RoundHost
from quizapp.core.classroom.round_results import RoundSummary
from quizapp.core.collection import Collection
from quizapp.core.progress.round_file import RoundFileError, RoundState
from quizapp.tui import styles
from quizapp.tui.threads import deliver
from quizapp.tui.widgets.answer_bars import answer_bars

# How often the host reads the round: the answer count and the countdown move at this pace.
HOST_POLL_SECONDS = 0.25
MOST_STUDENTS_LISTED = 60


@dataclass(frozen=True)
class HostView:
    """One reading of the round, taken in a worker, shown on the event loop."""

    state: RoundState
    students: tuple[str, ...]
    counts: tuple[int, ...]
    seconds_left: float | None
    summary: RoundSummary | None


class ClassHostScreen(Screen[None]):
    """The round as the class sees it on the projector; the teacher moves it on with keys."""

    CSS_PATH = styles.SCREENS
    HELP_TITLE = "Class round (host)"
    HELP_NOTES = (
        "Students join with the room code: `quizapp class join CODE` in a terminal of this "
        "machine, or the palette's 'Join a class round' in the served page. `n` opens the next "
        "question, `c` closes it (no more answers), `r` shows the right answer. The count "
        "shows how many answered, never who answered what. A right answer scores a point; "
        "speed scores nothing."
    )
    BINDINGS = [
        Binding("n", "next", "Next", id="round.next", tooltip="Open the next question."),
        Binding("c", "close_question", "Close", id="round.close", tooltip="No more answers."),
        Binding("r", "reveal", "Reveal", id="round.reveal", tooltip="Show the right answer."),
        Binding(
            "e",
            "report",
            "Class report",
            id="round.report",
            tooltip="At the end: write one exam CSV per student and open the class report.",
        ),
    ]

    def __init__(
        self,
        collection: Collection,
        host: RoundHost,
        folder: Path,
        join_url: str | None = None,
        join_options: str = "",
    ) -> None:
        super().__init__()
        self.collection = collection
        self.host = host
        self.folder = folder  # where the round's exam CSVs go
        self.join_url = join_url
        self.join_options = join_options  # e.g. the host's --data-dir, which students need too
        self.view: HostView | None = None
        self.exported: list[Path] = []
        self.wake = threading.Event()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="round-status")
        with VerticalScroll(id="round-body"):
            yield Static(id="round-code")
            yield Static(id="round-prompt")
            yield Static(id="round-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"quizapp · class round {self.host.code}"
        self.run_worker(self.follow, thread=True, exclusive=True, group="round-read")

    # Reading the round.

    def follow(self) -> None:
        """The worker that reads the round while the screen is open (a key wakes it)."""
        worker = get_current_worker()
        while not worker.is_cancelled:
            self.read_round()
            self.wake.wait(HOST_POLL_SECONDS)
            self.wake.clear()

    def read_round(self, move: Callable[[], RoundState] | None = None) -> None:
        try:
            if move is not None:
                move()
            state = self.host.tick()
            counts = tuple(self.host.counts(state.number)) if state.number else ()
            summary = self.host.summary() if state.phase == ENDED else None
            view = HostView(
                state,
                tuple(self.host.students()),
                counts,
                self.host.seconds_left(state),
                summary,
            )
        except RoundFileError as exc:
            deliver(self.app, self.say, str(exc))
            return
        deliver(self.app, self.show, view)

    def say(self, message: str) -> None:
        self.notify(message, title="Round file", severity="error")

    def move(self, step: Callable[[], RoundState]) -> None:
        """Move the round on in a worker (the write may wait on a student's), then show it."""
        self.run_worker(lambda: self.read_round(step), thread=True, group="round-move")

    def action_next(self) -> None:
        self.move(self.host.next)

    def action_close_question(self) -> None:
        self.move(self.host.close)

    def action_reveal(self) -> None:
        self.move(self.host.reveal)

    # Showing it.

    def show(self, view: HostView) -> None:
        self.view = view
        state = view.state
        code = self.query_one("#round-code", Static)
        prompt = self.query_one("#round-prompt", Static)
        detail = self.query_one("#round-detail", Static)
        code.display = state.phase == LOBBY
        prompt.display = state.phase in (OPEN, CLOSED, REVEALED)
        self.query_one("#round-status", Static).update(self.status_line(view))
        if state.phase == LOBBY:
            code.update(f"Room code  {self.host.code}")
            detail.update(self.lobby_text(view))
        elif state.phase == ENDED:
            assert view.summary is not None
            detail.update(self.summary_text(view.summary))
        else:
            question = self.host.question(state.number)
            prompt.border_title = f"Question {state.number} of {self.host.total}"
            prompt.update(Text(question.prompt))
            detail.update(self.question_text(view))

    def status_line(self, view: HostView) -> str:
        state, joined = view.state, len(view.students)
        if state.phase == LOBBY:
            return f"Room {self.host.code} · {joined} joined · n: first question"
        if state.phase == ENDED:
            return f"Room {self.host.code} · round over · e: class report"
        answered = f"{sum(view.counts)} of {joined} answered"
        if state.phase == OPEN:
            left = f" · {view.seconds_left:.0f} s left" if view.seconds_left is not None else ""
            return f"Question {state.number}/{self.host.total}{left} · {answered} · c close"
        shown = "revealed · n next" if state.phase == REVEALED else "closed · r reveal"
        return f"Question {state.number}/{self.host.total} · {answered} · {shown}"

    def lobby_text(self, view: HostView) -> Text:
        text = Text()
        text.append("Join: ", style="bold")
        text.append(f"quizapp class join {self.host.code}{self.join_options}")
        text.append("  (a terminal on this machine)\n")
        if self.join_url:
            text.append("  or open ", style="")
            text.append(self.join_url, style="underline")
            text.append(" and choose 'Join a class round' in the palette\n")
        seconds = f"{self.host.seconds:g} s each" if self.host.seconds else "no time limit"
        text.append(f"\n{self.host.total} questions, {seconds}. ")
        text.append("A right answer scores a point; speed scores nothing.\n\n")
        names = view.students
        text.append(f"Joined ({len(names)}): ", style="bold")
        listed = ", ".join(names[:MOST_STUDENTS_LISTED])
        more = f" and {len(names) - MOST_STUDENTS_LISTED} more" if len(names) > 60 else ""
        text.append((listed + more) or "nobody yet")
        return text

    def question_text(self, view: HostView) -> Text:
        state = view.state
        question = self.host.question(state.number)
        if state.phase == OPEN:
            text = Text()
            for i, option in enumerate(question.options):
                text.append(f"{question.letter(i)}) {option}\n")
            text.append(f"\n{sum(view.counts)} of {len(view.students)} answered", style="bold")
            return text
        right = question.right if state.phase == REVEALED else None
        text = answer_bars(question.options, view.counts, right, self.size.width - 4)
        if state.phase == REVEALED:
            text.append(f"\n\nRight answer: {question.answer}", style="bold green")
            if question.explanation:
                text.append(f"\n{question.explanation}")
            for source in question.sources:
                text.append(f"\nSource: “{source}”", style="italic")
        return text

    def summary_text(self, summary: RoundSummary) -> Text:
        text = Text()
        text.append(f"Round over: the class scored {summary.share:.0%}", style="bold")
        text.append(f" ({summary.students} student(s), {len(summary.questions)} question(s))\n")
        for title, groups in (("By tag", summary.by_tag), ("By kind", summary.by_kind)):
            if groups:
                shown = ", ".join(f"{k} {v:.0%}" for k, v in sorted(groups.items(), key=_worst))
                text.append(f"\n{title}: ", style="bold")
                text.append(shown)
        if summary.most_missed:
            text.append("\n\nMost missed:", style="bold")
            for score in summary.most_missed:
                question = score.question
                text.append(f"\n  Q{question.number} ({score.share:.0%} right) {question.prompt}")
                text.append(f"\n      right answer: {question.answer}", style="green")
        text.append("\n\ne: one exam CSV per student, and the class report.", style="dim")
        if self.exported:
            text.append(f"\nWritten to {self.exported[0].parent}", style="dim")
        return text

    # The end.

    def action_report(self) -> None:
        if self.view is None or self.view.state.phase != ENDED:
            self.notify("The class report comes at the end of the round (n after the last).")
            return
        self.run_worker(self.export, thread=True, exclusive=True, group="round-export")

    def export(self) -> None:
        from quizapp.core.insight.item_analysis import ClassDataError, class_report

        try:
            files = self.host.export(self.folder)
            report = class_report(files) if files else None
        except (OSError, RoundFileError, ClassDataError) as exc:
            deliver(self.app, self.say, f"The results were not written: {exc}")
            return
        deliver(self.app, self.open_report, files, report)

    def open_report(self, files: list[Path], report: object) -> None:
        from quizapp.core.insight.item_analysis import ClassReport
        from quizapp.tui.screens.class_report import ClassReportScreen

        self.exported = files
        where = escape(str(self.folder))
        self.notify(
            f"{len(files)} exam CSV(s) in {where}: `quizapp class report {where}/*.csv`",
            title="Results",
            timeout=15,
        )
        if isinstance(report, ClassReport):
            self.app.push_screen(ClassReportScreen(self.collection, report))


def _worst(group: tuple[str, float]) -> tuple[float, str]:
    return group[1], group[0]
