"""Screens whose figures are counted when they open and again when the student comes back."""

from __future__ import annotations


class RecountOnReturn:
    """Mix into a Screen that counts in `on_mount` and calls `counted_on_mount()` there.

    Coming back to the screen (a screen that covered it may have changed the figures) calls
    `recount()`; the resume Textual sends right after the first mount does not, as the
    figures were just counted.
    """

    _skip_next_resume = False

    def counted_on_mount(self) -> None:
        self._skip_next_resume = True

    def recount(self) -> None:
        raise NotImplementedError

    def on_screen_resume(self) -> None:
        if self._skip_next_resume:
            self._skip_next_resume = False
            return
        self.recount()

    def on_screen_suspend(self) -> None:
        self._skip_next_resume = False  # whatever covers the screen now may change its figures
