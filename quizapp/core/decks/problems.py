"""Problems found in deck files, reported as `path:line:col: severity: message`."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, at a 1-based line and column of a file.

    `code` names the lint rule (e.g. "Q105") when the problem comes from one; it is printed
    before the message and is left out of comparisons, so sorting never compares None with text.
    """

    path: Path
    line: int
    column: int
    severity: Severity
    message: str
    code: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        code = f"{self.code} " if self.code else ""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {code}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
