"""A runner whose insoles experiment is over: 28 runs every 2nd day from ``first``, pain after
the run 4.5 - 2.5 on insoles + noise SD 1 (the generator's known effect, the truth of every test
that uses it)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np

EFFECT_POINTS = 2.5


def log_insoles_experiment(s, runner, first: date, *, seed: int = 11):
    """Plan the experiment in the session ``s`` and log its runs; returns the Experiment row."""
    from backstride.store import experiments
    from backstride.store.logbook import add_run

    rng = np.random.default_rng(seed)
    exp = experiments.start(s, runner, "insoles", first=first, seed=3, today=first)  # planned back then
    for i, b in enumerate(experiments.plan_of(exp).schedule):
        day = first + timedelta(days=2 * i)
        pain = round(float(np.clip(4.5 - EFFECT_POINTS * b + rng.normal(0, 1.0), 0, 10)), 1)
        add_run(s, runner, datetime(day.year, day.month, day.day, 7).astimezone(), distance_km=8.0,
                insoles=bool(b), pain_after=pain)  # fmt: skip
    return exp
