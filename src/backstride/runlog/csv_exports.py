"""Runs from the activity lists that Strava and Garmin Connect export as CSV.

Strava (``activities.csv`` in the account's bulk export): one row per activity, columns by name,
some names twice (since 2019 the first "Distance" is in km or miles as the account shows it,
the second in metres; the first "Elapsed Time" in seconds). "Activity Date" is UTC, written
"Sep 12, 2018, 3:02:23 PM" since 2019 and "2018-09-12 15:02:23" before; the older files have one
"Distance" column, in metres. "Average Cadence" has no stated unit: below 120 it can only be
strides a minute (doubled, and said so), 120-230 is steps a minute, anything else is dropped.

Garmin Connect (``Activities.csv`` from the activities list): "Date" in local time, "Distance"
in the unit the account displays (km or miles: the file does not say, so it is asked for),
"Time" as h:mm:ss, "Avg Run Cadence" in steps a minute, "--" for a missing value, thousands
written "1,020".

Headers in another language are refused with the columns that are needed (the export can be
switched to English in the account's settings).
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from backstride.runlog.run import Run, RunImportError

STRAVA_DATES = ("%b %d, %Y, %I:%M:%S %p", "%Y-%m-%d %H:%M:%S", "%d %b %Y, %H:%M:%S", "%b %d, %Y %I:%M:%S %p")
GARMIN_DATES = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")
MILE_M = 1609.344
CADENCE_STEPS_SPM = (120.0, 230.0)  # a running cadence in steps a minute
STRAVA_NEEDS = ("Activity ID", "Activity Date", "Activity Type", "Elapsed Time", "Distance")
GARMIN_NEEDS = ("Activity Type", "Date", "Distance", "Time")


def looks_like_csv_export(head: bytes) -> bool:
    first = head.split(b"\n", 1)[0].lstrip(b"\xef\xbb\xbf")
    return first.count(b",") >= 3 and not first.lstrip().startswith(b"<")


def read_csv_export(path: Path, *, distance_unit: str = "km", local_zone: tzinfo | None = None) -> list[Run]:
    """Every activity in a Strava or Garmin Connect CSV (non-runs keep their sport: the caller skips
    them). ``local_zone``: the runner's, for Garmin's local times (None: this machine's)."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise RunImportError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise RunImportError(f"{path.name}: not a text CSV file (not UTF-8)") from None
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) < 2:
        raise RunImportError(f"{path.name}: a CSV file without activities")
    header = [h.strip() for h in rows[0]]
    if "Activity ID" in header and "Activity Date" in header:
        return [_strava(header, row, path.name, i) for i, row in enumerate(rows[1:], 2) if any(row)]
    if "Date" in header and "Activity Type" in header:
        if distance_unit not in ("km", "mi"):
            raise RunImportError(f"distance unit {distance_unit!r}: km or mi")
        return [_garmin(header, row, path.name, i, distance_unit, local_zone)
                for i, row in enumerate(rows[1:], 2) if any(row)]  # fmt: skip
    raise RunImportError(
        f"{path.name}: not a Strava or Garmin Connect activity list (needs the English columns "
        f"{', '.join(STRAVA_NEEDS)} or {', '.join(GARMIN_NEEDS)}; set the site's language to English and export again)"
    )


def _columns(header: list[str], row: list[str], name: str) -> list[str]:
    """Every value under ``name`` (some Strava columns appear twice), in order."""
    return [row[i].strip() for i, h in enumerate(header) if h == name and i < len(row)]


def _first(header: list[str], row: list[str], name: str) -> str:
    found = _columns(header, row, name)
    return found[0] if found else ""


def number(text: str) -> float | None:
    """'1,020.5' -> 1020.5; '--', '' -> None."""
    text = text.replace(",", "").strip()
    if text in ("", "--", "-"):
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _date(text: str, formats: tuple[str, ...], where: str) -> datetime:
    for f in formats:
        try:
            return datetime.strptime(text, f)
        except ValueError:
            continue
    raise RunImportError(f"{where}: date {text!r} is in no format this reader knows")


def cadence_steps(value: float | None, what: str) -> tuple[float | None, str]:
    """Steps a minute from a cadence of unstated unit, judged by its range."""
    if value is None or value <= 0:
        return None, "not in the file"
    if value < CADENCE_STEPS_SPM[0] / 2:
        return None, f"{what} {value:g}: too low for running in either unit (dropped)"
    if value < CADENCE_STEPS_SPM[0]:
        return 2 * value, f"{what} {value:g} is strides/min (below 120): x 2"
    if value <= CADENCE_STEPS_SPM[1]:
        return value, f"{what} (steps/min)"
    return None, f"{what} {value:g}: above any running cadence (dropped)"


def _strava(header: list[str], row: list[str], source: str, line: int) -> Run:
    where = f"{source} line {line}"
    start = _date(_first(header, row, "Activity Date"), STRAVA_DATES, where).replace(tzinfo=UTC)
    distances = [number(v) for v in _columns(header, row, "Distance")]
    metres = distances[1] if len(distances) > 1 and distances[1] is not None else None
    if metres is None and len(distances) == 1:
        metres = distances[0]  # the exports before 2019: one column, in metres
    kind = _first(header, row, "Activity Type")
    cadence, how = cadence_steps(number(_first(header, row, "Average Cadence")), "Strava Average Cadence")
    return Run(start_utc=start, distance_m=metres, duration_s=number(_first(header, row, "Elapsed Time")),
               cadence_spm=cadence, cadence_source=how, sport=_sport(kind), treadmill="virtual" in kind.lower(),
               source=source)  # fmt: skip


def _garmin(header: list[str], row: list[str], source: str, line: int, unit: str, zone: tzinfo | None) -> Run:
    where = f"{source} line {line}"
    written = _date(_first(header, row, "Date"), GARMIN_DATES, where)  # the runner's local time, as Garmin writes it
    start = written.replace(tzinfo=zone) if zone is not None else written.astimezone()
    distance = number(_first(header, row, "Distance"))
    kind = _first(header, row, "Activity Type")
    cadence, how = cadence_steps(number(_first(header, row, "Avg Run Cadence")), "Garmin Avg Run Cadence")
    metres = None if distance is None else distance * (1000 if unit == "km" else MILE_M)
    offset = start.utcoffset()
    return Run(start_utc=start.astimezone(UTC), distance_m=metres,
               duration_s=clock_s(_first(header, row, "Time")), cadence_spm=cadence, cadence_source=how,
               sport=_sport(kind), treadmill="treadmill" in kind.lower(), source=source,
               utc_offset_s=None if offset is None else offset.total_seconds())  # fmt: skip


def _sport(kind: str) -> str | None:
    return "running" if "run" in kind.lower() else (kind.lower() or None)


def clock_s(text: str) -> float | None:
    """'1:02:03' -> 3723; '47:12.3' -> 2832.3; '2832' -> 2832."""
    text = text.strip()
    if text in ("", "--"):
        return None
    try:
        parts = [float(p) for p in text.split(":")]
    except ValueError:
        return None
    seconds = 0.0
    for p in parts:
        seconds = seconds * 60 + p
    return seconds
