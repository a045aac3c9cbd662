"""The machine's timezone, read so that study days follow daylight saving on every platform.

A named zone (`$TZ`, or the zone /etc/localtime points to) is read with zoneinfo; Windows has
no such file, and the IANA database comes from the `tzdata` package there. When no named zone
can be found (Windows, a POSIX rule such as `TZ=EST5EDT,M3.2.0,M11.1.0`), `SystemLocalTime`
asks the operating system for the offset of each moment, so DST changes are still followed
rather than frozen at the offset of the moment quizapp started.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LOCALTIME = Path("/etc/localtime")
_EPOCH = datetime(1970, 1, 1)
_DAY = 86400


def local_timezone() -> tzinfo:
    """Return the machine's timezone, for use as a default at the program's edge.

    Returns:
        The zone `$TZ` names (a key such as Europe/London, or a zone file's path), else the one
        /etc/localtime is; when neither is a zone file zoneinfo can read, the operating
        system's own local time (`SystemLocalTime`), which follows its DST rules too.
    """
    name = os.environ.get("TZ")
    if name is None:
        return _system_zone() or SYSTEM_LOCAL_TIME
    name = name.removeprefix(":")
    try:
        if os.path.isabs(name):
            with open(name, "rb") as file:
                return ZoneInfo.from_file(file, key=name)
        if name:
            return ZoneInfo(name)
    except (OSError, ValueError, ZoneInfoNotFoundError):
        pass
    return SYSTEM_LOCAL_TIME  # a POSIX rule, or a name the C library alone understands


def _system_zone() -> ZoneInfo | None:
    """The zone /etc/localtime is (by the name its link gives, when zoneinfo knows it)."""
    try:
        target = LOCALTIME.resolve(strict=True)
        parts = target.parts
        if "zoneinfo" in parts:
            key = "/".join(parts[len(parts) - parts[::-1].index("zoneinfo") :])
            try:
                return ZoneInfo(key)
            except (ValueError, ZoneInfoNotFoundError):
                pass
        with open(target, "rb") as file:
            return ZoneInfo.from_file(file, key="localtime")
    except (OSError, ValueError):
        return None


def _offset_at(stamp: float) -> int:
    """The local UTC offset in seconds at a POSIX timestamp, as the operating system says."""
    try:
        return time.localtime(stamp).tm_gmtoff
    except (OverflowError, OSError, ValueError):
        # Beyond what the platform's localtime handles (Windows stops at 3000): now's offset.
        return time.localtime().tm_gmtoff


class SystemLocalTime(tzinfo):
    """The operating system's local time as a tzinfo, with its offset looked up per moment.

    Ambiguous and missing wall times follow PEP 495 as zoneinfo does: fold=0 is the earlier of
    a repeated hour, and a time in a gap is read with the offset from before the gap.
    """

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return timedelta(seconds=_offset_at(time.time()))
        wall = (dt.replace(tzinfo=None) - _EPOCH) // timedelta(seconds=1)
        before, after = _offset_at(wall - _DAY), _offset_at(wall + _DAY)
        # The instants whose local time is this wall time, earliest first.
        valid = sorted(
            (wall - offset, offset)
            for offset in {before, after}
            if _offset_at(wall - offset) == offset
        )
        if not valid:  # skipped by a change: PEP 495 reads it with the offset on the far side
            return timedelta(seconds=before if dt.fold == 0 else after)
        return timedelta(seconds=valid[min(dt.fold, len(valid) - 1)][1])

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None  # not known; nothing here needs it

    def tzname(self, dt: datetime | None) -> str:
        stamp = time.time() if dt is None else self._stamp(dt) - self.utcoffset(dt).total_seconds()
        try:
            return time.localtime(stamp).tm_zone
        except (OverflowError, OSError, ValueError):
            return time.localtime().tm_zone

    def fromutc(self, dt: datetime) -> datetime:
        stamp = self._stamp(dt)
        offset = _offset_at(stamp)
        local = dt + timedelta(seconds=offset)
        wall = stamp + offset
        # The second pass of a repeated hour: the same wall time was reached earlier.
        fold = any(
            wall - other < stamp and _offset_at(wall - other) == other
            for other in {_offset_at(stamp - _DAY), _offset_at(stamp + _DAY)} - {offset}
        )
        return local.replace(fold=int(fold))

    @staticmethod
    def _stamp(dt: datetime) -> int:
        return (dt.replace(tzinfo=None) - _EPOCH) // timedelta(seconds=1)

    def __repr__(self) -> str:
        return "SystemLocalTime()"


SYSTEM_LOCAL_TIME = SystemLocalTime()
