"""`quizapp serve`: the app in a browser, for a class on a network; one profile per student.

Each browser tab runs the app in a process of its own (`quizapp serve --session`, started by
the server), which asks who is studying before it opens anyone's progress.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.cli.common import (
    EXIT_OK,
    CommandError,
    UsageError,
    open_collection,
    pause_collector_for_start_up,
    profile_named,
    profile_of,
)

if TYPE_CHECKING:
    from quizapp.cli.common import Commands
    from quizapp.core.collection import Collection

DESCRIPTION = (
    "Serve the app to browsers: every tab runs quizapp, drawn in the page. Whoever opens the "
    "page picks or creates a profile (a name): each keeps its own progress, settings and exams "
    "in the data folder's profiles/NAME. The address printed carries an access token; a "
    "request without it is refused. For a class: --host 0.0.0.0 and the address printed "
    "(docs/serving.md)."
)


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "serve",
        parents=[common],
        help="serve the app to browsers (a class on a network), one profile per student",
        description=DESCRIPTION,
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1: this machine only; "
        "0.0.0.0: every network the machine is on)",
    )
    parser.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers reach this machine at, e.g. http://192.168.1.20:8000 "
        "(default: the host, or the machine's network address with --host 0.0.0.0)",
    )
    parser.add_argument(
        "--no-token",
        action="store_true",
        help="no access token (only with --host 127.0.0.1: this machine's own browser)",
    )
    # What the server runs for each browser tab.
    parser.add_argument("--session", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.session:
        return run_session(args)
    from quizapp.core.paths import data_dir
    from quizapp.tui.serving import (
        ClassServer,
        check_port,
        is_loopback,
        new_token,
        public_url_for,
    )

    if args.no_token and not is_loopback(args.host):
        raise UsageError(
            f"--no-token only serves this machine (--host 127.0.0.1), not {args.host}: on a "
            "network anyone could open any student's progress. Leave --no-token out and give "
            "the class the address printed, with its token."
        )
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: a port is a number from 1 to 65535")
    if args.public_url and not args.public_url.startswith(("http://", "https://")):
        raise UsageError(f"--public-url {args.public_url}: give it as http://HOST:PORT")
    # --profile only: a $QUIZAPP_PROFILE set for one's own terminal would put every student's
    # browser on that one profile.
    profile = profile_of(args) if getattr(args, "profile", None) is not None else None
    base = data_dir(getattr(args, "data_dir", None)).resolve()
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot use {base}: {exc.strerror or exc}") from exc
    decks = [path.resolve() for path in getattr(args, "decks", None) or []]
    for path in decks:
        if not path.exists():
            raise UsageError(f"no such deck file or folder: {path}")
    command = session_command(base, decks, getattr(args, "no_bundled", False), profile)
    token = None if args.no_token else new_token()
    url = public_url_for(args.host, args.port, args.public_url)
    server = ClassServer(command, args.host, args.port, url, token)
    try:
        check_port(args.host, args.port)
        if profile is not None:
            print(f"Every browser opens the profile '{profile}' (--profile).")
        server.serve()
    except OSError as exc:  # the port in use, or an address not this machine's
        raise CommandError(
            f"cannot serve on {args.host} port {args.port}: {exc.strerror or exc}"
        ) from exc
    return EXIT_OK


def session_command(base: Path, decks: list[Path], no_bundled: bool, profile: str | None) -> str:
    """The command line of one browser tab's app (run by a shell)."""
    argv = [sys.executable, "-m", "quizapp", "serve", "--session", "--data-dir", str(base)]
    for path in decks:
        argv += ["--decks", str(path)]
    if no_bundled:
        argv.append("--no-bundled")
    if profile is not None:
        argv += ["--profile", profile]
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


def run_session(args: argparse.Namespace) -> int:
    """One browser tab: the profile named with --profile, else the profile screen first."""
    from quizapp.core.paths import data_dir
    from quizapp.tui.app import make_app
    from quizapp.tui.screens.profile import Profiles

    pause_collector_for_start_up()
    given = getattr(args, "profile", None)  # the server's choice; not $QUIZAPP_PROFILE here
    if given is not None:
        collection = open_collection(args, parse_later=True)
        app = make_app(collection, profile=profile_named(args))
    else:
        base = data_dir(getattr(args, "data_dir", None))
        app = make_app(None, profiles=Profiles(base, partial(open_profile, args, base)))
    try:
        app.run()
    finally:
        if app.opened is not None:
            app.opened.close()
    return int(app.return_code or 0)


def open_profile(args: argparse.Namespace, base: Path, name: str) -> Collection:
    """A profile's collection, as the CLI opens the default one (decks read later, at home)."""
    from quizapp.core.collection import Collection
    from quizapp.core.paths import data_dir

    return Collection.open(
        getattr(args, "decks", None),
        data_dir(base, name),
        parse_later=True,
        # --no-bundled hides them; else the profile's setting, else $QUIZAPP_NO_BUNDLED decides.
        show_bundled=False if getattr(args, "no_bundled", False) else None,
    )
