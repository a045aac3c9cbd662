"""Who has the progress file open: a lock file beside it that every open store holds shared.

A restore overwrites the progress under any instance that has it open, which would then show
old counts and write with stale keys; so a restore takes the lock alone, and refuses while
any instance is open (and no instance opens while the restore runs).

The lock is an advisory flock(2) lock: the system drops it when its process ends, however it
ends, so there is never a stale lock to clear. Where flock is missing (Windows) or the lock
file cannot be made (a read-only folder), nothing is locked and nothing is refused.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from quizapp.core.progress.database import StoreBusyError, StoreUnavailableError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


class StoreInUseError(StoreUnavailableError):
    """Another quizapp (the app, or a command) has the progress file open."""


def lock_path(progress: Path) -> Path:
    return progress.with_name(progress.name + ".lock")


class Hold:
    """A lock held on the progress file, until `release`."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file drops its lock
            self._fd = None


def hold_shared(progress: Path, timeout: float) -> Hold:
    """Hold the progress file as one of the instances that have it open.

    Raises:
        StoreBusyError: a restore kept it for the whole `timeout` (in seconds).
    """
    fd = _open(progress)
    if fd is None or fcntl is None:
        return Hold(fd)
    deadline = time.monotonic() + timeout
    delay = 0.001
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return Hold(fd)
        except BlockingIOError:
            if time.monotonic() > deadline:
                os.close(fd)
                raise StoreBusyError(
                    f"{progress} is being restored from a backup by another quizapp; "
                    "try again when it has finished"
                ) from None
            time.sleep(delay)  # a restore takes a moment: wait for it, as SQLite waits
            delay = min(delay * 2, 0.05)
        except OSError:
            return Hold(fd)  # a file system without locks: open as if there were none


def hold_alone(progress: Path) -> Hold:
    """Hold the progress file with no other instance having it open.

    Raises:
        StoreInUseError: another quizapp has it open.
    """
    fd = _open(progress)
    if fd is None or fcntl is None:
        return Hold(fd)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise StoreInUseError(
            "quizapp is open on this progress elsewhere (the app, or another command); "
            "close it first, then try again"
        ) from None
    except OSError:
        pass  # a file system without locks: nothing can tell
    return Hold(fd)


def _open(progress: Path) -> int | None:
    try:
        progress.parent.mkdir(parents=True, exist_ok=True)
        return os.open(lock_path(progress), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None  # a read-only folder, say: the store reports what it can and cannot do
