"""Words of a remark that look like a second answer, a choice or a moved date, but are not.

A remark after a right answer is refused when it holds a word that sets the answer aside
("other", "both", "before": `remarks`). Three uses of those words say nothing of the kind:

- a reciprocal: "seeing each other as partners", "trusting one another" (no other answer);
- "both" before a plural, with no "and" after it: "relations that benefit both sides" (no
  answer given twice, as "both India and Pakistan" is), or closing the remark, where it names
  nothing: "keeping an equal distance from both";
- after a date, a relation to a year the remark itself gives, in the order the answer's year
  allows: "It ended in 1953, before Pakistan joined SEATO in 1954" (1953 is before 1954).
  Without a year ("a few months before the war") the remark may move the date, and is refused;
- "by" before a name says who did a thing ("the first visit by a Pakistani premier", "by
  the USSR"); before anything else ("by 1955", "by March", "by the end of the year", "by
  then") it may move the date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizapp.core.grading.dates import month_number

# The relations a remark after a date may not hold (RELATIONS), by the order each puts the
# answer's year in against the remark's: "1953, before ... 1954" needs 1953 < 1954.
_EARLIER = frozenset({"before", "until", "till", "prior"})
_LATER = frozenset({"after", "since"})
_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")


def plain_remark_words(words: Sequence[str], answer: str, remark: str) -> list[str]:
    """The remark's words (`plain_words`) less those that here set nothing aside."""
    kept: list[str] = []
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        after = words[i + 1 :]
        if (word, before) in (("other", "each"), ("another", "one")):
            continue
        if word == "both" and (not after or (after[0].endswith("s") and "and" not in after)):
            continue
        if (word in _EARLIER or word in _LATER) and _year_in_order(word, answer, remark):
            continue
        if word == "by" and _by_names_doer(remark):
            continue
        kept.append(word)
    return kept


def _year_in_order(relation: str, answer: str, remark: str) -> bool:
    """Whether the remark gives a year after the relation, in the order the answer's own
    single year allows."""
    answer_years = {int(y) for y in _YEAR.findall(answer)}
    at = re.search(rf"\b{relation}\b", remark, re.IGNORECASE)
    later_years = {int(y) for y in _YEAR.findall(remark[at.end() :])} if at else set()
    if len(answer_years) != 1 or len(later_years) != 1:
        return False
    [mine], [theirs] = answer_years, later_years
    return mine < theirs if relation in _EARLIER else mine > theirs


def _by_names_doer(remark: str) -> bool:
    """Whether each "by" of the remark is followed by a name (after an article), not a month."""
    found = re.finditer(r"\bby\s+(?:(?:the|a|an)\s+)?(\S+)", remark, re.IGNORECASE)
    return all(m[1][:1].isupper() and month_number(m[1].strip(",.")) is None for m in found)
