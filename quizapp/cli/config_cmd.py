"""`quizapp config [--deck DECK] [KEY [VALUE]] [--json]` and `quizapp config --reset KEY`:
the student's settings, for every deck or for one, kept in the progress store."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, CommandError, open_collection

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    from quizapp.core.settings.definitions import DEFINITIONS

    keys = "\n".join(
        f"  {d.key:17} {d.meaning} (default {d.default})" for d in DEFINITIONS.values()
    )
    parser = commands.add_parser(
        "config",
        parents=[common],
        help="show or change your settings (new cards a day, retention, ...)",
        description="Without KEY, list every setting with its value, where it comes from and "
        "what it means. With KEY, print its value; with KEY VALUE, set it. Settings are for "
        "every deck unless --deck names one (its own values come before every deck's).",
        epilog=f"settings:\n{keys}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("key", nargs="?", metavar="KEY", help="a setting, e.g. new-per-day")
    parser.add_argument("value", nargs="?", metavar="VALUE", help="the value to set")
    parser.add_argument("--deck", metavar="DECK", help="one deck's settings (its id)")
    parser.add_argument(
        "--reset",
        action="store_true",
        help="take KEY back to its default (for --deck, to every deck's value)",
    )
    parser.add_argument("--json", action="store_true", help="print the settings in force as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from quizapp.core.settings.definitions import SettingError, definition
    from quizapp.core.settings.study_settings import change_setting, settings_for, settings_json

    if args.reset and (args.key is None or args.value is not None):
        raise CommandError("--reset takes a setting's name and no value: config --reset KEY")
    collection = open_collection(args)
    try:
        deck_id = None
        if args.deck is not None:
            try:
                deck_id = collection.select([args.deck])[0].id
            except LookupError as exc:
                raise CommandError(str(exc)) from exc
        where = f"deck {deck_id}" if deck_id else "every deck"
        try:
            if args.key is not None:
                definition(args.key)  # an unknown name is named before anything else
        except SettingError as exc:
            raise CommandError(str(exc)) from exc
        changed = False
        if args.reset or args.value is not None:
            value = None if args.reset else args.value
            try:
                changed = change_setting(
                    collection.store, args.key, value, collection.clock(), deck_id
                )
            except SettingError as exc:
                doing = f"reset {args.key}" if value is None else f"set {args.key} to {value!r}"
                raise CommandError(f"cannot {doing} for {where}: {exc}") from exc
        settings = settings_for(collection.store, deck_id)
    finally:
        collection.close()
    shown = settings_json(settings)
    for key, reason in settings.ignored.items():
        print(f"quizapp: the value kept for {key} is not used: {reason}")
    if args.json:
        chosen = shown if args.key is None else {args.key: shown[args.key]}
        print(json.dumps(chosen, indent=2, ensure_ascii=False))
    elif args.reset or args.value is not None:
        origin = settings.origin[args.key]
        said = "" if changed else " (unchanged)"
        print(f"{args.key} for {where}: {_text(shown[args.key])} ({origin}){said}")
    elif args.key is not None:
        print(_text(shown[args.key]))
    else:
        print(_listing(shown, settings.origin, where))
    return EXIT_OK


def _listing(shown: dict[str, object], origin: dict[str, str], where: str) -> str:
    from quizapp.core.settings.definitions import DEFINITIONS

    lines = [f"Settings for {where} (a deck's own, over every deck's, over the defaults):"]
    width = max(len(_text(value)) for value in shown.values())
    for key, value in shown.items():
        lines.append(
            f"  {key:17} {_text(value):{width}}  {origin[key]:10}  {DEFINITIONS[key].meaning}"
        )
    lines.append("Change one with `quizapp config [--deck DECK] KEY VALUE`.")
    return "\n".join(lines)


def _text(value: object) -> str:
    return str(value)
