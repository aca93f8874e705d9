"""Keypoints another pose model wrote, read as a :class:`Trajectory` (instead of running mediapipe).

Two formats: a ``gaitlab.pose/v1`` JSON file (names, frames of (x, y, score), timestamps; e.g.
RTMPose-Halpe26 keypoints) and an OpenPose BODY_25 folder (one ``*_keypoints.json`` per frame).
Researchers with a stronger pose model analyse its keypoints with ``analyze --keypoints``; the
validation compares models on the same clip with them.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from backstride.core.trajectory import KEYPOINTS, Trajectory
from backstride.errors import InputFileError

#: Halpe-26 name -> our keypoint name (the big toe stands for the foot index).
HALPE = {
    "nose": "nose",
    "l_shoulder": "left_shoulder",
    "r_shoulder": "right_shoulder",
    "l_elbow": "left_elbow",
    "r_elbow": "right_elbow",
    "l_wrist": "left_wrist",
    "r_wrist": "right_wrist",
    "l_hip": "left_hip",
    "r_hip": "right_hip",
    "l_knee": "left_knee",
    "r_knee": "right_knee",
    "l_ankle": "left_ankle",
    "r_ankle": "right_ankle",
    "l_heel": "left_heel",
    "r_heel": "right_heel",
    "l_big_toe": "left_foot_index",
    "r_big_toe": "right_foot_index",
    "l_eye": "left_eye",
    "r_eye": "right_eye",
    "l_ear": "left_ear",
    "r_ear": "right_ear",
}


#: BODY_25 index of each of our keypoint names.
BODY_25 = {
    "nose": 0,
    "right_shoulder": 2,
    "right_elbow": 3,
    "right_wrist": 4,
    "left_shoulder": 5,
    "left_elbow": 6,
    "left_wrist": 7,
    "right_hip": 9,
    "right_knee": 10,
    "right_ankle": 11,
    "left_hip": 12,
    "left_knee": 13,
    "left_ankle": 14,
    "right_eye": 15,
    "left_eye": 16,
    "right_ear": 17,
    "left_ear": 18,
    "left_foot_index": 19,
    "left_heel": 21,
    "right_foot_index": 22,
    "right_heel": 24,
}
BODY_25_SIZE = 25


def load_keypoints(path: Path, *, fps: float) -> tuple[Trajectory, str]:
    """A keypoint file or folder as a trajectory, and a name for its source; ``fps`` times an
    OpenPose folder (its files carry no time)."""
    path = Path(path)
    if path.is_dir():
        traj = load_openpose(path, fps=fps)
        if traj.n_frames == 0:
            raise InputFileError(f"{path}: no OpenPose *_keypoints.json files in this folder")
        return traj, "openpose-body25"
    if not path.is_file():
        raise InputFileError(f"{path}: no such keypoint file or folder")
    try:
        data = json.loads(path.read_text())  # read once: the file can hold hours of frames
        return gaitlab_trajectory(data, path), data.get("source", "keypoint file")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:  # JSON, shape: ValueError
        raise InputFileError(f"{path}: not a readable keypoint file ({type(exc).__name__})") from None


def load_gaitlab(path: Path) -> Trajectory:
    """Every frame of a gaitlab.pose/v1 file at its timestamps; unknown names are left out."""
    return gaitlab_trajectory(json.loads(Path(path).read_text()), path)


def gaitlab_trajectory(data: dict, path: Path) -> Trajectory:
    """The parsed contents of a gaitlab.pose/v1 file (``path`` names it in errors)."""
    if data.get("schema") != "gaitlab.pose/v1":
        raise InputFileError(f"{path}: not a gaitlab.pose/v1 keypoint file (an OpenPose folder also works)")
    names = data["keypoint_names"]
    frames = np.asarray(data["frames"], dtype=float)  # [frame, keypoint, (x, y, score)]
    xy = np.full((len(frames), len(KEYPOINTS), 2), np.nan)
    vis = np.zeros((len(frames), len(KEYPOINTS)))
    for j, name in enumerate(names):
        ours = HALPE.get(name) or (name if name in KEYPOINTS else None)  # Halpe-26 or BlazePose names
        if ours is None:
            continue
        xy[:, KEYPOINTS.index(ours)] = frames[:, j, :2]
        vis[:, KEYPOINTS.index(ours)] = np.clip(frames[:, j, 2], 0, 1)
    return Trajectory(
        xy_px=xy, visibility=vis, time_s=np.asarray(data["timestamps"], dtype=float), fps_nominal=float(data["fps"])
    )


def _openpose_person(path: Path) -> np.ndarray | None:
    """The most confident person of one OpenPose file as ``[25, 3]`` (x, y, confidence), or None."""
    try:
        people = json.loads(path.read_text()).get("people", [])
        poses = [np.asarray(p["pose_keypoints_2d"], dtype=float).reshape(-1, 3) for p in people]
    except (ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise InputFileError(f"{path}: not an OpenPose keypoint file ({type(exc).__name__})") from None
    if not poses:
        return None
    best = max(poses, key=lambda kp: float(np.sum(kp[:, 2])))
    if len(best) < BODY_25_SIZE:
        raise InputFileError(f"{path}: {len(best)} keypoints per person; OpenPose BODY_25 has {BODY_25_SIZE}")
    return best


def load_openpose(folder: Path, *, fps: float) -> Trajectory:
    """Frames in file-name order at ``fps``; the most confident person of each frame."""
    files = sorted(Path(folder).glob("*_keypoints.json"))
    xy = np.full((len(files), len(KEYPOINTS), 2), np.nan)
    vis = np.zeros((len(files), len(KEYPOINTS)))
    for i, path in enumerate(files):
        kp = _openpose_person(path)
        if kp is None:
            continue
        for name, j in BODY_25.items():
            if kp[j, 2] > 0:
                xy[i, KEYPOINTS.index(name)] = kp[j, :2]
                vis[i, KEYPOINTS.index(name)] = kp[j, 2]
    return Trajectory(xy_px=xy, visibility=vis, time_s=np.arange(len(files)) / fps, fps_nominal=fps)
