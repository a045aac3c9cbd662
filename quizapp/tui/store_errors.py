"""Telling the student that an answer could not be saved (a full disk, a read-only file)."""

from __future__ import annotations

from textual.screen import Screen

from quizapp.core.progress.database import StoreUnavailableError

__all__ = ["StoreUnavailableError", "not_saved"]


def not_saved(screen: Screen[object], error: StoreUnavailableError, then: str = "") -> None:
    """Say in words why nothing was saved, and what to do; the screen stays as it was."""
    words = f"{error}." + (f" {then}" if then else "")
    screen.notify(words, title="Not saved", severity="error", timeout=30)
