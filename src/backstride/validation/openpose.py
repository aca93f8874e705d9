"""OpenPose BODY_25 keypoint files (one JSON per frame) as a :class:`Trajectory`.

Used to compare our pose model's view of a shared clip with another model's.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from backstride.trajectory import KEYPOINTS, Trajectory

#: BODY_25 index of each of our keypoint names.
BODY_25 = {
    "nose": 0, "right_shoulder": 2, "right_elbow": 3, "right_wrist": 4, "left_shoulder": 5, "left_elbow": 6,
    "left_wrist": 7, "right_hip": 9, "right_knee": 10, "right_ankle": 11, "left_hip": 12, "left_knee": 13,
    "left_ankle": 14, "right_eye": 15, "left_eye": 16, "right_ear": 17, "left_ear": 18, "left_foot_index": 19,
    "left_heel": 21, "right_foot_index": 22, "right_heel": 24,
}


def load_openpose(folder: Path, *, fps: float) -> Trajectory:
    """Frames in file-name order at ``fps``; the most confident person of each frame."""
    files = sorted(Path(folder).glob("*_keypoints.json"))
    xy = np.full((len(files), len(KEYPOINTS), 2), np.nan)
    vis = np.zeros((len(files), len(KEYPOINTS)))
    for i, path in enumerate(files):
        people = json.loads(path.read_text()).get("people", [])
        if not people:
            continue
        best = max(people, key=lambda p: float(np.sum(np.array(p["pose_keypoints_2d"]).reshape(-1, 3)[:, 2])))
        kp = np.array(best["pose_keypoints_2d"], dtype=float).reshape(-1, 3)
        for name, j in BODY_25.items():
            if kp[j, 2] > 0:
                xy[i, KEYPOINTS.index(name)] = kp[j, :2]
                vis[i, KEYPOINTS.index(name)] = kp[j, 2]
    return Trajectory(xy_px=xy, visibility=vis, time_s=np.arange(len(files)) / fps, fps_nominal=fps)
