"""Sums of money written many ways: "US$30 million", "$30m", "30,000,000 dollars"."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from quizapp.core.grading.numbers import numbers_in_words

_CURRENCIES = {
    "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "rs": "PKR", "pkr": "PKR", "rupee": "PKR", "rupees": "PKR", "₨": "PKR", "inr": "INR",
    "rub": "RUB", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    # A share is marked like a sum: "60-70 %", "60 to 70 per cent", "60-70 percent".
    "%": "%", "percent": "%", "pc": "%", "pct": "%",
}  # fmt: skip
# Words that qualify a currency ("US$", "Indian rupees"); "u" and "s" come from "U.S.".
_QUALIFIERS = {
    "us": "USD", "american": "USD", "pakistani": "PKR", "pak": "PKR", "indian": "INR",
    "russian": "RUB", "soviet": "RUB", "u": None, "s": None,
}  # fmt: skip
_MULTIPLIERS = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7,
    "crores": 1e7, "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9,
}  # fmt: skip
_HEDGES = frozenset({"about", "around", "approximately", "approx", "roughly", "some"})
_RANGE = frozenset({"-", "–", "—", "to"})
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z]+|[$₨%–—-]")
# Symbols: H hedge, Q qualifier, C currency, N number, X multiplier, R range.
_GRAMMAR = re.compile(r"H?[QC]*NX?[QC]*(?:R[QC]*NX?[QC]*)?")
# Groups of three digits after a space are thousands: "16 500".
_SPACED_THOUSANDS = re.compile(r"(?<![\d.])(\d{1,3})((?: \d{3})+)\b")


@dataclass(frozen=True)
class Amount:
    """A sum of money, or a plain quantity when `currency` is None.

    Attributes:
        value: The amount in units (30e6 for "$30 million"); the low end of a range.
        currency: "USD", "PKR", "INR", "RUB", or None when the text names no currency.
        upper: The high end when the text gives a range ("$600-700 million"), else None.
    """

    value: float
    currency: str | None
    upper: float | None = None

    def same_sum(self, other: Amount) -> bool:
        """Whether both denote the same sum; currency counts only when both name one."""
        if self.currency and other.currency and self.currency != other.currency:
            return False
        return _close(self.value, other.value) and _close(self.upper, other.upper)

    def within(self, other: Amount) -> bool:
        """Whether this single sum lies inside the range `other`, in a compatible currency."""
        if self.upper is not None or other.upper is None:
            return False
        if self.currency and other.currency and self.currency != other.currency:
            return False
        return other.value <= self.value <= other.upper


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9)


def _symbol(token: str) -> str | None:
    if token[0].isdigit():
        return "N"
    for symbol, words in (
        ("C", _CURRENCIES), ("Q", _QUALIFIERS), ("X", _MULTIPLIERS), ("H", _HEDGES),
        ("R", _RANGE),
    ):  # fmt: skip
        if token in words:
            return symbol
    return None


def parse_amount(text: str) -> Amount | None:
    """Parse a sum of money or a plain number.

    Args:
        text: E.g. "US$30 million", "$30m", "USD 30 million", "30,000,000 dollars",
            "Rs.600 million", "$1.2bn", "$600-700 million", "30 million", "16 500",
            "sixteen thousand five hundred", "60-70 %", "sixty to seventy per cent".

    Returns:
        The amount, or None if the text is anything more than a sum.
    """
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text.strip().lower())
    text = _SPACED_THOUSANDS.sub(lambda m: m[1] + m[2].replace(" ", ""), text)
    text = re.sub(r"\bper cent\b", "percent", text)
    text = re.sub(r"^between (.+) and (.+)$", r"\1 - \2", text)  # "between $5 and $10 million"
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)  # "twenty-five"
    text = " ".join(numbers_in_words(text.split()))
    tokens = _TOKEN.findall(text)
    if _TOKEN.sub("", text).strip(" .,") or not tokens:
        return None  # stray words or marks ("30%", "10 tanks") mean it is not a bare sum
    symbols = [_symbol(t) for t in tokens]
    if None in symbols or not _GRAMMAR.fullmatch("".join(s or "" for s in symbols)):
        return None
    numbers: list[float] = []
    multipliers: list[float | None] = []
    codes: set[str] = set()
    qualifiers: set[str] = set()
    for token, symbol in zip(tokens, symbols, strict=True):
        if symbol == "N":
            numbers.append(float(token))
            multipliers.append(None)
        elif symbol == "X":
            multipliers[-1] = _MULTIPLIERS[token]
        elif symbol == "C":
            codes.add(_CURRENCIES[token])
        elif symbol == "Q" and _QUALIFIERS[token]:
            qualifiers.add(str(_QUALIFIERS[token]))
    if codes == {"PKR"} and qualifiers == {"INR"}:
        codes = {"INR"}  # "Indian rupees"
    if len(codes) > 1 or not qualifiers <= codes:
        return None  # "US rupees", "30 million US": no single currency unit
    # "5-10 million": a multiplier after the range applies to both ends.
    shared = multipliers[-1] or 1.0
    values = [n * (m or shared) for n, m in zip(numbers, multipliers, strict=True)]
    if len(values) == 2 and values[0] >= values[1]:
        return None
    return Amount(
        values[0], codes.pop() if codes else None, values[1] if len(values) == 2 else None
    )


def compare_amounts(
    given: Amount, answers: Sequence[Amount]
) -> tuple[Literal["right", "near", "wrong"], str]:
    """Compare a student's sum with the accepted sums (the answer and its alternatives).

    Args:
        given: The student's sum.
        answers: The accepted sums.

    Returns:
        "right", "near" (a single sum inside an accepted range) or "wrong", and a note on the
        miss for the student ("" when right).
    """
    if any(given.same_sum(a) for a in answers):
        return "right", ""
    if any(given.within(a) for a in answers):
        return "near", "inside the range"
    if all(given.currency and a.currency and given.currency != a.currency for a in answers):
        return "wrong", "different currency; "
    return "wrong", ""
