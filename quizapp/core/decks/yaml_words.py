"""The commonest YAML slips in deck files, said in words at the line to fix.

PyYAML's own messages name the parser's state ("mapping values are not allowed here") and
often a place lines after the slip (a quote left open runs on until the next quote). These
read the text around the error and say what to do: put a text with ': ' in quotes, close a
quote on the line where it opens, indent with spaces.
"""

from __future__ import annotations

import re

import yaml

from quizapp.core.decks import codes

_KEY_AND_VALUE = re.compile(r"^(\s*(?:-\s+)?)([^\s:#'\"][^:#]*?):[ \t]+(\S.*?)\s*$")
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*:(\s|$)")
_QUOTE_STYLES = ('"', "'")


def explain(text: str, exc: yaml.MarkedYAMLError, loader: type) -> tuple[int, int, str, str] | None:
    """(line, column, message, code) for a slip this module knows, else None (1-based)."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    problem, context = exc.problem or "", exc.context or ""
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    if "quoted scalar" in context and "end of stream" in problem and exc.context_mark:
        start = exc.context_mark
        return _unclosed(start.line + 1, start.column + 1, None)
    opened = _quote_run_on(text, mark.line, loader)
    if opened is not None:
        return opened
    if "mapping values are not allowed" in problem:
        found = _KEY_AND_VALUE.match(line)
        if found and found.group(3)[0] not in "\"'[{|>":
            key, value = found.group(2), found.group(3)
            quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            message = (
                f"the text of '{key}' holds ': ' (a colon and a space), which YAML reads as "
                f"the start of another key; put the whole text in quotes: {key}: {quoted}"
            )
            return mark.line + 1, found.start(3) + 1, message, codes.UNQUOTED_COLON
    if "\t" in line and ("tab" in problem or "\\t" in problem):
        column = line.index("\t") + 1
        message = "a tab character here: YAML indents with spaces only; replace the tab with spaces"
        return mark.line + 1, column, message, codes.TAB
    return None


def _unclosed(line: int, column: int, until: int | None) -> tuple[int, int, str, str]:
    runs = f" and runs on to line {until}" if until else " and runs to the end of the file"
    message = (
        f"this quote is not closed on its line{runs}; close it here (a long text over "
        "several lines is better written with >- and no quotes)"
    )
    return line, column, message, codes.UNCLOSED_QUOTE


def _quote_run_on(text: str, error_line: int, loader: type) -> tuple[int, int, str, str] | None:
    """A quoted text that opened on an earlier line and swallowed the lines of other keys.

    The parser only stumbles where the quote finally closes; the slip is where it opened.
    """
    last: yaml.ScalarToken | None = None
    try:
        for token in yaml.scan(text, Loader=loader):
            if token.start_mark.line > error_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in _QUOTE_STYLES:
                if token.end_mark.line > token.start_mark.line:
                    last = token
    except yaml.YAMLError:
        pass
    if last is None:
        return None
    inside = text[last.start_mark.index : last.end_mark.index].splitlines()[1:]
    if not any(_KEY_LINE.match(line) for line in inside):
        return None  # a quoted text over several lines, written so on purpose
    start = last.start_mark
    return _unclosed(start.line + 1, start.column + 1, last.end_mark.line + 1)
