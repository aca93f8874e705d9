"""The rear view's contact-timing check on real running: Fukuchi 2017 RBDS001's markers seen from
behind (orthographic, 1 % leg-length keypoint noise), through the rear detector. A runner's pelvis
is lowest near the middle of each contact, so the check must pass real running as it is filmed
right; its limits (warn above 0.1 of a step, refused above 0.13) sit above what this runner
shows. Measured: medians +0.01 to +0.07 of a step (30, 60 and 120 fps, three noise seeds; the
synthetic runner filmed from a lens above the belt: 0.13 and more).
"""

import pytest
from benchmarks.validation import fukuchi
from benchmarks.validation.harness import prepared

from backstride.events.gait import analyse_gait
from backstride.quality.measurement import contact_timing_rear, pelvis_low_offset
from backstride.settings import DEFAULT


@pytest.mark.parametrize("trial", list(fukuchi.TRIALS.values()))
@pytest.mark.parametrize("fps", [30, 60])
def test_real_running_seen_from_behind_passes_the_contact_timing_check(shared_data, trial, fps):
    markers = fukuchi.load_markers(shared_data / "mocap" / "fukuchi_rbds001", trial)
    cleaned, leg_px, _ = prepared(markers, fps=fps, rear=True)
    gait = analyse_gait(cleaned, leg_px=leg_px, settings=DEFAULT.events)
    offset = pelvis_low_offset(cleaned, gait.steps)
    assert abs(offset) <= 0.08
    assert contact_timing_rear(offset, DEFAULT.quality).status == "ok"
