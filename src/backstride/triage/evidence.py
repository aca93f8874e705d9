"""The estimate's types: one answer's evidence (with its likelihood ratio and citation) and the
estimate of where the pain comes from; imported by the sources and by the examination alike."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Evidence:
    answer: str
    source: str  # which pain source it speaks for
    likelihood_ratio: float | None  # None: no published accuracy, moves nothing
    citation: str


@dataclass(frozen=True)
class Estimate:
    probabilities: dict[str, float]
    ranges: dict[str, tuple[float, float]]  # with each prior halved or doubled
    prior: dict[str, float]
    prior_source: str
    evidence: tuple[Evidence, ...]
    caveats: tuple[str, ...]

    @property
    def leaders(self) -> tuple[str, ...]:
        """The leading source, and every source the answers cannot rank below it: one whose share, with
        a starting share halved or doubled, reaches the leader's. One name: a leader; several: a tie."""
        p = self.probabilities
        lead = max(p, key=lambda k: p[k])
        rest = [k for k in sorted(p, key=lambda k: -p[k]) if k != lead and self.ranges[k][1] >= p[lead]]
        return (lead, *rest)


def likelihood_ratios(sens: float, spec: float) -> tuple[float, float]:
    return sens / (1 - spec), (1 - sens) / spec
