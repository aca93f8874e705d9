"""Runs from a watch's export files, as the file's own summary states them.

TCX (tcxreader, ``only_gps=False`` so a treadmill run without positions keeps its data): the
start (Activity/Id), the laps' distance added up, the time from the first point to the last,
cadence from the running extension (steps a minute, as Garmin writes RunCadence per foot:
doubled). GPX (gpxpy): the first point's
time, the distance along the track (2-D), the time between the first and last point; GPX has no
sport and no summary of its own.

FIT (Garmin and most watches), read with fitdecode: the session message's start time (UTC),
total distance (m), elapsed time (s) and average cadence. FIT's running cadence is in strides a
minute, with a fractional part in its own field: steps a minute = 2 x (avg_running_cadence +
avg_fractional_cadence), the most common import bug in running apps. A file that fails its CRC,
ends early or has a broken header is refused in one line.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from backstride.runlog.csv_exports import looks_like_csv_export, read_csv_export
from backstride.runlog.run import Run, RunImportError

__all__ = ["Run", "RunImportError", "not_a_run", "read_any", "read_fit", "read_gpx", "read_tcx"]


def read_fit(path: Path) -> list[Run]:
    """Every session in a FIT file (a multisport file has several)."""
    import fitdecode  # type: ignore[import-untyped]

    path = Path(path)
    sessions, offset = [], None
    try:
        with fitdecode.FitReader(str(path), check_crc=fitdecode.CrcCheck.RAISE) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                    sessions.append({f.name: f.value for f in frame.fields})
                elif isinstance(frame, fitdecode.FitDataMessage) and frame.name == "activity":
                    offset = _utc_offset_s({f.name: f.value for f in frame.fields})
    except FileNotFoundError:
        raise RunImportError(f"{path}: no such file") from None
    except (fitdecode.FitError, ValueError, OSError) as exc:
        raise RunImportError(f"{path.name}: not a readable FIT file ({type(exc).__name__}: {exc})") from None
    if not sessions:
        raise RunImportError(f"{path.name}: a FIT file without a session summary (not an activity?)")
    return [replace(_run(s, path.name), utc_offset_s=offset) for s in sessions]


def _utc_offset_s(activity: dict) -> float | None:
    """FIT's activity message: local_timestamp (the watch's clock, no zone) minus timestamp (UTC)."""
    local, utc = activity.get("local_timestamp"), activity.get("timestamp")
    if not isinstance(local, datetime) or not isinstance(utc, datetime):
        return None
    return (local.replace(tzinfo=None) - utc.astimezone(UTC).replace(tzinfo=None)).total_seconds()


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


def _float(v: str | float | None) -> float | None:
    return None if v is None else float(v)


def read_tcx(path: Path) -> list[Run]:
    from tcxreader.tcxreader import TCXReader  # type: ignore[import-untyped]

    path = Path(path)
    try:
        data = TCXReader().read(str(path), only_gps=False)
    except FileNotFoundError:
        raise RunImportError(f"{path}: no such file") from None
    except Exception as exc:  # noqa: BLE001 - the parser raises anything on a broken file
        raise RunImportError(f"{path.name}: not a readable TCX file ({type(exc).__name__}: {exc})") from None
    laps = data.laps or []
    distance = sum(float(lap.distance or 0) for lap in laps) or _float(data.distance)
    duration = _float(data.duration)  # first to last point: the laps' own durations leave out pauses between them
    cadences = [tp.cadence for tp in data.trackpoints if getattr(tp, "cadence", None)]
    cadence = 2.0 * float(sum(cadences) / len(cadences)) if cadences else None
    sport = (data.activity_type or "").lower() or None
    return [Run(start_utc=_aware(data.start_time), distance_m=distance, duration_s=duration, cadence_spm=cadence,
                cadence_source="TCX RunCadence (per foot) x 2" if cadence else "not in the file",
                sport=sport, treadmill=not any(tp.latitude for tp in data.trackpoints), source=path.name)]  # fmt: skip


def read_gpx(path: Path) -> list[Run]:
    import gpxpy

    path = Path(path)
    try:
        with open(path) as f:
            gpx = gpxpy.parse(f)
    except FileNotFoundError:
        raise RunImportError(f"{path}: no such file") from None
    except Exception as exc:  # noqa: BLE001 - gpxpy raises its own and XML errors
        raise RunImportError(f"{path.name}: not a readable GPX file ({type(exc).__name__}: {exc})") from None
    start, end = gpx.get_time_bounds()
    if start is None or end is None:
        raise RunImportError(f"{path.name}: a GPX file without times (a route, not a recorded run)")
    return [Run(start_utc=_aware(start), distance_m=float(gpx.length_2d()), duration_s=(end - start).total_seconds(),
                cadence_spm=None, cadence_source="not read from GPX (its unit depends on the exporter)",
                sport=None, treadmill=False, source=path.name)]  # fmt: skip


#: Slower than this on average, a file without a sport is a walk or a hike, not a run: brisk walking
#: is about 6 km/h and the slowest jogging about 7 (a stated threshold; a steep trail run can be
#: slower, and is then left out with the reason said).
WALK_MAX_KMH = 6.5


def not_a_run(r: Run) -> str | None:
    """Why an imported activity is left out of the running log, or None for a run: the file's sport
    where it has one, the average speed otherwise."""
    if r.sport is not None:
        return None if r.sport == "running" else f"not a run ({r.sport})"
    if r.distance_m and r.duration_s:
        kmh = r.distance_m / 1000 / (r.duration_s / 3600)
        if kmh < WALK_MAX_KMH:
            return f"not a run: {kmh:.1f} km/h on average is walking or hiking pace (under {WALK_MAX_KMH:g})"
    return None


def read_any(path: Path, *, distance_unit: str = "km", local_zone: tzinfo | None = None) -> list[Run]:
    """By content: FIT files start with their header size and '.FIT', XML files name their root,
    a Strava or Garmin activity list is a CSV with their column names (``distance_unit``: Garmin's,
    which the file does not state; ``local_zone``: the runner's, for Garmin's local times)."""
    path = Path(path)
    try:
        head = path.read_bytes()[:512]
    except OSError as exc:
        raise RunImportError(f"{path}: cannot be read ({exc.strerror})") from None
    if head[8:12] == b".FIT":
        return read_fit(path)
    if b"<TrainingCenterDatabase" in head:
        return read_tcx(path)
    if b"<gpx" in head:
        return read_gpx(path)
    if looks_like_csv_export(head):
        return read_csv_export(path, distance_unit=distance_unit, local_zone=local_zone)
    raise RunImportError(f"{path.name}: not a FIT, TCX or GPX file, nor a Strava or Garmin CSV export")


def _aware(t: datetime) -> datetime:

    return t.replace(tzinfo=UTC) if t.tzinfo is None else t
