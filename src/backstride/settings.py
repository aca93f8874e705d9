"""Every default of the analysis, defined once.

Library callers pass a modified copy (``dataclasses.replace``); the CLI maps its flags onto
these fields. Comments carry the domain guidance behind each number.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class VideoSettings:
    max_duration_s: float = 600.0  # 10 min; a gait clip needs ~10 s, longer files are refused
    max_file_bytes: int = 4 * 1024**3  # 4 GiB
    min_frames: int = 2


@dataclass(frozen=True)
class PoseSettings:
    backend: str = "mediapipe"
    model_complexity: int = 1  # only complexity 1 ships inside the mediapipe wheel
    min_detection_confidence: float = 0.5
    min_tracking_confidence: float = 0.5
    # Keypoints cached by the clip's content hash; BACKSTRIDE_CACHE_DIR overrides the place.
    cache_dir: Path | None = field(default_factory=lambda: Path(
        os.environ.get("BACKSTRIDE_CACHE_DIR") or Path.home() / ".cache" / "backstride" / "pose"))
    min_person_fraction: float = 0.5  # share of frames with a person, else "no person found"


@dataclass(frozen=True)
class CleanSettings:
    min_visibility: float = 0.3  # mediapipe visibility below this counts as missing
    # Hampel filter: a keypoint further than this many robust SDs (and than the floor, in leg
    # lengths) from the moving median over the window is a glitch.
    outlier_window_s: float = 0.17
    outlier_sigmas: float = 3.0
    outlier_floor_leg: float = 0.2
    max_gap_s: float = 0.15  # gaps up to ~1/4 of a stride are interpolated, longer stay missing
    # Low-pass cut-off. 6-15 Hz is usual for running kinematics; the foot's contact transients
    # need the upper end. It is capped at 0.8 x Nyquist of the clip's frame rate.
    cutoff_hz: float = 12.0
    filter_order: int = 2  # applied forward and backward: zero lag, effective order 4
    max_jump_body_heights: float = 0.6  # a torso jump this large between frames = another person


@dataclass(frozen=True)
class EventSettings:
    # Side view (events/side.py): levels of the foot's forward velocity relative to the pelvis,
    # 0 = stance plateau, 1 = swing peak. Set on Fukuchi 2017 force plates, checked on FootNet.
    strike_level: float = 0.15
    toe_off_level: float = 0.15
    edge_fit_levels: tuple[float, float] = (0.1, 0.6)
    anchor_prominence_leg: float = 0.2  # the foot swings ~1 leg length fore and aft per stride
    fallback_stride_s: float = 0.7  # when the clip shows no clear stride period
    # Rear view (events/rear.py): contact begins and ends where the foot's height is this
    # share of the way from the ground to the swing peak. Set on Fukuchi 2017 force plates.
    rear_contact_share: float = 0.1
    rear_prominence_leg: float = 0.03  # smallest swing that counts as a stride
    min_cycles_per_foot: int = 2
    running_max_duty_factor: float = 0.5  # walking has double support: duty factor > 50 %


@dataclass(frozen=True)
class Settings:
    video: VideoSettings = field(default_factory=VideoSettings)
    pose: PoseSettings = field(default_factory=PoseSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    events: EventSettings = field(default_factory=EventSettings)


DEFAULT = Settings()
