"""What a self-experiment's primary outcome is measured in, which way is better, and what change counts.

Pain (0-10, after a run or the next morning): lower is better; a change counts from 2 points or 30 %
of the A-phase mean, the smaller (Farrar 2001; Ostelo 2008). A filmed self-test (backstride check,
kept in the runner's history): its own unit and direction (a longer hold, a smaller knee angle); a
change counts from backstride's measurement error for that test on renders (1 s for a hold, 3 deg for
an angle). That is the smallest change backstride can see, not a change known to matter to a back:
no clinically important change is published for these tests as filmed here, and the verdict says so.

The analysis (nof1/analysis.py) works on "lower is better": a test whose higher figure is better is
turned round (``sign`` -1) before it, so the effect's sign means the same for every outcome (+: the
change helps) and its size stays in the outcome's unit.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    what: str  # "pain", "back-extensor hold"
    unit: str  # "points", "s", "deg"
    better: str  # the word for a change the better way: "lower", "longer"
    worse: str
    sign: float  # +1: lower is better (pain); -1: higher is better
    #: a change that counts, in the unit, and its rule in words; None: pain's rule (2 points or 30 %)
    threshold: float | None = None
    threshold_rule: str | None = None

    def oriented(self, value: float) -> float:
        """A value in the analysis's direction (lower is better)."""
        return self.sign * value


PAIN = Scale("pain", "points", "lower", "higher", 1.0)


def self_test_scale(test: str) -> Scale:
    """The scale of a filmed self-test as an outcome; Invalid naming the tests that can be one."""
    from backstride.bodycheck.catalogue import TESTS
    from backstride.errors import Invalid

    found = TESTS.get(test)
    if found is None or found.higher_is_better is None or found.render_error is None:
        usable = ", ".join(sorted(n for n, t in TESTS.items() if t.higher_is_better is not None))
        raise Invalid(f"outcome test {test}: not a self-test with one figure; choose one of {usable}")
    better, worse = found.change_words
    what = found.figure or found.name
    rule = (
        f"{found.render_error:g} {found.unit}: backstride's measurement error for this test on renders, the smallest "
        "change it can see; no change known to matter for the back is published for it"
    )
    return Scale(what, found.unit, better, worse, -1.0 if found.higher_is_better else 1.0, found.render_error, rule)
