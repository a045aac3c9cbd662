"""Item analysis of a class's exams: how each question's card did, as Moodle's quiz statistics.

Each student's results come as `quizapp exams --csv` writes them (one file a student, or one
file with a `student` column). Only each student's first attempt counts, as Moodle does by
default: later attempts build on the first and break the assumptions of item analysis.

For each item (the card or cards a question tested):
- facility: the mean score, 0 to 1 (Moodle's facility index, as a fraction);
- discrimination: the Pearson correlation between the item's score and the score of the rest of
  the paper (the paper's total less this item), over the students who were asked it (Moodle's
  discrimination index, as a fraction); None when either score does not vary;
- choices: for choice and true/false questions, the share of students who picked each option,
  among those who were shown it.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.core.grading.responses import parse_bool, parse_letter

# Flags, as commonly read from Moodle's report: a facility outside 0.3-0.9 tells little, and a
# discrimination under 0.25 separates strong students from weak ones poorly.
HARD_BELOW, EASY_ABOVE = 0.3, 0.9
WEAK_BELOW = 0.25
# Below this many students the figures are rough; the report says so.
FEW_STUDENTS = 10
REQUIRED_COLUMNS = ("exam_id", "number", "format", "options", "expected", "given", "score")


class ClassDataError(Exception):
    """A results file that cannot be read as `quizapp exams --csv` output."""


@dataclass(frozen=True)
class Answer:
    """One question of one student's paper, as the exam CSV keeps it."""

    student: str
    item: str  # the cards tested, "deck/card" (space-separated when several)
    number: int
    format: str
    prompt: str
    options: tuple[str, ...]
    expected: str
    given: str
    score: float
    kinds: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def picked(self) -> str | None:
        """The option chosen (its text; 'true' or 'false'), or None when no option applies."""
        if self.format == "choice":
            if not self.given.strip():
                return None
            index = parse_letter(self.given, len(self.options))
            if index is not None:
                return self.options[index]
            folded = self.given.strip().casefold()
            return next((o for o in self.options if o.casefold() == folded), self.given.strip())
        if self.format == "truefalse":
            truth = parse_bool(self.given)
            return None if truth is None else str(truth).lower()
        return None

    @property
    def right_option(self) -> str | None:
        if self.format == "choice":
            return self.expected
        if self.format == "truefalse":
            return "true" if self.expected.strip().lower().startswith("true") else "false"
        return None

    @property
    def shown_options(self) -> tuple[str, ...]:
        if self.format == "choice":
            return self.options
        return ("true", "false") if self.format == "truefalse" else ()


@dataclass(frozen=True)
class Paper:
    """A student's first attempt."""

    student: str
    exam: str  # the exam's id in the student's own store
    answers: tuple[Answer, ...]
    later_attempts: int = 0

    @property
    def total(self) -> float:
        return sum(answer.score for answer in self.answers)


@dataclass(frozen=True)
class ItemStats:
    """How one item did across the class."""

    item: str
    prompt: str
    formats: tuple[str, ...]
    answers: int  # students who were asked it
    facility: float
    discrimination: float | None
    choices: dict[str, float]  # option -> share of the students shown it who chose it
    right_options: tuple[str, ...]
    flags: tuple[str, ...]
    first_seen: int  # for the paper's order

    @property
    def cards(self) -> tuple[str, ...]:
        return tuple(self.item.split())


@dataclass(frozen=True)
class GroupScore:
    """The mean score of the answers to a tag's or a kind's questions."""

    answers: int
    mean: float


@dataclass(frozen=True)
class ClassReport:
    """The item analysis of a class."""

    papers: tuple[Paper, ...]
    items: tuple[ItemStats, ...]  # flagged items first
    by_tag: dict[str, GroupScore]
    by_kind: dict[str, GroupScore]
    notices: tuple[str, ...] = field(default=())

    @property
    def students(self) -> int:
        return len(self.papers)

    @property
    def flagged(self) -> list[ItemStats]:
        return [item for item in self.items if item.flags]


def read_results(paths: Sequence[Path]) -> list[Paper]:
    """Every student's first attempt, from the files `quizapp exams --csv` wrote.

    Raises:
        ClassDataError: a file cannot be read or lacks the exam columns (the message names it).
    """
    # student -> exam (file and id) -> (when it started, its answers)
    exams: dict[str, dict[tuple[str, str], tuple[str, list[Answer]]]] = {}
    for path in paths:
        for exam, started, answer in _rows(path):
            sat = exams.setdefault(answer.student, {})
            sat.setdefault((str(path), exam), (started, []))[1].append(answer)
    papers = []
    for student, sat in exams.items():
        (_, exam), (_, answers) = min(sat.items(), key=lambda kv: (kv[1][0], kv[0]))
        ordered = tuple(sorted(answers, key=lambda a: a.number))
        papers.append(Paper(student, exam, ordered, len(sat) - 1))
    return sorted(papers, key=lambda p: p.student.casefold())


def _rows(path: Path) -> Iterable[tuple[str, str, Answer]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ClassDataError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ClassDataError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise ClassDataError(
            f"{path}: not an exam results file (no column {', '.join(missing)}); "
            "write one with: quizapp exams --csv FILE"
        )
    try:
        for line, row in enumerate(reader, start=2):
            yield _row(path, line, row)
    except csv.Error as exc:
        raise ClassDataError(f"{path}: not valid CSV: {exc}") from None


def _row(path: Path, line: int, row: dict[str, str]) -> tuple[str, str, Answer]:
    student = (row.get("student") or "").strip() or path.stem
    try:
        number = int(row["number"])
        score = float(row["score"])
    except (TypeError, ValueError):
        raise ClassDataError(f"{path}:{line}: the number or the score is not a number") from None
    if not 0 <= score <= 1 or math.isnan(score):
        raise ClassDataError(f"{path}:{line}: the score {score:g} is outside 0..1")
    cards = " ".join((row.get("cards") or "").split()) or f"question {number}"
    answer = Answer(
        student=student,
        item=cards,
        number=number,
        format=(row.get("format") or "").strip(),
        prompt=(row.get("prompt") or "").strip(),
        options=tuple(line for line in (row.get("options") or "").splitlines() if line.strip()),
        expected=(row.get("expected") or "").strip(),
        given=row.get("given") or "",
        score=score,
        kinds=tuple((row.get("kinds") or "").split()),
        tags=tuple((row.get("tags") or "").split()),
    )
    return row["exam_id"], row.get("exam_started") or "", answer


def analyse(papers: Sequence[Paper]) -> ClassReport:
    """The item analysis of the papers (one a student)."""
    per_item: dict[str, list[tuple[Paper, Answer]]] = {}
    for paper in papers:
        seen: set[str] = set()
        for answer in paper.answers:
            if answer.item not in seen:  # an item asked twice counts once, as first asked
                seen.add(answer.item)
                per_item.setdefault(answer.item, []).append((paper, answer))
    items = [_item_stats(item, pairs) for item, pairs in per_item.items()]
    items.sort(key=lambda s: (not s.flags, -_severity(s), s.first_seen, s.item))
    notices = []
    if papers and len(papers) < FEW_STUDENTS:
        notices.append(
            f"only {len(papers)} student(s): with fewer than {FEW_STUDENTS} the figures are "
            "rough; read the flags as questions to look at, not verdicts"
        )
    retakes = sum(1 for p in papers if p.later_attempts)
    if retakes:
        notices.append(
            f"{retakes} student(s) sat more than one exam: only each first attempt is counted"
        )
    every = [a for p in papers for a in p.answers]
    return ClassReport(
        papers=tuple(papers),
        items=tuple(items),
        by_tag=_grouped(every, lambda a: a.tags),
        by_kind=_grouped(every, lambda a: a.kinds),
        notices=tuple(notices),
    )


def _item_stats(item: str, pairs: list[tuple[Paper, Answer]]) -> ItemStats:
    scores = [answer.score for _, answer in pairs]
    rests = [paper.total - answer.score for paper, answer in pairs]
    facility = sum(scores) / len(scores)
    discrimination = pearson(scores, rests)
    choices, rights = _choices([answer for _, answer in pairs])
    first = pairs[0][1]
    stats = ItemStats(
        item=item,
        prompt=first.prompt,
        formats=tuple(dict.fromkeys(a.format for _, a in pairs)),
        answers=len(pairs),
        facility=facility,
        discrimination=discrimination,
        choices=choices,
        right_options=rights,
        flags=(),
        first_seen=min(a.number for _, a in pairs),
    )
    return ItemStats(**{**vars(stats), "flags": tuple(flags_of(stats))})


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation of two equally long series; None when either does not vary."""
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    var_x = sum((x - mean_x) ** 2 for x in xs)
    var_y = sum((y - mean_y) ** 2 for y in ys)
    if var_x <= 1e-12 or var_y <= 1e-12:
        return None
    return cov / math.sqrt(var_x * var_y)


def _choices(answers: list[Answer]) -> tuple[dict[str, float], tuple[str, ...]]:
    """Each option's share of the students shown it who chose it, and the right options."""
    shown: dict[str, int] = {}
    chosen: dict[str, int] = {}
    rights: dict[str, None] = {}
    for answer in answers:
        for option in answer.shown_options:
            shown[option] = shown.get(option, 0) + 1
        picked = answer.picked
        if picked is not None:
            chosen[picked] = chosen.get(picked, 0) + 1
            shown.setdefault(picked, 1)  # an answer typed instead of picked
        right = answer.right_option
        if right is not None:
            rights[right] = None
    shares = {option: chosen.get(option, 0) / count for option, count in shown.items()}
    return shares, tuple(rights)


def flags_of(stats: ItemStats) -> list[str]:
    """Why an item deserves a look, each in words (none when it did its job)."""
    flags = []
    d = stats.discrimination
    if d is not None and d < 0:
        flags.append(
            f"negative discrimination ({d:.2f}): students who did well on the rest of the "
            "paper did worse here; check the answer key and the wording"
        )
    elif d is not None and d < WEAK_BELOW:
        flags.append(
            f"weak discrimination ({d:.2f}, under {WEAK_BELOW}): it tells students who know "
            "the material from those who do not poorly"
        )
    if stats.facility < HARD_BELOW:
        flags.append(
            f"hard: facility {stats.facility:.2f} (under {HARD_BELOW}); check that it was "
            "taught and that the key is right"
        )
    elif stats.facility > EASY_ABOVE:
        flags.append(
            f"easy: facility {stats.facility:.2f} (over {EASY_ABOVE}); nearly everyone got it, "
            "so it tells students apart little"
        )
    rights = set(stats.right_options)
    right_share = max((stats.choices.get(r, 0.0) for r in rights), default=0.0)
    for option, share in stats.choices.items():
        if option in rights:
            continue
        if share == 0 and "choice" in stats.formats:
            flags.append(f"no one chose '{option}': replace it with a more plausible wrong option")
        elif share > right_share and rights:
            flags.append(
                f"'{option}' was chosen more ({share:.0%}) than the right answer "
                f"({right_share:.0%}): check the key and the wording"
            )
    return flags


def _severity(stats: ItemStats) -> int:
    """Negative discrimination first, then the number of flags."""
    negative = stats.discrimination is not None and stats.discrimination < 0
    return len(stats.flags) + (10 if negative else 0)


def _grouped(
    answers: list[Answer], keys: Callable[[Answer], Iterable[str]]
) -> dict[str, GroupScore]:
    groups: dict[str, list[float]] = {}
    for answer in answers:
        for key in keys(answer):
            groups.setdefault(key, []).append(answer.score)
    ordered = sorted(groups.items(), key=lambda kv: (sum(kv[1]) / len(kv[1]), kv[0]))
    return {key: GroupScore(len(scores), sum(scores) / len(scores)) for key, scores in ordered}


def class_report(paths: Sequence[Path]) -> ClassReport:
    """Read the students' results and analyse them.

    Raises:
        ClassDataError: a file cannot be read, or no file holds an exam.
    """
    papers = read_results(paths)
    if not papers:
        raise ClassDataError("the files hold no exam answers")
    return analyse(papers)
