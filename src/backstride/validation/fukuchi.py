"""Fukuchi et al. 2017 running dataset (participant RBDS001): markers and force-plate events.

Cite: Fukuchi RK, Fukuchi CA, Duarte M. A public dataset of running biomechanics and the
effects of running speed on lower extremity kinematics and kinetics. PeerJ 2017;5:e3298.
Lab axes: X along the belt, Y up, Z sideways, millimetres, markers at 150 Hz.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from backstride.validation.camera import MarkerSet

TRIALS = {"2.5 m/s": "RBDS001runT25", "3.5 m/s": "RBDS001runT35"}
MARKER_RATE_HZ = 150.0


def load_markers(folder: Path, trial: str) -> MarkerSet:
    """Keypoints built from the markers: heel, toe (MT1/MT5 mid), ankle, knee, hip, shoulder."""
    raw = _read_c3d(folder / f"{trial}.c3d") if (folder / f"{trial}.c3d").exists() else _read_txt(
        folder / f"{trial}markers.txt"
    )
    n = len(next(iter(raw.values())))
    time_s = np.arange(n) / MARKER_RATE_HZ
    pts: dict[str, np.ndarray] = {}
    for side, s in (("left", "L"), ("right", "R")):
        m = {k[2:]: v for k, v in raw.items() if k.startswith(s + ".")}
        pelvis = (m["ASIS"] + m["PSIS"]) / 2
        knee = (m["Thigh.Bottom.Lateral"] + m["Thigh.Bottom.Medial"]
                + m["Shank.Top.Lateral"] + m["Shank.Top.Medial"]) / 4
        pts[f"{side}_heel"] = m["Heel.Bottom"]
        pts[f"{side}_foot_index"] = (m["MT1"] + m["MT5"]) / 2
        pts[f"{side}_ankle"] = (m["Shank.Bottom.Lateral"] + m["Shank.Bottom.Medial"]) / 2
        pts[f"{side}_knee"] = knee
        pts[f"{side}_hip"] = pelvis + np.array([0.0, -0.08, 0.0])  # joint centre ~8 cm below
        pts[f"{side}_shoulder"] = m["Iliac.Crest"] + np.array([0.0, 0.45, 0.0])  # no trunk markers
    # The runner faces +X (toe ahead of heel), so forward is already +X.
    return MarkerSet(time_s=time_s, points_m={k: v / 1000.0 for k, v in pts.items()})


def load_events(folder: Path, trial: str) -> pd.DataFrame:
    """Force-plate events: columns time_s, event ('IC' or 'TO'), foot ('left'/'right')."""
    df = pd.read_csv(folder / "RBDS001_grf_events_derived.csv")
    df = df[df["trial"] == trial].copy()
    df["foot"] = df["side"].map({"L": "left", "R": "right"})
    return df[["time_s", "event", "foot"]].reset_index(drop=True)


def _read_txt(path: Path) -> dict[str, np.ndarray]:
    df = pd.read_csv(path, sep="\t")
    names = sorted({c[:-1] for c in df.columns if c != "Time"})
    return {n: df[[n + "X", n + "Y", n + "Z"]].to_numpy(float) for n in names}


def _read_c3d(path: Path) -> dict[str, np.ndarray]:
    import c3d  # optional dependency of the validation harness

    with path.open("rb") as fh:
        reader = c3d.Reader(fh)
        labels = [lab.strip() for lab in reader.point_labels]
        frames = np.stack([p[:, :3] for _, p, _ in reader.read_frames()])
    return {lab: frames[:, i, :].astype(float) for i, lab in enumerate(labels)}
