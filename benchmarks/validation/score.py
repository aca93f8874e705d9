"""Score detected gait events against reference (force-plate) events."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from backstride.core.trajectory import GaitEvents

#: A detected event further than this from every true one is extra; a true one unmatched is missed.
MATCH_TOLERANCE_S = 0.1


@dataclass(frozen=True)
class EventScore:
    event: str  # "IC" or "TO"
    n_true: int
    n_matched: int
    n_missed: int
    n_extra: int
    mae_ms: float
    bias_ms: float


def match(true_s: np.ndarray, found_s: np.ndarray, span_s: tuple[float, float]) -> tuple[np.ndarray, int, int]:
    """Signed errors (found - true) of one-to-one nearest matches, missed and extra counts.

    Matching uses every event; errors and missed events count only true events inside
    ``span_s``, extra events only detections inside it (the clip's cut ends are left out).
    """
    errors, used, missed = [], set(), 0
    for t in true_s:
        j = int(np.argmin(np.abs(found_s - t))) if len(found_s) else -1
        hit = j >= 0 and abs(found_s[j] - t) <= MATCH_TOLERANCE_S and j not in used
        if hit:
            used.add(j)
        if span_s[0] <= t <= span_s[1]:
            if hit:
                errors.append(found_s[j] - t)
            else:
                missed += 1
    inside = [j for j, f in enumerate(found_s) if span_s[0] <= f <= span_s[1]]
    extra = sum(1 for j in inside if j not in used)
    return np.array(errors), missed, extra


def score_events(truth: pd.DataFrame, found: dict[str, GaitEvents], *, span_s: tuple[float, float]) -> list[EventScore]:
    """Per event type, pooled over feet, for events inside ``span_s``."""
    rows = []
    for event in ("IC", "TO"):
        errs, n_true, missed, extra = [], 0, 0, 0
        for foot, ev in found.items():
            t = truth[(truth.event == event) & (truth.foot == foot)].time_s.to_numpy()
            f = np.array(ev.foot_strike_s if event == "IC" else ev.toe_off_s)
            e, m, x = match(t, f, span_s)
            errs.extend(e.tolist())
            n_true += int(((t >= span_s[0]) & (t <= span_s[1])).sum())
            missed, extra = missed + m, extra + x
        err = np.array(errs) * 1000
        rows.append(
            EventScore(
                event,
                n_true,
                len(err),
                missed,
                extra,
                float(np.mean(np.abs(err))) if len(err) else np.nan,
                float(np.mean(err)) if len(err) else np.nan,
            )
        )
    return rows


def contact_time_bias_ms(truth: pd.DataFrame, found: dict[str, GaitEvents]) -> float:
    """Mean (detected - true) contact time over contacts whose strike and toe-off both matched."""
    diffs = []
    for foot, ev in found.items():
        tr = truth[truth.foot == foot]
        ics, tos = tr[tr.event == "IC"].time_s.to_numpy(), tr[tr.event == "TO"].time_s.to_numpy()
        fi, fo = np.array(ev.foot_strike_s), np.array(ev.toe_off_s)
        for ic in ics:
            later = tos[tos > ic]
            if len(later) == 0 or len(fi) == 0 or len(fo) == 0:
                continue
            to = later[0]
            di, do = fi[np.argmin(np.abs(fi - ic))], fo[np.argmin(np.abs(fo - to))]
            if abs(di - ic) <= MATCH_TOLERANCE_S and abs(do - to) <= MATCH_TOLERANCE_S:
                diffs.append((do - di) - (to - ic))
    return float(np.mean(diffs) * 1000) if diffs else float("nan")
