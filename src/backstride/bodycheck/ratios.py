"""McGill's ratios between his endurance tests, from a runner's latest holds (pure).

McGill proposes them as clinical targets (expert opinion; the figures as commonly quoted from his
Low Back Disorders, UNVERIFIED): the two side bridges within 5 % of each other, the flexor hold
shorter than the back-extensor hold, each side bridge under 75 % of the back-extensor hold. A hold
the clip ended first (a lower bound) is left out: its ratio would be a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from backstride.bodycheck.trend import Measured

SOURCE = "McGill's targets (Low Back Disorders; expert opinion, as commonly quoted: UNVERIFIED)"


@dataclass(frozen=True)
class Ratio:
    name: str  # in words: "right / left side bridge"
    value: float
    target: str  # in words: "0.95 to 1.05"
    within: bool
    source: str = SOURCE


def latest_holds(history: list[Measured]) -> dict[tuple[str, str | None], float]:
    """The last full hold (not a lower bound) of each test and side."""
    out: dict[tuple[str, str | None], float] = {}
    for m in sorted(history, key=lambda m: m.day):
        if not m.at_least:
            out[(m.test, m.leg)] = m.value
    return out


def mcgill_ratios(history: list[Measured]) -> list[Ratio]:
    """Each ratio whose two holds are kept."""
    held = latest_holds(history)
    extensor, flexor = held.get(("sorensen", None)), held.get(("flexor", None))
    right, left = held.get(("side-bridge", "right")), held.get(("side-bridge", "left"))
    out = []
    if right and left:
        r = right / left
        out.append(Ratio("right / left side bridge", r, "0.95 to 1.05", 0.95 <= r <= 1.05))
    if flexor and extensor:
        r = flexor / extensor
        out.append(Ratio("flexor / back-extensor hold", r, "under 1.0", r < 1.0))
    for side, bridge in (("right", right), ("left", left)):
        if bridge and extensor:
            r = bridge / extensor
            out.append(Ratio(f"{side} side bridge / back-extensor hold", r, "under 0.75", r < 0.75))
    return out


def said(r: Ratio) -> str:
    verdict = "within the target" if r.within else "outside the target"
    return f"{r.name}: {r.value:.2f} ({verdict}: {r.target}; {r.source})"
