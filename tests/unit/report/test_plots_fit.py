"""No plot label is cut (the left/right chart's x label ran off the page, the rear pelvis plot's y
label off the top): every text of every report plot lies inside its figure once laid out, on the
generator's runner from the side and from behind (perfect keypoints)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backstride.app.output import summary
from backstride.app.pipeline import analyse_trajectory
from backstride.report import plots
from backstride.report.content import metric_titles
from backstride.synth.kinematics import simulate
from backstride.synth.model import RunnerParams
from backstride.synth.render import Camera
from backstride.video.probe import Probe
from tests.unit.synth.test_synth import perfect_keypoints

FPS = 60.0


def _texts_outside(fig) -> list[str]:
    """The drawn texts (labels, tick labels, titles, legends) that reach past the figure's edge."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    out = []
    for ax in fig.axes:
        drawn = [ax.xaxis.label, ax.yaxis.label, ax.title]
        drawn += [t.label1 for t in ax.xaxis.get_major_ticks() + ax.yaxis.get_major_ticks()
                  if t.get_visible() and t.label1.get_visible()]  # fmt: skip
        legend = ax.get_legend()
        drawn += list(legend.get_texts()) if legend else []
        for text in drawn:
            if not text.get_text():
                continue
            e = text.get_window_extent(renderer)
            inside_axis = text not in (ax.xaxis.label, ax.yaxis.label, ax.title)
            if inside_axis and not _in_view(ax, text):
                continue  # a tick beyond the axis's limits is not drawn
            if e.x0 < box.x0 - 1 or e.x1 > box.x1 + 1 or e.y0 < box.y0 - 1 or e.y1 > box.y1 + 1:
                out.append(text.get_text())
    return out


def _in_view(ax, text) -> bool:
    x, y = text.get_position()
    lo_x, hi_x = sorted(ax.get_xlim())
    lo_y, hi_y = sorted(ax.get_ylim())
    on_x = text in [t.label1 for t in ax.xaxis.get_major_ticks()]
    return (lo_x <= x <= hi_x) if on_x else (lo_y <= y <= hi_y)


@pytest.mark.parametrize("view", ["side-left", "rear"])
def test_every_plot_keeps_its_labels_inside(view, monkeypatch):
    kin = simulate(RunnerParams(pelvic_drop_deg=9.0), np.arange(0, 6, 1 / FPS))
    info = Probe(Path("clip.mp4"), 6.0, FPS, 720, 1280, "h264", 0, len(kin.time_s), 1)
    role = "rear" if view == "rear" else "side"
    clip = analyse_trajectory(perfect_keypoints(kin, Camera(view)), info, role=role, height_cm=None)
    cut: dict[str, list[str]] = {}
    original = plots._svg

    def checked(fig) -> str:
        plots.fit(fig)
        cut[f"figure {len(cut) + 1}"] = _texts_outside(fig)
        return original(fig)

    monkeypatch.setattr(plots, "_svg", checked)
    plots.angle_curves_svg(clip)
    plots.timeline_svg(clip)
    plots.per_step_svg(clip, "pelvic_drop_deg" if role == "rear" else "knee_flexion_contact_deg", "a metric")
    plots.left_right_svg(summary([clip], None).clips[role], metric_titles())
    assert len(cut) >= 3 and not any(cut.values()), cut
