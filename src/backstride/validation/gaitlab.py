"""Keypoint files in the ``gaitlab.pose/v1`` schema (one JSON: names, frames, timestamps) as a
:class:`Trajectory`, e.g. RTMPose-Halpe26 keypoints of a shared clip from another project.

Used to compare our pose model's view of a clip with another model's.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from backstride.trajectory import KEYPOINTS, Trajectory

#: Halpe-26 name -> our keypoint name (the big toe stands for the foot index).
HALPE = {
    "nose": "nose", "l_shoulder": "left_shoulder", "r_shoulder": "right_shoulder", "l_elbow": "left_elbow",
    "r_elbow": "right_elbow", "l_wrist": "left_wrist", "r_wrist": "right_wrist", "l_hip": "left_hip",
    "r_hip": "right_hip", "l_knee": "left_knee", "r_knee": "right_knee", "l_ankle": "left_ankle",
    "r_ankle": "right_ankle", "l_heel": "left_heel", "r_heel": "right_heel", "l_big_toe": "left_foot_index",
    "r_big_toe": "right_foot_index", "l_eye": "left_eye", "r_eye": "right_eye", "l_ear": "left_ear",
    "r_ear": "right_ear",
}


def load_gaitlab(path: Path) -> Trajectory:
    """Every frame of the file at its timestamps; unknown names are left out."""
    data = json.loads(Path(path).read_text())
    if data.get("schema") != "gaitlab.pose/v1":
        raise ValueError(f"{path}: not a gaitlab.pose/v1 keypoint file")
    names = data["keypoint_names"]
    frames = np.asarray(data["frames"], dtype=float)  # [frame, keypoint, (x, y, score)]
    xy = np.full((len(frames), len(KEYPOINTS), 2), np.nan)
    vis = np.zeros((len(frames), len(KEYPOINTS)))
    for j, name in enumerate(names):
        ours = HALPE.get(name)
        if ours is None:
            continue
        xy[:, KEYPOINTS.index(ours)] = frames[:, j, :2]
        vis[:, KEYPOINTS.index(ours)] = np.clip(frames[:, j, 2], 0, 1)
    return Trajectory(xy_px=xy, visibility=vis, time_s=np.asarray(data["timestamps"], dtype=float),
                      fps_nominal=float(data["fps"]))
