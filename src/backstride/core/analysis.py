"""A clip's analysis as the stages leave it: what the report, the annotated video and the result
files are rendered from, and the time scale (slow motion) every stage reads times through.

The stage types in ``ClipAnalysis``'s fields are named for the type checker only: at run time this
module imports no stage, so the renderers depend on the core, not on the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from backstride.core.kinds import Role, SlowmoSource
from backstride.core.trajectory import Trajectory

if TYPE_CHECKING:
    from backstride.clean import CleanReport
    from backstride.events.gait import GaitResult
    from backstride.metrics.compute import MetricResult
    from backstride.metrics.crossover import Crossover
    from backstride.person.tracks import Track
    from backstride.person.view import ViewEvidence
    from backstride.quality import Quality
    from backstride.quality.setting import Setting
    from backstride.video import Probe
    from backstride.video.markers import Markers


@dataclass(frozen=True)
class TimeScale:
    """Real time = file time / ``factor``."""

    factor: float
    source: SlowmoSource
    capture_fps: float | None = None

    def describe(self) -> str:
        if self.source == "flag":
            return f"{self.factor:g}x slow motion (--slowmo)"
        if self.source == "metadata":
            return f"{self.factor:g}x slow motion (captured at {self.capture_fps:g} fps, from the file's metadata)"
        return "real time (no slow motion stated)"

    def to_json(self) -> dict:
        return {"factor": round(self.factor, 4), "source": self.source, "capture_fps": self.capture_fps}


NO_SLOWMO = TimeScale(1.0, "none")


@dataclass(frozen=True)
class ClipAnalysis:
    role: Role
    probe: Probe
    view: ViewEvidence
    trajectory: Trajectory
    clean_report: CleanReport
    gait: GaitResult
    metrics: dict[str, MetricResult]
    camera_tilt_deg: float | None  # None: the roll could not be measured and the camera was taken as level
    tracks: tuple[Track, ...]
    warnings: tuple[str, ...]
    from_cache: bool
    pose_source: str = "blazepose"  # the backend, or the keypoint file's source (analyze --keypoints)
    quality: Quality | None = None
    time_scale: TimeScale = NO_SLOWMO
    # The pose model's keypoints in the image (before the camera's pan and roll are removed), in
    # real time: what the report and the annotated video draw on the frames.
    image_trajectory: Trajectory | None = None
    # Tape over the PSIS found in a rear clip: pelvic drop is measured from it (None: hip keypoints).
    markers: Markers | None = None
    # Rear clips: step width per contact without the pose model's foot labels (None: not readable).
    crossover: Crossover | None = None
    # How the clip was filmed, read from it (treadmill or overground, the camera's distance): the
    # advice fits it (None: not read, e.g. a trajectory analysed without its frames).
    setting: Setting | None = None
