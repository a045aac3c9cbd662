"""Tolerant, honest grading of answers; each verdict proposes an FSRS grade and says why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache, partial

from quizapp.core.grading.added_words import around_answer
from quizapp.core.grading.answer_parts import combined_answers
from quizapp.core.grading.comparison import same_text
from quizapp.core.grading.conjuncts import said_twice
from quizapp.core.grading.context_clause import in_context
from quizapp.core.grading.contrast import read_contrast
from quizapp.core.grading.dates import Match, parse_iso_date, refined_by
from quizapp.core.grading.details import card_gives, split_details
from quizapp.core.grading.glosses import glossed
from quizapp.core.grading.initialisms import spell_out
from quizapp.core.grading.marked_card import MarkedCard
from quizapp.core.grading.nations import another_nation
from quizapp.core.grading.offices import another_office
from quizapp.core.grading.one_answer import offers_an_option
from quizapp.core.grading.paraphrase import in_own_words
from quizapp.core.grading.periods import period_bound
from quizapp.core.grading.purpose import read_as_purpose
from quizapp.core.grading.qualifiers import qualified
from quizapp.core.grading.remarks import with_remark
from quizapp.core.grading.rereadings import rereadings
from quizapp.core.grading.respelling import respelt
from quizapp.core.grading.sentences import read_in_sentence
from quizapp.core.grading.synonyms import read_through, sets_apart
from quizapp.core.grading.text import normalize
from quizapp.core.grading.wording import read_wording, without_opening
from quizapp.core.scheduling.rating import Rating


class Outcome(StrEnum):
    """How an answer fared."""

    CORRECT = "correct"
    ALMOST = "almost"
    WRONG = "wrong"


# The grade each outcome proposes (Easy is the student's call, never proposed).
_RATINGS = {Outcome.CORRECT: Rating.GOOD, Outcome.ALMOST: Rating.HARD, Outcome.WRONG: Rating.AGAIN}
_SCORES = {Outcome.CORRECT: 1.0, Outcome.ALMOST: 0.5, Outcome.WRONG: 0.0}


@dataclass(frozen=True)
class Verdict:
    """The grade of one answer.

    Attributes:
        outcome: Correct, almost or wrong.
        score: Credit from 0 to 1.
        proposed_rating: The FSRS grade to propose.
        reason: One short sentence for the student.
    """

    outcome: Outcome
    score: float
    proposed_rating: Rating
    reason: str

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score {self.score} outside 0..1")
        if self.proposed_rating not in tuple(Rating):
            raise ValueError(f"rating {self.proposed_rating} outside 1..4")

    @property
    def correct(self) -> bool:
        """Whether the answer was fully right."""
        return self.outcome is Outcome.CORRECT


def graded_by_student(verdict: Verdict, rating: Rating) -> Verdict:
    """The verdict once the student chose their own grade: Again counts as wrong, Hard as
    almost, Good and Easy as right; the marker's reason stays, for the record."""
    rating = Rating(rating)
    outcome = (
        Outcome.WRONG
        if rating is Rating.AGAIN
        else Outcome.ALMOST
        if rating is Rating.HARD
        else Outcome.CORRECT
    )
    return Verdict(outcome, _SCORES[outcome], rating, verdict.reason)


def make_verdict(outcome: Outcome, reason: str, score: float | None = None) -> Verdict:
    credit = _SCORES[outcome] if score is None else score
    return Verdict(outcome, credit, _RATINGS[outcome], reason)


def right_verdict() -> Verdict:
    return make_verdict(Outcome.CORRECT, "Right.")


def sentence_end(text: str) -> str:
    """`text` closed with one full stop, even when it already ends with one."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _hedged(answer: str, hedge: str) -> Verdict:
    return make_verdict(Outcome.ALMOST, f"Almost: right, but hedged ('{hedge}'): it is {answer}.")


def wrong_verdict(answer: str, note: str = "") -> Verdict:
    return make_verdict(Outcome.WRONG, f"Wrong: {note}the answer is {sentence_end(answer)}")


def grade_typed(
    given: str,
    answer: str,
    alternatives: Sequence[str] = (),
    date: str | None = None,
    *,
    wrong: Sequence[str] = (),
    question: str = "",
    context: str = "",
    work: str = "",
) -> Verdict:
    """Grade a typed answer as a strict but fair teacher would.

    The rules, in order (docs/marking.md says why): an accepted answer as written is right;
    an answer negated ("not Kashmir") is wrong, and so is a choice ("1954 or 1955") unless
    every option is right; then the answer may be wrapped in harmless words, written as a
    date, a number or a name with initials, or misspelt (`comparison`, `periods`); when
    it is not right as written, it and the card are read again in other words for the same
    thing (`synonyms`: "a famine" for a food crisis), and then word by word in the student's own
    words (`paraphrase`: "with distrust" for with suspicion). A right answer hedged ("probably")
    earns half. What is not right is checked against the card's
    wrong options, which are never near misses, before the near-miss rules give half credit.

    Args:
        given: What the student typed.
        answer: The card's answer.
        alternatives: Other answers accepted as right.
        date: The card's structured date ("1965", "1965-04", "1965-04-10"), if any.
        wrong: The card's wrong options; an answer that is one of them is wrong.
        question: The question (or cloze text), whose words the student may repeat and
            whose units ("how many years") the answer may carry.
        context: The card's source and explanation, whose words a student may add to an
            answer given in their own words.
        work: What the work the card teaches says (`Deck.work_says`): verbs a sentence
            head may use, and words a slip is put right to.

    Returns:
        The verdict.

    Raises:
        ValueError: If `date` is not a valid YYYY[-MM[-DD]] date.
    """
    card_date = refined_by(parse_iso_date(date), answer) if date is not None else None
    if not normalize(given):
        return make_verdict(Outcome.WRONG, f"No answer: it is {sentence_end(answer)}")
    accepted = [answer, *alternatives]
    # Each part of a listed answer in any of the wordings the card accepts for it.
    accepted += combined_answers(accepted, wrong)
    if any(same_text(given, target) for target in accepted):
        return right_verdict()
    # "the Afghan resistence against the Soviets": a slip of a card's word, put right first.
    fixed = respelt(given, [*accepted, *wrong, question, context, work])
    if fixed is not None:
        again = grade_typed(
            fixed,
            answer,
            alternatives,
            date,
            wrong=wrong,
            question=question,
            context=context,
            work=work,
        )
        if again.correct:
            return make_verdict(Outcome.CORRECT, f"Right (spelling: {answer}).")
    wording = read_wording(given, accepted)
    card = MarkedCard(tuple(accepted), tuple(wrong), question, card_date, context, work)
    if offers_an_option(given, accepted, card.is_option):  # "Prime Minister - President"
        return wrong_verdict(answer, "give one answer, not a choice; ")
    if wording.negation:
        contrast = read_contrast(given)  # "India, not Pakistan"
        if contrast is not None:
            said, denied = (_graded_again(part, card) for part in contrast)
            if said.correct and denied.outcome is Outcome.WRONG:
                return said
        return wrong_verdict(answer, f"'{wording.negation}' negates your answer; ")
    if another_nation(given, accepted, question) or another_office(given, accepted):
        return wrong_verdict(answer)  # someone else's office, army or policy
    if len(wording.choices) > 1:
        options = [" ".join(choice) for choice in wording.choices]
        if all(_mark_text(o, card, around=False)[0] == "right" for o in options):
            return right_verdict()
        return wrong_verdict(answer, "give one answer, not a choice; ")
    # "NY" for New York: an initialism of the card's own words is read as those words.
    text = spell_out(without_opening(wording.unhedged(given)), accepted)
    match, note, target = _mark_text(text, card, around=not wording.hedge)
    if match == "right":
        if wording.hedge:
            return _hedged(answer, wording.hedge)
        # A forgiven slip is shown the card's spelling, not the alternative it came nearest.
        return (
            make_verdict(Outcome.CORRECT, f"Right ({note}: {answer}).") if note else right_verdict()
        )
    if _is_wrong_option(text, card):
        return wrong_verdict(answer)
    how = _right_with_words_around(text, card)
    if how is not None:
        return (
            _hedged(answer, wording.hedge)
            if wording.hedge
            else make_verdict(Outcome.CORRECT, f"Right, {how} ({answer}).")
        )
    if match == "near":
        shown = target if target in alternatives else answer  # not a combination of parts
        return make_verdict(Outcome.ALMOST, f"Almost: {note} ({shown}).")
    return wrong_verdict(answer, note)


def _right_with_words_around(text: str, card: MarkedCard) -> str | None:
    """How the text holds a right answer among the student's words, for the reason, or None:
    details and a placing clause (not where the card sets POWs apart from prisoners of war),
    a purpose in another form (`purpose`), a sentence's head or tail (`sentences`)."""
    if not sets_apart(card.accepted, card.wrong) and (
        _right_with_details(text, card) or _right_in_context(text, card)
    ):
        return "with details the card gives"
    bound = period_bound(text, card.question) if card.answer_date else None  # "1992-1995"
    if bound is not None and _graded_again(bound, card).correct:
        return "by where the period begins or ends"
    right = partial(_right_again, card=card)
    readings = rereadings(text, card.accepted, card.question)  # "Russia's" for their
    if any(map(right, readings)) or glossed(text, right) or said_twice(text, right):
        return "in other words"
    # "so as to", "-ing"; the wrong options both ways, so what they set apart stays apart.
    purpose = read_as_purpose(text, card.accepted, card.wrong, card.question)
    if purpose and not sets_apart(card.accepted, card.wrong):
        read_card = replace(card, accepted=purpose[1], wrong=(*card.wrong, *purpose[2]))
        if _graded_again(purpose[0], read_card).correct:
            return "in other words"
    in_sentence = read_in_sentence(
        text,
        accepted=card.accepted,
        wrong=card.wrong,
        question=card.question,
        context=card.context,
        work=card.work,
        right=right,
        dated=card.dated,
    )
    if in_sentence is not None:
        return in_sentence
    remarked = with_remark(
        text,
        accepted=card.accepted,
        wrong=card.wrong,
        question=card.question,
        context=card.context,
        right=right,
        is_option=card.is_option,
        dated=card.dated,
        a_date=card.answer_date is not None,
    )
    return "with a remark of your own" if remarked else None


def _right_again(part: str, card: MarkedCard) -> bool:
    return _graded_again(part, card).correct


def _graded_again(text: str, card: MarkedCard) -> Verdict:
    """A part of the student's answer marked as a whole answer to the same card."""
    date = card.date.iso() if card.date else None
    return grade_typed(
        text,
        card.accepted[0],
        card.accepted[1:],
        date,
        wrong=card.wrong,
        question=card.question,
        context=card.context,
        work=card.work,
    )


def _right_in_context(text: str, card: MarkedCard) -> bool:
    """Whether the text is a right answer followed by words that place it (`context_clause`)."""

    return in_context(
        text,
        partial(_right_alone, card=card),
        accepted=card.accepted,
        wrong=card.wrong,
        question=card.question,
        context=card.context,
        dated=card.dated,
    )


def _right_alone(part: str, card: MarkedCard) -> bool:
    """Whether the part of the text before words that follow it is right on its own."""
    return _mark_text(part, card, around=True)[0] == "right" and not card.is_option(part)


def _right_with_details(text: str, card: MarkedCard) -> bool:
    """Whether the text is a right answer followed by details the card gives (`details`)."""
    parts = split_details(text)
    if parts is None:
        return False
    said, details = parts
    return _right_alone(said, card) and card_gives(
        details,
        accepted=card.accepted,
        wrong=card.wrong,
        question=card.question,
        context=card.context,
    )


def _mark_text(text: str, card: MarkedCard, *, around: bool) -> tuple[Match, str, str]:
    """The student's text (no negation or choice left) against the card, as written; when
    that is not right, in other words: both read through the lexicon (`synonyms`), then
    word by word in the student's own words (`paraphrase`). `around` says whether true words
    around an answer may make it right (not when hedged)."""
    found = _as_written(text, card, around=around)
    if found[0] == "right":
        return found
    reading = _in_other_words(text, card)
    if reading is not None:
        read_text, read_card = reading
        if read_card.is_option(read_text):
            return found  # other words for a wrong option are neither right nor a near miss
        match, note, target = _as_written(read_text, read_card, around=around)
        if match != "wrong" and (match == "right" or found[0] != "near"):
            target = card.accepted[read_card.accepted.index(target)]
            found = match, note or ("in the card's words" if match == "right" else ""), target
            if match == "right":
                return found
    return _in_own_words(text, card) or found


def _in_own_words(text: str, card: MarkedCard) -> tuple[Match, str, str] | None:
    """The answer in the student's own words (`paraphrase`), as a right match, or None."""
    if sets_apart(card.accepted, card.wrong):
        return None
    target = in_own_words(
        text, card.accepted, wrong=card.wrong, question=card.question, context=card.context
    )
    return None if target is None else ("right", "in other words", target)


def _as_written(text: str, card: MarkedCard, *, around: bool) -> tuple[Match, str, str]:
    """The rules that make an answer right or near, on the text as it stands."""
    found = card.judge(text)
    # "Karachi, then the capital": true words around a whole answer that add no other
    # candidate; "economic development and national defence": a word qualifying each part.
    if found[0] != "right" and around:
        if around_answer(
            text, card.accepted, wrong=card.wrong, question=card.question, card_date=card.date
        ) or qualified(text, card.accepted, card.wrong):
            return "right", "", card.accepted[0]
    return found


def _is_wrong_option(text: str, card: MarkedCard) -> bool:
    """Whether the text is one of the card's wrong options, as written or in other words."""
    if card.is_option(text):
        return True
    reading = _in_other_words(text, card)
    return reading is not None and reading[1].is_option(reading[0])


@lru_cache(maxsize=64)
def _in_other_words(text: str, card: MarkedCard) -> tuple[str, MarkedCard] | None:
    """The text and the card read through the lexicon (`synonyms`), or None when no group
    reads them (kept for the answer just marked: its wrong options are read again)."""
    reading = read_through(text, card.accepted, card.wrong, card.question)
    if not reading.groups:
        return None
    return reading.answer, MarkedCard(reading.accepted, reading.wrong, reading.question, card.date)
