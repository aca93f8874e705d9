"""Runs from a watch's export files, as the file's own summary states them.

FIT (Garmin and most watches), read with fitdecode: the session message's start time (UTC),
total distance (m), elapsed time (s) and average cadence. FIT's running cadence is in strides a
minute, with a fractional part in its own field: steps a minute = 2 x (avg_running_cadence +
avg_fractional_cadence), the most common import bug in running apps. A file that fails its CRC,
ends early or has a broken header is refused in one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

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


def read_fit(path: Path) -> list[Run]:
    """Every session in a FIT file (a multisport file has several)."""
    import fitdecode  # type: ignore[import-untyped]

    path = Path(path)
    sessions = []
    try:
        with fitdecode.FitReader(str(path), check_crc=fitdecode.CrcCheck.RAISE) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                    sessions.append({f.name: f.value for f in frame.fields})
    except FileNotFoundError:
        raise RunImportError(f"{path}: no such file") from None
    except (fitdecode.FitError, ValueError, OSError) as exc:
        raise RunImportError(f"{path.name}: not a readable FIT file ({type(exc).__name__}: {exc})") from None
    if not sessions:
        raise RunImportError(f"{path.name}: a FIT file without a session summary (not an activity?)")
    return [_run(s, path.name) for s in sessions]


def _run(s: dict, source: str) -> Run:
    strides = s.get("avg_running_cadence", s.get("avg_cadence"))
    fraction = s.get("avg_fractional_cadence") or 0.0
    cadence, how = None, "not in the file"
    if strides is not None:
        cadence = 2.0 * (float(strides) + float(fraction))
        how = "FIT avg_running_cadence" + (" + avg_fractional_cadence" if fraction else "") + " (strides/min) x 2"
    sub = s.get("sub_sport")
    return Run(
        start_utc=s["start_time"],
        distance_m=_float(s.get("total_distance")),
        duration_s=_float(s.get("total_elapsed_time")),
        cadence_spm=cadence,
        cadence_source=how,
        sport=s.get("sport"),
        treadmill=sub == "treadmill",
        source=source,
    )


def _float(v) -> float | None:
    return None if v is None else float(v)
