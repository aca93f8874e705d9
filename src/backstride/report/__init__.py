"""The report a runner and a physio read: report.html (self-contained), report.pdf and the
annotated videos, built from the typed results (:mod:`backstride.core.results`) and the analyses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from backstride.core.analysis import ClipAnalysis
from backstride.core.results import SummaryFile

REPORT_FILES = ("report.html", "report.pdf")


@dataclass(frozen=True)
class ReportOptions:
    """What ``analyze`` writes beside the result files."""

    html: bool = True
    pdf: bool = True
    videos: bool = True
    slow: float | None = None  # also write a copy slowed by this factor
    blur_face: bool = False
    shoe_photos: tuple[Path, ...] = field(default=())


def write_report(
    folder: Path,
    summary: SummaryFile,
    clips: list[ClipAnalysis],
    *,
    options: ReportOptions = ReportOptions(),
    wear: dict[str, str] | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> list[str]:
    """Write the report files into ``folder``; returns their names."""
    from backstride.report.content import build_content
    from backstride.report.html import render_html, shoe_photo
    from backstride.report.video import write_annotated

    by_role = {c.role: c for c in clips}
    names: list[str] = []
    videos = []
    if options.videos:
        for role, clip in by_role.items():
            if on_stage:
                on_stage(f"annotated {role} video")
            name = f"annotated_{role}.mp4"
            write_annotated(clip, folder / name, blur_face=options.blur_face)
            videos.append((role, name))
            names.append(name)
            if options.slow:
                slow_name = f"annotated_{role}_slow{options.slow:g}x.mp4"
                write_annotated(clip, folder / slow_name, slow=options.slow, blur_face=options.blur_face)
                names.append(slow_name)
    if not (options.html or options.pdf):
        return names
    if on_stage:
        on_stage("report")
    content = build_content(summary, wear)
    photos = [shoe_photo(p) for p in options.shoe_photos]
    html = render_html(content, summary, by_role, photos=photos, videos=videos)
    if options.html:
        (folder / "report.html").write_text(html, encoding="utf-8")
        names.append("report.html")
    if options.pdf:
        from backstride.report.pdf import write_pdf

        if on_stage:
            on_stage("report.pdf")
        write_pdf(html, folder / "report.pdf", base_dir=folder)
        names.append("report.pdf")
    return names
