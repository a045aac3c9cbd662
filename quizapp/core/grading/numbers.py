"""Numbers written in words, slips and all: "twenty-five", "one hundred and forty", "seventh"."""

from __future__ import annotations

from rapidfuzz.distance import OSA

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fifteenth": 15, "twentieth": 20, "thirtieth": 30, "fiftieth": 50, "hundredth": 100,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000}
# Misspellings common enough to name, which one edit would not tell apart ("fourty" is one
# edit from both "forty" and "fourth").
_MISSPELT = {"fourty": 40, "ninty": 90, "nineth": 9, "twelth": 12, "fourtieth": 40}
_VALUES: dict[str, int] = {**_UNITS, **_TENS, **_ORDINALS, **_SCALES, **_MISSPELT}
# Number words so short or so common that a slip could be another word ("for", "then").
_NO_SLIP = frozenset({"one", "two", "six", "ten"})
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")


def is_ordinal(word: str) -> bool:
    """Whether the word is an ordinal ("third", "3rd")."""
    return word in _ORDINALS or (word[:-2].isdecimal() and word.endswith(ORDINAL_SUFFIXES))


def number_word(word: str, *, beside_number: bool = False) -> int | None:
    """The value of one number word, forgiving one slip in a word of 6 letters or more (or of
    3 beside another number word: "twenty-fve"); None when it is no number word."""
    if word in _VALUES:
        return _VALUES[word]
    if len(word) < (3 if beside_number else 6) or not word.isalpha():
        return None
    close = [v for w, v in _VALUES.items() if w not in _NO_SLIP and OSA.distance(word, w) == 1]
    return close[0] if len(close) == 1 else None


def lone_number_slip(word: str) -> int | None:
    """The number a lone word misspells by one letter ("tenn", "fife", "sevn"), when it is the
    whole answer to a question asking a number: short words count here, as nothing but a
    number is expected. None unless exactly one number word (of the same first letter) is
    that close."""
    if word in _VALUES or len(word) < 4 or not word.isalpha():
        return None
    close = {v for w, v in _VALUES.items() if w[0] == word[0] and OSA.distance(word, w) == 1}
    return close.pop() if len(close) == 1 else None


_CENTURIES = {w: v for w, v in _UNITS.items() if v >= 10} | {"twenty": 20}


def spoken_years(words: list[str]) -> list[str]:
    """The words with years said as people say them made digits: "nineteen fifty-six" (split
    at the hyphen) -> ["1956"], "nineteen hundred and five" -> ["1905"]."""
    out: list[str] = []
    i = 0
    while i < len(words):
        century = _CENTURIES.get(words[i])
        j = i + 1
        if century is not None and j < len(words) and words[j] == "hundred":
            j += 1 + (j + 1 < len(words) and words[j + 1] == "and")
        end, rest = _number_run(words, j) if century is not None and j < len(words) else (j, 0)
        if century is not None and end > j and (rest >= 10 or j > i + 1) and rest < 100:
            out.append(str(century * 100 + rest))
            i = end
            continue
        out.append(words[i])
        i += 1
    return out


def numbers_in_words(words: list[str]) -> list[str]:
    """The words with each run of number words replaced by its digits.

    "one hundred and forty" -> ["140"], "twenty five years" -> ["25", "years"],
    "seventh place" -> ["7", "place"]; "a" before "hundred" or "thousand" counts as one.
    Ordinal digits ("7th") lose their suffix. Words that are no numbers stay as they are.
    """
    words = spoken_years(words)
    out: list[str] = []
    i = 0
    while i < len(words):
        after_digits = bool(out) and out[-1].replace(".", "", 1).isdecimal()
        # "16.5 thousand": a scale after digits multiplies them (amounts reads it so).
        run_end, value = (i, 0) if after_digits and words[i] in _SCALES else _number_run(words, i)
        if run_end > i:
            out.append(str(value))
            i = run_end
            continue
        word = words[i]
        if word[:-2].isdecimal() and word.endswith(ORDINAL_SUFFIXES):
            word = word[:-2]
        out.append(word)
        i += 1
    return out


def _number_run(words: list[str], start: int) -> tuple[int, int]:
    """The end of the number-word run starting at `start` and its value (end == start: none)."""
    total = current = 0
    i = start
    seen = False
    while i < len(words):
        word = words[i]
        beside = seen or (i + 1 < len(words) and words[i + 1] in _VALUES)
        if word == "and" and seen and i + 1 < len(words) and words[i + 1] in _VALUES:
            i += 1
            continue
        if word in ("a", "an") and not seen and i + 1 < len(words) and words[i + 1] in _SCALES:
            current, seen, i = 1, True, i + 1
            continue
        value = number_word(word, beside_number=beside)
        if value is None:
            break
        if value in (100, 1000) and word.startswith(("hundred", "thousand")):
            current = max(current, 1) * value
            if value == 1000:
                total, current = total + current, 0
        else:
            if current % 100 and value < 100 and not (current % 10 == 0 and value < 10):
                break  # "five three" is two numbers, not one
            current += value
        seen = True
        i += 1
    if words[i - 1 : i] == ["and"]:
        i -= 1
    return (i, total + current) if seen else (start, 0)
