"""The report's section on the runner's self-experiments: what each tested, where it stands, and
once it is over the verdict with its pictures (drawn again from the plan and the outcome per unit
that summary.json carries, so the report needs nothing else)."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from backstride.core.experiments import ExperimentRecord, VerdictName

if TYPE_CHECKING:
    from backstride.nof1.analysis import Verdict


@dataclass(frozen=True)
class ExperimentView:
    title: str
    dates: str
    status: str  # what today is, or "over"
    verdict: VerdictName | None
    text: str  # the verdict's sentence, or the progress
    picture: str | None  # PNG data URI


def picture_verdict(record: ExperimentRecord) -> Verdict:
    """The verdict the picture shows, drawn again from the record (in the plan's outcome: pain or a test)."""
    from backstride.nof1.plan import plan_verdict

    y = np.array([np.nan if v is None else v for v in record.outcome], dtype=float)
    km = np.array([np.nan if v is None else v for v in record.distance_km], dtype=float)
    return plan_verdict(record.plan, y, km, len(record.state.deviations))


def _picture(record: ExperimentRecord) -> str:
    from backstride.nof1.plan import design_of
    from backstride.nof1.plots import verdict_png

    y = np.array([np.nan if v is None else v for v in record.outcome], dtype=float)
    out = io.BytesIO()
    verdict_png(design_of(record.plan), np.array(record.plan.schedule), y, picture_verdict(record), out)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def experiment_views(records: list[ExperimentRecord]) -> list[ExperimentView]:
    views = []
    for r in records:
        st = r.state
        title = r.change.replace("_", " ").capitalize()
        dates = f"{st.start} to {st.end}, {st.units} {st.unit}s ({st.kind.replace('_', ' ')} design)"
        if st.verdict is not None:
            v = st.verdict
            views.append(ExperimentView(title, dates, "over", v.verdict, v.text, _picture(r)))
        else:
            so_far = (f"{st.outcomes_logged} of {st.units_so_far} {st.unit}s so far logged"
                      if st.units_so_far else "nothing logged yet")  # fmt: skip
            if st.outcome_test and st.units_so_far:
                so_far = f"{st.outcomes_logged} films of the {st.words.what} so far"
            progress = f"{so_far[:1].upper()}{so_far[1:]}; the verdict comes once the plan is over ({st.end})."
            views.append(ExperimentView(title, dates, st.today.text, None, progress, None))
    return views
