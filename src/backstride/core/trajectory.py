"""The one core type: keypoint trajectories of one person in image coordinates.

Image coordinates: x to the right, y downwards, in pixels. Every stage returns a new
:class:`Trajectory`; nothing mutates one.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

import numpy as np

from backstride.errors import NoPersonError

#: The 33 BlazePose landmarks, in mediapipe's order. Other backends map onto these names.
KEYPOINTS: tuple[str, ...] = (
    "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye",
    "right_eye_outer", "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder",
    "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_pinky",
    "right_pinky", "left_index", "right_index", "left_thumb", "right_thumb", "left_hip",
    "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle", "left_heel",
    "right_heel", "left_foot_index", "right_foot_index",
)  # fmt: skip

FEET = ("left", "right")
LEG_PARTS = ("hip", "knee", "ankle", "heel", "foot_index")


class View(str, enum.Enum):
    """Where the camera stands relative to the runner."""

    SIDE_LEFT = "side-left"  # side view, runner facing image-left
    SIDE_RIGHT = "side-right"  # side view, runner facing image-right
    REAR = "rear"
    FRONT = "front"
    UNKNOWN = "unknown"

    @property
    def is_side(self) -> bool:
        return self in (View.SIDE_LEFT, View.SIDE_RIGHT)

    @property
    def is_frontal_plane(self) -> bool:
        return self in (View.REAR, View.FRONT)

    @property
    def far_leg(self) -> str | None:
        """The leg on the side away from the camera (a runner facing image-left shows their left side)."""
        return {View.SIDE_LEFT: "right", View.SIDE_RIGHT: "left"}.get(self)


@dataclass(frozen=True, eq=False)
class Trajectory:
    """Keypoints of one person over time.

    Attributes:
        xy_px: ``[frame, keypoint, 2]`` positions in pixels, NaN where missing.
        visibility: ``[frame, keypoint]`` in 0..1 (0 where missing).
        time_s: ``[frame]`` timestamps in seconds, strictly increasing (true per-frame times).
        frame_index: ``[frame]`` index of each sample in the source clip (float after resampling).
        keypoints: names of the keypoints, in column order.
        fps_nominal: the clip's nominal frame rate (samples per second).
        view: the detected or stated camera view.
        height_px: the runner's standing height in pixels, when estimated.
        metres_per_px: scale from the runner's stated height, when given.
    """

    xy_px: np.ndarray
    visibility: np.ndarray
    time_s: np.ndarray
    keypoints: tuple[str, ...] = KEYPOINTS
    fps_nominal: float = 30.0
    frame_index: np.ndarray | None = None
    view: View = View.UNKNOWN
    metres_per_px: float | None = None

    def __post_init__(self) -> None:
        n = len(self.time_s)
        if self.xy_px.shape != (n, len(self.keypoints), 2):
            raise ValueError(f"xy_px shape {self.xy_px.shape} != ({n}, {len(self.keypoints)}, 2)")
        if self.visibility.shape != (n, len(self.keypoints)):
            raise ValueError(f"visibility shape {self.visibility.shape} mismatch")
        if n > 1 and not np.all(np.diff(self.time_s) > 0):
            raise ValueError("time_s must be strictly increasing")
        if self.frame_index is None:
            object.__setattr__(self, "frame_index", np.arange(n, dtype=float))
        for name in ("xy_px", "visibility", "time_s", "frame_index"):
            arr = getattr(self, name)
            if arr.flags.writeable:  # a read-only copy: the caller's own array stays writable
                arr = np.array(arr, dtype=float)
                arr.setflags(write=False)
                object.__setattr__(self, name, arr)

    @property
    def n_frames(self) -> int:
        return len(self.time_s)

    @property
    def duration_s(self) -> float:
        return float(self.time_s[-1] - self.time_s[0]) if self.n_frames > 1 else 0.0

    @property
    def sample_rate_hz(self) -> float:
        """Median sampling rate from the timestamps (the true rate of a variable-rate clip)."""
        if self.n_frames < 2:
            return self.fps_nominal
        return float(1.0 / np.median(np.diff(self.time_s)))

    def index(self, name: str) -> int:
        return self.keypoints.index(name)

    def point(self, name: str) -> np.ndarray:
        """``[frame, 2]`` positions of one keypoint."""
        return self.xy_px[:, self.index(name), :]

    def vis(self, name: str) -> np.ndarray:
        return self.visibility[:, self.index(name)]

    def with_points(self, names: tuple[str, ...], xy_px_by_source_frame: np.ndarray) -> Trajectory:
        """More keypoints measured apart from the pose model (``[source frame, name, 2]``, NaN where
        not found), placed row by row from the source frame each row came from; seen where finite."""
        rows = np.clip(np.asarray(self.frame_index).round().astype(int), 0, len(xy_px_by_source_frame) - 1)
        extra = np.asarray(xy_px_by_source_frame, dtype=float)[rows].reshape(len(rows), len(names), 2)
        return self.with_(
            xy_px=np.concatenate([self.xy_px, extra], axis=1),
            visibility=np.concatenate([self.visibility, np.isfinite(extra[..., 0]).astype(float)], axis=1),
            keypoints=(*self.keypoints, *names),
        )

    def with_(self, **changes: object) -> Trajectory:
        """A copy with some fields replaced (arrays passed in are made read-only, not copied)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def slice_frames(self, start: int, stop: int) -> Trajectory:
        assert self.frame_index is not None
        return self.with_(
            xy_px=self.xy_px[start:stop].copy(),
            visibility=self.visibility[start:stop].copy(),
            time_s=self.time_s[start:stop].copy(),
            frame_index=self.frame_index[start:stop].copy(),
        )

    def slice_time(self, start_s: float, stop_s: float) -> Trajectory:
        keep = np.flatnonzero((self.time_s >= start_s) & (self.time_s <= stop_s))
        if len(keep) == 0:
            raise ValueError(f"no frames between {start_s} s and {stop_s} s")
        return self.slice_frames(int(keep[0]), int(keep[-1]) + 1)

    def nearest_frame(self, t_s: float) -> int:
        """Source-clip frame index of the sample nearest to a time."""
        assert self.frame_index is not None
        i = int(np.argmin(np.abs(self.time_s - t_s)))
        return int(round(float(self.frame_index[i])))


@dataclass(frozen=True)
class GaitEvents:
    """Foot strikes (initial contacts) and toe-offs of one foot, in seconds, sorted."""

    foot: str
    foot_strike_s: tuple[float, ...]
    toe_off_s: tuple[float, ...]


def leg_length_px(traj: Trajectory) -> float:
    """Median hip-knee-ankle length over both legs, in pixels (a robust per-clip scale)."""
    lengths = []
    for side in FEET:
        hip, knee, ankle = (traj.point(f"{side}_{p}") for p in ("hip", "knee", "ankle"))
        seg = np.linalg.norm(hip - knee, axis=1) + np.linalg.norm(knee - ankle, axis=1)
        lengths.append(seg)
    value = np.nanmedian(np.concatenate(lengths))
    if not np.isfinite(value) or value <= 0:
        raise NoPersonError(
            "the legs are never seen (no frame shows a hip, knee and ankle together): "
            "film the whole body, feet included"
        )
    return float(value)


def rotate_image(traj: Trajectory, angle_rad: float) -> Trajectory:
    """The trajectory as a camera rolled by ``angle_rad`` (counter-clockwise, y up) would see it.

    Used to level a tilted camera: rotating by minus the ground line's angle makes the
    ground horizontal. Rotates about the mean keypoint position.
    """
    if angle_rad == 0:
        return traj
    centre = np.nanmean(traj.xy_px.reshape(-1, 2), axis=0)
    c, s = np.cos(angle_rad), np.sin(angle_rad)
    d = traj.xy_px - centre
    # image y points down, so a counter-clockwise turn in y-up terms is (x, y) -> (cx + sy, -sx + cy)
    x = c * d[..., 0] + s * d[..., 1]
    y = -s * d[..., 0] + c * d[..., 1]
    return traj.with_(xy_px=np.stack([x, y], axis=-1) + centre)


@dataclass(frozen=True)
class Step:
    """One foot contact and what follows it, in seconds.

    ``step_time_s`` runs from this foot strike to the next strike of the other foot;
    ``flight_time_s`` from this toe-off to that strike (negative = double support).
    """

    foot: str
    strike_s: float
    toe_off_s: float
    next_strike_s: float | None  # the other foot's next strike
    strike_frame: int
    toe_off_frame: int

    @property
    def contact_time_s(self) -> float:
        return self.toe_off_s - self.strike_s

    @property
    def step_time_s(self) -> float | None:
        return None if self.next_strike_s is None else self.next_strike_s - self.strike_s

    @property
    def flight_time_s(self) -> float | None:
        """Raw: negative where the next strike came before this toe-off (double support)."""
        return None if self.next_strike_s is None else self.next_strike_s - self.toe_off_s

    def measured_flight_s(self, frame_interval_s: float) -> float | None:
        """Flight time as reported: never negative. Within one frame of zero it is read as zero
        (the events' timing); beyond, there was no flight (double support) and nothing is reported."""
        f = self.flight_time_s
        if f is None or f < -frame_interval_s:
            return None
        return max(0.0, f)
