"""The exam plan in words, as the plan command and the plan screen show it."""

from __future__ import annotations

from dataclasses import asdict

from quizapp.core.planning.plan import ON_TRACK, PlanReport


def summary_lines(report: PlanReport) -> list[str]:
    """The forecast in three sentences, as the plan command and the plan screen show it."""
    o = report.overall
    days = "day" if report.days_left == 1 else "days"
    target = f"{report.target:.0%}"
    lines = [
        f"Exam on {report.exam_day.isoformat()}: {report.days_left} study {days} left,"
        f" {o.cards} cards in {len(report.decks)} deck(s), {report.new_cards} never studied.",
        f"Predicted recall on exam day if you stop now: {o.recall:.0%}"
        f" ({o.ready} of {o.cards} cards at {target} or more).",
    ]
    if report.minutes is not None and not report.reachable:
        pass  # the budget's line says it
    elif report.reachable and report.per_day == 0 and report.final_per_day:
        lines.append(f"The final pass reaches {target}: no answers are needed before it.")
    elif report.reachable and report.per_day == 0:
        lines.append(f"That already reaches {target}: nothing more is needed.")
    elif report.reachable and report.kept:
        lines.append(
            f"On track: at {report.per_day} answers a day the forecast is {report.forecast:.0%}"
            f" (target {target})."
        )
    elif report.reachable:
        lines.append(
            f"To reach {target} on average: {report.per_day} answers a day"
            f" (forecast {report.forecast:.0%})."
        )
    elif report.needed is not None:
        lines.append(
            f"At {report.per_day} answers a day the forecast is now {report.forecast:.0%}:"
            f" {report.needed} a day would reach {target}. Set the exam date again to plan that."
        )
    elif report.kept:
        lines.append(
            f"{target} is out of reach by then: at {report.per_day} answers a day the forecast"
            f" is {report.forecast:.0%}."
        )
    else:
        lines.append(
            f"{target} is out of reach by then: {report.per_day} answers a day give a forecast"
            f" of {report.forecast:.0%}, and more would add little."
        )
    lines.append(load_line(report))
    if report.minutes is not None:
        lines.append(budget_line(report))
    if report.final_start is not None:
        lines.append(final_line(report))
    if report.due_after:
        lines.append(due_after_line(report))
    return lines


def budget_line(report: PlanReport) -> str:
    """The budget in minutes: the answers it holds, and what would reach the target."""
    pace = "your pace" if report.timed else "no timed answers yet"
    minutes = report.minutes or 0
    held = int(minutes * 60 // max(report.seconds, 1.0))
    line = (
        f"Budget: {minutes} minute{'s' * (minutes != 1)} a day, {held} answers at"
        f" {report.seconds:.0f} s each ({pace})"
    )
    if report.reachable:
        return line + f": the plan's {report.per_day} a day reach the target within it."
    peak = max((day.answers for day in report.calendar), default=0)
    line += f": within it the forecast is {report.forecast:.0%}"
    if report.forecast >= report.target - ON_TRACK and peak > report.per_day:
        line += f", but the final pass's days take up to {peak} answers."
    else:
        line += "."
    fixes = []
    if report.minutes_needed is not None:
        fixes.append(f"{report.minutes_needed} minutes a day")
    if report.leave_out:
        fixes.append("leaving out " + " or ".join(report.leave_out))
    if fixes:
        line += f" {report.target:.0%} would take {', or '.join(fixes)}."
    return line


def final_line(report: PlanReport) -> str:
    """When the final pass starts and what it asks."""
    start = report.final_start
    assert start is not None
    if start == report.today:
        when = "from today"
    else:
        when = f"{'since' if start < report.today else 'from'} {start.isoformat()}"
    if report.final_cards == 0:
        return f"Final pass {when}: every card has been seen."
    line = (
        f"Final pass {when}: {report.final_cards} cards to see once more before the exam,"
        f" about {report.final_per_day} a day."
    )
    if report.final_per_day > 2 * max(report.per_day, 10):
        # A pass of a large collection over a few days is no plan a student can keep.
        line += (
            " That is over twice the daily load: more final days (--final-days) or fewer"
            " decks would spread it, and --final-days 0 leaves it out."
        )
    return line


def due_after_line(report: PlanReport) -> str:
    """The cards FSRS would show only after the exam, though weak on the day."""
    count = len(report.due_after)
    cards = "card falls" if count == 1 else "cards fall"
    return (
        f"{count} {cards} due only after the exam although under {report.target:.0%} on the"
        " day: bring them forward with plan --bring-forward, or b on the plan screen."
    )


def load_line(report: PlanReport) -> str:
    """The daily load in words: what exam mode serves each day until the exam."""
    if report.new_per_day == 0:
        new = "no new cards left"
    else:
        new = f"{report.new_per_day} new cards a day while any are left (more when there is room)"
    return f"Daily load: {report.per_day} answers a day, {new}; due cards beyond it still come."


def report_dict(report: PlanReport) -> dict[str, object]:
    """A report in JSON-ready form (dates as ISO strings)."""
    data = asdict(report)
    for name in ("final_start", "final_cards", "final_per_day", "due_after", "seconds"):
        del data[name]
    data["exam_day"], data["today"] = report.exam_day.isoformat(), report.today.isoformat()
    data["calendar"] = [
        {
            "date": d.day.isoformat(),
            "answers": d.answers,
            "minutes": round(report.minutes_for(d.answers), 1),
            "new": d.new,
            "final": d.final,
        }
        for d in report.calendar
    ]
    start = report.final_start
    data["final_pass"] = {
        "start": None if start is None else start.isoformat(),
        "cards": report.final_cards,
        "per_day": report.final_per_day,
    }
    data["due_after_exam"] = len(report.due_after)
    data["due_after_exam_cards"] = report.due_after
    data["seconds_per_answer"] = round(report.seconds, 1)
    data["minutes_per_day"] = round(report.minutes_for(report.per_day), 1)
    return data
