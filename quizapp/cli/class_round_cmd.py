"""`quizapp class host [DECK...]` and `quizapp class join CODE`: a revision round for a class.

The host and every student are processes on one machine (terminals, or tabs of `quizapp
serve`), coordinated through the round's file in the data folder's rounds/.
"""

from __future__ import annotations

import argparse
import math
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.cli.common import (
    EXIT_OK,
    CommandError,
    UsageError,
    open_collection,
    pause_collector_for_start_up,
    profile_named,
)

if TYPE_CHECKING:
    from quizapp.cli.common import Commands

HOST_HELP = (
    "Run a revision round on a projector: a room code, the students who joined, then each "
    "question with a countdown and a live count of answers; n next, c close, r reveal. A right "
    "answer scores a point, speed nothing. Students' answers leave their schedules alone "
    "unless --reschedule. At the end, e writes one exam CSV per student for the class report."
)
JOIN_HELP = (
    "Join the round a teacher is hosting on this machine, with the room code on their screen."
)


def add_actions(actions: Commands, common: argparse.ArgumentParser) -> None:
    host = actions.add_parser(
        "host", parents=[common], help="host a revision round for a class", description=HOST_HELP
    )
    host.add_argument("deck", nargs="*", help="deck ids (default: all decks)")
    host.add_argument("--count", type=int, default=10, metavar="N", help="questions (10)")
    host.add_argument(
        "--seconds",
        type=float,
        default=30,
        metavar="S",
        help="time for each question (30; 0: until the teacher closes it)",
    )
    host.add_argument("--seed", type=int, metavar="N", help="draw the same questions again")
    host.add_argument(
        "--reschedule",
        action="store_true",
        help="log each student's answers as reviews in their own progress (off by default)",
    )
    host.add_argument(
        "--url",
        metavar="URL",
        help="the address of `quizapp serve` to show students (with its token)",
    )
    host.set_defaults(run=run_host)
    join = actions.add_parser(
        "join", parents=[common], help="join a class's revision round", description=JOIN_HELP
    )
    join.add_argument("code", metavar="CODE", help="the room code on the teacher's screen")
    join.add_argument("--name", help="your name, as the teacher will see it")
    join.set_defaults(run=run_join)


def rounds_here(args: argparse.Namespace) -> Path:
    """The machine's rounds: in the base data folder, whichever profile is open."""
    from quizapp.core.classroom.rooms import rounds_folder
    from quizapp.core.paths import data_dir

    return rounds_folder(data_dir(getattr(args, "data_dir", None)))


def run_host(args: argparse.Namespace) -> int:
    from quizapp.core.classroom.rooms import results_folder
    from quizapp.core.classroom.round_host import RoundHost
    from quizapp.core.classroom.round_questions import NoQuestionsError, draw_round
    from quizapp.core.clock import system_clock
    from quizapp.core.progress.round_file import RoundFileError

    if args.count < 1:
        raise UsageError(f"--count takes a number of questions from 1, not {args.count}")
    if not math.isfinite(args.seconds) or args.seconds < 0:
        raise UsageError(f"--seconds takes a number of seconds from 0, not {args.seconds:g}")
    pause_collector_for_start_up()
    collection = open_collection(args)
    try:
        decks = collection.select(args.deck)
        questions = draw_round(decks, args.count, args.seed)
        folder = rounds_here(args)
        host = RoundHost.start(
            folder,
            questions,
            system_clock,
            seconds=args.seconds or None,
            decks=[d.id for d in decks],
            reschedule=args.reschedule,
        )
    except (LookupError, NoQuestionsError) as exc:
        collection.close()
        raise UsageError(str(exc).strip("'\"")) from exc
    except RoundFileError as exc:
        collection.close()
        raise CommandError(str(exc)) from exc
    from quizapp.tui.app import make_app
    from quizapp.tui.screens.class_host import ClassHostScreen

    results = results_folder(folder, host.code)
    given = getattr(args, "data_dir", None)
    options = f" --data-dir {shlex.quote(str(given))}" if given else ""
    app = make_app(
        collection,
        start=lambda _app: ClassHostScreen(collection, host, results, args.url, options),
    )
    try:
        app.run()
    finally:
        try:
            host.end()  # a round left by its host is over for its students too
        except RoundFileError:
            pass  # the file is gone or locked: students are told by their own reading
        host.close_file()
        collection.close()
    print(f"Round {host.code}: its file is {folder / (host.code + '.sqlite3')}")
    if results.is_dir():
        print(f"Exam CSVs, one per student: quizapp class report {results}/*.csv")
    return int(app.return_code or 0)


def run_join(args: argparse.Namespace) -> int:
    from quizapp.core.classroom.rooms import RoomCodeError, normal_code, round_path

    try:
        code = normal_code(args.code)
    except RoomCodeError as exc:
        raise UsageError(str(exc)) from exc
    folder = rounds_here(args)
    if not round_path(folder, code).is_file():
        raise CommandError(
            f"no round {code} is running on this machine ({folder}); check the code on the "
            "teacher's screen"
        )
    name = args.name if args.name is not None else profile_named(args)
    pause_collector_for_start_up()
    collection = open_collection(args, parse_later=True)
    from quizapp.tui.app import make_app
    from quizapp.tui.screens.class_join import ClassJoinScreen

    app = make_app(
        collection,
        start=lambda _app: ClassJoinScreen(
            folder, code, name, leave_quits=True, collection=collection
        ),
    )
    try:
        app.run()
    finally:
        collection.close()
    return EXIT_OK
