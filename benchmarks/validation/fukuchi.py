"""Fukuchi et al. 2017 running dataset (participant RBDS001): markers and force-plate events.

Cite: Fukuchi RK, Fukuchi CA, Duarte M. A public dataset of running biomechanics and the
effects of running speed on lower extremity kinematics and kinetics. PeerJ 2017;5:e3298.
Lab axes: X along the belt, Y up, Z sideways, millimetres, markers at 150 Hz.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.validation.camera import MarkerSet

TRIALS = {"2.5 m/s": "RBDS001runT25", "3.5 m/s": "RBDS001runT35"}
MARKER_RATE_HZ = 150.0


CLUSTERS = {
    "thigh": ("Thigh.Top.Lateral", "Thigh.Bottom.Lateral", "Thigh.Top.Medial", "Thigh.Bottom.Medial"),
    "shank": ("Shank.Top.Lateral", "Shank.Bottom.Lateral", "Shank.Top.Medial", "Shank.Bottom.Medial"),
}
#: Anatomical landmarks of the static trial and the cluster that carries them in running.
LANDMARKS = {"Knee": "thigh", "Knee.Medial": "thigh", "Ankle": "shank", "Ankle.Medial": "shank"}


def load_markers(folder: Path, trial: str) -> MarkerSet:
    """Keypoints a camera would see: hip joint centre (Harrington 2007), knee and ankle centres
    (epicondyle and malleolus midpoints), heel, toe (MT1/MT5 mid), and a stand-in shoulder.

    The running trials carry only marker clusters on the thigh and shank; the anatomical
    landmarks were placed in the static trial. Each landmark is fixed in its cluster's frame
    in the static trial and carried into every running frame by the cluster's rigid motion
    (least-squares fit, Kabsch/Soederkvist-Wedin), as motion-capture software does (CAST).
    """
    raw = read_raw(folder, trial)
    static = {k: np.nanmean(v, axis=0) for k, v in _read_c3d(folder / "RBDS001static.c3d").items()}
    n = len(next(iter(raw.values())))
    pts: dict[str, np.ndarray] = {}
    for side, s in (("left", "L"), ("right", "R")):
        carried = {
            name: carry(
                np.array([static[f"{s}.{c}"] for c in CLUSTERS[seg]]),
                np.stack([raw[f"{s}.{c}"] for c in CLUSTERS[seg]], axis=1),
                static[f"{s}.{name}"],
            )
            for name, seg in LANDMARKS.items()
        }
        pts[f"{side}_hip"] = hip_joint_centre(raw, side)
        pts[f"{side}_knee"] = (carried["Knee"] + carried["Knee.Medial"]) / 2
        pts[f"{side}_ankle"] = (carried["Ankle"] + carried["Ankle.Medial"]) / 2
        pts[f"{side}_heel"] = raw[f"{s}.Heel.Bottom"]
        pts[f"{side}_foot_index"] = (raw[f"{s}.MT1"] + raw[f"{s}.MT5"]) / 2
        pts[f"{side}_shoulder"] = raw[f"{s}.Iliac.Crest"] + np.array([0.0, 450.0, 0.0])  # no trunk markers
    time_s = np.arange(n) / MARKER_RATE_HZ
    # The runner faces +X (toe ahead of heel), so forward is already +X.
    return MarkerSet(time_s=time_s, points_m={k: v / 1000.0 for k, v in pts.items()})


def hip_joint_centre(raw: dict[str, np.ndarray], side: str) -> np.ndarray:
    """Hip joint centre from the pelvis markers by the Harrington et al. 2007 regression
    (J Biomech 40:595): posterior -0.24 PD - 9.9 mm, inferior -0.30 PW - 10.9 mm, lateral
    0.33 PW + 7.3 mm, with PW the inter-ASIS width and PD the ASIS-PSIS depth (mm)."""
    lasis, rasis, lpsis, rpsis = (raw[k] for k in ("L.ASIS", "R.ASIS", "L.PSIS", "R.PSIS"))
    origin = (lasis + rasis) / 2
    lateral = _unit(rasis - lasis)
    forward = origin - (lpsis + rpsis) / 2
    forward = _unit(forward - np.sum(forward * lateral, axis=1, keepdims=True) * lateral)
    up = np.cross(lateral, forward)
    pw = np.linalg.norm(rasis - lasis, axis=1, keepdims=True)
    pd_ = np.linalg.norm(origin - (lpsis + rpsis) / 2, axis=1, keepdims=True)
    sign = 1.0 if side == "right" else -1.0
    return origin + (-0.24 * pd_ - 9.9) * forward + (-0.30 * pw - 10.9) * up + sign * (0.33 * pw + 7.3) * lateral


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def read_raw(folder: Path, trial: str) -> dict[str, np.ndarray]:
    """Marker name -> ``[frame, 3]`` in mm, from the trial's c3d or its text export."""
    c3d_path = folder / f"{trial}.c3d"
    return _read_c3d(c3d_path) if c3d_path.exists() else _read_txt(folder / f"{trial}markers.txt")


def carry(static_cluster: np.ndarray, cluster: np.ndarray, static_point: np.ndarray) -> np.ndarray:
    """Positions ``[frame, 3]`` of a point fixed to a rigid marker cluster.

    ``static_cluster`` is ``[marker, 3]`` in the static trial, ``cluster`` ``[frame, marker, 3]``.
    Frames with a missing marker give NaN.
    """
    a = static_cluster - static_cluster.mean(axis=0)
    centre = cluster.mean(axis=1)
    b = cluster - centre[:, None, :]
    h = np.einsum("mi,fmj->fij", a, b)
    ok = np.isfinite(h).all(axis=(1, 2))
    u, _, vt = np.linalg.svd(np.where(ok[:, None, None], h, np.eye(3)))
    d = np.sign(np.linalg.det(np.einsum("fij,fjk->fik", vt.transpose(0, 2, 1), u.transpose(0, 2, 1))))
    fix = np.stack([np.ones_like(d), np.ones_like(d), d], axis=1)
    rot = np.einsum("fji,fj,fkj->fik", vt, fix, u)  # R = V diag(1,1,d) U^T
    out = centre + np.einsum("fij,j->fi", rot, static_point - static_cluster.mean(axis=0))
    out[~ok] = np.nan
    return out


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
    import warnings

    import c3d  # optional dependency of the validation harness

    with path.open("rb") as fh, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="No analog data")
        reader = c3d.Reader(fh)
        labels = [lab.strip() for lab in reader.point_labels]
        frames = np.stack([p[:, :3] for _, p, _ in reader.read_frames()])
    return {lab: frames[:, i, :].astype(float) for i, lab in enumerate(labels)}
