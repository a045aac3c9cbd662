"""`quizapp stats [DECK...] [--json]`: reviews, due forecast, retention, mastery, streak."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, UsageError, open_collection
from quizapp.core.insight.heatmap import grid, legend
from quizapp.core.insight.mastery import MASTERED_RULE
from quizapp.core.insight.stats import Stats, collect
from quizapp.core.sessions.leeches import LEECH_RULE

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("stats", parents=[common], help="show your progress in figures")
    parser.add_argument("deck", nargs="*", help="deck ids (default: all decks)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    collection = open_collection(args)
    try:
        try:
            decks = collection.select(args.deck)
        except LookupError as exc:
            raise UsageError(str(exc)) from exc
        stats = collect(decks, collection.store, collection.scheduler, collection.clock())
    finally:
        collection.close()
    print(json.dumps(stats.to_dict(), indent=2, ensure_ascii=False) if args.json else text(stats))
    return EXIT_OK


def percent(share: float | None) -> str:
    """A share as a whole percentage, or a dash when there is nothing to divide."""
    return "-" if share is None else f"{share:.0%}"


def text(stats: Stats) -> str:
    """The statistics as readable text."""
    days = "day" if stats.streak == 1 else "days"
    lines = [
        f"Statistics for {len(stats.decks)} deck(s), study day {stats.today.isoformat()}",
        f"Streak: {stats.streak} study {days} in a row. Reviews in all: {stats.reviews_total}.",
        "",
        "Reviews per day, last 12 weeks (a column a week, Monday at the top):",
        *grid(stats.reviews_by_day),
        legend(stats.reviews_by_day),
        "",
        "Due in the next 30 days (today includes overdue cards):",
    ]
    for start in range(0, len(stats.due_by_day), 10):
        chunk = stats.due_by_day[start : start + 10]
        lines.append("  " + "  ".join(f"{day:%b %d}: {count:>3}" for day, count in chunk[:5]))
        lines.append("  " + "  ".join(f"{day:%b %d}: {count:>3}" for day, count in chunk[5:]))
    lines += ["", "True retention by week (pass rate of reviews of cards in review state):"]
    for week in stats.retention:
        if week.reviews:
            rate = percent(week.rate)
            lines.append(f"  week of {week.week:%Y-%m-%d}: {rate:>4} of {week.reviews} reviews")
    if not any(week.reviews for week in stats.retention):
        lines.append("  no review of a card in review state yet")
    m = stats.mastery
    lines += [
        "",
        f"Mastered: {m.mastered} of {m.cards} cards ({percent(m.share)})",
        f"  (mastered: {MASTERED_RULE})",
    ]
    for title, groups in (("By kind", stats.mastery_by_kind), ("By tag", stats.mastery_by_tag)):
        lines.append(f"  {title}:")
        for g in groups:
            lines.append(f"    {g.name:<20} {g.mastered:>4} of {g.cards:<4} {percent(g.share):>5}")
    lines += ["", "Hardest cards (most lapses: Again answers but a first sight's):"]
    for card in stats.hardest:
        prompt = card.prompt if len(card.prompt) <= 50 else card.prompt[:49] + "…"
        lines.append(f"  {card.lapses:>3} lapses  {card.deck_id}/{card.card_id}  {prompt}")
    if not stats.hardest:
        lines.append("  none: no card has been answered Again after its first sight")
    lines += ["", "Leeches:", f"  ({LEECH_RULE})"]
    for leech in stats.leeches:
        prompt = leech.prompt if len(leech.prompt) <= 50 else leech.prompt[:49] + "…"
        aside = ", suspended" if leech.suspended else ""
        lines.append(
            f"  {leech.lapses:>3} lapses{aside}  {leech.deck_id}/{leech.card_id}  {prompt}"
        )
    if stats.leeches:
        lines.append("  Edit each, split it into smaller cards, or add a mnemonic.")
    else:
        lines.append("  none")
    return "\n".join(lines)
