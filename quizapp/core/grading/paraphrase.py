"""The answer in the student's own words: every word of it said, in a word a teacher takes
for it, and nothing said beside it that the card does not support.

"Russia having arms available to sell" for the availability of arms from Russia, "with
distrust" for with suspicion, "its nostalgic past and an unsure future". The forms rules
compare an answer word for word, in order; this one compares the words that carry meaning,
in any order, each read through `thesaurus` (WordNet: synonyms, derived forms, inflections).

An accepted answer is given in the student's words when:

- each of its words that carry meaning is the student's word, a slip of it, or the student
  uses a word the thesaurus takes for it; a word the question itself says may be left out;
- a word the student reads for the answer's is not a word of a wrong option (the card then
  means the difference between them, as Deputy and Vice Foreign Minister);
- each other word the student adds is the question's, or the card's own source or
  explanation gives it (a true detail, "to sell"), and is no number, no name the question or
  answer does not give, no word of a wrong option, and adds no item, choice or condition
  ("and", "or", "before");
- the names keep their order ("Pakistan's recognition of India" is not India's of Pakistan);
- the same reading does not find a wrong option in the student's words.

Answers with a number, a date or a single word are left to the rules for them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.core.grading.added_words import NEVER_ADDED
from quizapp.core.grading.dates import month_number
from quizapp.core.grading.nations import fold_nation_names, same_nation
from quizapp.core.grading.numbers import number_word
from quizapp.core.grading.text import plain_words, spelling_distance
from quizapp.core.grading.thesaurus import taken_for
from quizapp.core.grading.wording import (
    ARTICLES,
    HEDGES,
    OPENINGS,
    PREPOSITIONS,
    expand,
    root,
    same_word,
)

# Words that carry no meaning of their own in a short answer.
_LIGHT = ARTICLES | PREPOSITIONS | OPENINGS | {
    "own", "their", "theirs", "them", "his", "her", "him", "be", "been", "being", "are",
    "have", "has", "having", "had", "do", "does", "did", "there", "these", "those", "very",
    "so", "such", "which", "who", "whom", "whose",
    "how",  # "how the USSR developed its industry": the way it did, no claim of its own
    "only", "just", "merely",  # "only in part": stress, no claim
    "itself", "themselves", "himself", "herself",  # "what India itself had declared"
    "ones",  # "the ones to its east and south": the things the answer names
    "say", "says", "said",  # "He said ...": who said it, which the question asks about
    # With no figure in the answer (this rule reads none), they relate things ("control
    # over the former republics") rather than move a number.
    "over", "under",
    # Support verbs: they only carry the noun or adjective they come with ("keeping their
    # region stable" for the stability of their region, "to make a fresh start").
    "keep", "keeps", "keeping", "kept", "maintain", "maintains", "maintaining", "maintained",
    "ensure", "ensures", "ensuring", "ensured", "make", "makes", "making", "made",
    "achieve", "achieves", "achieving", "achieved",
}  # fmt: skip
# Hedges are the wording's to find (an "unsure future" is no hedge); the rest add or deny.
_NEVER_ADDED = NEVER_ADDED - HEDGES
_PRONOUNS = frozenset({"its", "their", "his", "her", "it", "they", "she", "he"})
_BE = frozenset({"is", "was", "are", "were"})
_NAME = re.compile(r"[^\W\d_][\w'’ʼ-]*")


@dataclass(frozen=True)
class _Word:
    text: str  # folded
    key: str  # the root the forms rules compare
    name: bool  # capitalised where written


def _words(text: str) -> list[_Word]:
    """The words of `text` that carry meaning, with their capitals."""
    raw = [m[0] for m in _NAME.finditer(text)]
    capitals = {"".join(plain_words(w)) for w in raw if w[:1].isupper()}
    written = expand(plain_words(text))
    folded = fold_nation_names(written)  # "the Soviet Union" as USSR, a name
    named = capitals | (set(folded) - set(written))
    return [_Word(w, root(same_word(w)), w in named) for w in folded if w not in _LIGHT]


def _is_number(word: str) -> bool:
    return (
        any(c.isdigit() for c in word)
        or number_word(word) is not None
        or (month_number(word) is not None and len(word) >= 3)
    )


def _same(given: _Word, target: _Word) -> bool:
    """The same word, in its forms or, for a word that is no name, with a slip."""
    if given.key == target.key or given.text == target.text:
        return True
    if target.name or given.name or len(target.text) < 5:
        return False
    return (spelling_distance(given.text, target.text) or 9) <= 1


def in_own_words(
    given: str,
    accepted: Sequence[str],
    *,
    wrong: Sequence[str] = (),
    question: str = "",
    context: str = "",
) -> str | None:
    """The accepted answer the student gives in their own words, or None (see the module's
    notes). `given` is the student's text with no hedge; `context` is the card's source and
    explanation."""
    said = _words(given)
    plain = frozenset(plain_words(given))
    if not said or any(w.text in _NEVER_ADDED for w in said if not _in_any(w, accepted)):
        return None
    for answer in accepted:
        if _reads_as(said, plain, answer, accepted, wrong, question, context):
            if not any(
                _reads_as(said, plain, option, [option], (), question, "") for option in wrong
            ):
                return answer
    return None


def _in_any(word: _Word, texts: Sequence[str]) -> bool:
    return any(word.key == w.key for text in texts for w in _words(text))


def _contested(word: _Word, want: _Word, option_words: list[_Word]) -> bool:
    """Whether a wrong option uses the student's word or another word for the answer's: the
    card then means the difference (arms right, weapons wrong), and no word is read for it."""
    return any(
        _same(word, option)
        or taken_for(option.text, want.text)
        or taken_for(word.text, option.text)
        for option in option_words
        if option.key != want.key
    )


def _reads_as(
    said: list[_Word],
    plain: frozenset[str],  # all the student's words, light ones too (a pronoun, "is")
    answer: str,
    accepted: Sequence[str],
    wrong: Sequence[str],
    question: str,
    context: str,
) -> bool:
    target = _words(answer)
    if not target or any(_is_number(w.text) for w in target):
        return False  # numbers and dates have their own rules
    if len(target) == 1 and target[0].name:
        return False  # and so has a lone name
    asked = {w.key for w in _words(question)}
    option_words = [w for option in wrong for w in _words(option)]
    options = {w.key for w in option_words}
    own = {w.key for text in accepted for w in _words(text)}
    used: dict[int, int] = {}  # the answer's word -> the student's word read for it
    read = False  # whether some word was read as another
    for exact in (True, False):
        for i, want in enumerate(target):
            if i in used:
                continue
            for j, word in enumerate(said):
                if j in used.values():
                    continue
                same = _same(word, want)
                if same or (
                    not exact
                    and (taken_for(word.text, want.text) or same_nation(word.text, want.text))
                    and not _contested(word, want, option_words)
                ):
                    used[i] = j
                    read = read or not same
                    break
    supported = _words(context)
    read = _give_way(said, target, used, asked, supported, option_words) or read
    # "the environment is changing" for the changing environment: the same words, said of it.
    if not read and not _BE & plain:
        return False  # the same words in another order or with slips: the forms rules judge
    # A word of the answer the question says may stand as a pronoun ("its own declarations"
    # for India's own declarations); no other word may be left out.
    left_out = [want for i, want in enumerate(target) if i not in used]
    if left_out and (len(left_out) > 1 or left_out[0].key not in asked or not _PRONOUNS & plain):
        return False
    order = [j for i, j in sorted(used.items()) if target[i].name]
    if order != sorted(order):
        return False
    for j, word in enumerate(said):
        if j in used.values() or word.key in asked:
            continue
        if _is_number(word.text) or word.key in options - own:
            return False
        if not _supported(word, supported):
            return False
        if word.name and word.key not in asked | own:
            return False
    return True


def _supported(word: _Word, supported: list[_Word]) -> bool:
    """Whether the card's source or explanation gives the word, or one taken for it."""
    return any(_same(word, w) or taken_for(word.text, w.text) for w in supported)


def _give_way(
    said: list[_Word],
    target: list[_Word],
    used: dict[int, int],
    asked: set[str],
    supported: list[_Word],
    option_words: list[_Word],
) -> bool:
    """Let a word the student adds be read for an answer word held by the same word where
    the card's source or explanation gives that word too, so that it stands as a detail ("the
    image of its old imperial control over the former republics": old is read for former, and
    "the former republics" is what the explanation gives). Whether any word was so read."""
    moved = False
    for j, word in enumerate(said):
        if j in used.values() or word.key in asked:
            continue
        for i, held in list(used.items()):
            want = target[i]
            if (
                _supported(said[held], supported)
                and taken_for(word.text, want.text)
                and not _same(word, want)
                and not _contested(word, want, option_words)
            ):
                used[i] = j
                moved = True
                break
    return moved
