"""The report a runner and a physio read: report.html (self-contained), report.pdf and the
annotated videos, built from the typed results (:mod:`backstride.core.results`) and the analyses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from backstride.core.analysis import ClipAnalysis
from backstride.core.results import SummaryFile
from backstride.core.timing import stage

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
    helper=None,
) -> list[str]:
    """Write the report files into ``folder``; returns their names. The annotated videos are
    written by ``helper`` (:class:`~backstride.app.helper.Helper`) where given, beside the pages."""
    by_role = {c.role: c for c in clips}
    names: list[str] = []
    videos = []
    pending = []  # the videos the helper process writes while the report is laid out here
    if options.videos:
        for role, clip in by_role.items():
            copies = video_copies(role, options)
            for name, slow in copies:
                names.append(name)
                if (folder / name).exists():  # written beside the clip's analysis (write_videos)
                    continue
                if helper is not None:
                    pending.append(helper.submit(_annotated, clip, folder / name, slow, options.blur_face))
                    continue
                if on_stage:
                    on_stage(f"annotated {role} video")
                _annotated(clip, folder / name, slow, options.blur_face)
            videos.append((role, copies[0][0]))
    if pending and on_stage:
        on_stage("annotated videos (beside the report, in a second process)")
    names += _write_pages(folder, summary, by_role, videos, options, wear, on_stage)
    for future in pending:
        helper.wait(future)
    return names


def video_copies(role: str, options: ReportOptions) -> list[tuple[str, float]]:
    """The annotated videos of one clip: (file name, slow-down factor)."""
    copies = [(f"annotated_{role}.mp4", 1.0)]
    if options.slow:
        copies.append((f"annotated_{role}_slow{options.slow:g}x.mp4", options.slow))
    return copies


def write_videos(clip: ClipAnalysis, folder: Path, options: ReportOptions) -> None:
    """One clip's annotated videos into ``folder``, as soon as the clip is analysed, in the
    process that analysed it (the other clip may still be analysing); the report keeps them."""
    if options.videos:
        for name, slow in video_copies(clip.role, options):
            _annotated(clip, folder / name, slow, options.blur_face)


def _annotated(clip: ClipAnalysis, path: Path, slow: float, blur_face: bool) -> Path:
    from backstride.report.video import write_annotated

    with stage("annotated videos"):
        return write_annotated(clip, path, slow=slow, blur_face=blur_face)


def _write_pages(folder, summary, by_role, videos, options, wear, on_stage) -> list[str]:
    from backstride.report.content import build_content
    from backstride.report.html import render_html, shoe_photo

    names: list[str] = []
    if not (options.html or options.pdf):
        return names
    if on_stage:
        on_stage("report")
    content = build_content(summary, wear)
    photos = [shoe_photo(p) for p in options.shoe_photos]
    with stage("report html"):
        html = render_html(content, summary, by_role, photos=photos, videos=videos)
    if options.html:
        (folder / "report.html").write_text(html, encoding="utf-8")
        names.append("report.html")
    if options.pdf:
        from backstride.report.pdf import write_pdf

        if on_stage:
            on_stage("report.pdf")
        with stage("report pdf"):
            write_pdf(html, folder / "report.pdf", base_dir=folder)
        names.append("report.pdf")
    return names
