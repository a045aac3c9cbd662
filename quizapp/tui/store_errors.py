"""Telling the student that the progress file could not be written (a full disk, a read-only
file, another program holding it), in words as the CLI does; the app keeps running.

One mechanism for every write the app makes: `saves` wraps a handler or action (sync or
async), and `saving` a block, in a worker thread too. Either stops the work at the failed
write, says why in a notification, and leaves the screen as it was.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar, cast

from quizapp.core.progress.database import StoreUnavailableError

__all__ = ["StoreUnavailableError", "not_saved", "saves", "saving"]

TITLE = "Not saved"


class Notifies(Protocol):
    """A screen, widget or app: anything that can show a notification (thread-safe)."""

    def notify(
        self, message: str, *, title: str = ..., severity: Any = ..., timeout: float | None = ...
    ) -> None: ...


def not_saved(node: Notifies, error: StoreUnavailableError, then: str = "") -> None:
    """Say in words why nothing was saved, and what to do; the screen stays as it was."""
    words = f"{error}." + (f" {then}" if then else "")
    node.notify(words, title=TITLE, severity="error", timeout=30)


@contextmanager
def saving(node: Notifies, then: str = "") -> Iterator[None]:
    """Run a block that writes to the progress store; if the store is unavailable or busy
    (StoreBusyError is a StoreUnavailableError), the rest of the block is skipped and the
    student told, with `then` after the reason."""
    try:
        yield
    except StoreUnavailableError as error:
        not_saved(node, error, then)


Handler = TypeVar("Handler", bound=Callable[..., Any])


def saves(then: str = "") -> Callable[[Handler], Handler]:
    """Decorate a method of a screen or widget that writes: see `saving`."""

    def decorate(handler: Handler) -> Handler:
        if inspect.iscoroutinefunction(handler):

            @functools.wraps(handler)
            async def run_async(self: Notifies, *args: Any, **kwargs: Any) -> Any:
                with saving(self, then):
                    return await cast(Callable[..., Awaitable[Any]], handler)(self, *args, **kwargs)
                return None

            return cast(Handler, run_async)

        @functools.wraps(handler)
        def run(self: Notifies, *args: Any, **kwargs: Any) -> Any:
            with saving(self, then):
                return handler(self, *args, **kwargs)
            return None

        return cast(Handler, run)

    return decorate
