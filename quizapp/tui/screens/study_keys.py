"""The study screen's words and keys: what each key does, what to do now, what is left."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from quizapp.core.grading.responses import LETTERS
from quizapp.core.progress.marks import MarkKind
from quizapp.core.questions.prompts import AskMode, ask_mode
from quizapp.core.questions.question import Question
from quizapp.core.sessions.study import StudySession
from quizapp.tui.widgets.grade_bar import grade_bindings

HINTS = {
    AskMode.FLIP: "Think of the answer, then press space to see it.",
    AskMode.TYPED: "Type the answer and press enter.",
}


def hint(question: Question) -> str:
    """What to do now; a choice names the letters its options have (two for true or false)."""
    mode = ask_mode(question)
    if mode is not AskMode.CHOICE:
        return HINTS[mode]
    letters = LETTERS[: len(question.options)]
    keys = f"{', '.join(letters[:-1])} or {letters[-1]}" if len(letters) > 1 else letters
    return f"Press {keys} (or click an option) to answer."


AFTER_EXAM = (
    "After the exam: FSRS would wait past it; the exam plan brings the card back before then"
    " if it grows weak, and the final pass shows it once more."
)
ELSEWHERE = "A card answered in another window meanwhile was skipped."
UNDO = "Undo the last answer, suspension, burial or flag (`ctrl+z` also while typing an answer)."
SUSPEND = "Suspend the card: it is in no session until you unsuspend it (in browse)."
BURY = "Bury the card until the next study day."
FLAG = "Flag the card: then `1` red, `2` orange, `3` green, `4` blue, or `0` for no flag."
SET_ASIDE_WORDS = {
    MarkKind.SUSPEND: (
        "Card suspended",
        "It is in no session until you unsuspend it (in browse, or `quizapp unsuspend {}`).",
    ),
    MarkKind.BURY: ("Card buried", "It is back on the next study day."),
}
UNDONE = {
    MarkKind.SUSPEND: "Card unsuspended: it is back in the session.",
    MarkKind.BURY: "Card unburied: it is back in the session.",
    MarkKind.FLAG: "Flag change undone.",
}
MODES = {"normal": "Normal study", "exam": "Exam mode", "filtered": "Filtered study"}


def left_today(session: StudySession) -> str:
    """The header's words after the mode: what is left of today's study, as Anki counts."""
    new, learning, reviews = session.left_today()
    return f"left today: {new} new, {learning} learning, {reviews} review{'s' * (reviews != 1)}"


STUDY_BINDINGS: list[BindingType] = [
    Binding(
        "space",
        "reveal",
        "Show answer",
        id="study.reveal",
        tooltip="Show the answer (flip cards, gaps to fill, events to order).",
    ),
    Binding(
        "enter",
        "accept",
        "Accept grade",
        id="study.accept",
        tooltip="Accept the proposed grade (after a typed answer or a choice).",
    ),
    # Not in the footer: the grade bar above it shows them, with the wait each gives.
    *grade_bindings("study", "Grade ", show=False),
    *[
        Binding(
            letter,
            f"choose('{letter}')",
            "Choose",
            show=False,
            id=f"study.{letter}",
            tooltip="Pick an option (multiple choice, true or false).",
        )
        for letter in LETTERS[:4]
    ],
    # ctrl+z works in the answer box too, where `u` is typed.
    Binding("ctrl+z", "undo", "Undo", id="study.undo", tooltip=UNDO),
    Binding("u", "undo", "Undo", show=False, id="study.undo-u", tooltip=UNDO),
    # Not in the footer, which the grades fill at 80 columns: in help (?) and the palette.
    Binding(
        "i",
        "card_info",
        "Card info",
        show=False,
        id="study.info",
        tooltip="Card info: its file and line, state, memory, every review, its events.",
    ),
    Binding(
        "e",
        "edit_card",
        "Edit card",
        show=False,
        id="study.edit",
        tooltip="Edit the card in your editor ($VISUAL, $EDITOR) at its line; it keeps its"
        " progress.",
    ),
    Binding(
        "escape",
        "leave",
        "Home",
        id="study.leave",
        tooltip="Stop, and see how the session went.",
    ),
    # Letters no option uses; while an answer is typed they go to the answer box.
    Binding("s", "set_aside('suspend')", "Suspend", id="study.suspend", tooltip=SUSPEND),
    Binding("minus", "set_aside('bury')", "Bury", id="study.bury", key_display="-", tooltip=BURY),
    Binding("f", "flag", "Flag", id="study.flag", tooltip=FLAG),
]
