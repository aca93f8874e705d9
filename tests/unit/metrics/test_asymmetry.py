from backstride.core.results import FootValue
from backstride.metrics.asymmetry import asymmetry


def V(median: float, iqr: float = 0.0) -> FootValue:  # noqa: N802 - a value, read as one
    return FootValue(status="no norm", median=median, iqr=iqr, n=10)


def test_difference_inside_the_angle_error_is_not_flagged():
    a = asymmetry(V(20.0, 2.0), V(24.0, 2.0), "deg")
    assert a.right_minus_left == 4.0 and a.threshold == 5.0 and not a.flagged  # Damsted 2015: 5 deg


def test_difference_beyond_error_and_spread_is_flagged():
    a = asymmetry(V(20.0, 3.0), V(28.0, 5.0), "deg")
    assert a.flagged and a.threshold == 5.0


def test_spread_raises_the_bar_and_timing_uses_the_frame():
    assert not asymmetry(V(250, 40), V(280, 30), "ms", error=8.3).flagged
    assert asymmetry(V(250, 4), V(280, 6), "ms", error=8.3).flagged
    assert asymmetry(FootValue(status="not measured"), V(1.0), "deg") is None


def test_a_side_view_difference_asks_to_be_confirmed_from_the_other_side():
    """One camera sees one leg less well (on the demo runner, symmetric by construction, the far
    leg's stance knee peak read 7 deg less): a flagged difference says so."""
    a = asymmetry(V(44.4, 0.8), V(37.2, 3.2), "deg", far_leg="right")
    assert a.flagged and "right leg was the far one" in a.confirm
    assert asymmetry(V(20.0), V(22.0), "deg", far_leg="right").confirm is None


def test_no_difference_is_flagged_when_the_clip_measurement_warned():
    a = asymmetry(V(20.0, 1.0), V(30.0, 1.0), "deg", withheld="measurement warned")
    assert a.right_minus_left == 10.0 and not a.flagged and a.not_flagged == "measurement warned"
