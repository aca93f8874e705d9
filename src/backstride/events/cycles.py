"""Steps, gait cycles and the running/walking decision from per-foot events."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from backstride.core.trajectory import GaitEvents, Step
from backstride.settings import MAX_CONTACT_S


def pair_contacts(events: GaitEvents, *, max_contact_s: float = MAX_CONTACT_S) -> list[tuple[float, float]]:
    """(strike, toe-off) pairs: each strike with the first toe-off after it, before the next strike."""
    strikes, offs = np.array(events.foot_strike_s), np.array(events.toe_off_s)
    pairs = []
    for i, s in enumerate(strikes):
        nxt = strikes[i + 1] if i + 1 < len(strikes) else np.inf
        later = offs[(offs > s) & (offs < nxt) & (offs - s <= max_contact_s)]
        if len(later):
            pairs.append((float(s), float(later[0])))
    return pairs


def build_steps(events: dict[str, GaitEvents], frame_of: Callable[[float], int]) -> list[Step]:
    """Every contact of both feet in time order; ``frame_of(t)`` gives a source frame index."""
    contacts = [(s, o, foot) for foot, ev in events.items() for s, o in pair_contacts(ev)]
    contacts.sort()
    all_strikes = sorted((s, foot) for foot, ev in events.items() for s in ev.foot_strike_s)
    steps = []
    for strike, off, foot in contacts:
        nxt = next((s for s, f in all_strikes if s > strike and f != foot), None)
        # the next strike must be the immediate next event, not one after a missed step
        same = next((s for s, f in all_strikes if s > strike and f == foot), None)
        if nxt is not None and same is not None and same < nxt:
            nxt = None
        steps.append(Step(foot, strike, off, nxt, frame_of(strike), frame_of(off)))
    return steps


def full_cycles(events: GaitEvents) -> int:
    """Full gait cycles of one foot: strike-to-strike intervals."""
    return max(0, len(events.foot_strike_s) - 1)


def alternation_ratio(events: dict[str, GaitEvents]) -> float:
    """Share of consecutive foot strikes that change foot (1.0 = perfect left-right alternation)."""
    seq = [f for _, f in sorted((s, foot) for foot, ev in events.items() for s in ev.foot_strike_s)]
    if len(seq) < 2:
        return float("nan")
    return float(np.mean([a != b for a, b in zip(seq[:-1], seq[1:])]))
