"""The help screen: every key, in words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from quizapp.tui import styles

HELP_TEXT = """\
# quizapp keys

## Everywhere
| key | what it does |
|---|---|
| `?` | this help |
| `ctrl+p` | command palette: every action by name |
| `ctrl+q` | quit (every answer is already saved) |
| `escape` | back |

## Home
| key | what it does |
|---|---|
| `up` / `down` | choose a deck |
| `enter` | study the chosen deck (or all decks) |
| `a` | study all decks |
| `q` / `x` / `c` | quiz, exam or cram on the chosen deck (a box asks for the options first) |
| `f` | filtered study of the chosen deck: only a tag, kind or flag, or cards due within days |
| `b` | browse cards: search, preview, history |
| `s` | statistics: reviews, due forecast, retention, mastery, streak (`o` there: optimize) |
| `p` | plan for an exam: date, readiness forecast, answers a day |

## Browsing
| key | what it does |
|---|---|
| `/` | search: words, `tag:NAME`, `kind:KIND`, `type:TYPE`, `deck:ID` |
| | by progress: `is:due`, `is:new`, `is:learning`, `is:review`, `is:suspended`, `is:buried`, |
| | `is:leech`, `is:flagged`, `flag:1` (to 4), `lapses>3`, `due<7d`, `interval>=30d` |
| `enter` | from the search box to the cards |
| `up` / `down` | choose a card to preview |
| `space` | select the card (the actions below take every selected card, else the one chosen) |
| `ctrl+a` | select every card the search found (again: none) |
| `s` | suspend the cards (if all are suspended: unsuspend them) |
| `-` | bury the cards until the next study day (if all are buried: unbury them) |
| `f` | flag the cards: `1` red, `2` orange, `3` green, `4` blue, `0` no flag |
| `ctrl+z` / `u` | undo the last suspension, burial or flag |
| `o` / `O` | sort by the next column (state, due, interval, lapses, flag) / the other way round |
| | (a click on a column's title sorts by it) |
| `p` | hide or show the preview (the table takes the width) |
| `ctrl+r` | reload every deck file (edited files reload by themselves) |

## Studying
| key | what it does |
|---|---|
| `space` | show the answer (flip cards) |
| `enter` | check a typed answer; then accept the proposed grade |
| `a` `b` `c` `d` | pick an option (multiple choice) |
| `1` `2` `3` `4` | grade: Again, Hard, Good, Easy; each shows when the card comes back |
| `s` | suspend the card: it is in no session until you unsuspend it (in browse) |
| `-` | bury the card until the next study day |
| `f` | flag the card: then `1` red, `2` orange, `3` green, `4` blue, `0` no flag |
| `ctrl+z` / `u` | undo the last answer, suspension, burial or flag (`ctrl+z` while typing too) |

## Quiz and cram
| key | what it does |
|---|---|
| `enter` | check the answer; then go to the next question |
| `a` `b` `c` `d` / `t` `f` | pick an option (multiple choice / true or false) |
| `ctrl+n` | don't know: show the answer (counts as a miss) |
| `1` `2` `3` `4` | once marked: your own grade (Again, Hard, Good, Easy), then go on |
| `escape` | stop, and see how it went |

Chronology and matching questions: type the letters in order (`cabd`) or the pairs
(`1c 2a 3b 4d`) and press enter.

## Exam
| key | what it does |
|---|---|
| `enter` | answer and go on (answers are marked at the end) |
| `ctrl+n` | skip for now: the question comes back after the others |
| `escape` | end the exam early (it asks first) |

Cards come back on a schedule (FSRS): what you find hard, you see sooner.
"""


class HelpScreen(ModalScreen[None]):
    """Keys and what they do."""

    CSS_PATH = styles.SCREENS

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("question_mark", "dismiss", "Close", show=False, id="help.close-again"),
        Binding("q", "dismiss", "Close", show=False, id="help.close-q"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(HELP_TEXT)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
