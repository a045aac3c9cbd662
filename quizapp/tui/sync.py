"""Syncing from the app: when it starts (after the first frame, in a worker) and from the
command palette's "Sync now". The command line syncs once the app has closed
(`quizapp.cli.sync_cmd.after_app`), so a quit never waits on the folder.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from textual.app import App

from quizapp.core.collection import Collection
from quizapp.core.progress.database import DamagedStoreError, StoreUnavailableError
from quizapp.core.progress.store import Store
from quizapp.core.progress.sync import SYNC_FOLDER
from quizapp.core.progress.sync.merge import SyncError, sync_with
from quizapp.core.progress.sync.report import SyncReport
from quizapp.core.settings.study_settings import SchedulersOverTime
from quizapp.tui.threads import deliver

GROUP = "sync"
TITLE = "Sync"
NO_FOLDER = (
    "No sync folder is set: `quizapp config sync-folder FOLDER` sets one (a folder your "
    "other machines share, through Syncthing, Dropbox or a USB stick)."
)
# In a browser the folder is one of the serving machine's, set there (the settings screen
# shows it but does not change it there).
NO_FOLDER_SERVED = (
    "No sync folder is set for this profile. It is set on the machine that serves quizapp: "
    "`quizapp --profile NAME config sync-folder FOLDER`."
)


def start_sync(app: App[Any], collection: Collection, *, asked: bool) -> None:
    """Sync with the sync-folder in a worker thread, then say what came in.

    Args:
        asked: The student asked (the palette): always say how it went, and say so when no
            folder is set or a sync runs already. At start, only news and trouble are told.
    """
    folder = collection.store.preference(SYNC_FOLDER)
    if not folder:
        if asked:
            said = NO_FOLDER_SERVED if app.is_web else NO_FOLDER
            app.notify(said, title=TITLE, severity="warning", timeout=10)
        return
    if any(worker.group == GROUP and worker.is_running for worker in app.workers):
        if asked:
            app.notify("A sync is running already.", title=TITLE)
        return
    work = partial(_sync_in_thread, app, collection, Path(folder), asked)
    app.run_worker(work, thread=True, group=GROUP, exit_on_error=False)


def _sync_in_thread(app: App[Any], collection: Collection, folder: Path, asked: bool) -> None:
    """In a worker thread: sync through a connection of the thread's own, then tell."""
    try:
        store = Store.open(collection.store.path)
    except (DamagedStoreError, StoreUnavailableError) as exc:
        deliver(app, _failed, app, str(exc))
        return
    try:
        # Each answer replayed with its deck's settings at its moment, as an import does.
        report = sync_with(store, SchedulersOverTime(store, collection.scheduler), folder)
    except (SyncError, StoreUnavailableError) as exc:
        deliver(app, _failed, app, str(exc))
        return
    finally:
        store.close()
    deliver(app, _done, app, report, asked)


def _failed(app: App[Any], reason: str) -> None:
    app.notify(f"Could not sync: {reason}.", title=TITLE, severity="warning", timeout=15)


def _done(app: App[Any], report: SyncReport, asked: bool) -> None:
    """Say what came in (and any trouble); recount the screen shown if its figures moved."""
    news = report.came_in or report.conflicts or report.problems or report.renamed_from
    if asked or news:
        lines = [line for line in report.lines() if line != "Nothing new to send."]
        trouble = bool(report.conflicts or report.problems)
        title = f"Synced with {report.folder}"
        app.notify("\n".join(lines), title=title, severity="warning" if trouble else "information")
    recount = getattr(app.screen, "recount", None)
    if report.came_in and callable(recount):
        recount()
