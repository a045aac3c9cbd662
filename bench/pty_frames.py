"""Timing a terminal app from the outside: run it in a pseudo-terminal and watch its output.

"First frame" is the moment a text the app draws on its first real screen (a marker) arrives
on the terminal, counted from just before the process is forked. "Key to frame" is the time
from writing a key to the terminal until a marker of the screen that key leads to arrives.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS, LINES = 120, 40
QUIT = b"\x11"  # ctrl+q


@dataclass
class Terminal:
    """An app running in a pseudo-terminal, and everything it has written."""

    pid: int
    fd: int
    started: float
    output: bytearray = field(default_factory=bytearray)

    def wait_for(self, marker: bytes, timeout: float = 30.0, since: int = 0) -> float:
        """Read until `marker` appears after offset `since`; returns the time it arrived."""
        deadline = time.perf_counter() + timeout
        while marker not in self.output[max(0, since - len(marker)) :]:
            left = deadline - time.perf_counter()
            if left <= 0:
                tail = bytes(self.output[-400:])
                raise TimeoutError(f"{marker!r} not seen; the terminal last showed {tail!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise EOFError(f"the app exited before showing {marker!r}")
                self.output += chunk
        return time.perf_counter()

    def drain(self, quiet: float = 0.05) -> None:
        """Read until the app has written nothing for `quiet` seconds."""
        while select.select([self.fd], [], [], quiet)[0]:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def press(self, key: bytes, marker: bytes, timeout: float = 10.0) -> float:
        """Send a key; the seconds until `marker` is drawn after it."""
        self.drain()
        mark = len(self.output)
        sent = time.perf_counter()
        os.write(self.fd, key)
        return self.wait_for(marker, timeout, since=mark) - sent

    def close(self) -> float:
        """Quit the app (ctrl+q, then a kill if it hangs); returns its peak memory in MB.

        The peak is the kernel's high-water mark of the app's own memory (VmHWM), read before
        it quits; the rusage figure would count the pages it shared with this process at fork.
        """
        peak = _high_water_mb(self.pid)
        try:
            os.write(self.fd, QUIT)
        except OSError:
            pass
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            self.drain(0.02)
            pid, _, usage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                break
        else:
            os.kill(self.pid, signal.SIGKILL)
            _, _, usage = os.wait4(self.pid, 0)
        os.close(self.fd)
        return peak if peak is not None else usage.ru_maxrss / 1024


def _high_water_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def start(argv: Sequence[str], env: Mapping[str, str] | None = None) -> Terminal:
    """Fork `argv` into a new pseudo-terminal of COLUMNS x LINES."""
    environment = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    environment.update(env or {})
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal, then become the app
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        os.execvpe(argv[0], list(argv), environment)
    return Terminal(pid, fd, started)


def first_frame(
    argv: Sequence[str], marker: bytes, env: Mapping[str, str] | None = None
) -> tuple[float, float]:
    """Milliseconds from fork to `marker` on screen, and the process's peak memory in MB."""
    terminal = start(argv, env)
    try:
        shown = terminal.wait_for(marker)
    finally:
        peak = terminal.close()
    return (shown - terminal.started) * 1000, peak
