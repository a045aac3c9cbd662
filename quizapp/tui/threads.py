"""Handing a worker thread's result back to the event loop."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from textual.app import App
from textual.worker import get_current_worker


def deliver(app: App[Any], callback: Callable[..., object], *args: object) -> None:
    """From a worker thread: run `callback(*args)` on the event loop and wait for it.

    Nothing happens if the worker was cancelled (a newer request of its group replaced it) or
    the app has closed meanwhile.
    """
    if get_current_worker().is_cancelled:
        return
    with suppress(RuntimeError):  # the app closed meanwhile
        app.call_from_thread(callback, *args)
