"""The runner's time zone, stored with their log: a run's day is the runner's, not the machine's.

A watch's FIT file carries its own local time; GPX, TCX and a Strava list carry UTC only, and a
Garmin Connect list local time without a zone. The zone kept with the runner (an IANA name such as
"Europe/London", daylight saving included) reads those, and a typed time is the runner's own
clock. A new runner takes this machine's zone unless one is given.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from backstride.errors import InputFileError

#: The zone when this machine's cannot be named (a container without /etc/localtime).
FALLBACK_ZONE = "UTC"


class ZoneError(InputFileError):
    """A name that is not a time zone."""


def machine_zone_name() -> str:
    """This machine's zone by its IANA name (tzlocal: TZ, /etc/localtime, the Windows registry)."""
    import tzlocal

    try:
        name = tzlocal.get_localzone_name()
    except (ZoneInfoNotFoundError, ValueError, OSError):  # tzlocal raises these on a broken set-up
        return FALLBACK_ZONE
    return name if name and _known(name) else FALLBACK_ZONE


def checked_zone_name(name: str) -> str:
    """An IANA zone name as typed, refused in one line when it is none."""
    name = name.strip()
    if not _known(name):
        raise ZoneError(f"time zone {name!r} is not one: give a name such as Europe/Paris, America/New_York or "
                        "Asia/Tokyo (the IANA list, as a phone's settings show it)")  # fmt: skip
    return name


def zone(name: str | None) -> tzinfo:
    """The zone of a stored name; None (a log kept before zones were stored): this machine's."""
    return ZoneInfo(name or machine_zone_name())


def local_date(t: datetime, name: str | None) -> date:
    """The runner's date of a time (a time without a zone is UTC, as SQLite gives stored times back)."""
    return (t.replace(tzinfo=UTC) if t.tzinfo is None else t).astimezone(zone(name)).date()


def wall_clock(t: datetime, name: str | None) -> datetime:
    """A typed time: without a zone it is the runner's clock; with one it stays as given."""
    return t if t.tzinfo is not None else t.replace(tzinfo=zone(name))


def today(name: str | None) -> date:
    """The runner's today."""
    return datetime.now(zone(name)).date()


def _known(name: str) -> bool:
    if not name or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
