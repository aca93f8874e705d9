"""Draw the synthetic runner: shaded limb shapes in distinct colours, as a camera sees them.

A figure made of capsules (limbs), a rounded torso and an oval head in distinct colours is
found by mediapipe's pose model (checked in the tests). The side away from the camera is
drawn first and darker, as in real footage.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SKIN = (224, 172, 140)
SHIRT = (40, 90, 200)
SHORTS = (35, 35, 40)
SHOE = (230, 60, 40)
HAIR = (60, 40, 30)
BACKGROUND = (205, 210, 215)
GROUND = (125, 130, 125)
FAR_SHADE = 0.72


@dataclass(frozen=True)
class Camera:
    view: str  # "side-left", "side-right" or "rear"
    width: int = 720
    height: int = 1280
    px_per_m: float = 560.0
    tilt_deg: float = 0.0  # roll of the camera (image rotated counter-clockwise by this)
    ground_row: float = 0.86  # where the ground line crosses the image, as a share of its height
    textured: bool = False  # a wall of posters and a speckled ground behind the runner (for camera motion)
    #: None: an orthographic camera (every depth at ``px_per_m``). A number: a pinhole camera this
    #: far from the runner's path (treadmill centre), its lens ``lens_height_m`` above the floor and
    #: aimed level; ``px_per_m`` then holds at the runner's depth and the ground still crosses
    #: ``ground_row`` there.
    distance_m: float | None = None
    lens_height_m: float = 1.0

    def __post_init__(self) -> None:
        if self.width % 2 or self.height % 2 or self.width < 16 or self.height < 16:
            raise ValueError(f"frame size {self.width}x{self.height}: H.264 (4:2:0) needs even sizes of 16 px or more")
        if self.distance_m is not None and self.distance_m <= 0.5:
            raise ValueError(f"camera distance {self.distance_m} m: a pinhole camera needs more than 0.5 m")

    def _across_and_away(self, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Metres to the image's right, and metres further from the camera than the runner's path."""
        if self.view == "side-left":  # camera on the runner's left: forward is image-left
            return -p[..., 0], -p[..., 2]
        if self.view == "side-right":
            return p[..., 0], p[..., 2]
        return -p[..., 2], p[..., 0]  # rear: the runner's left is image-left; forward is away

    def project(self, p: np.ndarray) -> np.ndarray:
        """``[..., 3]`` metres (x fwd, y up, z left) -> ``[..., 2]`` pixels (x right, y down)."""
        u, away = self._across_and_away(p)
        cx, cy = self.width / 2, self.height * self.ground_row
        if self.distance_m is None:
            x, y = cx + u * self.px_per_m, cy - p[..., 1] * self.px_per_m
        else:
            scale = self.px_per_m * self.distance_m / (self.distance_m + away)
            lens_row = cy - self.lens_height_m * self.px_per_m
            x, y = cx + u * scale, lens_row - (p[..., 1] - self.lens_height_m) * scale
        a = np.radians(self.tilt_deg)
        dx, dy = x - cx, y - cy
        return np.stack([cx + np.cos(a) * dx + np.sin(a) * dy, cy - np.sin(a) * dx + np.cos(a) * dy], axis=-1)

    def depth(self, p: np.ndarray) -> float:
        """Larger = further from the camera."""
        return float(self._across_and_away(p)[1].mean())

    def floor_edge(self) -> tuple[np.ndarray, np.ndarray]:
        """Where the floor meets the back wall, image-left then image-right (pixels): at infinity
        for the orthographic camera, 5 m behind the runner for a pinhole one."""
        far = 50.0 if self.distance_m is None else 5.0
        if self.view == "rear":
            ends = np.array([[far, 0.0, 50.0], [far, 0.0, -50.0]])
        else:
            side = -1.0 if self.view == "side-left" else 1.0
            ends = np.array([[-50.0, 0.0, side * far], [50.0, 0.0, side * far]])
        a, b = self.project(ends[0]), self.project(ends[1])
        return (a, b) if a[0] <= b[0] else (b, a)


def _shade(colour, factor):
    return tuple(int(min(255, c * factor)) for c in colour)


def _capsule(img, p, q, radius, colour):
    import cv2

    a, b = tuple(int(round(v)) for v in p), tuple(int(round(v)) for v in q)
    r = max(1, int(round(radius)))
    cv2.line(img, a, b, colour, 2 * r, lineType=cv2.LINE_AA)
    cv2.circle(img, a, r, colour, -1, lineType=cv2.LINE_AA)
    cv2.circle(img, b, r, colour, -1, lineType=cv2.LINE_AA)


def _shorts_rear(img, left_hip, right_hip, s: float) -> None:
    """Shorts seen from behind: a band that follows the hip line, with a light waistband,
    so a dropped hip shows as a tilted waist (as it does on a runner)."""
    import cv2

    axis = right_hip - left_hip
    u = axis / max(np.linalg.norm(axis), 1e-6)
    n = np.array([-u[1], u[0]])
    if n[1] < 0:
        n = -n  # downwards in the image
    out_l, out_r = left_hip - u * 0.07 * s, right_hip + u * 0.07 * s
    band = [out_l - n * 0.06 * s, out_r - n * 0.06 * s, out_r + n * 0.12 * s, out_l + n * 0.12 * s]
    cv2.fillConvexPoly(img, np.array(band).astype(np.int32), SHORTS, lineType=cv2.LINE_AA)
    angle = float(np.degrees(np.arctan2(u[1], u[0])))
    for hip, out in ((left_hip, -1.0), (right_hip, 1.0)):  # the buttocks, which drop with their hip
        centre = hip + n * 0.06 * s + u * out * 0.01 * s
        cv2.ellipse(
            img,
            tuple(int(v) for v in centre),
            (int(0.085 * s), int(0.09 * s)),
            angle,
            0,
            360,
            _shade(SHORTS, 1.35),
            -1,
            lineType=cv2.LINE_AA,
        )
    mid = (left_hip + right_hip) / 2
    cv2.line(
        img,
        tuple(int(v) for v in mid),
        tuple(int(v) for v in mid + n * 0.14 * s),
        _shade(SHORTS, 0.5),
        max(1, int(0.008 * s)),
        lineType=cv2.LINE_AA,
    )
    for hip, out in ((left_hip, -1.0), (right_hip, 1.0)):  # the hem of each leg, square to the pelvis
        a, b = hip + n * 0.15 * s + u * out * 0.09 * s, hip + n * 0.15 * s - u * out * 0.07 * s
        cv2.line(
            img,
            tuple(int(v) for v in a),
            tuple(int(v) for v in b),
            _shade(SHORTS, 0.5),
            max(1, int(0.008 * s)),
            lineType=cv2.LINE_AA,
        )
    waist = [out_l - n * 0.075 * s, out_r - n * 0.075 * s, out_r - n * 0.045 * s, out_l - n * 0.045 * s]
    cv2.fillConvexPoly(img, np.array(waist).astype(np.int32), (235, 235, 235), lineType=cv2.LINE_AA)


def _shoe(img, heel, toe, ankle, s: float, shade: float, *, rear: bool) -> None:
    """A shoe seen from the side: a tall heel counter, a toe box tapering to the tip and a
    white sole, so heel and toe can be told apart (a plain capsule is the same both ways)."""
    import cv2

    if rear:
        _shoe_rear(img, heel, toe, s, shade)
        return
    axis = toe - heel
    length = np.linalg.norm(axis)
    if length < 1e-6:
        return
    u = axis / length
    n = np.array([u[1], -u[0]])  # perpendicular, in image coordinates
    if np.dot(ankle - heel, n) < 0:
        n = -n  # point from the sole towards the ankle
    sole = 0.018 * s
    upper = [
        heel,
        heel + n * 0.085 * s,
        ankle + n * 0.01 * s + u * 0.02 * s,
        heel + u * length * 0.7 + n * 0.05 * s,
        toe + n * 0.022 * s,
        toe,
    ]
    cv2.fillPoly(img, [np.array(upper).astype(np.int32)], _shade(SHOE, shade), lineType=cv2.LINE_AA)
    sole_poly = [heel - n * sole, heel, toe, toe - n * sole * 0.6]
    cv2.fillPoly(img, [np.array(sole_poly).astype(np.int32)], _shade((245, 245, 240), shade), lineType=cv2.LINE_AA)


def _shoe_rear(img, heel, toe, s: float, shade: float) -> None:
    """A shoe seen from behind: as wide as a shoe, its heel counter and, once the toes point
    down in swing, the white sole facing the camera."""
    import cv2

    half_width = int(0.05 * s)
    centre = (heel + toe) / 2
    half_len = max(half_width, int(np.linalg.norm(toe - heel) / 2 + 0.02 * s))
    angle = float(np.degrees(np.arctan2(toe[1] - heel[1], toe[0] - heel[0])))
    cv2.ellipse(
        img,
        tuple(int(v) for v in centre),
        (half_len, half_width),
        angle,
        0,
        360,
        _shade(SHOE, shade),
        -1,
        lineType=cv2.LINE_AA,
    )
    if toe[1] - heel[1] > 0.02 * s:  # toes below the heel: the sole faces backwards
        sole = (max(1, half_len - int(0.015 * s)), max(1, half_width - int(0.012 * s)))
        cv2.ellipse(
            img,
            tuple(int(v) for v in centre),
            sole,
            angle,
            0,
            360,
            _shade((245, 245, 240), shade),
            -1,
            lineType=cv2.LINE_AA,
        )


def background(cam: Camera) -> np.ndarray:
    import cv2

    img = np.empty((cam.height, cam.width, 3), dtype=np.uint8)
    img[:] = BACKGROUND
    left, right = cam.floor_edge()
    poly = np.array([left, right, [cam.width * 3, cam.height * 3], [-cam.width * 2, cam.height * 3]])
    cv2.fillPoly(img, [poly.astype(np.int32)], GROUND, lineType=cv2.LINE_AA)
    if cam.textured:
        _texture(img, int(min(left[1], right[1])))
    return img


def _texture(img: np.ndarray, ground_y: int) -> None:
    """Muted rectangles on the wall and speckles on the ground: corners a camera tracker can follow
    (fixed seed: the same backdrop every render)."""
    import cv2

    rng = np.random.default_rng(7)
    h, w = img.shape[:2]
    for _ in range(w * max(ground_y, 1) // 6000):
        x, y = int(rng.integers(0, w)), int(rng.integers(0, max(ground_y - 10, 1)))
        bw, bh = int(rng.integers(12, 60)), int(rng.integers(12, 60))
        colour = tuple(int(v) for v in np.clip(int(rng.integers(150, 235)) + rng.integers(-12, 13, 3), 0, 255))
        cv2.rectangle(img, (x, y), (x + bw, min(y + bh, ground_y - 2)), colour, -1)
    for _ in range(w * max(h - ground_y, 1) // 400):
        x, y = int(rng.integers(0, w)), int(rng.integers(ground_y + 3, h))
        cv2.circle(img, (x, y), int(rng.integers(2, 5)), tuple(int(v) for v in rng.integers(90, 160, 3)), -1)


#: Fluorescent green tape: contrasts with the shirt, the shorts and skin.
TAPE = (70, 235, 60)


def _tape(img, points, i: int, cam: Camera, s: float) -> None:
    """Two squares of tape over the PSIS, 3.5 cm a side, turned with the pelvis; with ``psis_facing``
    (a body tipped forward: how much the tape faces the phone, 0-1) foreshortened up and down."""
    import cv2

    left, right = cam.project(points["left_psis"][i]), cam.project(points["right_psis"][i])
    u = (right - left) / max(float(np.linalg.norm(right - left)), 1e-6)
    n = np.array([-u[1], u[0]])
    half = 0.0175 * s
    tall = float(points["psis_facing"][i, 0]) if "psis_facing" in points else 1.0
    for c in (left, right):
        corners = [c + (a * u + b * tall * n) * half for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
        cv2.fillConvexPoly(img, np.array(corners).astype(np.int32), TAPE, lineType=cv2.LINE_AA)


def _knee_back(img, hip, knee, ankle, s: float, shade: float) -> None:
    """The back of a bare knee: the calf's bulge just below it and the crease across it, square to
    the leg (what a pose model finds a knee by, seen from behind)."""
    import cv2

    down = ankle - knee
    down = down / max(float(np.linalg.norm(down)), 1e-6)
    up = hip - knee
    up = up / max(float(np.linalg.norm(up)), 1e-6)
    across = np.array([-(up - down)[1], (up - down)[0]])
    across = across / max(float(np.linalg.norm(across)), 1e-6)
    calf = knee + down * 0.09 * s
    angle = float(np.degrees(np.arctan2(down[1], down[0])))
    cv2.ellipse(img, tuple(int(v) for v in calf), (int(0.085 * s), int(0.058 * s)), angle, 0, 360,
                _shade(SKIN, shade * 0.97), -1, lineType=cv2.LINE_AA)  # fmt: skip
    a, b = knee - across * 0.04 * s, knee + across * 0.04 * s
    cv2.line(img, tuple(int(v) for v in a), tuple(int(v) for v in b), _shade(SKIN, shade * 0.7),
             max(1, int(0.006 * s)), lineType=cv2.LINE_AA)  # fmt: skip


#: Where short shorts end down the thigh (share of hip to knee): the self-tests' costume, which
#: shows the thighs (the running renders wear knee-length tights: every thigh is the shorts' colour).
SHORT_HEM_SHARE = 0.4


def draw_frame(
    points: dict[str, np.ndarray],
    i: int,
    cam: Camera,
    base: np.ndarray,
    height_m: float,
    *,
    markers: bool = False,
    bare_thighs: bool = False,
) -> np.ndarray:
    """One RGB frame from the 3-D points at frame ``i``; ``markers``: tape on the PSIS (rear view) or
    across the spine (side view, a body with a lumbar arc: synth/posture.py); ``bare_thighs``: short
    shorts (:data:`SHORT_HEM_SHARE`) instead of tights to the knee."""

    img = base.copy()
    s = cam.px_per_m * height_m / 1.78
    parts = []  # (depth, draw function)
    for side in ("left", "right"):

        def limb(side=side):
            pr = {
                k: cam.project(points[f"{side}_{k}"][i])
                for k in ("hip", "knee", "ankle", "heel", "foot_index", "shoulder", "elbow", "wrist")
            }
            return pr

        # the self-tests' body (shorts) is ordered by the whole leg: a leg lifted forward is behind the other
        depth = cam.depth(points[f"{side}_knee"][i] if bare_thighs else points[f"{side}_hip"][i])
        parts.append((depth, side, limb))
    far_first = sorted(parts, key=lambda d: -d[0])
    torso = {
        k: cam.project(points[k][i])
        for k in ("left_hip", "right_hip", "left_shoulder", "right_shoulder", "head_centre")
    }

    def draw_limb(side, pr, far):
        f = FAR_SHADE if far else 1.0
        if bare_thighs:
            hem = pr["hip"] + SHORT_HEM_SHARE * (pr["knee"] - pr["hip"])
            _capsule(img, hem, pr["knee"], 0.062 * s, _shade(SKIN, f))
            _capsule(img, pr["hip"], hem, 0.078 * s, _shade(SHORTS, f + 0.2))
            _knee_back(img, pr["hip"], pr["knee"], pr["ankle"], s, f)
        else:
            _capsule(img, pr["hip"], pr["knee"], 0.075 * s, _shade(SHORTS, f + 0.2))
        _capsule(img, pr["knee"], pr["ankle"], 0.052 * s, _shade(SKIN, f))
        _shoe(img, pr["heel"], pr["foot_index"], pr["ankle"], s, f, rear=cam.view == "rear")
        _capsule(img, pr["shoulder"], pr["elbow"], 0.045 * s, _shade(SHIRT, f))
        _capsule(img, pr["elbow"], pr["wrist"], 0.035 * s, _shade(SKIN, f))

    draw_limb(far_first[0][1], far_first[0][2](), far=cam.view != "rear")
    if markers and "tape_other_knee" in points:  # on the far leg's inner side: the near leg may hide it
        _squares(img, points, ("tape_other_knee",), i, cam, s)
    # in shorts from behind both legs come out from under them (tights: the nearer one is drawn last)
    under_shorts = bare_thighs and cam.view == "rear"
    if under_shorts:
        draw_limb(far_first[1][1], far_first[1][2](), far=False)
    _torso_and_head(img, points, i, cam, s, torso, far_first[1][1])
    if not under_shorts:
        draw_limb(far_first[1][1], far_first[1][2](), far=False)
    if markers:
        _markers(img, points, i, cam, s)
    return img


def _torso_and_head(img, points, i: int, cam: Camera, s: float, torso: dict[str, np.ndarray], near: str) -> None:
    """The torso and the head, the further first: a body tipped forward away from a phone behind has its
    head further than its back."""
    head_behind = cam.view == "rear" and cam.depth(points["head_centre"][i]) > cam.depth(points["left_hip"][i]) + 0.2
    if head_behind:
        _head(img, points, i, cam, s, torso, (torso["left_shoulder"] + torso["right_shoulder"]) / 2, near)
    sh_mid = _torso(img, points, i, cam, s, torso)
    if not head_behind:
        _head(img, points, i, cam, s, torso, sh_mid, near)


def _head(
    img, points, i: int, cam: Camera, s: float, torso: dict[str, np.ndarray], sh_mid: np.ndarray, near: str
) -> None:
    """The neck and the head (from the side, the face)."""
    import cv2

    _capsule(img, sh_mid, torso["head_centre"], 0.04 * s, SKIN)  # neck
    head = torso["head_centre"]
    cv2.ellipse(
        img,
        tuple(int(v) for v in head),
        (int(0.085 * s), int(0.105 * s)),
        0,
        0,
        360,
        HAIR if cam.view == "rear" else SKIN,
        -1,
        lineType=cv2.LINE_AA,
    )
    if cam.view != "rear":
        _face(img, points, i, cam, s, near=near)


def _markers(img, points, i: int, cam: Camera, s: float) -> None:
    """The tape a test asks for, drawn last (on the skin facing the phone)."""
    if cam.view == "rear":  # on the skin of the lower back: the thighs never cover them
        _tape(img, points, i, cam, s)
        return
    if "spine_sacrum" in points:
        _spine_tape(img, points, i, cam, s)
    if "tape_hip" in points:
        _leg_tape(img, points, i, cam, s)


def _leg_tape(img, points, i: int, cam: Camera, s: float) -> None:
    """Squares of tape, 3.5 cm a side, on the outer side of a leg (over the hip, the knee and the ankle)."""
    _squares(img, points, ("tape_hip", "tape_knee", "tape_ankle"), i, cam, s)


def _squares(img, points, names: tuple[str, ...], i: int, cam: Camera, s: float) -> None:
    """Squares of tape, 3.5 cm a side, facing the phone, at the named points."""
    import cv2

    half = 0.0175 * s
    for name in names:
        c = cam.project(points[name][i])
        corners = [c + np.array([a, b]) * half for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
        cv2.fillConvexPoly(img, np.round(np.array(corners) * 16).astype(np.int32), TAPE, lineType=cv2.LINE_AA, shift=4)


def _torso(img, points, i: int, cam: Camera, s: float, torso: dict[str, np.ndarray]) -> np.ndarray:
    """The shirt (and from behind the shorts); returns the shoulders' midpoint (pixels)."""
    import cv2

    hip_mid = (torso["left_hip"] + torso["right_hip"]) / 2
    sh_mid = (torso["left_shoulder"] + torso["right_shoulder"]) / 2
    if cam.view == "rear":
        quad = np.array([torso["left_shoulder"], torso["right_shoulder"], torso["right_hip"], torso["left_hip"]])
        cv2.fillConvexPoly(img, quad.astype(np.int32), SHIRT, lineType=cv2.LINE_AA)
        _capsule(img, torso["left_shoulder"], torso["right_shoulder"], 0.06 * s, SHIRT)
        _shorts_rear(img, torso["left_hip"], torso["right_hip"], s)
    elif "spine_arc_0" in points:  # a bent lower back: the torso follows the spine's arc
        _bent_torso(img, points, i, cam, s, sh_mid)
    else:
        _capsule(img, hip_mid, sh_mid, 0.1 * s, SHIRT)
    return sh_mid


def _bent_torso(img, points, i: int, cam: Camera, s: float, sh_mid) -> None:
    from backstride.synth.posture import ARC_POINTS

    arc = [cam.project(points[f"spine_arc_{k}"][i]) for k in range(ARC_POINTS)]
    for a, b in zip(arc, [*arc[1:], sh_mid]):
        _capsule(img, a, b, 0.1 * s, SHIRT)


#: Each strip of tape across the back, seen from the side: its width along the spine and how far it
#: reaches round the back's curve towards the phone (metres, for a body of 1.78 m).
SPINE_TAPE_WIDTH_M = 0.035
SPINE_TAPE_REACH_M = 0.045


def _spine_tape(img, points, i: int, cam: Camera, s: float) -> None:
    """Three strips across the spine (sacrum, L3, T12), their ends seen on the back's outline from
    the side: a band square to the spine, from the outline inwards."""
    import cv2

    from backstride.synth.posture import SPINE_TAPES

    for name, _ in SPINE_TAPES:
        surface, axis = cam.project(points[name][i]), cam.project(points[f"{name}_axis"][i])
        inward = (axis - surface) / max(float(np.linalg.norm(axis - surface)), 1e-6)
        along = np.array([-inward[1], inward[0]])
        half_w, reach = SPINE_TAPE_WIDTH_M / 2 * s, SPINE_TAPE_REACH_M * s
        corners = [surface + along * half_w, surface - along * half_w,
                   surface - along * half_w + inward * reach, surface + along * half_w + inward * reach]  # fmt: skip
        # to 1/16 px: a camera does not round a strip's edges to whole pixels, and the bend needs sub-pixel places
        cv2.fillConvexPoly(img, np.round(np.array(corners) * 16).astype(np.int32), TAPE, lineType=cv2.LINE_AA, shift=4)


def _face(img, points, i, cam: Camera, s: float, near: str) -> None:
    """Hair at the back of the head, the near ear, the near eye and the nose, so the figure
    has a front and a side as a person does."""
    import cv2

    head = cam.project(points["head_centre"][i])
    nose = cam.project(points["nose"][i])
    back = head + (head - nose) * 0.55
    cv2.ellipse(
        img,
        tuple(int(v) for v in (head + back) / 2),
        (int(0.07 * s), int(0.09 * s)),
        0,
        0,
        360,
        HAIR,
        -1,
        lineType=cv2.LINE_AA,
    )
    cv2.circle(img, tuple(int(v) for v in nose), int(0.022 * s), _shade(SKIN, 0.95), -1, lineType=cv2.LINE_AA)
    ear = cam.project(points[f"{near}_ear"][i])
    cv2.circle(img, tuple(int(v) for v in ear), int(0.02 * s), _shade(SKIN, 0.8), -1, lineType=cv2.LINE_AA)
    eye = cam.project(points[f"{near}_eye"][i])
    cv2.circle(img, tuple(int(v) for v in eye), max(2, int(0.01 * s)), (30, 30, 30), -1, lineType=cv2.LINE_AA)
