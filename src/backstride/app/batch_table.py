"""A batch's results as one table: one row per runner and clip, read from each assessment's
folder (its summary.json and batch.json), written as results.parquet and results.csv.

Columns: ``runner, folder, status, role, file, quality, view, gait, cadence_spm``, then each
metric's median per foot (``<metric>_left``, ``<metric>_right``, in the metric's unit, as in
summary.json), then ``reason`` (why a clip was refused or an assessment failed). ``status`` is
the clip's: ``done``, ``refused`` (the clip could not be measured) or ``failed`` (the assessment
did not run: a missing file, bad answers, a bug).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from backstride.app.batch_record import Outcome, Record
from backstride.settings import BatchSettings

if TYPE_CHECKING:
    import pandas as pd

    from backstride.core.results import ClipResult

FIRST_COLUMNS = ("runner", "folder", "status", "role", "file", "quality", "view", "gait", "cadence_spm")


def table_rows(out: Path, outcomes: list[Outcome]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for outcome in outcomes:
        rows += _rows_of(out / outcome.record.folder, outcome.record)
    return rows


def _rows_of(folder: Path, record: Record) -> list[dict[str, object]]:
    base = {"runner": record.runner, "folder": record.folder}
    if record.status == "failed":
        return [{**base, "status": "failed", "role": role, "file": f, "reason": record.reason}
                for role, f in record.files.items()]  # fmt: skip
    if record.status == "refused":
        return [{**base, "status": "refused", "role": c.role, "file": c.file, "reason": c.reason}
                for c in record.refused]  # fmt: skip
    from backstride.core.results import SummaryFile

    summary = SummaryFile.model_validate_json((folder / "summary.json").read_text())
    given = record.files
    rows = [{**base, **_clip_row(role, given.get(role, clip.file), clip)} for role, clip in summary.clips.items()]
    rows += [
        {**base, "status": "refused", "role": role, "file": given.get(role, r.file), "reason": r.reason}
        for role, r in summary.refused.items()
    ]
    return rows


def _clip_row(role: str, file: str, clip: ClipResult) -> dict[str, object]:
    row: dict[str, object] = {
        "status": "done", "role": role, "file": file, "quality": clip.quality.verdict if clip.quality else None,
        "view": clip.view, "gait": clip.gait, "cadence_spm": clip.cadence_spm.value,
    }  # fmt: skip
    for name, metric in clip.metrics.items():
        row[f"{name}_left"] = metric.left.median
        row[f"{name}_right"] = metric.right.median
    return row


def results_table(out: Path, outcomes: list[Outcome]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(table_rows(out, outcomes))
    metrics = [c for c in frame.columns if c not in (*FIRST_COLUMNS, "reason")]
    for column in (*FIRST_COLUMNS, "reason"):
        if column not in frame.columns:
            frame[column] = None
    return frame[[*FIRST_COLUMNS, *metrics, "reason"]]


def write_table(out: Path, outcomes: list[Outcome], settings: BatchSettings | None = None) -> list[Path]:
    """results.parquet and results.csv in ``out``, each written whole or not at all."""
    name = (settings or BatchSettings()).table_name
    frame = results_table(out, outcomes)
    paths = [out / f"{name}.parquet", out / f"{name}.csv"]
    for path in paths:
        tmp = path.with_name(f".{path.name}.tmp")
        if path.suffix == ".parquet":
            frame.to_parquet(tmp, index=False)
        else:
            frame.to_csv(tmp, index=False)
        os.replace(tmp, path)
    return paths
