"""Two assessments of one runner side by side: every metric, its change, and whether the change
is beyond what the measurement can tell apart (pure functions on two summary.json dicts)."""

from __future__ import annotations

import math
from typing import Any

from backstride.settings import MEASUREMENT_ERROR_BY_UNIT

#: Timing per foot (ms): its error is the two clips' frame-rate uncertainties together.
TIMINGS = {
    "contact_time_ms": "Contact time (ms)",
    "flight_time_ms": "Flight time (ms)",
    "step_time_ms": "Step time (ms)",
}


def _row(clip: str, label: str, unit: str, foot: str, a: float | None, b: float | None, error: float | None) -> dict:
    change = None if a is None or b is None else round(b - a, 2)
    if change is None or error is None:
        verdict = "not compared" if change is None else "no known measurement error"
    else:
        verdict = "beyond the measurement error" if abs(change) > error else "within the measurement error"
    return {"clip": clip, "metric": label, "unit": unit, "foot": foot, "before": a, "after": b, "change": change,
            "error": None if error is None else round(error, 2), "verdict": verdict}  # fmt: skip


def _spec(name: str):
    import backstride.metrics.compute  # noqa: F401 - importing it registers every metric
    from backstride.metrics.registry import REGISTRY

    return REGISTRY.get(name)


def _label(name: str) -> str:
    """The metric's title as tables show it, its unit included: "Pelvic drop (deg)"."""
    spec = _spec(name)
    return spec.title if spec is not None else name.replace("_", " ")


def _metric_error(name: str, unit: str) -> float | None:
    spec = _spec(name)
    if spec is not None and spec.error is not None:
        return spec.error
    return MEASUREMENT_ERROR_BY_UNIT.get(unit)


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[dict]:
    """Rows for every clip both assessments have: cadence, timing per foot, every metric per foot
    (the value a person is shown: a category-only metric compares its category). A metric
    measured in neither is left out."""
    rows = []
    for role in sorted(set(before.get("clips", {})) & set(after.get("clips", {}))):
        a, b = before["clips"][role], after["clips"][role]
        ca, cb = a["cadence_spm"], b["cadence_spm"]
        error = math.hypot(ca["frame_rate_uncertainty"], cb["frame_rate_uncertainty"])
        rows.append(_row(role, "Cadence (steps/min)", "steps/min", "both", ca["value"], cb["value"], error))
        for key, label in TIMINGS.items():
            for foot in ("left", "right"):
                ta, tb = a["per_foot"][foot].get(key), b["per_foot"][foot].get(key)
                err = math.hypot(ta["frame_rate_uncertainty"], tb["frame_rate_uncertainty"]) if ta and tb else None
                rows.append(_row(role, label, "ms", foot, ta and ta["median"], tb and tb["median"], err))
        for name in sorted(set(a["metrics"]) & set(b["metrics"])):
            ma, mb = a["metrics"][name], b["metrics"][name]
            for foot in ("left", "right"):
                fa, fb = ma[foot], mb[foot]
                if not (fa.get("show_value", True) and fb.get("show_value", True)):
                    rows.append(_category_row(role, _label(name), foot, fa, fb))
                    continue
                rows.append(_row(role, _label(name), ma["unit"], foot, fa.get("median"), fb.get("median"),
                                 _metric_error(name, ma["unit"])))  # fmt: skip
    return [r for r in rows if r["before"] is not None or r["after"] is not None]


def _category_row(role: str, label: str, foot: str, fa: dict, fb: dict) -> dict:
    a, b = fa.get("category"), fb.get("category")
    row = _row(role, label, "category", foot, None, None, None)
    row.update(before=a, after=b, verdict="not compared" if a is None or b is None else "same" if a == b else "changed")
    return row


def trend(summaries: list[tuple[str, dict]]) -> dict[str, list]:
    """Key figures across a runner's assessments (date, summary), for the runner's page."""
    out: dict[str, list] = {"date": [], "cadence_spm": [], "contact_time_ms": [], "pelvic_drop_left": [],
                            "pelvic_drop_right": []}  # fmt: skip
    for date, s in summaries:
        side, rear = s.get("clips", {}).get("side"), s.get("clips", {}).get("rear")
        out["date"].append(date)
        out["cadence_spm"].append(side["cadence_spm"]["value"] if side else None)
        contact = [side["per_foot"][f]["contact_time_ms"] for f in ("left", "right")] if side else []
        medians = [c["median"] for c in contact if c]
        out["contact_time_ms"].append(sum(medians) / len(medians) if medians else None)
        drop = rear["metrics"].get("pelvic_drop_deg") if rear else None
        out["pelvic_drop_left"].append(drop["left"].get("median") if drop else None)
        out["pelvic_drop_right"].append(drop["right"].get("median") if drop else None)
    return out
