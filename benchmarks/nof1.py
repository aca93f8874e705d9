"""Self-experiments on simulated runners: ``make bench-nof1`` prints the table.

Each row: a design and a simulated runner (pain = 5 - effect x B + AR(1) noise, a slow recovery
or not, carry-over or not, missing logs or not); the share of runners the verdict tells "helps"
(power when there is an effect, false positives when there is none), "makes it worse" and either way
(each direction tested at 0.025: with no effect, either way is the overall false verdict rate) beside the
naive Welch t-test
on the same series (what StudyU reports). 1,000 runners a row.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from backstride.nof1.design import Design, plan
from backstride.nof1.simulate import Runner, rates

N = 1000
ROWS = [
    ("run by run, 28 runs", "insoles", Runner(effect=0.0, sd=2.0, phi=0.0)),
    ("run by run, 28 runs", "insoles", Runner(effect=0.0, sd=2.0, phi=0.8, trend_total=2.0)),
    ("run by run, 28 runs", "insoles", Runner(effect=2.0, sd=1.5, phi=0.0)),
    ("run by run, 28 runs", "insoles", Runner(effect=2.0, sd=1.5, phi=0.8)),
    ("run by run, 28 runs", "insoles", Runner(effect=2.0, sd=2.0, phi=0.4)),
    ("run by run, 28 runs", "insoles", Runner(effect=2.0, sd=1.5, missing_share=0.3)),
    ("7 pairs of 4-day phases", "new_shoes", Runner(effect=0.0, sd=2.0, phi=0.0)),
    ("7 pairs of 4-day phases", "new_shoes", Runner(effect=0.0, sd=2.0, phi=0.8, trend_total=2.0)),
    ("7 pairs of 4-day phases", "new_shoes", Runner(effect=2.0, sd=1.5, phi=0.4)),
    ("7 pairs of 4-day phases", "new_shoes", Runner(effect=2.0, sd=1.5, phi=0.4, carry_units=2.5)),
    ("7 pairs of 4-day phases", "new_shoes", Runner(effect=2.0, sd=1.5, phi=0.4, carry_units=1.5)),
    ("6 pairs of 7-day phases (12 weeks)", "new_shoes", Runner(effect=2.0, sd=1.5, phi=0.4)),
    ("6 pairs of 7-day phases (12 weeks)", "new_shoes", Runner(effect=2.0, sd=1.5, phi=0.4, carry_units=2.5)),
    ("AB, random start (56 days)", "back_extensions", Runner(effect=0.0, sd=2.0, phi=0.8, trend_total=2.0)),
    ("AB, random start (56 days)", "back_extensions", Runner(effect=2.0, sd=1.5, phi=0.4)),
    ("8 one-week phases (refused)", None, Runner(effect=0.0, sd=2.0, phi=0.8)),
    # each design with 20 % of the logs missing at random: false verdicts either way, and power
    ("run by run, 28 runs", "insoles", Runner(effect=0.0, sd=2.0, phi=0.4, missing_share=0.2)),
    ("run by run, 28 runs", "insoles", Runner(effect=2.0, sd=1.5, phi=0.4, missing_share=0.2)),
    ("7 pairs of 4-day phases", "new_shoes", Runner(effect=0.0, sd=2.0, phi=0.4, missing_share=0.2)),
    ("7 pairs of 4-day phases", "new_shoes", Runner(effect=2.0, sd=1.5, phi=0.4, missing_share=0.2)),
    ("AB, random start (56 days)", "back_extensions", Runner(effect=0.0, sd=2.0, phi=0.4, missing_share=0.2)),
    ("AB, random start (56 days)", "back_extensions", Runner(effect=2.0, sd=1.5, phi=0.4, missing_share=0.2)),
]


def main() -> int:
    table = Table(title=f"Self-experiment verdicts on {N:,} simulated runners a row (each direction at 0.025)")
    for col in ("design", "effect", "SD", "phi", "recovery", "carry-over", "missing", "helps", "harms", "either way",
                "can't tell", "not enough", "naive t says helps"):  # fmt: skip
        table.add_column(col, justify="left" if col == "design" else "right")
    for name, change, r in ROWS:
        longer = "7-day" in name
        design = (plan(change, seed=0, weeks=12 if longer else 8, phase_days=7 if longer else 4) if change
                  else Design("phases", 56, phase_days=7))  # fmt: skip
        got = rates(design, r, N, seed=1)
        table.add_row(name, f"{r.effect:g}", f"{r.sd:g}", f"{r.phi:g}", f"{r.trend_total:g}", f"{r.carry_units:g}",
                      f"{r.missing_share:.0%}", f"{got.helps:.1%}", f"{got.harms:.1%}", f"{got.definite:.1%}",
                      f"{got.cant_tell:.1%}", f"{got.not_enough:.1%}", f"{got.naive_positive:.1%}")  # fmt: skip
    Console(width=160).print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
