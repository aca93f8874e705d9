"""One run as a watch's file or a site's export states it, and the error for a file that is none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from backstride.errors import InputFileError


class RunImportError(InputFileError):
    """A file that is not a readable run."""


@dataclass(frozen=True)
class Run:
    start_utc: datetime
    distance_m: float | None
    duration_s: float | None
    cadence_spm: float | None  # steps a minute
    cadence_source: str  # where the cadence came from, and how it was converted
    sport: str | None
    treadmill: bool
    source: str  # the file it came from (its name only)
    utc_offset_s: float | None = None  # the watch's own local time minus UTC, where the file gives it

    @property
    def local_date(self) -> date | None:
        """The runner's date of the run: by the watch's own local time where the file gives it, else
        None (the log then reads the start in the runner's zone)."""
        from datetime import timedelta

        return None if self.utc_offset_s is None else (self.start_utc + timedelta(seconds=self.utc_offset_s)).date()
