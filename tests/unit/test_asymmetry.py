from backstride.metrics.asymmetry import asymmetry


def test_difference_inside_the_angle_error_is_not_flagged():
    a = asymmetry({"median": 20.0, "iqr": 2.0}, {"median": 24.0, "iqr": 2.0}, "deg")
    assert a["right_minus_left"] == 4.0 and a["threshold"] == 5.0 and not a["flagged"]  # Damsted 2015: 5 deg


def test_difference_beyond_error_and_spread_is_flagged():
    a = asymmetry({"median": 20.0, "iqr": 3.0}, {"median": 28.0, "iqr": 5.0}, "deg")
    assert a["flagged"] and a["threshold"] == 5.0


def test_spread_raises_the_bar_and_timing_uses_the_frame():
    assert not asymmetry({"median": 250, "iqr": 40}, {"median": 280, "iqr": 30}, "ms", error=8.3)["flagged"]
    assert asymmetry({"median": 250, "iqr": 4}, {"median": 280, "iqr": 6}, "ms", error=8.3)["flagged"]
    assert asymmetry({"status": "not measured"}, {"median": 1.0}, "deg") is None


def test_a_side_view_difference_asks_to_be_confirmed_from_the_other_side():
    """One camera sees one leg less well (on the demo runner, symmetric by construction, the far
    leg's stance knee peak read 7 deg less): a flagged difference says so."""
    a = asymmetry({"median": 44.4, "iqr": 0.8}, {"median": 37.2, "iqr": 3.2}, "deg", far_leg="right")
    assert a["flagged"] and "right leg was the far one" in a["confirm"]
    assert "confirm" not in asymmetry({"median": 20.0}, {"median": 22.0}, "deg", far_leg="right")


def test_no_difference_is_flagged_when_the_clip_measurement_warned():
    a = asymmetry({"median": 20.0, "iqr": 1.0}, {"median": 30.0, "iqr": 1.0}, "deg", withheld="measurement warned")
    assert a["right_minus_left"] == 10.0 and not a["flagged"] and a["not_flagged"] == "measurement warned"
