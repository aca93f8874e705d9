"""Draw docs/psis_tape.png: where the tape goes for the rear view (two dimples over the PSIS).

Run: .venv/bin/python docs/psis_tape.py (matplotlib only; the drawing is the project's own).
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Ellipse, FancyBboxPatch, Polygon, Rectangle  # noqa: E402

SKIN, LINE, TAPE, SHORTS = "#e8b894", "#6b4a3a", "#46eb3c", "#2b2b30"


def back(ax, x0: float, title: str, waistband: bool) -> None:
    # torso from behind: waist narrowing above the hips, buttocks below
    y = np.linspace(0, 1, 50)
    half = 0.34 - 0.07 * np.sin(np.pi * np.clip((y - 0.15) / 0.7, 0, 1))
    outline = np.concatenate([np.c_[x0 - half, y], np.c_[x0 + half[::-1], y[::-1]]])
    ax.add_patch(Polygon(outline, closed=True, fc=SKIN, ec=LINE, lw=1.5))
    ax.plot([x0, x0], [0.25, 1.0], color=LINE, lw=1, ls=(0, (4, 3)))  # the spine
    crest = np.linspace(-0.3, 0.3, 40)
    ax.plot(x0 + crest, 0.50 - 0.18 * crest**2 * 4, color=LINE, lw=0.8, alpha=0.6)  # top of the pelvis
    if waistband:
        ax.add_patch(Rectangle((x0 - 0.36, 0.0), 0.72, 0.36, fc=SHORTS, ec=LINE))
        ax.add_patch(Rectangle((x0 - 0.36, 0.33), 0.72, 0.06, fc="#eeeeee", ec=LINE))
        marks_y = 0.36
    else:
        ax.add_patch(Rectangle((x0 - 0.36, 0.0), 0.72, 0.24, fc=SHORTS, ec=LINE))
        marks_y = 0.36
    for side in (-1, 1):
        cx = x0 + side * 0.085
        ax.add_patch(Ellipse((cx, marks_y), 0.05, 0.035, fc="none", ec=LINE, lw=0.8))  # the dimple
        ax.add_patch(
            FancyBboxPatch((cx - 0.03, marks_y - 0.03), 0.06, 0.06, boxstyle="round,pad=0.003", fc=TAPE, ec="#1f7a1a")
        )
    ax.annotate(
        "", xy=(x0 - 0.085, marks_y - 0.07), xytext=(x0 + 0.085, marks_y - 0.07),
        arrowprops={"arrowstyle": "<->", "color": "black", "lw": 1},
    )  # fmt: skip
    ax.text(x0, marks_y - 0.11, "8-10 cm", ha="center", va="top", fontsize=9)
    ax.text(x0, 1.05, title, ha="center", va="bottom", fontsize=10, wrap=True)


def main(out: Path) -> None:
    fig, ax = plt.subplots(figsize=(7.2, 4.6), dpi=120)
    back(ax, 0.45, "Best: tape on the skin\nover the two dimples", waistband=False)
    back(ax, 1.35, "Or: two marks on a tight\nwaistband over the dimples", waistband=True)
    ax.text(
        0.9,
        -0.12,
        "The dimples at the bottom of the back sit over the bony points of the pelvis (PSIS). Feel for the two "
        "bumps either side of the spine, level with the top of the buttocks; stick a 3-4 cm square of bright "
        "tape on each, in a colour that differs from your clothes. Skin tape moves with the pelvis; a "
        "waistband can slip, so skin is better.",
        ha="center",
        va="top",
        fontsize=8.5,
        wrap=True,
    )
    ax.set_xlim(-0.05, 1.85)
    ax.set_ylim(-0.45, 1.25)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.savefig(out, bbox_inches="tight")


if __name__ == "__main__":
    main(Path(__file__).with_name("psis_tape.png"))
