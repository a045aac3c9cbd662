"""The words around an answer: which are harmless, which negate, hedge or offer a choice.

A student may wrap the answer in words that add nothing: articles and leading prepositions
("as a facilitator", "against India"), titles ("Adm. Gorshkov", "George Bush Sr."), the
question's own words and the units it implies ("3 areas", "25 yrs", "17 months later").
Words that negate ("not Kashmir") or hedge ("probably", "1954 or 1955") are never harmless.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from quizapp.core.grading.dates import month_number
from quizapp.core.grading.numbers import number_word
from quizapp.core.grading.text import plain_words, spelling_distance, stem

ARTICLES = frozenset({"the", "a", "an"})
# Not "within", "under" or "over": they change an amount ("within 18 years").
PREPOSITIONS = frozenset(
    {"in", "on", "at", "by", "to", "from", "with", "against", "as", "for", "of", "into",
     "during", "via", "through"}
)  # fmt: skip
# Titles before a name, of one word or several ("prime minister"), and after it.
_TITLES = frozenset(
    {("president",), ("pm",), ("premier",), ("sir",), ("adm",), ("admiral",), ("gen",),
     ("general",), ("dr",), ("mr",), ("mrs",), ("ms",), ("marshal",), ("lt",), ("col",),
     ("colonel",), ("retd",), ("minister",), ("ambassador",), ("chairman",), ("sheikh",),
     ("pandit",), ("commander",), ("cdr",), ("brigadier",), ("major",), ("captain",),
     ("shri",), ("mian",), ("begum",), ("maulvi",), ("hazrat",),
     ("mulla",), ("mullah",), ("maulana",), ("comrade",), ("prime", "minister"),
     ("foreign", "minister"), ("deputy", "foreign", "minister"), ("vice", "president"),
     ("field", "marshal"), ("interior", "minister"), ("trade", "minister"),
     ("special", "envoy"), ("security", "chief"), ("governor", "general"),
     ("supreme", "leader"), ("lt", "gen"), ("lieutenant", "general")}
)  # fmt: skip
TITLE_WORDS = frozenset(word for title in _TITLES for word in title)
_AFTER_NAME = frozenset({"sr", "jr", "senior", "junior", "snr", "jnr"})
# Whose title it is: "Soviet Premier Bulganin", "Russian Foreign Minister Kozyrev".
_NATIONS = frozenset({"soviet", "russian", "pakistani", "pakistans", "indian", "us", "american"})
NEGATIONS = frozenset(
    {"not", "no", "never", "neither", "nor", "none", "without", "except", "isnt", "wasnt",
     "arent", "werent", "didnt", "dont", "doesnt", "cannot", "cant", "wont", "hasnt", "havent",
     "hadnt", "nobody", "nowhere", "nothing"}
)  # fmt: skip
HEDGES = frozenset(
    {"maybe", "perhaps", "probably", "possibly", "presumably", "approximately", "approx",
     "about", "around", "roughly", "circa", "ca", "nearly", "almost", "some", "think",
     "guess", "believe", "unsure"}
)  # fmt: skip
# "Not sure" and "not certain" hedge the answer rather than deny it.
_DOUBTS = frozenset({"sure", "certain"})
_HEDGE_SUBJECTS = frozenset({"i", "im"})
CHOICES = frozenset({"or", "either"})
# Words after which a hedge word describes a thing ("an unsure future", "its unsure future").
_DETERMINERS = ARTICLES | {"its", "their", "his", "her", "my", "our", "your", "this", "that"}
# Abbreviations of units and words students shorten, read as the word they stand for.
ABBREVIATIONS = {
    "yrs": "years", "yr": "year", "mths": "months", "mos": "months", "mo": "month",
    "tonnes": "tons", "tonne": "ton", "wks": "weeks", "hrs": "hours", "govt": "government",
    "intl": "international", "approx": "approximately", "pc": "percent", "pct": "percent",
    "co": "company", "corp": "corporation", "dept": "department", "assn": "association",
    # Words students clip.
    "tech": "technology", "info": "information", "admin": "administration",
    "natl": "national", "govts": "governments", "gov": "government",
}  # fmt: skip
# One country or body under several names (longest first, so that a name inside another is
# not replaced first).
_SAME_NAMES = (
    (("united states of america", "united states", "usa", "america"), "us"),
    (("union of soviet socialist republics", "soviet union"), "ussr"),
    (("united kingdom", "great britain", "britain"), "uk"),
    (("united nations organisation", "united nations organization", "united nations", "uno"),
     "un"),
    (("peoples republic of china", "prc"), "china"),
)  # fmt: skip
# A nation's adjective and possessive stand for its name; a compass direction's "-wards"
# for the direction; and a few nouns a teacher takes for one another.
_SAME_WORDS = {
    "indian": "india", "indias": "india", "pakistani": "pakistan", "pakistans": "pakistan",
    "russian": "russia", "russias": "russia", "chinese": "china", "chinas": "china",
    "american": "us", "americas": "us", "afghan": "afghanistan", "afghanistans": "afghanistan",
    "iranian": "iran", "irans": "iran", "turkish": "turkey", "turkeys": "turkey",
    "eastward": "east", "eastwards": "east", "westward": "west", "westwards": "west",
    "northward": "north", "northwards": "north", "southward": "south", "southwards": "south",
    "agreement": "treaty", "accord": "treaty", "pact": "treaty", "plant": "mill",
    "works": "mill", "programme": "program",
    # An office, a movement, a manner, a polity and an aircraft under their common names.
    "adviser": "aide", "advisor": "aide", "assistant": "aide", "revival": "renaissance",
    "resurgence": "renaissance", "unofficially": "informally", "officially": "formally",
    "state": "country", "nation": "country", "fighter": "aircraft", "jet": "aircraft",
    "plane": "aircraft", "warplane": "aircraft", "airplane": "aircraft",
    "aeroplane": "aircraft",
}  # fmt: skip
_OF = frozenset({"of", "for"})
# Words a closing title does not follow as a name: "Pakistan's Foreign Minister" is an office.
_NOT_NAMES = ARTICLES | TITLE_WORDS | _NATIONS | {w for w, n in _SAME_WORDS.items() if n != w}
# Words that may follow a number of months or years without changing it: "17 months later".
NUMBER_TRAILERS = frozenset({"later", "after", "afterwards", "in", "all", "total", "long"})
# A sentence's opening that adds nothing: "it was Kozyrev", "that is 1954".
OPENINGS = frozenset({"it", "its", "was", "is", "were", "he", "she", "they", "that", "this"})
# Words that place an answer in time or order, which a question may use but an answer may not
# borrow: "before November 1992" is not November 1992.
RELATIONS = frozenset(
    {"before", "after", "since", "until", "till", "by", "from", "later", "earlier", "prior",
     "first", "last", "than", "more", "less", "over", "under"}
)  # fmt: skip
_NEVER_ECHOED = ARTICLES | NEGATIONS | HEDGES | CHOICES | RELATIONS | {"and", "only"}


# "What kind of alliance?": the noun whose kind the question asks.
_KIND_ASKED = re.compile(r"(?i)\b(?:what|which)\s+(?:kind|type|sort)s?\s+of\s+([^\W\d_]+)\b")


@dataclass(frozen=True)
class Wording:
    """What a student's words say beyond the answer.

    Attributes:
        words: The words, abbreviations expanded, hedges and negations still in.
        negation: The first word that negates the answer, or "".
        hedge: The first word that hedges it, or "".
        choices: The alternatives offered, when the student gave a choice ("1954 or 1955").
    """

    words: tuple[str, ...]
    negation: str = ""
    hedge: str = ""
    choices: tuple[tuple[str, ...], ...] = ()

    def unhedged(self, text: str) -> str:
        """The student's text without the hedging words ("I think", "probably", "about")."""
        if not self.hedge:
            return text
        hedges = "|".join(sorted(HEDGES | _HEDGE_SUBJECTS, key=len, reverse=True))
        text = re.sub(r"(?i)\bc\.?\s*(?=\d)", " ", text)  # "c. 1954"
        text = re.sub(r"(?i)\bnot (?:sure|certain)\b[,.]?", " ", text)

        def drop(found: re.Match[str]) -> str:
            before = plain_words(text[: found.start()])
            return found[0] if before and before[-1] in _DETERMINERS else " "

        return re.sub(rf"(?i)\b(?:{hedges})\b[,.]?", drop, text).strip()


def expand(words: Iterable[str]) -> list[str]:
    """Words with abbreviations written out ("yrs" -> "years")."""
    return [ABBREVIATIONS.get(w, w) for w in words]


def read_wording(text: str, accepted: Iterable[str]) -> Wording:
    """Find what the student's words do beyond naming an answer.

    A word counts as a negation, hedge or choice only when no accepted answer uses it: an
    answer may itself say "about 30,000" or "neither".

    Args:
        text: The student's answer.
        accepted: The card's answer and alternatives.

    Returns:
        The wording.
    """
    words = tuple(expand(plain_words(text)))
    own = {w for answer in accepted for w in expand(plain_words(answer))}
    doubt = [i for i, w in enumerate(words[:-1]) if w == "not" and words[i + 1] in _DOUBTS]
    denying = [w for i, w in enumerate(words) if i not in doubt]
    negation = next((w for w in denying if w in NEGATIONS and w not in own), "")
    # A hedge word after an article describes a thing ("an unsure future"), not the answer.
    hedge = next(
        (
            w
            for i, w in enumerate(words)
            if w in HEDGES and w not in own and not (i and words[i - 1] in _DETERMINERS)
        ),
        "",
    )
    if doubt and not hedge:
        hedge = "not sure"
    if not hedge and re.search(r"(?i)\bc\.?\s*\d", text) and "c" not in own:
        hedge = "c."  # circa
    choices: tuple[tuple[str, ...], ...] = ()
    if "or" in words and "or" not in own:
        parts: list[list[str]] = [[]]
        for word in words:
            if word == "or":
                parts.append([])
            elif word != "either":
                parts[-1].append(word)
        choices = tuple(tuple(p) for p in parts if p)
    return Wording(words, negation, hedge, choices)


# "It was 1949", "He was Pakistan's Prime Minister", "They were also called Westerners": the
# sentence a student puts the answer in.
_OPENING = re.compile(
    r"(?i)^\s*(?:it|he|she|they|this|that)\s+(?:is|was|are|were|(?:has|had|have)\s+been)\s+"
    r"(?:also\s+)?(?:(?:called|known\s+as|named|termed|referred\s+to\s+as)\s+)?"
)


# "because of the Afghan war", "due to its domestic problems": words that give a cause, before
# an answer that is one; they add nothing a teacher would mark.
_CAUSE = re.compile(
    r"(?i)^\s*(?:because\s+of|due\s+to|owing\s+to|on\s+account\s+of|as\s+a\s+result\s+of)\s+"
)


# "like an enemy": an answer's opening "like" says what "as" says ("as an adversary").
_LIKE = re.compile(r"(?i)^\s*like\s+")


def without_opening(text: str) -> str:
    """The text without the sentence it opens with ("They were also called Westerners" ->
    "Westerners") and the words that give a cause ("because of the Afghan war"), with "like"
    read as "as", or the text when nothing would be left."""
    rest = _CAUSE.sub("", _OPENING.sub("", text, count=1), count=1)
    rest = _LIKE.sub("as ", rest, count=1)
    return rest if plain_words(rest) else text


def asked_kind(question: str) -> str:
    """The noun whose kind the question asks ("What kind of alliance?" -> "alliance"), or ""."""
    found = _KIND_ASKED.search(question)
    return found[1] if found else ""


def echo_words(context: str, accepted: Iterable[str], wrong: Iterable[str] = ()) -> frozenset[str]:
    """The question's own words (as stems) that a student may repeat around the answer.

    Numbers, months, negations and hedges never count, nor the accepted answers' words, nor
    a word of a wrong option: "Karachi, Kozyrev" adds a wrong option the question names.
    """
    own = {r for answer in accepted for w in expand(plain_words(answer)) for r in _roots(w)}
    own |= {
        r
        for option in wrong
        for w in expand(plain_words(option))
        if w not in ARTICLES and w not in PREPOSITIONS
        for r in _roots(w)
    }
    found = set()
    for word in plain_words(context):
        if word in _NEVER_ECHOED or word.isdecimal() or number_word(word) is not None:
            continue
        if month_number(word) is not None and len(word) >= 3:
            continue
        if not _roots(word) & own:
            found |= _roots(word)
    return frozenset(found)


def same_word(word: str) -> str:
    """The word a teacher takes `word` for ("adviser" for "aide", "jets" for "aircraft"),
    or the word itself."""
    return _SAME_WORDS.get(word) or _SAME_WORDS.get(stem(word)) or word


def _roots(word: str) -> set[str]:
    """The word's root and its common name's: "jets" is "jet" and "aircraft"."""
    return {root(word), root(same_word(word))}


def roots_of(*texts: str) -> frozenset[str]:
    """The roots of every word of the texts."""
    return frozenset(root(w) for text in texts for w in plain_words(text))


@lru_cache(maxsize=64)
def text_roots(text: str) -> frozenset[str]:
    """The roots of every word of one text, kept for a long one read again and again (what
    a work says, asked of each answer marked)."""
    return roots_of(text)


def root(word: str) -> str:
    """A word without one ending, so the forms of a word meet: "visited" and "visit",
    "declared" and "declare", "areas" and "area"."""
    word = stem(word)
    for ending in ("ing", "ed", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _title_length(words: list[str]) -> int:
    """How many of the first words make a title (the longest that fits), or 0."""
    return max((len(t) for t in _TITLES if tuple(words[: len(t)]) == t), default=0)


def core(words: list[str], echo: frozenset[str] = frozenset()) -> list[str]:
    """The words that carry the answer: without leading articles, prepositions and titles,
    a closing "Sr.", articles anywhere, and the question's words; all of them if nothing
    else is left."""
    kept = list(words)
    while len(kept) > 1 and kept[0] in OPENINGS:
        kept.pop(0)
    while kept and (kept[0] in ARTICLES or kept[0] in PREPOSITIONS) and not _initial(kept, 0):
        kept.pop(0)
    if kept and kept[0] in _NATIONS and 0 < _title_length(kept[1:]) < len(kept) - 1:
        kept.pop(0)  # "Soviet Premier Bulganin"; not "Pakistan's Foreign Minister" alone
    # A title is dropped before a name, not before "of ..." ("Minister of Privatisation").
    while (length := _title_length(kept)) and length < len(kept) and kept[length] not in _OF:
        del kept[:length]
    while len(kept) > 1 and kept[-1] in _AFTER_NAME:
        kept.pop()
    _drop_closing_title(kept)
    # Names first, so that "United States" is one name before "states" could be an echo.
    named = _same_names(kept)
    kept = [
        w
        for i, w in enumerate(named)
        if (w not in ARTICLES or _initial(named, i)) and not _roots(w) & echo
    ]
    return _canonical(kept or list(words))


def _initial(words: list[str], at: int) -> bool:
    """Whether the one-letter word at `at` is an initial beside another ("A. Q. Khan", "A. A.
    Shah"), not the article "a"."""
    beside = words[at - 1 : at] + words[at + 1 : at + 2]
    return len(words[at]) == 1 and any(len(w) == 1 and w.isalpha() for w in beside)


def _drop_closing_title(words: list[str]) -> None:
    """Drop a title after a name: "Kozyrev, the Foreign Minister" (in place). A word that is
    a slip of a title word is no name: "Governer General" is a misspelt title, whose slip
    must still be compared, not "Governer" styled General."""
    for start in range(1, len(words)):
        rest = [w for w in words[start:] if w not in ARTICLES]
        if rest and rest[0] in _NATIONS:
            rest = rest[1:]
        name = words[start - 1]
        if rest and _title_length(rest) == len(rest) and _may_be_name(name):
            del words[start:]
            return


@lru_cache(maxsize=1 << 12)
def _may_be_name(word: str) -> bool:
    """Whether a word may be the name a closing title follows: not a title word, a nation,
    an article, a number, nor a slip of a title word."""
    if word in _NOT_NAMES or not word.isalpha() or number_word(word) is not None:
        return False  # "twenty, President" is no President named twenty
    return all(spelling_distance(word, title) is None for title in TITLE_WORDS)


def _canonical(words: list[str]) -> list[str]:
    """Names of one country or body written another way, as one: "the Soviet Union" is
    "USSR", "America" is "US"; a nation's adjective or possessive is its name ("Indian",
    "India's"); words teachers take for one another are one ("agreement" for "treaty")."""
    return [same_word(word) for word in _same_names(words)]


def _same_names(words: list[str]) -> list[str]:
    """The words with each name of a country or body written as one ("the Soviet Union")."""
    text = f" {' '.join(words)} "
    for variants, name in _SAME_NAMES:
        for variant in variants:
            text = text.replace(f" {variant} ", f" {name} ")
    return text.split()
