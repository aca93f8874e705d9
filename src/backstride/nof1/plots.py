"""The verdict's pictures: the timeline with its A and B phases shaded and wash-out units greyed,
the effect with its interval against the clinically important change, and the randomisation
distribution with the observed difference."""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING

import numpy as np

from backstride.nof1.analysis import Verdict, mean_difference
from backstride.nof1.design import Design
from backstride.nof1.outcome import PAIN, Scale

if TYPE_CHECKING:
    from matplotlib.axes import Axes

A_COLOUR, B_COLOUR = "#dfe7f3", "#fde3c8"


def verdict_png(design: Design, schedule: np.ndarray, y: np.ndarray, v: Verdict, out: Path | IO[bytes]) -> None:
    """The three pictures side by side, as PNG into ``out`` (a path or a binary file)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (timeline, effect, null) = plt.subplots(1, 3, figsize=(13, 3.4), dpi=110,
                                                 gridspec_kw={"width_ratios": [2.2, 1, 1.3]})  # fmt: skip
    _timeline(timeline, design, schedule, y, v.scale)
    _effect(effect, v)
    _distribution(null, design, schedule, y)
    fig.suptitle(v.text()[:160], fontsize=9)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)


def _timeline(ax: Axes, design: Design, schedule: np.ndarray, y: np.ndarray, scale: Scale = PAIN) -> None:
    x = np.arange(1, len(y) + 1)
    analysed = design.analysed() & np.isfinite(y)  # a filmed test has a value on its film days only
    for i, b in enumerate(schedule):
        ax.axvspan(i + 0.5, i + 1.5, color=B_COLOUR if b else A_COLOUR, lw=0)
        if not analysed[i]:
            ax.axvspan(i + 0.5, i + 1.5, color="0.6", alpha=0.5, lw=0)
    ax.plot(x[analysed], y[analysed], "o-", color="0.15", ms=3, lw=1)
    ax.plot(x[~analysed], y[~analysed], "o", color="0.55", ms=3)
    ax.set_xlabel("run" if design.kind == "per_run" else "day")
    if scale is PAIN:
        ax.set_ylim(-0.2, 10.2)
        ax.set_ylabel(design.outcome.replace("_", " ") + " (0-10)")
    else:
        ax.set_ylabel(f"{scale.what} ({scale.unit})")
    ax.set_title("Timeline: blue A (as usual), orange B (the change), grey wash-out", fontsize=9)


def _effect(ax: Axes, v: Verdict) -> None:
    ax.axvline(0, color="0.4", lw=1)
    if v.size is not None:
        s = v.size
        ax.axvspan(s.threshold, max(s.high, s.threshold) + 1, color="#e3f3e4", lw=0)
        ax.errorbar([s.median], [0], xerr=[[s.median - s.low], [s.high - s.median]], fmt="o", color="k", capsize=6)
        ax.set_xlim(min(s.low, -1) - 0.5, max(s.high, s.threshold) + 1)
        ax.text(s.threshold, 0.35, f" counts:\n {s.threshold:.1f} {v.scale.unit}", fontsize=8, va="bottom")
    ax.set_ylim(-1, 1)
    ax.set_yticks([])
    sc = v.scale
    ax.set_xlabel("points less pain on the change" if sc is PAIN else f"{sc.unit} {sc.better} {sc.what} on the change")
    ax.set_title("Effect, 95 % interval", fontsize=9)


def _distribution(ax: Axes, design: Design, schedule: np.ndarray, y: np.ndarray) -> None:
    keep = design.analysed()
    values = mean_difference(design.reference(), y, keep)
    observed = mean_difference(schedule[None, :], y, keep)[0]
    ax.hist(values[np.isfinite(values)], bins=30, color="0.75")
    ax.axvline(observed, color="#d35400", lw=2)
    ax.set_xlabel("A minus B, every schedule the design could draw")
    ax.set_title("Randomisation test: observed (orange)", fontsize=9)
