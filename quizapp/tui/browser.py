"""What changes when the app runs in a browser (`quizapp serve`, Textual's `App.is_web`).

Browsers keep some keys for themselves: a page never receives them. The app's bindings on
those keys move to others there, through the keymap (bindings have ids), so the footer and
the help show keys that work. Files the app hands over (progress, exam answers) become
downloads; in a terminal the same commands save them in the Downloads folder.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand

from quizapp.core.collection import Collection
from quizapp.tui.threads import deliver, reading

# The exports are imported when asked for: the app loads this module at start-up.

# New window, new tab, close tab, switching tabs (every browser), quit (Firefox), the address
# bar: pressed in a page, the browser acts on them and the page never sees them.
BROWSER_KEYS = frozenset(
    {
        "ctrl+n",
        "ctrl+t",
        "ctrl+w",
        "ctrl+q",
        "ctrl+l",
        "ctrl+tab",
        "ctrl+shift+tab",
        "ctrl+pageup",
        "ctrl+pagedown",
        "ctrl+shift+n",
        "ctrl+shift+t",
        "ctrl+shift+w",
        "ctrl+shift+q",
    }
)
# Where the app's bindings on those keys go in a browser: keys that text fields leave alone.
WEB_KEYS = {
    "quit": "ctrl+b",
    "quiz.dont-know": "ctrl+g",
    "exam.skip": "ctrl+g",
}
WEB_KEYS_NOTE = (
    "In the browser, keys the browser keeps for itself ("
    + ", ".join(f"`{key}`" for key in ("ctrl+q", "ctrl+n", "ctrl+w", "ctrl+t", "ctrl+tab"))
    + ") are not used: the keys above are the ones that work here."
)


def reaches_page(key: str) -> bool:
    """Whether a page in a browser receives this key."""
    return key.strip().lower() not in BROWSER_KEYS


def web_keymap(keys: Mapping[str, str]) -> dict[str, str]:
    """The keymap in a browser: the app's moved keys, then the profile's own (those of its keys
    that reach the page)."""
    own = {}
    for binding_id, listed in keys.items():
        usable = [key.strip() for key in listed.split(",") if key.strip() and reaches_page(key)]
        if usable:
            own[binding_id] = ",".join(usable)
    return {**WEB_KEYS, **own}


def file_label(name: str | None) -> str:
    """A profile's name as part of a file name (none for the default profile)."""
    return "" if name is None else "-" + re.sub(r"\s+", "-", name)


def hand_over(
    app: App[Any], text: str, file_name: str, mime: str, folder: Path | None = None
) -> None:
    """Give the student a file: a download in a browser, else saved in `folder` (the
    Downloads folder when None). Says so."""
    from platformdirs import user_downloads_path

    where = folder if folder is not None else user_downloads_path()
    if not app.is_web:
        try:
            where.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            app.notify(f"{where}: {exc.strerror or exc}", title="Not saved", severity="error")
            return
    app.deliver_text(
        io.StringIO(text), save_directory=where, save_filename=file_name, mime_type=mime
    )
    said = "Your browser downloads it." if app.is_web else f"Saved in {where}."
    app.notify(f"{file_name}: {said}", title="File")


def download_commands(
    progress: Callable[[], object], exams: Callable[[], object]
) -> Iterator[SystemCommand]:
    """The palette's commands that hand files over in a browser."""
    yield SystemCommand(
        "Download my progress",
        "Your review log, exams and plan: `quizapp progress import` takes them in",
        progress,
    )
    yield SystemCommand(
        "Download my exam answers",
        "Every exam's answers as CSV, for your teacher's class report",
        exams,
    )


def download_progress(app: App[Any], collection: Collection, profile: str | None) -> None:
    """Hand over the whole progress (`quizapp progress import` takes it elsewhere)."""
    from quizapp.core.progress.transfer import export_progress

    folder = getattr(app, "downloads", None)

    def export() -> None:  # in a thread: a long log takes a moment
        out = io.StringIO()
        with reading(collection.store.path) as reader:
            export_progress(reader, out)
        day = collection.clock().astimezone().strftime("%Y-%m-%d")
        name = f"quizapp-progress{file_label(profile)}-{day}.jsonl"
        deliver(app, hand_over, app, out.getvalue(), name, "application/jsonl", folder)

    app.run_worker(export, thread=True, group="download")


def download_exams(
    app: App[Any], collection: Collection, profile: str | None, exam_id: int | None = None
) -> None:
    """Hand over the answers of one exam (or of all) as CSV, with a student column naming the
    profile: the file `quizapp class report` reads."""
    from quizapp.core.progress.exams import ExamStore

    folder = getattr(app, "downloads", None)

    def export() -> None:
        out = io.StringIO(newline="")
        with reading(collection.store.path) as reader:
            rows = ExamStore(reader.conn).write_csv(out, exam_id, profile)
        if not rows:
            deliver(app, partial(app.notify, "No exam answer to download yet.", title="File"))
            return
        which = f"exam-{exam_id}" if exam_id is not None else "exams"
        name = f"quizapp-{which}{file_label(profile)}.csv"
        deliver(app, hand_over, app, out.getvalue(), name, "text/csv", folder)

    app.run_worker(export, thread=True, group="download")
