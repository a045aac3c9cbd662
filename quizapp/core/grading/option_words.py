"""Whether words a student adds beside a right answer lean on one of the card's wrong options.

A word of a wrong option beside the answer may offer that option as a second candidate
("military aid, mostly economic" where economic aid is wrong). But a wrong option drawn from
the source shares the source's words: "the correct approach to the conflict" names no option
where the wrong one is "the eastern theatre of conflict". The added words lean on an option
when they hold at least half of the words that set it apart (its words less articles,
prepositions and the words the card's own answers and question use).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from quizapp.core.grading.wording import ARTICLES, PREPOSITIONS, roots_of

_FUNCTION_WORDS = roots_of(*ARTICLES, *PREPOSITIONS)


def option_words(wrong: Sequence[str], own: frozenset[str]) -> tuple[frozenset[str], ...]:
    """The words that set each wrong option apart from the card's own words (none empty)."""
    found = (roots_of(option) - own - _FUNCTION_WORDS for option in wrong)
    return tuple(words for words in found if words)


def leans_on_option(roots: Iterable[str], options: Sequence[frozenset[str]]) -> bool:
    """Whether the roots hold at least half of some wrong option's own words."""
    said = frozenset(roots)
    return any(2 * len(said & words) >= len(words) for words in options)
