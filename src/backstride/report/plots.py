"""The report's plots as inline SVG (matplotlib, text drawn as paths: no font is fetched).

Sized for an A4 page and a phone: 7 x 2.6 inches, 9-point text, colour-blind-safe colours
(left blue, right orange) and a line style per foot so a grey print still tells them apart.
"""

from __future__ import annotations

import io

import numpy as np

from backstride.core.analysis import ClipAnalysis
from backstride.core.results import ClipResult
from backstride.core.trajectory import FEET, Trajectory, View
from backstride.metrics.geometry import flexion_deg

COLOUR = {"left": "#0072B2", "right": "#E69F00"}
STYLE = {"left": "-", "right": "--"}
CYCLE_POINTS = 101
#: Knee flexion at initial contact, about 21 deg (evidence.md A), drawn as the 10-30 deg range
#: the metric uses; no published band covers the rest of the cycle.
KNEE_AT_CONTACT_BAND = (10.0, 30.0)


def _figure(rows: int = 1, height_in: float = 2.6):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 9, "svg.fonttype": "path", "axes.spines.top": False, "axes.spines.right": False})
    return plt.subplots(rows, 1, figsize=(7.0, height_in * rows), squeeze=False)


def fit(fig) -> None:
    """Lay the figure out so no label is cut: long axis labels wrapped to the axes' width, then
    tight_layout (labels, ticks and legends kept inside the figure)."""
    import textwrap

    fig.canvas.draw()
    for ax in fig.axes:
        char_px = 0.6 * 9 / 72 * fig.dpi  # an average character at 9 pt
        width_chars = max(30, int(ax.get_window_extent().width / char_px))
        ax.set_xlabel("\n".join(textwrap.wrap(ax.get_xlabel(), width_chars)))
        height_chars = max(16, int(ax.get_window_extent().height / char_px))
        ax.set_ylabel("\n".join(textwrap.wrap(ax.get_ylabel(), height_chars)))
    fig.tight_layout()


def _svg(fig) -> str:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    fit(fig)
    fig.savefig(buf, format="svg")
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]


def _facing(traj: Trajectory) -> float:
    return -1.0 if traj.view is View.SIDE_LEFT else 1.0


def knee_flexion_series(traj: Trajectory, foot: str) -> np.ndarray:
    hip, knee, ankle = (traj.point(f"{foot}_{j}") for j in ("hip", "knee", "ankle"))
    out = np.full(traj.n_frames, np.nan)
    for i in range(traj.n_frames):
        if np.isfinite(hip[i]).all() and np.isfinite(knee[i]).all() and np.isfinite(ankle[i]).all():
            out[i] = flexion_deg(hip[i], knee[i], ankle[i])
    return out


def thigh_angle_series(traj: Trajectory, foot: str) -> np.ndarray:
    """Thigh (hip to knee) from vertical, + = knee ahead of the hip (flexion), in the levelled frame."""
    hip, knee = traj.point(f"{foot}_hip"), traj.point(f"{foot}_knee")
    return np.degrees(np.arctan2(_facing(traj) * (knee[:, 0] - hip[:, 0]), knee[:, 1] - hip[:, 1]))


def pelvis_obliquity_series(traj: Trajectory, foot: str) -> np.ndarray:
    """Hip-line angle, + = this foot's hip above the other's (it drops on the other side)."""
    left, right = traj.point("left_hip"), traj.point("right_hip")
    up = np.degrees(np.arctan2(-(left[:, 1] - right[:, 1]), np.abs(left[:, 0] - right[:, 0])))
    return up if foot == "left" else -up


def cycles(time_s: np.ndarray, series: np.ndarray, strikes_s: tuple[float, ...]) -> np.ndarray:
    """``[cycle, CYCLE_POINTS]``: the series from each strike to the same foot's next, on 0-100 %."""
    out = []
    for a, b in zip(strikes_s[:-1], strikes_s[1:]):
        # one sample beyond each end, so the events (between frames) are interpolated, not clamped
        lo, hi = max(0, int(np.searchsorted(time_s, a)) - 1), int(np.searchsorted(time_s, b)) + 1
        sel = np.zeros(len(time_s), dtype=bool)
        sel[lo:hi] = True
        sel &= np.isfinite(series)
        if sel.sum() < 5 or b - a > 2.0 or time_s[sel][0] > a or time_s[sel][-1] < b:
            continue
        out.append(np.interp(np.linspace(a, b, CYCLE_POINTS), time_s[sel], series[sel]))
    return np.array(out)


def angle_curves_svg(clip: ClipAnalysis) -> str | None:
    """Joint angles over the normalised gait cycle per foot: mean and +/- 1 SD."""
    traj = clip.trajectory
    if traj.view.is_side:
        panels = [
            ("Knee bend (deg)", knee_flexion_series, KNEE_AT_CONTACT_BAND),
            ("Thigh angle, + forward (deg)", thigh_angle_series, None),
        ]
    else:
        panels = [("Pelvis tilt, + own hip higher (deg)", pelvis_obliquity_series, None)]
    fig, axes = _figure(len(panels), 2.3)
    drawn = False
    for ax, (label, fn, band) in zip(axes[:, 0], panels):
        for foot in FEET:
            c = cycles(traj.time_s, fn(traj, foot), clip.gait.events[foot].foot_strike_s)
            if len(c) == 0:
                continue
            drawn = True
            x, m, sd = np.linspace(0, 100, CYCLE_POINTS), c.mean(axis=0), c.std(axis=0)
            ax.plot(x, m, STYLE[foot], color=COLOUR[foot], label=f"{foot} ({len(c)} cycles)")
            ax.fill_between(x, m - sd, m + sd, color=COLOUR[foot], alpha=0.2, linewidth=0)
            off = [100 * _stance_share(clip, foot)]
            ax.axvline(off[0], color=COLOUR[foot], linestyle=":", linewidth=1)
        if band:
            ax.errorbar([0], [np.mean(band)], yerr=[[np.mean(band) - band[0]], [band[1] - np.mean(band)]], fmt="s",
                        color="#009E73", capsize=4, label="normal at contact")  # fmt: skip
        ax.set_ylabel(label)
        ax.legend(loc="best", fontsize=7, frameon=False)
    toe_off = any(np.isfinite(_stance_share(clip, f)) for f in FEET)  # no toe-off line where not timed (rear)
    axes[-1, 0].set_xlabel("% of the gait cycle (0 = foot strike" + ("; dotted: toe-off)" if toe_off else ")"))
    return _svg(fig) if drawn else None


def _stance_share(clip: ClipAnalysis, foot: str) -> float:
    st = clip.gait.per_foot[foot].get("duty_factor_pct")
    return st.median / 100 if st is not None else float("nan")


def timeline_svg(clip: ClipAnalysis) -> str:
    """Each foot's contacts over the clip: a bar from foot strike to toe-off."""
    fig, axes = _figure(1, 1.7)
    ax = axes[0, 0]
    for row, foot in enumerate(FEET):
        spans = [(s.strike_s, s.contact_time_s) for s in clip.gait.steps if s.foot == foot]
        ax.broken_barh(spans, (row - 0.35, 0.7), color=COLOUR[foot])
    ax.set_yticks([0, 1], ["left", "right"])
    ax.set_xlabel("time in the clip (s); bars: foot on the ground (strike to toe-off)")
    t = clip.trajectory.time_s
    ax.set_xlim(float(t[0]), float(t[-1]))
    return _svg(fig)


def per_step_svg(clip: ClipAnalysis, metric: str, title: str) -> str | None:
    """Per-step values over the clip, contact time (side view) above a form metric."""
    series: list[tuple[str, list[tuple[float, float, str]]]] = []
    if clip.gait.per_foot["left"].get("contact_time_ms") is not None:
        series.append(
            ("Ground contact time (ms)", [(s.strike_s, 1000 * s.contact_time_s, s.foot) for s in clip.gait.steps])
        )
    values = clip.metrics[metric].values
    series.append((title, [(s.strike_s, v, s.foot) for s, v in zip(clip.gait.steps, values) if v is not None]))
    series = [(label, pts) for label, pts in series if pts]
    if not series:
        return None
    fig, axes = _figure(len(series), 1.9)
    for ax, (label, pts) in zip(axes[:, 0], series):
        for foot in FEET:
            mine = [(t, v) for t, v, f in pts if f == foot]
            if mine:
                ax.plot(*zip(*mine), STYLE[foot], marker="o", markersize=3, color=COLOUR[foot], label=foot)
        ax.set_ylabel(label, fontsize=8)
        ax.legend(loc="best", fontsize=7, frameon=False)
    axes[-1, 0].set_xlabel("time in the clip (s)")
    return _svg(fig)


def left_right_svg(result: ClipResult, titles: dict[str, str]) -> str | None:
    """Right minus left per metric; only differences beyond the measurement error are coloured."""
    rows = [(titles[k], m.asymmetry) for k, m in result.metrics.items() if m.asymmetry is not None]
    rows += [(titles[k], a) for k, a in result.timing_asymmetry.items() if a is not None]
    if not rows:
        return None
    fig, axes = _figure(1, 0.32 * len(rows) + 0.9)
    ax = axes[0, 0]
    for y, (_, a) in enumerate(rows):
        ax.barh(y, a.right_minus_left, color="#D55E00" if a.flagged else "#BBBBBB", height=0.6)
        ax.plot([-a.threshold, a.threshold], [y, y], "|-", color="#555555", linewidth=0.8, markersize=8)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=8)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.invert_yaxis()
    ax.set_xlabel("right minus left, in each metric's unit (whiskers: the measurement error; coloured: beyond it)")
    return _svg(fig)
