"""A right answer and a remark the student sets off after it: "Karachi steel mill, built by
the USSR", "1949; he presented his credentials in the last days of that year", "the CIS (the
former Soviet republics)", "Dhaka (in East Pakistan) and Karachi", and, with no mark between,
"the Northern Alliance led by Ahmad Shah Masood", "the gas companies that were to be sold".

A teacher marks the answer and reads a remark set off from it by a comma, a semicolon, a
colon, a dash, brackets or "i.e." (or opened right after it by a verb's past form, a
relative word, "so" or "because") as what it is: something said about the answer. The remark
is harmless when the part before it (or the text without the brackets) is right on its own
and the remark

- opens as a remark does, not as a second item: with an article, a preposition, a pronoun, a
  word that relates ("which", "when", "ever"), an adverb in -ly, a verb in -ed, -ing or
  an irregular past form ("built"), or a name's possessive before a word in lower case
  ("Pakistan's space agency"); "gas companies, banks" lists a second answer;
- lists nothing (no comma, no "and" inside it: a list is a claim of details, the rule for
  details the card gives judges it) and holds nothing that denies, hedges, offers a choice or
  sets the answer aside ("then", "instead");
- gives no figure the card's texts do not give and, after a date or a number, no word that
  moves it ("18, over the years"; "October 2000, before Putin's visit");
- names no one and nothing the card's texts do not name (a name from elsewhere is a claim the
  card cannot check: "later INS Vikramaditya");
- leans on no wrong option (holds less than half of the words that set one apart from the
  card's answers, question, source and explanation: `option_words`), and is itself no wrong
  option.

What the remark claims beyond that is not checked: a remark of the card's own words that
says a false thing about the answer is read as harmless.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from quizapp.core.grading.added_words import JOINERS
from quizapp.core.grading.nations import nations
from quizapp.core.grading.numbers import number_word
from quizapp.core.grading.option_words import leans_on_option, option_words
from quizapp.core.grading.remark_words import plain_remark_words
from quizapp.core.grading.text import plain_words
from quizapp.core.grading.thesaurus import thesaurus
from quizapp.core.grading.wording import (
    ARTICLES,
    CHOICES,
    HEDGES,
    NEGATIONS,
    PREPOSITIONS,
    RELATIONS,
    TITLE_WORDS,
    roots_of,
)

# What sets a remark off: not a comma between thousands ("16,500").
_SEPARATOR = re.compile(r",(?!\d{3}\b)|;|:|\s[-–—]+\s|\s?--\s?|\(|\[|\bi\.\s?e\.|\be\.\s?g\.")
_BRACKETED = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")
# Words that make a remark a second answer or take the answer back.
_SETS_ASIDE = JOINERS | CHOICES | NEGATIONS | HEDGES | {
    "instead", "rather", "actually", "other", "another", "else", "except", "besides",
    "sorry", "correction", "mean", "otherwise", "unless", "if", "but",
}  # fmt: skip

# Words that open a second answer: "India, then Pakistan" (not "1962, the US then sent aid").
_OPENS_ASIDE = _SETS_ASIDE | {"then"}
_WORD = re.compile(r"[^\W_][\w'’-]*")
_RANKS = frozenset({"first", "last"})
_RELATIVES = frozenset({"that", "which", "who", "whose"})
# Words that open a clause of purpose or cause with no mark before them ("technical know-how
# from the USSR so Pakistan could use atomic energy").
_CAUSES = frozenset({"so", "because"})
# A name's possessive before a common word ("Pakistan's space agency", "Nawaz Sharif's visit").
_OWNER = re.compile(r"(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*['’]s\s+[a-z]")
# Words other than articles, prepositions and verb forms that open a remark.
_OPENERS = frozenset(
    {"it", "they", "he", "she", "this", "that", "these", "those", "who", "which", "whose",
     "where", "when", "while", "ever", "even", "just", "as", "since", "so", "its", "their",
     "his", "her", "once", "now", "back", "still", "after", "before", "until", "till",
     "following", "because", "although", "though"}
)  # fmt: skip


def with_remark(
    text: str,
    *,
    accepted: Sequence[str],
    wrong: Sequence[str],
    context: str,
    question: str,
    right: Callable[[str], bool],
    is_option: Callable[[str], bool],
    dated: bool = False,
    a_date: bool = False,
) -> bool:
    """Whether the text is a right answer (by `right`) with a harmless remark set off beside
    it (see the module's notes). `dated` says the card's answer is a date or a number, `a_date`
    that it is a date."""
    own = roots_of(question, context, *accepted)
    said = nations(" ".join((question, context, *accepted)))
    card = _Card(own, option_words(wrong, own), said, dated, a_date)
    return any(
        plain_words(answer) and _harmless(remark, card, is_option, answer) and right(answer)
        for answer, remark in _splits(text)
    )


def _splits(text: str) -> Iterator[tuple[str, str]]:
    """Each way the text parts into an answer and a remark: without a bracketed part ("Dhaka
    (East Pakistan) and Karachi"), before and after a mark, and before a clause a verb's past
    form, a relative word or a word of purpose or cause opens with no mark ("the Northern
    Alliance led by Ahmad Shah Masood")."""
    for match in _BRACKETED.finditer(text):
        yield f"{text[: match.start()]}{text[match.end() :]}".strip(), match[1]
    for match in _SEPARATOR.finditer(text):
        yield text[: match.start()].strip(), text[match.end() :].strip(" )]")
    for match in _WORD.finditer(text):
        word = match[0].lower()
        if match.start() and (word in _RELATIVES | _CAUSES or _past_form(word)):
            yield text[: match.start()].strip(), text[match.start() :].strip()


def _past_form(word: str) -> bool:
    """A verb's past form: in -ed, or irregular ("led", "built")."""
    return (word.endswith("ed") and len(word) > 4) or word in thesaurus().irregular


def _opens_remark(word: str) -> bool:
    if word in ARTICLES or word in PREPOSITIONS or word in _OPENERS:
        return True
    if word.endswith(("ly", "ing")) and len(word) > 4:
        return True
    return _past_form(word)


def _opens(remark: str) -> bool:
    """Whether the remark opens as a remark does, not as a second item (see the notes)."""
    words = plain_words(remark)
    return bool(words) and (_opens_remark(words[0]) or bool(_OWNER.match(remark.strip())))


@dataclass(frozen=True)
class _Card:
    given: frozenset[str]  # the roots of the card's answers, question, source and explanation
    options: tuple[frozenset[str], ...]  # each wrong option's words, less those
    nations: set[str]  # the nations its texts name
    dated: bool  # whether its answer is a date or a number
    a_date: bool  # whether its answer is a date


def _harmless(remark: str, card: _Card, is_option: Callable[[str], bool], answer: str) -> bool:
    words = plain_words(remark)
    # After a date, "with" joins an event to it ("1954, with a Soviet film festival in
    # Karachi"), and a rank the card itself states places it nowhere else ("the first Soviet
    # veto", where the card counts "the first of the Soviet vetoes").
    allowed = {"with"} | (_RANKS & card.given) if card.a_date else set()
    if not words or words[0] in _OPENS_ASIDE - allowed:
        return False
    # After a date, a remark may open with a name the card gives ("September 2000,
    # Yastrzhembsky in Pakistan"): a name answers no question of when.
    event = card.a_date and remark.strip()[:1].isupper() and roots_of(words[0]) <= card.given
    if not (event or _opens(remark)):
        return False
    # A comma inside a remark lists a second item ("gas companies, banks") unless what follows
    # it opens a remark of its own ("Sharif's visit, the first by a Pakistani PM").
    if not all(_opens(piece) for piece in remark.split(",")[1:]):
        return False
    never = (_SETS_ASIDE | RELATIONS if card.dated else _SETS_ASIDE) - allowed  # "and" joins
    if any(w in never for w in plain_remark_words(words, answer, remark)):
        return False
    figures = [w for w in words if any(c.isdigit() for c in w) or number_word(w) is not None]
    if not roots_of(*figures) <= card.given:
        return False
    said = re.findall(r"[^\W\d_]+", remark)
    names_at = event and any(w in PREPOSITIONS for w in said)  # "Sharif in Moscow"
    if not names_at and not any(
        w.islower() and len(w) >= 3 and w not in PREPOSITIONS | ARTICLES for w in said
    ):
        return False  # a bare name, number or date: a second answer
    # A title ("PM", "Gen.") names no one; the name beside it must be the card's own.
    names = [w for w in said if w[:1].isupper() and w.lower() not in TITLE_WORDS]
    if any(not (roots_of(name) <= card.given or nations(name) & card.nations) for name in names):
        return False
    return not leans_on_option(roots_of(remark), card.options) and not is_option(remark)
