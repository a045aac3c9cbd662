"""A class's item analysis as JSON, CSV, Markdown and a plain-text table."""

from __future__ import annotations

import csv
import io
import textwrap
from typing import Any

from quizapp.core.insight.item_analysis import ClassReport, GroupScore, ItemStats

CSV_COLUMNS = (
    "card",
    "prompt",
    "formats",
    "answers",
    "facility",
    "discrimination",
    "choices",
    "flags",
)


def report_json(report: ClassReport) -> dict[str, Any]:
    """`{"students": N, "items": [...], "by_tag": {...}, "by_kind": {...}}`."""
    return {
        "students": report.students,
        "items": [_item_json(item) for item in report.items],
        "by_tag": _groups_json(report.by_tag),
        "by_kind": _groups_json(report.by_kind),
        "notices": list(report.notices),
    }


def _item_json(item: ItemStats) -> dict[str, Any]:
    return {
        "card": item.item,
        "prompt": item.prompt,
        "formats": list(item.formats),
        "answers": item.answers,
        "facility": round(item.facility, 4),
        "discrimination": None if item.discrimination is None else round(item.discrimination, 4),
        "choices": {option: round(share, 4) for option, share in item.choices.items()},
        "right": list(item.right_options),
        "flags": list(item.flags),
    }


def _groups_json(groups: dict[str, GroupScore]) -> dict[str, dict[str, float]]:
    return {key: {"answers": g.answers, "mean": round(g.mean, 4)} for key, g in groups.items()}


def report_csv(report: ClassReport) -> str:
    """One row an item, flagged items first; choices as `option: 40%; ...`."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item in report.items:
        writer.writerow(
            [
                item.item,
                item.prompt,
                " ".join(item.formats),
                item.answers,
                f"{item.facility:.2f}",
                "" if item.discrimination is None else f"{item.discrimination:.2f}",
                choices_text(item),
                "; ".join(item.flags),
            ]
        )
    return out.getvalue()


def choices_text(item: ItemStats) -> str:
    """'Kosygin* 60%; Brezhnev 40%' (the right option starred), or ''."""
    rights = set(item.right_options)
    return "; ".join(
        f"{option}{'*' if option in rights else ''} {share:.0%}"
        for option, share in sorted(item.choices.items(), key=lambda kv: -kv[1])
    )


def discrimination_text(item: ItemStats) -> str:
    return "-" if item.discrimination is None else f"{item.discrimination:+.2f}"


def report_markdown(report: ClassReport) -> str:
    """A report to read or share: notices, the items table, flags, and scores by tag and kind."""
    lines = [
        "# Item analysis",
        "",
        f"{report.students} student(s), first attempts only. Facility is the mean score "
        "(0 to 1); discrimination is the correlation between the item's score and the rest "
        "of the paper's (as Moodle's quiz statistics).",
        "",
    ]
    lines += [f"> {notice}" for notice in report.notices]
    if report.notices:
        lines.append("")
    lines += [
        "| card | answers | facility | discrimination | choices | flags |",
        "|---|---:|---:|---:|---|---|",
    ]
    for item in report.items:
        flags = "<br>".join(_md(flag) for flag in item.flags)
        lines.append(
            f"| {_md(item.item)} | {item.answers} | {item.facility:.2f} | "
            f"{discrimination_text(item)} | {_md(choices_text(item))} | {flags} |"
        )
    for title, groups in (("tag", report.by_tag), ("kind", report.by_kind)):
        if groups:
            lines += ["", f"## Mean score by {title}", "", f"| {title} | answers | mean |"]
            lines.append("|---|---:|---:|")
            lines += [f"| {_md(k)} | {g.answers} | {g.mean:.0%} |" for k, g in groups.items()]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def report_lines(report: ClassReport, width: int = 100) -> list[str]:
    """The report as plain text for a terminal: the table, each flag under its item."""
    lines = [f"{report.students} student(s), first attempts only."]
    for notice in report.notices:
        lines += textwrap.wrap(f"Note: {notice}.", width)
    card_width = max(12, min(40, max((len(i.item) for i in report.items), default=12)))
    lines += [
        "",
        f"{'card':{card_width}}  {'answers':>7}  {'facility':>8}  {'discrim.':>8}  choices",
    ]
    for item in report.items:
        card = item.item if len(item.item) <= card_width else item.item[: card_width - 1] + "…"
        choices = choices_text(item)
        fits = len(choices) <= width - card_width - 33
        lines.append(
            f"{card:{card_width}}  {item.answers:>7}  {item.facility:>8.2f}  "
            f"{discrimination_text(item):>8}  {choices if fits else ''}".rstrip()
        )
        indent = " " * (card_width + 2)
        if not fits:
            lines += textwrap.wrap(
                choices, width, initial_indent=indent + "chosen: ", subsequent_indent=indent + "  "
            )
        for flag in item.flags:
            lines += textwrap.wrap(
                flag, width, initial_indent=indent + "! ", subsequent_indent=indent + "  "
            )
    for title, groups in (("tag", report.by_tag), ("kind", report.by_kind)):
        if groups:
            shown = ", ".join(f"{k} {g.mean:.0%} ({g.answers})" for k, g in groups.items())
            lines += ["", *textwrap.wrap(f"Mean score by {title}, weakest first: {shown}", width)]
    return lines
