"""The codes of the problems found in deck files: reading, YAML and the deck format.

`quizapp check` prints each problem's code before its message, `--ignore CODE` and a deck's
`lint: {ignore: [CODE]}` silence a warning by its code. The content rules (Q101 and up) are
listed in `quizapp.core.authoring.lint_rules.CODES`.
"""

from __future__ import annotations

# Reading the file
UNREADABLE = "Q001"
NOT_TEXT = "Q002"
EMPTY_FILE = "Q003"
NO_DECK_FILES = "Q004"
# YAML
YAML_SYNTAX = "Q010"
UNQUOTED_COLON = "Q011"
UNCLOSED_QUOTE = "Q012"
TAB = "Q013"
YAML_NOT_ALLOWED = "Q014"
HASH_IN_TEXT = "Q015"
COMMA_LIST = "Q016"
# The deck format
UNKNOWN_KEY = "Q020"
MISSING_FIELD = "Q021"
DUPLICATE_KEY = "Q022"
WRONG_TYPE = "Q023"
EMPTY_VALUE = "Q024"
BAD_ID = "Q025"
DUPLICATE_ID = "Q026"
UNKNOWN_VALUE = "Q027"
BAD_DATE = "Q028"
FORMAT_VERSION = "Q029"
TRUE_FALSE_ANSWER = "Q030"
CLOZE_BLANKS = "Q031"
EVENT_COUNT = "Q032"
NO_CARDS = "Q033"
BAD_NUMBER = "Q034"
UNKNOWN_CODE = "Q035"
FEEDBACK_OPTION = "Q036"
REVERSE_TYPE = "Q037"
WAS = "Q038"

CODES = {
    UNREADABLE: "the file cannot be read (missing, a folder, a device, over 10 MB)",
    NOT_TEXT: "the file is not UTF-8 text (binary, UTF-16 without a mark, Latin-1, control "
    "characters)",
    EMPTY_FILE: "the file holds no deck",
    NO_DECK_FILES: "a folder given to check holds no deck file",
    YAML_SYNTAX: "YAML syntax",
    UNQUOTED_COLON: "an unquoted ': ' inside a text: put the text in quotes",
    UNCLOSED_QUOTE: "a quote opened and not closed on its line",
    TAB: "a tab where YAML needs spaces",
    YAML_NOT_ALLOWED: "anchors, aliases and tags (!name), which decks do not allow",
    HASH_IN_TEXT: "' #' inside an unquoted text starts a comment: the rest is cut off",
    COMMA_LIST: "a list (wrong, alternatives, tags) written as one text with commas",
    UNKNOWN_KEY: "an unknown key (with the key it was probably meant to be)",
    MISSING_FIELD: "a required field is missing",
    DUPLICATE_KEY: "a key given twice",
    WRONG_TYPE: "a value of the wrong type (text, list, mapping or number)",
    EMPTY_VALUE: "an empty value",
    BAD_ID: "an id with characters other than letters, digits, '-', '_' and '.'",
    DUPLICATE_ID: "a card id used twice in a deck, or a deck id used by another file",
    UNKNOWN_VALUE: "a kind, type or setting that is not one of those allowed",
    BAD_DATE: "a date not written YYYY, YYYY-MM or YYYY-MM-DD, or that does not exist",
    FORMAT_VERSION: "a deck format this quizapp does not read",
    TRUE_FALSE_ANSWER: "a truefalse answer other than true or false",
    CLOZE_BLANKS: "a cloze text without blanks, or with an empty one",
    EVENT_COUNT: "a chronology with fewer than 4 or more than 6 events",
    NO_CARDS: "a deck without cards",
    BAD_NUMBER: "a tolerance that is not a number, or on a card whose answer is not one",
    UNKNOWN_CODE: "lint: ignore names a code that does not exist",
    FEEDBACK_OPTION: "feedback for an option that is not one of the card's wrong options",
    REVERSE_TYPE: "reverse: true on a card that is neither flip nor typed",
    WAS: "a was: that is no card id, the card's own, still in the deck, or claimed twice",
}
