"""Pelvic drop and contact timing from behind, against the camera's height and distance:
``make bench-rear-camera`` prints the table (validation/rear_camera.py says how it is made)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.validation.rear_camera import DROP_DEG, ROTATION_DEG, SWEEP, measure


def main() -> int:
    table = Table(
        title=f"Synthetic rear runner with tape, drop {DROP_DEG['left']:g} / {DROP_DEG['right']:g} deg, "
        f"pelvis turning +/-{ROTATION_DEG:g} deg; level pinhole camera"
    )
    for col in ("camera", "tape found", "strike error ms", "pelvis offset", "check", "drop L", "drop R"):
        table.add_column(col, justify="left" if col == "camera" else "right")
    with tempfile.TemporaryDirectory() as folder:
        for shot in SWEEP:
            r = measure(shot, Path(folder))
            if "strike_error_ms" not in r:
                table.add_row(r["shot"], "no", "", "", "", "", "")
                continue
            table.add_row(
                r["shot"],
                f"{r['found_share']:.0%}",
                f"{r['strike_error_ms']:+.0f}",
                f"{r['pelvis_offset']:+.2f}",
                r["check"],
                f"{r['left_deg']:.1f} ({r['left_error_deg']:+.1f})",
                f"{r['right_deg']:.1f} ({r['right_error_deg']:+.1f})",
            )
    Console(width=140).print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
