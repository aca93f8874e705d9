"""Glitches are not people: a body that jumps for a frame or two and comes back is repaired;
only a sustained change of position and size is another person."""

import numpy as np

from backstride.core.trajectory import KEYPOINTS, Trajectory
from backstride.person.tracks import longest_track
from backstride.settings import CleanSettings

LIMITS = CleanSettings()  # the defaults: 0.6 torso lengths, size ratio 1.5, glitches up to 0.1 s


def runner(n=120, fps=60.0, speed_px_s=200.0) -> Trajectory:
    """A body moving smoothly across the image: every keypoint at the torso, torso 100 px long."""
    t = np.arange(n) / fps
    xy = np.zeros((n, len(KEYPOINTS), 2))
    xy[..., 0] = 300 + speed_px_s * t[:, None]
    xy[..., 1] = 400.0
    for name in ("left_shoulder", "right_shoulder"):
        xy[:, KEYPOINTS.index(name), 1] = 350.0
    for name in ("left_hip", "right_hip"):
        xy[:, KEYPOINTS.index(name), 1] = 450.0
    return Trajectory(xy_px=xy, visibility=np.ones((n, len(KEYPOINTS))), time_s=t, fps_nominal=fps)


def with_dropout(traj: Trajectory, frames, keypoint="left_shoulder", to=(0.0, 0.0)) -> Trajectory:
    xy = traj.xy_px.copy()
    xy[frames, KEYPOINTS.index(keypoint)] = to
    return traj.with_(xy_px=xy)


def test_single_and_double_frame_dropouts_are_repaired_not_new_people():
    traj = with_dropout(with_dropout(runner(), [30]), [80, 81], keypoint="right_hip")
    kept, tracks, n_glitch = longest_track(traj, LIMITS)
    assert len(tracks) == 1 and kept.n_frames == traj.n_frames  # the whole clip is kept
    assert n_glitch == 3
    assert np.isnan(kept.xy_px[[30, 80, 81]]).all()  # blanked for the gap filler
    assert np.isfinite(kept.xy_px[[29, 31, 79, 82]]).all()


def test_a_sustained_switch_is_another_person():
    traj = runner()
    xy = traj.xy_px.copy()
    xy[70:] += np.array([500.0, 0.0])  # someone else from frame 70 on
    kept, tracks, n_glitch = longest_track(traj.with_(xy_px=xy), LIMITS)
    assert len(tracks) == 2 and n_glitch == 0
    assert kept.n_frames == 70


def test_a_jump_longer_than_the_glitch_window_is_not_repaired():
    traj = runner(fps=60.0)
    xy = traj.xy_px.copy()
    xy[40:52] += np.array([500.0, 0.0])  # 12 frames = 0.2 s away: more than a glitch (0.1 s)
    _, tracks, n_glitch = longest_track(traj.with_(xy_px=xy), LIMITS)
    assert len(tracks) == 3 and n_glitch == 0


def test_marker_dropout_in_the_force_plate_trial_keeps_the_whole_trial(shared_data):
    """Fukuchi 3.5 m/s fed straight in: two one-sample marker dropouts at the origin (frames 720
    and 3246 at 120 fps) used to split the trial into 5 tracks and keep 70 % of it."""
    from benchmarks.validation import camera, fukuchi

    folder = shared_data / "mocap" / "fukuchi_rbds001"
    traj = camera.project_side(fukuchi.load_markers(folder, fukuchi.TRIALS["3.5 m/s"]), fps=120, noise_leg=0.01)
    kept, tracks, n_glitch = longest_track(traj, LIMITS)
    assert len(tracks) == 1 and kept.n_frames == traj.n_frames and n_glitch == 2
