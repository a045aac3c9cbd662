"""True words around a whole answer: "Karachi, then the capital", "an old nuclear arsenal".

An answer that holds one of the card's accepted answers word for word, with words added, is
right when the added words offer no other candidate for the answer. They must not:

- negate, hedge, offer a choice, add an item ("and", "with") or move a number or a date
  ("over", "before");
- give a number, an ordinal or a month the card does not give ("in 1950" on a card of 1947);
- use a word of a wrong option, or hold all the words of one;
- name someone or something (a capitalised word) that neither the question nor the answer
  names, nor any name at all in an aside ("India, then the Soviet Union");
- change what the answer names from just before it ("deputy", "anti-");
- stand beside the answer as a second phrase rather than qualify it: at most two words just
  before it, one just after, and any part set off by a comma opening as a remark does.

An answer that is a number or a date is left to the rules for numbers and dates, which know
units and periods. Names are told by their capitals, so a student who writes the answer's own
names in lower case gets no benefit of the doubt. Anything else falls back to the other rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizapp.core.grading.dates import PartialDate, month_number
from quizapp.core.grading.nations import nations
from quizapp.core.grading.numbers import number_word
from quizapp.core.grading.text import plain_words
from quizapp.core.grading.thesaurus import contradicts, taken_for
from quizapp.core.grading.wording import (
    ARTICLES,
    CHOICES,
    HEDGES,
    NEGATIONS,
    OPENINGS,
    PREPOSITIONS,
    RELATIONS,
    TITLE_WORDS,
    root,
    same_word,
)

# Words that add an item to the answer rather than say something about it.
JOINERS = frozenset(
    {"and", "plus", "also", "besides", "with", "including", "too", "both", "etc", "nor"}
)
# Words after the answer that open an aside, where any name is another candidate ("India,
# then the Soviet Union"), even one the question gives.
_ASIDE_OPENERS = frozenset(
    {"then", "which", "who", "whom", "whose", "where", "when", "now", "once", "formerly",
     "namely", "ie"}
)  # fmt: skip
# How many words may stand just before the answer, qualifying it.
_MOST_BEFORE = 2
_LEADING = ARTICLES | PREPOSITIONS
# What may open a remark that follows the answer in its own part.
_REMARK_STARTS = PREPOSITIONS | _ASIDE_OPENERS
# Words that open a remark set off by a comma ("Karachi, then the capital"); a part opening
# otherwise is another item of a list ("Karachi, Rawalpindi").
_REMARK_OPENERS = ARTICLES | PREPOSITIONS | _ASIDE_OPENERS
# Words that make another thing of the word they stand before: a deputy minister is no
# minister, an anti-Eurasian alliance no Eurasian one.
CHANGERS = TITLE_WORDS | {
    "deputy", "vice", "former", "ex", "acting", "assistant", "sub", "co", "non", "pseudo",
    "quasi", "semi", "half", "anti", "counter", "pro", "post", "pre", "neo", "junior",
    "senior", "future", "would", "be", "so", "called", "fake", "false",
}  # fmt: skip
# Words that move a number or a date ("over 18", "before 1992", "within", "at least").
_SHIFTS = RELATIONS | {"within", "least", "most", "up", "beyond", "past", "upto", "onwards"}
NEVER_ADDED = NEGATIONS | HEDGES | CHOICES | JOINERS | _SHIFTS
_RAW_WORD = re.compile(r"([^\W\d_]+)((?:['’ʼ]s)?)")
# What sets a part off; not a comma between thousands ("16,500").
_PARTS = re.compile(r"[;:/()\[\]]|,(?!\d{3}\b)")


def around_answer(
    given: str,
    accepted: Sequence[str],
    *,
    wrong: Sequence[str] = (),
    question: str = "",
    card_date: PartialDate | None = None,
) -> bool:
    """Whether `given` holds a whole accepted answer with words around it that offer no other
    candidate (see the module's notes).

    Args:
        given: The student's answer as typed (capitals tell names), with no hedge.
        accepted: The card's answer and alternatives.
        wrong: The card's wrong options.
        question: The question, whose names and numbers the added words may repeat.
        card_date: The card's date, whose year and month the added words may give.

    Returns:
        True when the answer is right by this rule.
    """
    words = plain_words(given)
    capitals = _capitalised(given)
    for answer in accepted:
        target = _answer_words(answer)
        if any(_is_number(word) for word in target):
            continue  # numbers and dates have their own rules for the words around them
        span = _find(words, target)
        if span is None or not _names_written_as_names(answer, capitals):
            continue
        start, end = span
        added = [*words[:start], *words[end:]]
        common = not any(m[0][0].isupper() for m in _RAW_WORD.finditer(answer))
        card = (accepted, wrong, question, card_date)
        if added and _harmless(given, words, span, capitals, card, common=common):
            return True
    return False


def _answer_words(answer: str) -> list[str]:
    words = plain_words(answer)
    return words[1:] if len(words) > 1 and words[0] in ARTICLES else words


def _find(words: list[str], target: list[str]) -> tuple[int, int] | None:
    """Where `target` first occurs in `words` as a run, or None."""
    size = len(target)
    if not size:
        return None
    return next(
        ((i, i + size) for i in range(len(words) - size + 1) if words[i : i + size] == target),
        None,
    )


def _capitalised(text: str) -> dict[str, str]:
    """The student's capitalised words, folded, each with its form without a possessive
    ("UN's" -> "un"). The first word counts unless it is a small word any sentence opens
    with ("The", "In")."""
    found: dict[str, str] = {}
    for i, match in enumerate(_RAW_WORD.finditer(text)):
        word = "".join(plain_words(match[0]))
        if not match[0][0].isupper() or not word:
            continue
        if i == 0 and word in _REMARK_OPENERS:
            continue
        found[word] = "".join(plain_words(match[1]))
    return found


def _names_written_as_names(answer: str, capitals: dict[str, str]) -> bool:
    """Whether the student capitalises the answer's own names as the card does; if not,
    their capitals cannot tell an added name from a common word."""
    names = ("".join(plain_words(m[0])) for m in _RAW_WORD.finditer(answer) if m[0][0].isupper())
    return all(name in capitals for name in names if name not in ARTICLES)


def _harmless(
    given: str,
    words: list[str],
    span: tuple[int, int],
    capitals: dict[str, str],
    card: tuple[Sequence[str], Sequence[str], str, PartialDate | None],
    *,
    common: bool,
) -> bool:
    """Whether the words around the answer's span are harmless (see the module's notes);
    `card` is its accepted answers, wrong options, question and date; `common` says the
    answer matched names nothing."""
    accepted, wrong, question, card_date = card
    start, end = span
    # "Pakistan's first Prime Minister": "first" just before an answer that is no number, on
    # a card whose question asks no order or count (its years are none), says who held it
    # first, not which.
    unordered = not any(
        number_word(w) is not None for w in (*plain_words(question), *words[start:end])
    )
    first = start - 1 if unordered and start and words[start - 1] == "first" else -1
    added = [w for i, w in enumerate(words) if not start <= i < end and i != first]
    if any(word in NEVER_ADDED for word in added):
        return False
    # "little soul searching" where an answer says enormous: the opposite is no qualifier.
    answer_words = {w for answer in accepted for w in plain_words(answer)}
    if any(contradicts(word, other) for word in added for other in answer_words):
        return False
    if start > 0 and words[start - 1] in CHANGERS:
        return False
    known = {w for text in (question, *accepted) for w in plain_words(text)}
    known |= {root(w) for w in known}
    if any(_is_number(word) and not _cards_number(word, known, card_date) for word in added):
        return False
    if _names_a_wrong_option(added, wrong, known):
        return False
    parts = _parts(given, len(words))
    if parts is None:
        return False  # the words cannot be placed in their parts: no benefit of the doubt
    aside = _aside(words, span, parts)
    # "the Sui gas companies", "Putin's special envoy": one name just before an answer that
    # names nothing narrows it, as an adjective would (a nation there is `nations`' to judge).
    for i, word in enumerate(words):
        base = capitals.get(word)
        if (start <= i < end) or base is None:
            continue
        if common and i == start - 1 and i not in aside and nations(word) == set():
            continue
        if i in aside or not {word, base, root(word), root(base)} & known:
            return False  # a name the card does not give, or any name in an aside
    # "British policy" for Britain: a common word just after an answer that is a name makes
    # the name a word about another thing, unless the question names that thing.
    after = end if end < len(words) and parts[end] == parts[end - 1] else None
    if not common and after is not None and words[after].isalpha() and after not in aside:
        if capitals.get(words[after]) is None and words[after] not in known | _REMARK_STARTS:
            return False
    return _close_words(words, span, parts, plain_words(question))


def _names_a_wrong_option(added: list[str], wrong: Sequence[str], known: set[str]) -> bool:
    """Whether the added words use a word of a wrong option that the card's question and
    answers do not use, or hold every word of one ("then Soviet Foreign Minister")."""
    plain = ARTICLES | PREPOSITIONS
    said = {root(same_word(word)) for word in added}
    for option in wrong:
        option_words = {root(same_word(w)) for w in plain_words(option) if w not in plain}
        if option_words and option_words <= said:
            return True
        if said & (option_words - {root(same_word(w)) for w in known}):
            return True
    return False


def _parts(given: str, count: int) -> list[int] | None:
    """The part (set off by a comma, a semicolon and the like) that each word is in."""
    parts: list[int] = []
    for number, part in enumerate(_PARTS.split(given)):
        parts += [number] * len(plain_words(part))
    return parts if len(parts) == count else None


def _aside(words: list[str], span: tuple[int, int], parts: list[int]) -> set[int]:
    """The positions of words in an aside: a part without the answer, or what follows a
    word such as "then" or "which" after the answer ("Karachi, then the capital")."""
    start, end = span
    held = set(parts[start:end])
    aside = {i for i, part in enumerate(parts) if part not in held}
    opener = next((i for i in range(end, len(words)) if words[i] in _ASIDE_OPENERS), None)
    if opener is not None:
        aside |= set(range(opener, len(words)))
    return aside


def _close_words(
    words: list[str], span: tuple[int, int], parts: list[int], asked: Sequence[str] = ()
) -> bool:
    """Whether the words in the answer's own part qualify it rather than name another thing
    beside it, and each part set off from it opens as a remark does ("Karachi, the capital";
    not "Karachi, Rawalpindi").

    Before the answer: an opening ("it was"), articles and prepositions, then at most two
    words that qualify it ("an anti-US Eurasian alliance"); nothing before an article
    ("Turkey a food crisis"). After it: at most one word it qualifies ("foreign exchange
    reserves"), then nothing, or a remark opened by a preposition or a word such as "then"
    ("a frontline state in the Cold War"); never a second phrase ("gas companies the era").
    """
    start, end = span
    own = parts[start]
    before = [w for i, w in enumerate(words[:start]) if parts[i] == own]
    opening = []
    while before and before[0] in OPENINGS:
        opening.append(before.pop(0))
    # "it rejected aid": a word after a subject is its verb, no qualifier; harmless only
    # when it is the question's or a word for it ("they want" where it asks their desire).
    if opening[-1:] in (["it"], ["he"], ["she"], ["they"]) and before:
        if not any(taken_for(before[0], word) for word in asked):
            return False
    while before and before[0] in _LEADING:
        before.pop(0)
    if len(before) > _MOST_BEFORE or _LEADING & set(before):
        return False
    after = [w for i, w in enumerate(words[end:], start=end) if parts[i] == parts[end - 1]]
    if after[:1] and after[0] not in _REMARK_STARTS:
        after.pop(0)  # one word the answer qualifies
    if after and after[0] not in _REMARK_STARTS:
        return False
    held = set(parts[start:end])
    return all(
        words[i] in _REMARK_OPENERS
        for i in range(1, len(words))
        if parts[i] != parts[i - 1] and parts[i] not in held
    )


def _is_number(word: str) -> bool:
    """A figure, a number word (an ordinal too: "first") or a month."""
    return word.isdecimal() or number_word(word) is not None or month_number(word) is not None


def _cards_number(word: str, known: set[str], card_date: PartialDate | None) -> bool:
    """Whether a number or month is one the card gives, in its question, answers or date."""
    if word in known:
        return True
    if card_date is None:
        return False
    if word.isdecimal():
        return int(word) == card_date.year
    return card_date.month is not None and month_number(word) == card_date.month
