"""Stage timing for ``make bench``'s shares (backstride.core.timing).

Truth: sleeps of known length inside nested stages; wall times within 40 ms (the sleeps' own
overshoot on a busy 2-core machine, a few ms, with room). Nested stages count exclusively, so
the shares add up to the total.
"""

import time

import pytest

from backstride.core.timing import recording, stage, timed_iter


def test_nested_stages_count_their_own_time_only():
    with recording() as rec:
        with stage("outer"):
            time.sleep(0.05)
            with stage("inner"):
                time.sleep(0.1)
            time.sleep(0.05)
    assert rec.wall_s["outer"] == pytest.approx(0.1, abs=0.04)
    assert rec.wall_s["inner"] == pytest.approx(0.1, abs=0.04)


def test_a_generator_is_timed_while_it_produces_not_while_it_is_consumed():
    def slow_items():
        for k in range(3):
            time.sleep(0.03)
            yield k

    with recording() as rec, stage("consumer"):
        for _ in timed_iter("decode", slow_items()):
            time.sleep(0.05)
    assert rec.wall_s["decode"] == pytest.approx(0.09, abs=0.04)
    assert rec.wall_s["consumer"] == pytest.approx(0.15, abs=0.04)


def test_nothing_is_recorded_outside_a_recording():
    with stage("anything"):
        pass
    with recording() as rec:
        pass
    assert rec.cpu_s == {} and rec.wall_s == {}
