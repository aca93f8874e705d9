"""Every default of the analysis, defined once.

Library callers pass a modified copy (``dataclasses.replace``); the CLI maps its flags onto
these fields. Comments carry the domain guidance behind each number.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(frozen=True)
class VideoSettings:
    max_duration_s: float = 600.0  # 10 min; a gait clip needs ~10 s, longer files are refused
    max_file_bytes: int = 4_000_000_000  # 4 GB (sizes are said in decimal units: core/sizes.py)
    keypoint_span_frames: int = 3  # supplied keypoints must span the clip to within this many frames
    min_frames: int = 2
    # Slow motion: capture fps / playback fps. None: read it from the file's metadata, else 1.
    slowmo_factor: float | None = None


@dataclass(frozen=True)
class PoseSettings:
    # "blazepose": BlazePose's networks run by LiteRT; "mediapipe": the same networks inside the
    # mediapipe 0.10.21 package, for comparison (pose/backend.py lists them; docs/pose.md)
    backend: str = "blazepose"
    model_complexity: int = 1  # mediapipe: only 1 ships in its wheel; blazepose: 0 lite, 1 full, 2 heavy
    min_detection_confidence: float = 0.5
    min_tracking_confidence: float = 0.5
    # Keypoints (and the frame scan) cached by the clip's content hash in this folder; None: not
    # cached. The library writes nothing unasked; the CLI caches (see :func:`from_environment`).
    cache_dir: Path | None = None
    min_person_fraction: float = 0.5  # share of frames with a person, else "no person found"
    # Rear clips: look for two pieces of tape over the PSIS (video/markers.py; one more pass over
    # the frames) and measure pelvic drop from them when found.
    find_pelvis_markers: bool = True
    # Rear clips: read the stance foot's position from the pixels at ground level (video/ground.py;
    # one more pass over the frames), for step width without the model's foot labels.
    read_ground_contact: bool = True


@dataclass(frozen=True)
class CleanSettings:
    min_visibility: float = 0.3  # BlazePose's visibility (either backend) below this counts as missing
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
    # One person (person.py). A torso jump this large between frames (torso lengths, growing with
    # the square root of the frames between) or a size change beyond the ratio is another body;
    # set on the shared multi-person clip and the Fukuchi marker dropouts (tests/unit/person/test_person.py).
    max_jump_body_heights: float = 0.6
    max_person_size_ratio: float = 1.5  # a runner moving across a side view changes size by < 1.3
    # A jump away that comes back within this is a glitch (a marker or keypoint dropout), repaired;
    # a person change lasts. 0.1 s: 3 frames at 30 fps, shorter than any step.
    glitch_max_s: float = 0.1


@dataclass(frozen=True)
class EventSettings:
    # Side view (events/side.py): levels of the foot's forward velocity relative to the pelvis,
    # 0 = stance plateau, 1 = swing peak. Set on Fukuchi 2017 force plates, checked on FootNet.
    strike_level: float = 0.15
    toe_off_level: float = 0.15
    edge_fit_levels: tuple[float, float] = (0.1, 0.6)
    anchor_prominence_leg: float = 0.2  # the foot swings ~1 leg length fore and aft per stride
    fallback_stride_s: float = 0.7  # when the clip shows no clear stride period
    # Stride periods searched by autocorrelation: sprinting ~0.5 s, slow walking ~1.4 s.
    stride_range_s: tuple[float, float] = (0.45, 1.6)
    # The pelvis's forward position is smoothed by a moving median this long (s) before the foot
    # is read relative to it, so a glitch of the hip keypoints cannot pose as foot motion.
    pelvis_median_s: float = 0.25
    # A swing has begun once the velocity level passes this (half way to the swing peak); a
    # strike whose foot never gets there before the clip ends has no toe-off.
    swing_level: float = 0.5
    # Steps are anchored on one extreme of the foot per stride: extremes closer than this share
    # of a stride are one (a stride's two extremes are half a stride apart; 0.6 keeps one).
    anchor_gap_strides: float = 0.6
    # Rear view: the foot's local ground is the lowest it gets within this many strides.
    ground_window_strides: float = 1.2
    # Rear view (events/rear.py): contact begins and ends where the foot's height is this
    # share of the way from the ground to the swing peak. Set on Fukuchi 2017 force plates.
    rear_contact_share: float = 0.1
    rear_prominence_leg: float = 0.03  # smallest swing that counts as a stride
    min_cycles_per_foot: int = 2
    running_max_duty_factor: float = 0.5  # walking has double support: duty factor > 50 %


#: A strike and toe-off further apart than this are not one contact (a missed toe-off): running
#: contacts last 0.15-0.35 s, walking ones up to ~0.8 s at a slow pace.
MAX_CONTACT_S = 1.2

#: A same-foot strike interval outside this share of the median is a missed step (about 1.5-2x)
#: or an extra one (about 0.5x), not a stride; it is left out of cadence (metrics/spatiotemporal.py).
#: Runners at a steady pace vary their stride time by 2-4 % (Meardon 2011).
STRIDE_BAND: tuple[float, float] = (0.75, 1.33)

#: The smallest left/right difference (and the "borderline" margin of a normal range) the
#: measurement resolves, by unit. Angles: 2-D video angle error within a day, prediction
#: intervals 3-8 deg (Damsted 2015); % leg length and cm: the keypoint error of 2-3 % of a leg;
#: % hip width: a foot keypoint's 2-3 cm against a ~20 cm hip width seen from behind.
MEASUREMENT_ERROR_BY_UNIT: dict[str, float] = {"deg": 5.0, "% leg length": 5.0, "cm": 4.0, "% hip width": 15.0}
MEASUREMENT_ERROR_SOURCE: dict[str, str] = {
    "deg": "2-D video angles, Damsted 2015: prediction intervals 3-8 deg",
    "% leg length": "a keypoint's error of 2-3 % of a leg",
    "cm": "a keypoint's error of 2-3 % of a leg",
    "% hip width": "a foot keypoint's 2-3 cm against a ~20 cm pelvis",
}

#: Leg length (greater trochanter to lateral malleolus) as a share of standing height: turns a
#: runner's height into metres per pixel. Winter, Biomechanics and Motor Control of Human
#: Movement, 4th ed., 2009, Fig. 4.1: 0.530 - 0.039.
LEG_SHARE_OF_HEIGHT = 0.491


@dataclass(frozen=True)
class QualitySettings:
    """Limits of the capture and measurement checks (docs/filming.md, "What makes a clip measurable")."""

    # A failed check refuses the clip. Researchers comparing pose models on a clip that fails
    # may set this False: the numbers then come with the "refused" verdict in their quality.
    refuse: bool = True
    # Scan the frames for camera motion, cuts, blur and the room's straight edges (one more pass
    # over the video, about a fifth of the pose model's time).
    scan_frames: bool = True

    # Running cadence runners show: recreational 150-190 steps/min (Drozda 2024: 166 +/- 10 with
    # LBP, 171 +/- 9 without), ultrarunners 160-210 (Burns 2019), sprinters up to ~5 steps/s
    # (Mero, Komi & Gregor 1992, Sports Med 13:376). Outside: slow motion or a wrong clip.
    running_cadence_spm: tuple[float, float] = (130.0, 300.0)
    slowmo_factors: tuple[int, ...] = (2, 3, 4, 5, 6, 8, 10, 16)  # phones' usual factors; 2-16 are tried
    # A usual running cadence (171 +/- 9 steps/min without LBP, above): the slow-motion factors that
    # pass every check are offered nearest it first.
    usual_cadence_spm: float = 170.0
    # Above this cadence a slowed clip is said to have "a sprint's cadence" (sprinters reach 4-5
    # steps/s, Mero 1992; the real sprint starts in ../shared/data run at 228-271 steps/min): a
    # slow-motion factor too large scales a jog's every time alike, so nothing else gives it away.
    sprint_cadence_spm: float = 230.0
    # Step-time spread (robust CV: IQR / 1.349 / median), beyond one frame's jitter. Runners at a
    # steady pace vary their stride time by 2-4 % (Meardon, Hamill & Derrick 2011, Gait Posture
    # 33:36; Nakayama 2010): 10 % is uneven, 20 % is not steady running or not measured.
    step_spread_warn_pct: float = 10.0
    step_spread_fail_pct: float = 20.0
    alternation_warn: float = 0.9  # share of strikes that change foot
    alternation_fail: float = 0.7
    repaired_warn_share: float = 0.2  # frames with a leg swap, glitch or gap repaired
    repaired_fail_share: float = 0.5
    min_runner_height_px: float = 200.0  # below this, a keypoint error of 2-3 px is a degree or more
    whole_body_warn_share: float = 0.9  # frames with head and both feet seen inside the image
    max_size_change: float = 1.3  # runner's size, largest / smallest over the clip (camera not square)
    max_roll_deg: float = 10.0  # beyond this a rolled camera is refused: level it
    # Camera motion: a background that shifts more than this (leg lengths over the clip) is a pan.
    pan_min_leg: float = 0.1  # static cameras drift < 0.01 leg (0.001 on the shared treadmill clip)
    pan_min_tracked_share: float = 0.8  # frames whose background motion was measured, else refused
    # Steady running: steps whose step time is this far from the steady median are left out at
    # either end (a start, a stop); upright means the hips this high above the feet (leg lengths).
    steady_step_tolerance: float = 0.25
    upright_hip_leg: float = 0.7
    min_blur_laplacian: float = 20.0  # variance of the Laplacian in the runner's box
    # A line drawn over the video that crosses the runner's limbs for this many torso lengths
    # refuses the clip: the pose model follows drawn lines (a 4 px line over the treadmill clip
    # moved contact time by 37 ms and knee angles by 4 deg; drawn lines measured 1.1-3.0). The
    # 22 clips of ../shared/data give <= 0.39 (runs of still pixels on plain clothes).
    max_overlay_torso: float = 0.6
    # The ground line under the feet and the room's verticals must agree within this before a roll
    # is taken from the ground line (the vanishing-point roll reads within 0.05 deg on keystoned
    # edges; the ground line within 0.5 deg on the overground synthetic runner: 3 leaves room for a
    # real ground's bumps). Beyond it the camera is oblique to the path (or the ground slopes):
    # warned, and refused beyond max_oblique_deg, where a side view's angles foreshorten.
    roll_agree_deg: float = 3.0
    max_oblique_deg: float = 10.0
    # A skeleton or marks drawn in many colours over the runner (video/overlay.drawn_hues): the frames
    # with at least this many pure hues in the runner's box, refused above this share. The two clips
    # in ../shared/data with an OpenPose skeleton drawn: 0.67 and 0.80 of frames with 4 or more over
    # the whole frame; the 20 without, and the synthetic runner: none (at most 3 hues).
    drawn_min_hues: int = 4
    max_drawn_share: float = 0.3
    # Rear view: the pelvis's lowest point against the middle of each contact (median, share of a
    # step). Fukuchi RBDS001 through the rear detector: +0.01 to +0.07 (2.5 and 3.5 m/s; 30, 60
    # and 120 fps; three noise seeds); the synthetic runner from a lens 0.25-1.5 m above the belt
    # (2-5 m behind), strikes 60-175 ms late: 0.13-0.66; lens at the belt 0.01-0.02
    # (make bench-rear-camera).
    rear_pelvis_offset_warn: float = 0.1
    rear_pelvis_offset_fail: float = 0.13


@dataclass(frozen=True)
class HoldRule:
    """When a held position starts and ends (bodycheck/hold.py), and how its angle is smoothed."""

    start_within_deg: float = 5.0  # the hold starts within this of the position...
    end_beyond_deg: float = 10.0  # ...and ends this far beyond it (the test's "position lost")
    settle_s: float = 1.0  # in the position this long before it counts as held
    end_for_s: float = 0.5  # beyond it this long: a wobble back within is not the end
    cutoff_hz: float = 2.0  # a hold's changes are slow, the pose model's jitter is not
    max_gap_s: float = 1.0  # frames without the body bridged by interpolation; longer gaps stay missing


@dataclass(frozen=True)
class RepRule:
    """Repetitions of an exercise (bodycheck/reps.py) and the back extension's criteria (form.py)."""

    cutoff_hz: float = 3.0  # the angle low-passed first: a repetition takes seconds
    top_band_deg: float = 30.0  # a repetition's top: the trunk within this of the legs' line...
    bottom_band_deg: float = 38.0  # ...between two bottoms at least this far below it
    rise_share: float = 0.1  # lift and lowering timed from 10 % to 90 % of the repetition's range
    over_max_deg: float = 10.0  # past the legs' line by more than this at the top: arched (overextended)
    short_of_line_deg: float = 15.0  # the top further below the line than this: stopped short
    min_phase_s: float = 0.6  # lift or lowering (10-90 %) quicker than this: rushed, not controlled
    max_knee_bend_deg: float = 20.0  # the raised leg's knee bent more than this: the angle reads low


@dataclass(frozen=True)
class DeadliftRule:
    """The single-leg deadlift from the side (bodycheck/deadlift.py)."""

    cutoff_hz: float = 3.0  # the hinge low-passed first: a repetition takes seconds
    hinged_deg: float = 45.0  # a repetition: the back at least this far from the standing leg's line...
    upright_deg: float = 25.0  # ...between two stands closer to it than this
    rise_share: float = 0.1  # down and up timed from 10 % to 90 % of the range
    window_s: float = 0.2  # a repetition's figures: medians over the frames this close to its deepest
    standing_deg: float = 10.0  # standing tall: the hinge under this (the lower back's neutral curve is read there)
    max_leg_below_deg: float = 15.0  # the free leg further below the back's line than this: not one line
    min_phase_s: float = 0.6  # down or up (10-90 %) quicker than this: rushed
    #: from behind: the pelvis's line (tape over the PSIS) turned more than this from standing upright at
    #: the bottom: not square to the floor. A reading aid (a turn a coach sees), not a sourced cut-off.
    max_pelvis_tilt_deg: float = 10.0


@dataclass(frozen=True)
class TowelRule:
    """The towel hamstring stretch (bodycheck/towel.py)."""

    min_raise_deg: float = 30.0  # the stretched leg this far above the trunk's line: up...
    min_up_s: float = 3.0  # ...for at least this long: a stretch, not a leg lifted and put down
    hold_band_deg: float = 10.0  # the hold: the raise within this of its median while up
    max_knee_bend_deg: float = 20.0  # the straight-leg raise's criterion (RepRule.max_knee_bend_deg)
    max_other_thigh_deg: float = 15.0  # the other thigh this far off the floor: the pelvis tucks (a reading aid)
    min_hold_s: float = 30.0  # the plan's dose: 2 x 30 s each side (advice/plan.py mobility)


@dataclass(frozen=True)
class SquatRule:
    """The single-leg squat from behind (bodycheck/squat.py)."""

    lifted_share: float = 0.05  # one ankle higher than the other by this share of the leg (a rep's median): on one leg
    level_share: float = 0.04  # the ankles this level, standing tall: on both feet (the pelvis's level reference;
    # a phone rolled 6 deg puts two feet on the floor 0.02 leg lengths apart, a lifted foot is 0.1-0.25 up)
    lift_median_s: float = 0.5  # the ankles' heights compared after a running median this long
    cutoff_hz: float = 3.0  # the pelvis's height low-passed first: a squat takes seconds
    top_band_pct: float = 2.5  # standing: the pelvis within this % of the leg's length of its standing height
    bottom_band_pct: float = 6.0  # a squat: the pelvis at least this far down (a 60 deg knee bend: about 13 %)
    rise_share: float = 0.1  # down and up timed from 10 % to 90 % of the range
    bottom_window_s: float = 0.2  # the angles: medians over the frames this close to the deepest one
    min_reference_s: float = 0.5  # on both feet this long: the pelvis's level
    knee_in_max_deg: float = 6.0  # the knee further inside the hip-ankle line: "knee in" (the catalogue's cut-off)
    pelvis_drop_max_deg: float = 5.0  # the free side lower than this: "pelvis drop" (see the catalogue)


@dataclass(frozen=True)
class BodyCheckSettings:
    """The self-tests (bodycheck/): how each is read from the keypoints."""

    hold: HoldRule = field(default_factory=HoldRule)  # Biering-Sorensen: within 5 deg of the legs' line, ends past 10
    shortest_hold_s: float = 2.0  # a hold ended sooner was not the test done as guided
    angle: HoldRule = field(default_factory=lambda: HoldRule(cutoff_hz=4.0, max_gap_s=0.5))  # angle tests' smoothing
    min_side_ratio: float = 3.0  # trunk length over the hips' separation: from the side the hips nearly coincide
    upright_deg: float = 60.0  # a lying test's body (legs or trunk) steeper than this is upright
    roll_warn_deg: float = 5.0  # the reference line (legs on a bench, the resting leg) this far from level
    raise_deg: float = 15.0  # a straight-leg raise: the legs further apart than this...
    min_raise_s: float = 0.5  # ...for at least this long
    raise_merge_s: float = 0.5  # a dip shorter than this within a raise is the pose model's, not the leg's
    peak_hold_s: float = 0.3  # a raise's angle: the highest median over this long (the guide: hold a second)
    max_knee_bend_deg: float = 20.0  # the raised leg's knee bent more than this: the angle reads low
    rep: RepRule = field(default_factory=RepRule)
    # McGill's trunk-flexor test: the trunk 60 deg from the floor; without his jig a runner leans back
    # to it by eye, so the hold starts within 8 deg of it and ends 10 deg below it (fallen back)
    flexor_position_deg: float = 60.0
    flexor_hold: HoldRule = field(default_factory=lambda: HoldRule(start_within_deg=8.0, end_beyond_deg=10.0))
    sitting_legs_max_deg: float = 30.0  # sitting with the feet on the floor: the hip-ankle line near level
    squat: SquatRule = field(default_factory=SquatRule)
    # the side bridge from behind: the two shoulders (stacked) at least this many trunk lengths apart
    # (0.65 on the renders; from above or along the body they nearly coincide)
    min_frontal_shoulders: float = 0.3
    # the glute bridge (bodycheck/bridge.py): the hips within 33 deg of the shoulders-knees line at a top
    # (a half-height bridge still counts, as short), between bottoms more than 38 deg below it (on the floor,
    # knees at 100 deg: 48 deg); short: more than 10 deg below the line at the top
    bridge: RepRule = field(
        default_factory=lambda: RepRule(top_band_deg=33.0, bottom_band_deg=38.0, short_of_line_deg=10.0)
    )
    deadlift: DeadliftRule = field(default_factory=DeadliftRule)
    towel: TowelRule = field(default_factory=TowelRule)
    # The lower back's bend (three strips of tape across the spine, bodycheck/lumbar.py) changing by more
    # than this within a repetition: the movement came from the lower back, not the hips. A reading aid,
    # not a sourced cut-off: about a third of the lumbar spine's flexion range, five times the tape's error
    # on renders; lumbar flexion in lifting did not predict back pain (Saraceni 2020).
    lumbar_band_deg: float = 15.0
    # the lowest and highest strips closer than this in the picture: a warning (on renders 50 px read the
    # bend's change within 4.4 deg, 75 px within 1.4: 720p and 1080p with the body filling the frame's height)
    min_tape_span_px: float = 65.0
    thomas_settled_share: float = 0.5  # the Thomas test's figures: medians over this last share of the clip


@dataclass(frozen=True)
class Settings:
    video: VideoSettings = field(default_factory=VideoSettings)
    pose: PoseSettings = field(default_factory=PoseSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    events: EventSettings = field(default_factory=EventSettings)
    quality: QualitySettings = field(default_factory=QualitySettings)
    bodycheck: BodyCheckSettings = field(default_factory=BodyCheckSettings)
    # Processes an assessment uses: 2 analyses the rear clip (and writes its annotated video) in a
    # second process while this one analyses the side clip (app/helper.py); 1 does everything in
    # this process (as a process that may not start others, a web worker, always does).
    processes: int = 2


DEFAULT = Settings()

#: Where the CLI caches keypoints unless BACKSTRIDE_CACHE_DIR says otherwise.
CACHE_ENV = "BACKSTRIDE_CACHE_DIR"


def from_environment(settings: Settings = DEFAULT) -> Settings:
    """``settings`` with what the environment sets, read when called (a command starting), never
    at import: the keypoint cache in $BACKSTRIDE_CACHE_DIR, else ~/.cache/backstride/pose."""
    folder = os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "backstride" / "pose"
    return replace(settings, pose=replace(settings.pose, cache_dir=Path(folder)))


@dataclass(frozen=True)
class BatchSettings:
    """Defaults of ``backstride batch`` (app/batch.py): workers default to one a core."""

    dashboard_address: str = "127.0.0.1:0"  # the embedded cluster's dashboard: loopback, any free port
    connect_timeout_s: float = 10.0  # how long --scheduler waits for the scheduler to answer
    worker_saturation: float = 1.0  # tasks a worker thread holds at once (Dask's default 1.1 holds 2)
    table_name: str = "results"  # results.parquet and results.csv in the batch's output
    # glibc's malloc thresholds in each worker (app/worker_malloc.py): the ceiling its dynamic rule
    # grows to on 64-bit (32 MiB) and twice that for trimming, so frame buffers are reused.
    worker_mmap_threshold_bytes: int = 32 * 2**20
    worker_trim_threshold_bytes: int = 64 * 2**20


#: The web app's data folder and database, read from the environment when the app starts.
DATA_DIR_ENV = "BACKSTRIDE_DATA_DIR"
DATABASE_URL_ENV = "BACKSTRIDE_DATABASE_URL"
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


@dataclass(frozen=True)
class AccountSettings:
    """Accounts of a clinic's server (web/accounts.py, docs/accounts.md: OWASP ASVS 4.0 level 1)."""

    min_password_chars: int = 12  # ASVS 2.1.1
    max_password_chars: int = 128  # ASVS 2.1.2: at least 64 allowed
    max_failed_sign_ins: int = 5  # in a row: then the account is locked...
    lockout_s: float = 900.0  # ...for 15 minutes (ASVS 2.2.1)
    failed_delay_s: float = 1.0  # each refused sign-in answers this much later (slows guessing)
    session_idle_s: float = 1800.0  # a session unused for 30 minutes ends (ASVS 3.3.2)...
    session_max_s: float = 12 * 3600.0  # ...and any after 12 hours


@dataclass(frozen=True)
class WebSettings:
    """Defaults of ``backstride serve`` (the local web app)."""

    host: str = "127.0.0.1"  # loopback only; any other host needs accounts (backstride users add)
    port: int = 8000
    data_dir: Path = Path.home() / ".local" / "share" / "backstride"
    database_url: str | None = None  # None: SQLite in data_dir
    workers: int = 1  # analyses at once: each runs the pose model on one core
    # Uploads: the CLI's limits (VideoSettings for a clip, report.html.SHOE_PHOTO_MAX_BYTES for a photo).
    max_attempts: int = 2  # an analysis interrupted (power cut, killed worker) is run again once, then failed
    # A Dask scheduler (tcp://HOST:8786) the analyses are handed to instead of local worker
    # processes; its workers need this data folder (a shared disk) and the database.
    scheduler: str | None = None
    poll_s: float = 0.5  # how often the progress stream looks at the job's state
    accounts: AccountSettings = field(default_factory=AccountSettings)
    # TLS: served by this process with a certificate and its key (PEM files), or by a reverse proxy in
    # front that forwards X-Forwarded-For and X-Forwarded-Proto (behind_proxy: trusted, cookies Secure)
    tls_cert: Path | None = None
    tls_key: Path | None = None
    behind_proxy: bool = False

    @property
    def loopback(self) -> bool:
        return self.host in LOOPBACK_HOSTS

    @property
    def url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'backstride.db'}"


def web_from_environment(web: WebSettings | None = None) -> WebSettings:
    """``web`` with the data folder and database URL the environment sets."""
    web = web or WebSettings()
    folder = os.environ.get(DATA_DIR_ENV)
    return replace(
        web,
        data_dir=Path(folder) if folder else web.data_dir,
        database_url=os.environ.get(DATABASE_URL_ENV) or web.database_url,
    )
