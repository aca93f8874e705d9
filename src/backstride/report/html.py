"""report.html: one self-contained file (inline CSS, SVG plots, JPEG pictures as data URIs).

Nothing is fetched: no script, font, style sheet or image from the network. The annotated
videos are files beside it (see :mod:`backstride.report.video`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

import numpy as np

from backstride import __version__
from backstride.core.analysis import ClipAnalysis
from backstride.core.kinds import Role
from backstride.core.results import SummaryFile
from backstride.core.sizes import size_text
from backstride.errors import InputFileError
from backstride.report.content import ReportContent
from backstride.report.pictures import finding_pictures, to_data_uri
from backstride.report.plots import angle_curves_svg, left_right_svg, per_step_svg, timeline_svg

TEMPLATE = "report.html.j2"
SHOE_PHOTO_PX = 600  # longest side of a sole photo in the report
SHOE_PHOTO_MAX_BYTES = 30_000_000


def human(text: str) -> str:
    """ "red_flags.night_pain" -> "Pain at night": the questionnaire's own labels (triage.labels)."""
    from backstride.triage.labels import plain as plain_words

    out = plain_words(text).strip()
    return out[:1].upper() + out[1:]


def plain(text: str) -> str:
    """Answer and finding ids in a sentence made readable (triage.labels.plain), an empty answer ->
    "not answered"."""
    from backstride.triage.labels import plain as plain_words

    return plain_words(text)


def plots(
    clips: Mapping[Role, ClipAnalysis], summary: SummaryFile, titles: dict[str, str]
) -> list[tuple[str, str | None, str]]:
    """(title, SVG or None, what to say when there is no plot)."""
    out: list[tuple[str, str | None, str]] = []
    for role, clip in clips.items():
        side = clip.trajectory.view.is_side
        what = "knee bend and thigh angle" if side else "pelvis tilt"
        out.append(
            (
                f"{role.capitalize()} clip: {what} over the gait cycle (mean and spread per foot)",
                angle_curves_svg(clip),
                "Too few full cycles to average.",
            )
        )
        if side:
            out.append((f"{role.capitalize()} clip: when each foot was on the ground", timeline_svg(clip), ""))
        metric = "foot_strike_angle_deg" if side else "pelvic_drop_deg"
        out.append(
            (
                f"{role.capitalize()} clip: step by step over the clip (a trend would show fatigue)",
                per_step_svg(clip, metric, titles[metric]),
                "No per-step values were measured.",
            )
        )
        out.append(
            (
                f"{role.capitalize()} clip: left against right",
                left_right_svg(summary.clips[role], titles),
                "No metric was measured on both feet.",
            )
        )
    return out


def shoe_photo(path: Path) -> tuple[str, str]:
    """A sole photo as (file name, JPEG data URI), scaled down and stripped of its metadata;
    refused unless its content decodes as an image."""
    import cv2

    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"{path}: no such shoe photo")
    if path.stat().st_size > SHOE_PHOTO_MAX_BYTES:
        raise InputFileError(f"{path}: larger than the {size_text(SHOE_PHOTO_MAX_BYTES)} limit for a photo")
    img = cv2.imdecode(np.frombuffer(path.read_bytes(), np.uint8), cv2.IMREAD_COLOR)
    if img is None:
        raise InputFileError(f"{path}: not a photo (JPEG, PNG, WebP, BMP or TIFF)")
    scale = min(1.0, SHOE_PHOTO_PX / max(img.shape[:2]))
    if scale < 1.0:
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return path.name, to_data_uri(img)


def render_html(
    content: ReportContent,
    summary: SummaryFile,
    clips: Mapping[Role, ClipAnalysis],
    *,
    photos: Sequence[tuple[str, str]] = (),
    videos: Sequence[tuple[str, str]] = (),
    made: datetime | None = None,
) -> str:
    import jinja2

    from backstride.report.experiments import experiment_views

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("backstride.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["human"] = human
    env.filters["plain"] = plain
    env.globals["zip"] = zip
    title = ", ".join(f"{role} {c.file}" for role, c in summary.clips.items())
    return env.get_template(TEMPLATE).render(
        c=content,
        pictures={} if content.held_back else finding_pictures(clips, list(content.findings)),
        plots=[] if content.held_back else plots(clips, summary, content.titles),
        experiments=[] if content.held_back else experiment_views(summary.experiments),
        self_tests=None if content.held_back else summary.self_tests,
        photos=list(photos),
        videos=list(videos),
        title=title,
        made=(made or datetime.now()).strftime("%Y-%m-%d %H:%M"),
        version=__version__,
    )
