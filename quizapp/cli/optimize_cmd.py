"""`quizapp optimize [--json]`: fit FSRS parameters to your own review history."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, open_collection
from quizapp.core.progress.fitting import adopt
from quizapp.core.scheduling.optimizer import MIN_REVIEWS, Optimization, history, optimize

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "optimize", parents=[common], help="fit the schedule to your own review history"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    collection = open_collection(args)
    try:
        scheduler = collection.scheduler
        cards = history(collection.store.reviews(), scheduler.tz, scheduler.config.rollover_hour)
        result = optimize(cards, scheduler.config.parameters)
        if result.adopted and result.parameters is not None:
            adopt(
                collection.store,
                result.parameters,
                cards,
                scheduler.tz,
                scheduler.config.rollover_hour,
            )
    finally:
        collection.close()
    print(json.dumps(result.to_dict(), indent=2) if args.json else text(result))
    return EXIT_OK


def text(result: Optimization) -> str:
    """The outcome in words."""
    if not result.enough:
        return (
            f"Not enough history yet: {result.reviews} review(s) made a day or more after the"
            f" card's previous one; optimizing needs {MIN_REVIEWS}. The default parameters stay."
        )
    assert result.before is not None and result.after is not None
    lines = [
        f"Fitted FSRS parameters to {result.reviews} reviews (lower is better):",
        f"  log loss    before {result.before.log_loss:.4f}  after {result.after.log_loss:.4f}",
        f"  RMSE(bins)  before {result.before.rmse_bins:.4f}  after {result.after.rmse_bins:.4f}",
    ]
    if result.adopted:
        lines.append("Saved: your schedule uses them from now on.")
    else:
        lines.append("They predict your reviews no better, so the current parameters stay.")
    return "\n".join(lines)
