"""Markers for tests that need what only some platforms offer, each saying why it skips."""

from __future__ import annotations

import os
import signal
import tempfile
import time
from pathlib import Path

import pytest


def _can_symlink() -> bool:
    with tempfile.TemporaryDirectory() as folder:
        try:
            (Path(folder) / "link").symlink_to(Path(folder) / "target")
        except (OSError, NotImplementedError):
            return False
    return True


needs_fifo = pytest.mark.skipif(
    not hasattr(os, "mkfifo"), reason="named pipes (os.mkfifo) are POSIX only"
)
needs_posix_permissions = pytest.mark.skipif(
    os.name != "posix" or not hasattr(os, "geteuid"),
    reason="chmod(0) makes a file unreadable, and os.geteuid exists, only on POSIX",
)
needs_symlinks = pytest.mark.skipif(
    not _can_symlink(), reason="symbolic links cannot be made here (Windows without the right)"
)
needs_sigkill = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL"), reason="killing a process with SIGKILL is POSIX only"
)
needs_tzset = pytest.mark.skipif(
    not hasattr(time, "tzset"), reason="time.tzset (changing the C library's zone) is POSIX only"
)
