"""Worker threads: reading the progress on their own connection, handing results back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from textual.app import App
from textual.widget import Widget
from textual.worker import get_current_worker

from quizapp.core.progress.store import Store


@contextmanager
def reading(path: Path) -> Iterator[Store]:
    """From a worker thread: `Store.reading` whose queries stop once the worker is cancelled.

    Textual cancels a screen's workers when it closes, all of them when the app quits, and an
    exclusive worker when a newer one of its group starts: none of them waits for a count.
    """
    worker = get_current_worker()
    # The stopped query raises sqlite3.OperationalError in the thread; Textual drops it, as a
    # cancelled worker's task is cancelled too, so it reaches neither the app nor the user.
    with Store.reading(path, stop=lambda: worker.is_cancelled) as reader:
        yield reader


def deliver(app: App[Any], callback: Callable[..., object], *args: object) -> None:
    """From a worker thread: run `callback(*args)` on the event loop and wait for it.

    Nothing happens if the worker was cancelled (a newer request of its group replaced it), the
    app has closed meanwhile, or the screen or widget whose method `callback` is has left the
    screen between the worker's last check and the loop's turn (it has no widgets to update).
    """
    if get_current_worker().is_cancelled:
        return
    owner = getattr(callback, "__self__", None)

    def run() -> None:
        if isinstance(owner, Widget) and not owner.is_attached:
            return
        callback(*args)

    with suppress(RuntimeError):  # the app closed meanwhile
        app.call_from_thread(run)
