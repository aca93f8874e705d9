"""The rear view's own stages, tested directly on the synthetic runner seen from behind (perfect
keypoints: the generator's events are the truth): the contact detector (events/rear.py) and the
rescue of a clip whose labelled steps fail (events/rear_steps.py)."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest

from backstride.clean import clean
from backstride.core.analysis import NO_SLOWMO
from backstride.events.gait import analyse_gait
from backstride.events.rear import detect_rear
from backstride.events.rear_steps import LABELLED_LEG_METRICS, RESCUE_WARNING, label_free, rescue
from backstride.metrics.compute import compute_metrics, summarise
from backstride.person.view import detect_view
from backstride.quality.assess import CaptureFacts, assess
from backstride.quality.checks import Check, Quality
from backstride.settings import DEFAULT
from backstride.synth.clip import truth
from backstride.synth.kinematics import simulate
from backstride.synth.model import RunnerParams
from backstride.synth.render import Camera
from tests.unit.synth.test_synth import perfect_keypoints

FPS = 60.0
#: The detector's contact starts and ends where the foot is 10 % of the way from the ground to its
#: swing peak (EventSettings.rear_contact_share, set on Fukuchi 2017 force plates). On the synthetic
#: foot's path that point lies 27-30 ms before touchdown and 35-50 ms after toe-off (duty factor
#: 0.42-0.30; measured at 30, 60 and 120 fps): the bounds below, plus one frame at 60 fps.
STRIKE_EARLY_MS = (27.0 - 17.0, 30.0 + 17.0)
TOE_OFF_LATE_MS = (35.0 - 17.0, 50.0 + 17.0)


def _rear(params: RunnerParams, fps: float = FPS, noise_leg: float = 0.0, seed: int = 0):
    kin = simulate(params, np.arange(0, 6, 1 / fps))
    cam = Camera("rear")
    traj = perfect_keypoints(kin, cam)
    if noise_leg:
        leg_px = np.nanmedian(np.abs(traj.point("left_hip")[:, 1] - traj.point("left_ankle")[:, 1]))
        rng = np.random.default_rng(seed)
        traj = traj.with_(xy_px=traj.xy_px + rng.normal(0.0, noise_leg * leg_px, traj.xy_px.shape))
    traj = traj.with_(view=detect_view(traj).view)
    cleaned, report = clean(traj, settings=DEFAULT.clean)
    return traj, cleaned, report, truth(params, cam, kin, fps)["events"]


@pytest.mark.parametrize("duty_factor", [0.30, 0.42])
@pytest.mark.parametrize("noise_leg", [0.0, 0.01])
def test_each_contact_is_found_once_at_its_stated_offset_from_touchdown(duty_factor, noise_leg):
    """Every stride between the first and last swing peak, none twice, none in swing; with 1 % of a leg
    length of keypoint noise (the harness's noise on Fukuchi's markers) as without."""
    _, cleaned, report, true = _rear(RunnerParams(duty_factor=duty_factor), noise_leg=noise_leg)
    scale = np.full(len(cleaned.time_s), report.leg_length_px)
    stride_s = 2 * 60 / 170  # the generator's stride (170 steps/min)
    for foot in ("left", "right"):
        found = detect_rear(cleaned, foot, scale_px=scale, stride_s=stride_s, settings=DEFAULT.events)
        strikes, offs = np.array(true[foot]["foot_strike_s"]), np.array(true[foot]["toe_off_s"])
        assert len(strikes) - 2 <= len(found.foot_strike_s) <= len(strikes)  # the clip's edges may lose one each
        early = [1000 * (strikes[np.argmin(np.abs(strikes - s))] - s) for s in found.foot_strike_s]
        late = [1000 * (o - offs[np.argmin(np.abs(offs - o))]) for o in found.toe_off_s]
        assert STRIKE_EARLY_MS[0] <= min(early) and max(early) <= STRIKE_EARLY_MS[1], early
        assert TOE_OFF_LATE_MS[0] <= min(late) and max(late) <= TOE_OFF_LATE_MS[1], late
        assert len(set(np.round(found.foot_strike_s, 3))) == len(found.foot_strike_s)


def _failing(gait, **_) -> Quality:
    return Quality((Check("left_right_alternation", "measurement", 0.4, "", ">= 0.8", "fail", "stand-in"),))


def _passing(gait, **_) -> Quality:
    return Quality((Check("left_right_alternation", "measurement", 1.0, "", ">= 0.8", "ok", "stand-in"),))


@pytest.fixture(scope="module")
def crossing():
    """A runner whose feet cross the midline by 6 cm, seen from behind."""
    params = RunnerParams(step_width_m=-0.06)
    raw, cleaned, report, true = _rear(params)
    gait = analyse_gait(cleaned, leg_px=report.leg_length_px, settings=DEFAULT.events)
    metrics, _ = compute_metrics(cleaned, gait.steps, leg_px=report.leg_length_px)
    return raw, cleaned, report, true, gait, metrics


def test_a_failed_rear_clip_is_measured_from_the_label_free_contacts(crossing):
    """The labelled steps fail the check; the contacts told apart without labels pass it (the real
    check, placed contacts): the rescue gives their gait (cadence 170 steps/min as generated; each
    contact centred within 10 ms of the true midstance), says so, and withholds the metrics that read
    a labelled leg."""
    raw, cleaned, report, true, gait, metrics = crossing
    c = label_free(raw, cleaned, raw.view, gait.gait)
    assert c is not None and c.crossing_pct() == pytest.approx(100.0)
    facts = CaptureFacts(720, 1280, NO_SLOWMO, 0.0, "level", 0.7, 1, 0)
    check = partial(assess, cleaned, facts=facts, repaired_frames=0, limits=DEFAULT.quality)
    labelled = (gait, metrics, _failing(gait))
    g, m, q, said = rescue(labelled, check, cleaned, c, report.leg_length_px, DEFAULT)
    assert said == [RESCUE_WARNING] and not q.failed()
    assert g.cadence_spm == pytest.approx(170.0, abs=1.0)
    for foot in ("left", "right"):
        strikes, offs = np.array(true[foot]["foot_strike_s"]), np.array(true[foot]["toe_off_s"])
        middles = np.array([(s + offs[offs > s][0]) / 2 for s in strikes if (offs > s).any()])
        for s, o in zip(g.events[foot].foot_strike_s, g.events[foot].toe_off_s):
            assert np.min(np.abs(middles - (s + o) / 2)) <= 0.010
    for name in LABELLED_LEG_METRICS:
        assert all(v is None for v in m[name].values) and all("labels are unreliable" in r for r in m[name].reasons)
    assert summarise(m["pelvic_drop_deg"], g.steps).foot("left").median is not None


def test_the_rescue_keeps_the_labelled_result_when_it_passed_or_the_contacts_fail(crossing):
    """Labelled steps that passed stay; contacts that fail the check too, or none told apart, leave the
    labelled result and its refusal as they were."""
    raw, cleaned, report, _, gait, metrics = crossing
    c = label_free(raw, cleaned, raw.view, gait.gait)
    passed = (gait, metrics, _passing(gait))
    assert rescue(passed, _passing, cleaned, c, report.leg_length_px, DEFAULT) == (*passed, [])
    failed = (gait, metrics, _failing(gait))
    assert rescue(failed, _failing, cleaned, c, report.leg_length_px, DEFAULT) == (*failed, [])
    assert rescue(failed, _passing, cleaned, None, report.leg_length_px, DEFAULT) == (*failed, [])
    assert label_free(raw, cleaned, raw.view, "walking") is None  # walking: no flight, no label-free contacts


def test_a_clip_read_as_walking_with_broken_labels_is_read_without_them_only_at_a_running_cadence(crossing):
    """Mislabelled crossed feet overlap their contacts, which reads as walking: the synthetic
    crossover was refused so on one machine's pose kernels. Where the labelled strikes do not
    alternate, the label-free steps are read anyway, but only at a running cadence (this runner: 170
    steps/min), so a walker is never measured as a runner; labels that alternate keep 'walking'."""
    raw, cleaned, _, _, _, _ = crossing
    assert label_free(raw, cleaned, raw.view, "walking", labels_broken=False) is None
    c = label_free(raw, cleaned, raw.view, "walking", labels_broken=True)
    assert c is not None and 60.0 / c.step_period_s == pytest.approx(170.0, abs=3.0)
    assert label_free(raw, cleaned, raw.view, "walking", True, (180.0, 300.0)) is None  # 170 is not running here
