"""`quizapp exams [--json] [--csv FILE [--exam ID] [--student NAME]]`: the exams sat, and
their answers as CSV (one exam's, named for a student, for `quizapp class report`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, UsageError, open_collection
from quizapp.core.progress.exams import ExamRecord, ExamStore
from quizapp.core.sessions.report import format_points

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "exams", parents=[common], help="list the exams you have sat; export them as CSV"
    )
    parser.add_argument("--json", action="store_true", help="print JSON, answers included")
    parser.add_argument(
        "--csv",
        type=Path,
        metavar="FILE",
        help="write every answer of every exam to FILE as CSV ('-' for standard output)",
    )
    parser.add_argument(
        "--exam", type=int, metavar="ID", help="with --csv: only this exam (ids as listed)"
    )
    parser.add_argument(
        "--student",
        metavar="NAME",
        help="with --csv: add a student column with this name (for quizapp class report)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.csv is None and (args.exam is not None or args.student is not None):
        raise UsageError("--exam and --student go with --csv FILE")
    if args.student is not None and not args.student.strip():
        raise UsageError("--student needs a name")
    collection = open_collection(args)
    try:
        exams = ExamStore(collection.store.conn)
        records = exams.exams()
        if args.exam is not None and args.exam not in {r.id for r in records}:
            known = ", ".join(str(r.id) for r in records) or "none yet"
            raise UsageError(f"no exam with id {args.exam} (exams: {known})")
        if args.csv is not None:
            rows = _write_csv(exams, args.csv, args.exam, args.student)
            if str(args.csv) != "-":
                count = 1 if args.exam is not None else len(records)
                print(f"{rows} answer(s) of {count} exam(s) written to {args.csv}")
            return EXIT_OK
        if args.json:
            data = [{**r.to_json(), "answers": exams.answers(r.id)} for r in records]
            print(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            _print_table(records)
    finally:
        collection.close()
    return EXIT_OK


def _write_csv(exams: ExamStore, path: Path, exam: int | None, student: str | None) -> int:
    if str(path) == "-":
        return exams.write_csv(sys.stdout, exam, student)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # as every other file quizapp writes
        with path.open("w", encoding="utf-8", newline="") as out:
            return exams.write_csv(out, exam, student)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc


def ending_of(record: ExamRecord) -> str:
    """How an exam ended: out of time, every question answered, or ended by the student."""
    if record.timed_out:
        return "time ran out"
    return "finished" if record.answered == record.questions else "ended early"


def _print_table(records: list[ExamRecord]) -> None:
    if not records:
        print("No exam yet. Sit one with: quizapp exam --count 10 --minutes 10")
        return
    print(f"{'id':>4}  {'date':16}  {'score':>12}  {'answered':>8}  {'minutes':>10}  ending")
    for r in records:
        when = r.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        score = f"{format_points(r.score)}/{r.questions} ({r.share:.0%})"
        used = (r.ended_at - r.started_at).total_seconds() / 60
        ending = ending_of(r)
        print(
            f"{r.id:>4}  {when:16}  {score:>12}  {f'{r.answered}/{r.questions}':>8}"
            f"  {f'{used:.1f}/{r.minutes:g}':>10}  {ending}"
        )
