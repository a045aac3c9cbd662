"""The final pass: in the last days before an exam, every card it covers is seen once.

The exam-aware queue serves the reviews worth most exam-day recall, so a card that is safe
for the exam may never come up in the weeks before it. Students want the certainty of having
seen every card: in the final pass (by default a fifth of the time from setting the date to
the exam, at least MIN_DAYS and at most MAX_DAYS days) each covered card not yet answered
since the pass began is served on one of its days, in even shares. A share is the cards left
over the pass days left (rounded up) counted at the start of the day, so a student who keeps
to it sees the same number each day, never a pile on the eve; no share is larger than the
first day's. Those answers are real
reviews; after the exam the cards follow FSRS again.

A card is "seen" once it was answered on or after the pass's first day, by the pass or by the
queue's other choices. Cards not yet seen come only in their share: new cards first (they need
the days left most), then by due date (the most overdue first).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

MIN_DAYS, MAX_DAYS = 3, 14
SHARE_OF_TIME = 5  # the pass takes a fifth of the time from setting the date to the exam


def final_days(exam_day: date, set_on: date | None, days: int | None) -> int:
    """How many study days the final pass lasts.

    Args:
        exam_day: The exam's study day.
        set_on: The study day the exam date was set (None: unknown, the shortest pass).
        days: The student's setting: None for the default, 0 for no final pass.

    Returns:
        The setting if given, else a fifth of the time from setting the date to the exam,
        rounded up, between MIN_DAYS and MAX_DAYS; never more days than that time.
    """
    if days is not None:
        return max(0, days)
    if set_on is None:
        return MIN_DAYS
    span = max(0, (exam_day - set_on).days)
    return min(span, max(MIN_DAYS, min(MAX_DAYS, -(-span // SHARE_OF_TIME))))


def final_start(exam_day: date, set_on: date | None, days: int | None) -> date | None:
    """The final pass's first study day, or None when the plan has none."""
    length = final_days(exam_day, set_on, days)
    return exam_day - timedelta(days=length) if length > 0 else None


def share(unseen_at_start: int, days_left: int, cards: int, days: int) -> int:
    """A pass day's share: the cards not seen at the start of the day over the pass days left
    (today included), rounded up; never more than a day's share of the whole pass (its
    `cards` over its `days`), so the load is known in advance: a student who misses days of
    the pass is not handed the rest on the eve (the plan says what is left unseen)."""
    if unseen_at_start <= 0:
        return 0
    return min(-(-unseen_at_start // max(1, days_left)), -(-cards // max(1, days)))


@dataclass(frozen=True)
class PassToday:
    """Today's part of the final pass, as the queue serves it."""

    share: int  # cards the pass asks today
    done: int  # cards first seen in the pass today, so far

    @property
    def left(self) -> int:
        return max(0, self.share - self.done)


def in_pass(start: date | None, day: date, exam_day: date) -> bool:
    """Whether a study day falls in the final pass."""
    return start is not None and start <= day < exam_day
