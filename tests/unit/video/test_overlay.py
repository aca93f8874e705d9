"""Lines drawn over the video, told from lines in the scene (backstride.video.overlay).

Truth is the construction: a textured still background, a limb (a bright bar 16 x 140 px, its
bone from (x, 40) to (x, 160)) sweeping across it, and a 2 px black line at row 100 from x 20
to 180. Drawn over the frames, the line stays still where the limb passes: it is found, as long
as the limb's sweep (the bone centre's travel 40-160 px plus the bone's width, about 1.3 torso
lengths of 100 px). Drawn into the scene, the limb covers it: nothing is found.
"""

import numpy as np
import pytest

from backstride.core.trajectory import KEYPOINTS
from backstride.video.overlay import OverlayMap

N_FRAMES, SIZE, TORSO_PX = 90, 200, 100.0
HIP, KNEE = KEYPOINTS.index("left_hip"), KEYPOINTS.index("left_knee")


def frames(line: str):
    rng = np.random.default_rng(0)
    background = rng.integers(60, 200, (SIZE, SIZE)).astype(np.uint8)
    for i in range(N_FRAMES):
        x = 100 + 60 * np.sin(2 * np.pi * i / 30)
        img = background.copy()
        if line == "scene":
            img[99:101, 20:180] = 0
        img[30:170, int(x) - 8 : int(x) + 8] = 230  # the limb reaches past its joints
        if line == "drawn":
            img[99:101, 20:180] = 0
        pose = np.full((len(KEYPOINTS), 2), np.nan)
        pose[HIP], pose[KNEE] = (x, 40), (x, 160)
        yield img, pose


def found(line: str) -> np.ndarray:
    overlay = OverlayMap(TORSO_PX)
    for img, pose in frames(line):
        overlay.add(img, pose, 1.0)
    return overlay.lines(1.0)


def test_a_line_drawn_over_the_runner_is_found_where_the_limb_crosses_it():
    lines = found("drawn")
    assert len(lines) == 1
    x1, y1, x2, y2, length_torso = lines[0]
    assert y1 == pytest.approx(99.5, abs=1) and y2 == pytest.approx(99.5, abs=1)  # along the drawn row
    assert length_torso == pytest.approx(1.3, abs=0.15)  # the limb's sweep, not the whole line
    assert min(x1, x2) >= 20 and max(x1, x2) <= 180


@pytest.mark.parametrize("line", ["scene", "none"])
def test_a_line_in_the_scene_or_none_is_not_an_overlay(line):
    assert len(found(line)) == 0


def plain_scene(drawn: bool, runner_leaves: bool) -> np.ndarray:
    """A plain scene (grey 128, as a rendered ground), the limb sweeping with a 2 px gap at rows
    99-100 (the ground seen between the legs, never covered by the limb, which its bone crosses),
    and the runner's box over the whole picture; ``runner_leaves``: the last 10 frames the runner
    is gone (moved away: the box elsewhere), so the scene beside the gap is seen; ``drawn``: a
    black 2 px line drawn there instead, over every frame."""
    overlay = OverlayMap(TORSO_PX)
    whole, corner = np.array([0.0, 0.0, SIZE, SIZE]), np.array([0.0, 0.0, 10.0, 10.0])
    for i in range(N_FRAMES):
        img = np.full((SIZE, SIZE), 128, np.uint8)
        pose = np.full((len(KEYPOINTS), 2), np.nan)
        gone = runner_leaves and i >= N_FRAMES - 10
        if not gone:
            x = 100 + 60 * np.sin(2 * np.pi * i / 30)
            img[30:170, int(x) - 8 : int(x) + 8] = 230
            img[99:101, int(x) - 8 : int(x) + 8] = 128  # the gap between the legs
            pose[HIP], pose[KNEE] = (x, 40), (x, 160)
        if drawn:
            img[99:101, 20:180] = 0
        overlay.add(img, pose, 1.0, corner if gone else whole)
    return overlay.lines(1.0)


def test_plain_ground_between_the_legs_is_the_scene_once_the_runner_has_left_it():
    """The rendered runner moving away (6-18 m over plain ground) read a 0.72 torso-length 'line'
    here before the scene beside a still run was compared with it."""
    assert len(plain_scene(drawn=False, runner_leaves=True)) == 0


def test_a_line_drawn_over_plain_ground_stands_out_from_the_scene_beside_it():
    lines = plain_scene(drawn=True, runner_leaves=True)
    assert len(lines) == 1 and lines[0, 4] == pytest.approx(1.3, abs=0.15)


def test_where_the_runner_never_leaves_the_scene_is_unknown_and_a_still_run_counts():
    """The rule's limit, said in video/overlay.py: a treadmill runner covers the same pixels all
    clip long, so plain ground between the legs there cannot be told from a line in its grey."""
    assert len(plain_scene(drawn=False, runner_leaves=False)) == 1


def skeleton_frame(hues: int) -> np.ndarray:
    """A textured grey scene (a runner's box of 200 x 200 px) with ``hues`` limbs drawn 3 px wide
    in pure colours, as OpenPose draws its skeleton (one hue per limb)."""
    import cv2

    rng = np.random.default_rng(1)
    img = np.repeat(rng.integers(60, 200, (SIZE, SIZE, 1)).astype(np.uint8), 3, axis=2)
    for k in range(hues):
        hsv = np.uint8([[[k * 30 + 10, 255, 255]]])  # OpenCV hue: 0-180, one per 30-degree bin
        colour = tuple(int(c) for c in cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)[0, 0])
        cv2.line(img, (20 + 30 * k, 20), (30 + 30 * k, 180), colour, 3)
    return img


@pytest.mark.parametrize("hues", [0, 2, 6])
def test_a_skeleton_drawn_in_pure_hues_is_counted_hue_by_hue(hues):
    from backstride.video.overlay import drawn_hues

    assert drawn_hues(skeleton_frame(hues), np.array([0.0, 0.0, SIZE, SIZE])) == hues


def test_a_skeleton_outside_the_runners_box_or_no_box_counts_nothing():
    from backstride.video.overlay import drawn_hues

    assert drawn_hues(skeleton_frame(6), np.array([0.0, 185.0, 200.0, 200.0])) == 0  # below the limbs' ends
    assert drawn_hues(skeleton_frame(6), np.full(4, np.nan)) == 0


def test_the_drawing_check_refuses_a_clip_drawn_over_in_more_than_its_share_of_frames():
    from backstride.quality.camera import drawing_check
    from backstride.settings import DEFAULT
    from backstride.video.scene import Scene

    def scene(hues: list[int]) -> Scene:
        n = len(hues)
        return Scene(np.arange(n) / 30, np.zeros((n, 2)), np.zeros(n, bool), np.ones(n), np.zeros((0, 5)),
                     np.zeros(n), drawn_hues=np.array(hues))  # fmt: skip

    limits = DEFAULT.quality  # refused above 30 % of frames with 4 or more hues
    assert drawing_check(scene([6] * 4 + [0] * 6), limits).status == "fail"
    assert drawing_check(scene([6] * 3 + [3] * 7), limits).status == "ok"


def test_a_ground_line_under_the_stance_foot_is_not_drawn_over_the_runner():
    """A still ground line (a track's lane, a treadmill's edge, the rendered floor) at rows 149-150,
    and a shoe standing on it in half the frames (stance), its heel-to-toe bone along the sole, then
    lifted: the line lies under the foot, not in front of the runner. Through the heavy model the
    rendered floor under the feet read 0.61 torso lengths (limit 0.6) and the clip was refused; with
    the foot's own bones left out, 0.08. Here, with them, the ground line read 1.0 torso lengths."""
    heel, toe = KEYPOINTS.index("left_heel"), KEYPOINTS.index("left_foot_index")
    ankle, knee = KEYPOINTS.index("left_ankle"), KEYPOINTS.index("left_knee")
    rng = np.random.default_rng(2)
    background = rng.integers(60, 200, (SIZE, SIZE)).astype(np.uint8)
    background[149:151, 10:190] = 20  # the ground line, part of the scene
    overlay = OverlayMap(TORSO_PX)
    for i in range(N_FRAMES):
        x = 40 + (i % 30) * 4  # the foot moves along; on the ground in the first half of each cycle
        y = 148 if (i % 30) < 15 else 120
        img = background.copy()
        img[y - 8 : y + 1, x - 10 : x + 30] = 230  # the shoe, its sole just above the line
        pose = np.full((len(KEYPOINTS), 2), np.nan)
        pose[knee], pose[ankle], pose[heel], pose[toe] = (x, y - 70), (x, y - 10), (x - 8, y), (x + 28, y)
        overlay.add(img, pose, 1.0)
    along_ground = [ln for ln in overlay.lines(1.0) if abs(ln[1] - 150) < 3 and abs(ln[3] - 150) < 3]
    assert along_ground == []
