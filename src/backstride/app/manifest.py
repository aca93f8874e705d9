"""What a batch analyses: one :class:`Assessment` a row of a manifest (CSV or YAML) or a runner's
clips in a folder named by the rule below.

A manifest's columns: ``runner, side, rear, answers, height_cm, speed_kmh, slowmo, rear_slowmo``
(only ``runner`` and ``side`` required; ``slowmo`` is the side clip's slow-motion factor and the
rear clip's too unless ``rear_slowmo`` says otherwise). A path is a local file (relative to the
manifest's folder) or an fsspec URL (``s3://``, ``gs://``, ``https://``), read by the worker that
analyses it, so a remote worker needs no shared disk.

A folder of clips instead of a manifest: ``RUNNER_side.EXT`` and, optionally, ``RUNNER_rear.EXT``
and ``RUNNER_answers.yaml`` (or .yml, .json), e.g. ``ana_side.mp4``, ``ana_rear.mov``.

Every row is checked before anything runs: a bad one stops the batch with one line naming the
manifest, the row and the fix (nothing written). Whether a file exists is left to the worker
that reads it: a missing clip fails that assessment, never the batch.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from backstride.errors import Invalid

COLUMNS = ("runner", "side", "rear", "answers", "height_cm", "speed_kmh", "slowmo", "rear_slowmo")
REQUIRED = ("runner", "side")
#: (low, high) of each number column: the CLI's own limits for the same flags.
NUMBER_LIMITS = {"height_cm": (50, 250), "speed_kmh": (3, 40), "slowmo": (1, 64), "rear_slowmo": (1, 64)}
VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".avi", ".mkv", ".webm")
ANSWERS_SUFFIXES = (".yaml", ".yml", ".json")
FOLDER_RULE = re.compile(r"^(?P<runner>.+)_(?P<part>side|rear|answers)$", re.IGNORECASE)


@dataclass(frozen=True)
class Assessment:
    """One runner's clips and what is known about them; ``folder``: where its results go,
    inside the batch's output (the runner's name made safe for a file name, unique)."""

    runner: str
    side: str  # a local path or an fsspec URL
    folder: str
    rear: str | None = None
    answers: str | None = None
    height_cm: float | None = None
    speed_kmh: float | None = None
    slowmo: float | None = None
    rear_slowmo: float | None = None

    @property
    def slowmo_by_role(self) -> dict[str, float | None]:
        return {"side": self.slowmo, "rear": self.rear_slowmo if self.rear_slowmo is not None else self.slowmo}


def load_assessments(source: Path) -> list[Assessment]:
    """The assessments a manifest (.csv, .yaml, .yml) or a folder of clips names, in its order."""
    source = Path(source)
    if source.is_dir():
        return from_folder(source)
    if not source.is_file():
        raise Invalid(f"{source}: no such manifest or folder (give a .csv or .yaml manifest, or a folder of clips)")
    suffix = source.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(source)
    elif suffix in (".yaml", ".yml"):
        rows = _yaml_rows(source)
    else:
        raise Invalid(f"{source}: a manifest is a .csv or .yaml file (or give a folder of clips)")
    if not rows:
        raise Invalid(f"{source}: no assessments in it (one row a runner: runner,side[,rear,...])")
    return _named([_assessment(row, source, where) for where, row in rows])


def _csv_rows(path: Path) -> list[tuple[str, dict[str, str]]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            header = [h.strip() for h in reader.fieldnames or []]
            _check_columns(header, path)
            rows = []
            for line, raw in enumerate(reader, start=2):
                row = {k.strip(): (v or "").strip() for k, v in raw.items() if k is not None}
                if any(row.values()):
                    rows.append((f"{path} line {line}", row))
            return rows
    except UnicodeDecodeError:
        raise Invalid(f"{path}: not a text CSV file (save it as CSV, UTF-8)") from None


def _yaml_rows(path: Path) -> list[tuple[str, dict[str, str]]]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise Invalid(f"{path}: not readable as YAML ({str(exc).splitlines()[0]})") from None
    if isinstance(data, dict) and "assessments" in data:
        data = data["assessments"]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise Invalid(f"{path}: a YAML manifest is a list of assessments, each a mapping with runner and side")
    rows = []
    for i, item in enumerate(data, start=1):
        _check_columns([str(k) for k in item], path, where=f"{path} assessment {i}")
        row = {str(k): "" if v is None else str(v).strip() for k, v in item.items()}
        rows.append((f"{path} assessment {i}", row))
    return rows


def _check_columns(names: list[str], path: Path, where: str | None = None) -> None:
    unknown = [n for n in names if n not in COLUMNS]
    if unknown:
        raise Invalid(f"{where or path}: unknown column {unknown[0]!r}; the columns are {', '.join(COLUMNS)}")
    if where is None:  # a CSV header: the required columns are there
        missing = [n for n in REQUIRED if n not in names]
        if missing:
            raise Invalid(f"{path}: no {missing[0]!r} column; the first line names the columns, e.g. runner,side,rear")


def _assessment(row: dict[str, str], manifest: Path, where: str) -> Assessment:
    for name in REQUIRED:
        if not row.get(name):
            raise Invalid(f"{where}: {name} is empty (each assessment needs a runner's name and a side clip)")
    numbers = {name: _number(row.get(name, ""), name, where) for name in NUMBER_LIMITS}
    base = manifest.parent

    def located(name: str) -> str | None:
        value = row.get(name) or None
        return None if value is None else _located(value, base)

    return Assessment(
        runner=row["runner"], side=_located(row["side"], base), folder="", rear=located("rear"),
        answers=located("answers"), **numbers,
    )  # fmt: skip


def _number(text: str, name: str, where: str) -> float | None:
    if not text:
        return None
    low, high = NUMBER_LIMITS[name]
    try:
        value = float(text)
    except ValueError:
        raise Invalid(f"{where}: {name} {text!r} is not a number (e.g. {low + (high - low) // 4})") from None
    if not low <= value <= high:
        raise Invalid(f"{where}: {name} {value:g} is outside {low}-{high}")
    return value


def is_url(path: str) -> bool:
    return re.match(r"^[a-z][a-z0-9+.-]*://", path) is not None


def _located(path: str, base: Path) -> str:
    """A URL as given; a local path made absolute against the manifest's folder."""
    if is_url(path):
        return path
    p = Path(path).expanduser()
    return str(p if p.is_absolute() else (base / p).resolve())


def from_folder(folder: Path) -> list[Assessment]:
    """The assessments of a folder of clips named ``RUNNER_side.EXT`` (``_rear``, ``_answers``)."""
    found: dict[str, dict[str, str]] = {}
    for path in sorted(folder.iterdir()):
        match = FOLDER_RULE.match(path.stem)
        suffix = path.suffix.lower()
        if not path.is_file() or match is None:
            continue
        part = match["part"].lower()
        if suffix not in (ANSWERS_SUFFIXES if part == "answers" else VIDEO_SUFFIXES):
            continue
        runner = match["runner"]
        if part in found.setdefault(runner, {}):
            raise Invalid(f"{path}: a second {part} file for {runner} (keep one {runner}_{part} file)")
        found[runner][part] = str(path.resolve())
    without_side = [r for r, parts in found.items() if "side" not in parts]
    if without_side:
        raise Invalid(f"{folder}: no side clip for {without_side[0]} (name it {without_side[0]}_side.mp4)")
    if not found:
        raise Invalid(
            f"{folder}: no clips named by the rule RUNNER_side.mp4 (with RUNNER_rear.mp4, RUNNER_answers.yaml); "
            "rename them, or give a manifest"
        )
    return _named([
        Assessment(runner=r, folder="", side=parts["side"], rear=parts.get("rear"), answers=parts.get("answers"))
        for r, parts in found.items()
    ])  # fmt: skip


def folder_name(runner: str) -> str:
    """A runner's name as a folder name: letters, digits, '-' and '_' ("Ana María" -> "ana-maría")."""
    name = re.sub(r"[^\w-]+", "-", runner.strip().lower()).strip("-_.")
    return name or "runner"


def _named(assessments: list[Assessment]) -> list[Assessment]:
    """Each assessment given its folder: the runner's, with -2, -3 for the same runner's later rows."""
    used: set[str] = set()
    named = []
    for a in assessments:
        base = folder = folder_name(a.runner)
        n = 1
        while folder in used:
            n += 1
            folder = f"{base}-{n}"
        used.add(folder)
        named.append(Assessment(**{**a.__dict__, "folder": folder}))
    return named
