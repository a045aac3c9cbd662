"""People's names written with initials: "A. Kozyrev", "N. Bulganin", "George Bush" for
"George H. W. Bush". A given name alone, or a surname shared with someone else, never is."""

from __future__ import annotations

from quizapp.core.grading.text import slips_forgiven


def _same_word(given: str, target: str) -> bool:
    return given == target or bool(slips_forgiven([given], [target]))


def _fits(given: str, target: str) -> bool:
    """A word for a word, or an initial for a word with that first letter (either way)."""
    if len(given) == 1 or len(target) == 1:
        return given[0] == target[0]
    return _same_word(given, target)


def initials_match(given: list[str], target: list[str]) -> bool:
    """Whether `given` names the person `target` names, with initials on either side.

    Both are lists of normalised words (titles already removed), and one side must use an
    initial. The surnames must agree in full (a forgiven slip aside), the first names or
    their initials must agree, and only middle initials may be left out ("George Bush" for
    "George H. W. Bush"); a surname alone is not enough here.

    Args:
        given: The student's words.
        target: An accepted answer's words.

    Returns:
        True when they name the same person.
    """
    if len(given) < 2 or len(target) < 2 or min(len(given[-1]), len(target[-1])) < 2:
        return False
    if not all(word.isalpha() for word in given + target):
        return False  # "May 7, 1949" has no initial 7
    if not any(len(word) == 1 for word in given + target):
        return False
    if not _same_word(given[-1], target[-1]):
        return False
    i = j = 0
    before_given, before_target = given[:-1], target[:-1]
    while i < len(before_given):
        if j >= len(before_target):
            return False
        if _fits(before_given[i], before_target[j]):
            i, j = i + 1, j + 1
        elif j > 0 and len(before_target[j]) == 1:
            j += 1  # a middle initial left out
        else:
            return False
    return all(len(word) == 1 for word in before_target[j:])
