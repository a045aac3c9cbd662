"""The exam report: score, score by kind and by tag, time per question, each mistake."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Header, Static

from quizapp.core.grading.marking import Outcome
from quizapp.core.grading.responses import LETTERS
from quizapp.core.insight.timefmt import format_duration
from quizapp.core.questions.question import FORMAT_NAMES, Format
from quizapp.core.sessions.report import (
    ExamReport,
    QuestionResult,
    Tally,
    format_score,
)
from quizapp.tui import styles
from quizapp.tui.widgets.footer import Footer

MAX_TAGS = 8
OUTCOME_WORDS = {Outcome.CORRECT: "right", Outcome.ALMOST: "almost", Outcome.WRONG: "wrong"}


class ExamReportScreen(Screen[None]):
    """What the exam showed: read it, scroll it, then go home."""

    CSS_PATH = styles.SCREENS

    BINDINGS = [
        Binding("enter", "home", "Home", id="report.home", tooltip="Back home."),
        Binding("escape", "home", "Home", show=False, id="report.back", tooltip="Back home."),
        Binding(
            "d",
            "download",
            "Download",
            id="report.download",
            tooltip="In a browser: download this exam's answers as CSV (for a class report).",
        ),
    ]

    def __init__(self, report: ExamReport, exam_id: int | None = None) -> None:
        super().__init__()
        self.report = report
        self.exam_id = exam_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="report-body"):
            yield Static(self.summary_text(), id="report-summary")
            yield Static(self.breakdown_text(), id="report-breakdown")
            yield Static(self.mistakes_text(), id="report-mistakes")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#report-body", VerticalScroll).focus()

    def summary_text(self) -> str:
        report = self.report
        total = report.total
        if report.timed_out:
            ending = "Time ran out."
        elif report.answered == total.total:
            ending = "Every question answered."
        else:
            ending = "You ended the exam."
        kept = f" Kept as exam {self.exam_id} (see `quizapp exams`)." if self.exam_id else ""
        if self.exam_id and self.app.is_web:
            kept = f" Kept as exam {self.exam_id}: d downloads its answers as CSV."
        lines = [
            f"[b]Exam report[/b]: {ending}{kept}",
            f"[b]Score: {format_score(total)}[/b] · {total.right} fully right · "
            f"{report.answered} of {total.total} answered",
            f"Time: {format_duration(report.seconds)} of {format_duration(report.minutes * 60)}",
        ]
        return "\n".join(lines)

    def breakdown_text(self) -> str:
        report = self.report
        lines = ["[b]By kind[/b]", *_tally_lines(report.by_kind())]
        tags = dict(list(report.by_tag().items())[:MAX_TAGS])
        if tags:
            lines += ["", "[b]By tag[/b]", *_tally_lines(tags)]
        lines += ["", "[b]Question by question[/b] (number, format, result, time)"]
        for r in report.results:
            result = OUTCOME_WORDS[r.verdict.outcome] if r.answered else "no answer"
            lines.append(
                f"  {r.number:>2}  {FORMAT_NAMES[r.question.format]:<16} {result:<9}"
                f" {format_duration(r.seconds)}"
            )
        return "\n".join(lines)

    def mistakes_text(self) -> str:
        mistakes = self.report.mistakes
        if not mistakes:
            return "[b]No mistakes.[/b] Well done."
        blocks = [f"[b]Mistakes ({len(mistakes)})[/b], each with the right answer and its source"]
        blocks += [_mistake(r) for r in mistakes]
        return "\n\n".join(blocks)

    def action_home(self) -> None:
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A terminal has `quizapp exams --csv`; a browser has this.
        if action == "download":
            return self.app.is_web and self.exam_id is not None
        return True

    async def action_download(self) -> None:
        await self.app.run_action(f"app.download_exams({self.exam_id})")


def _tally_lines(groups: dict[str, Tally]) -> list[str]:
    width = max((len(name) for name in groups), default=0)
    return [f"  {escape(name):<{width}}  {format_score(t)}" for name, t in groups.items()]


def _mistake(result: QuestionResult) -> str:
    question = result.question
    heading = f"[b]Question {result.number}[/b] ({FORMAT_NAMES[question.format]})"
    lines = [heading, escape(question.prompt)]
    if question.format is Format.MATCHING:
        lines += [f"  {i + 1}) {escape(item)}" for i, item in enumerate(question.items)]
    if question.format in (Format.CHRONOLOGY, Format.MATCHING):
        lines += [f"  {LETTERS[i]}) {escape(o)}" for i, o in enumerate(question.options)]
    lines.append(f"[b]Your answer:[/b] {escape(result.shown_response())}")
    answer = escape(question.answer)
    lines.append(f"[b]Right answer:[/b]{chr(10) if chr(10) in answer else ' '}{answer}")
    lines.append(f"[b]Mark:[/b] {escape(result.verdict.reason)}")
    author = question.entries[0].deck.reference.author if question.entries else ""
    cite = f" ({escape(author)})" if author else ""
    for source in question.sources:
        lines.append(f"[dim]Source{cite}:[/dim] [i]“{escape(source)}”[/i]")
    return "\n".join(lines)
