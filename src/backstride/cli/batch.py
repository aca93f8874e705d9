"""``backstride batch``: many runners' assessments on Dask distributed (app/batch.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from backstride.cli.common import EXIT_PARTIAL, console, err_console, fail, progress_console
from backstride.errors import BackstrideError

if TYPE_CHECKING:
    from backstride.app.batch import BatchResult, Outcome


def batch(
    manifest: Annotated[
        Path,
        typer.Argument(
            help="A CSV or YAML manifest (columns runner, side, rear, answers, height_cm, speed_kmh, slowmo, "
            "rear_slowmo; paths local or URLs) or a folder of clips named RUNNER_side.mp4, RUNNER_rear.mp4."
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Results folder: one folder per assessment, results.parquet and .csv.")
    ],
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, max=256, help="Worker processes of the local cluster (default: one a core)."),
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Run on an existing Dask cluster (tcp://HOST:8786) instead.")
    ] = None,
    report: Annotated[
        bool, typer.Option("--report/--no-report", help="Also write each assessment's report and annotated videos.")
    ] = False,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Run failed assessments again even when their inputs are unchanged.")
    ] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not reuse or store keypoints.")] = False,
) -> None:
    """Analyse many runners' clips, each assessment a task on a Dask cluster; unchanged ones are skipped."""
    from dataclasses import replace

    from backstride.app.batch import cluster_client, dashboard_link, run_batch
    from backstride.app.manifest import load_assessments
    from backstride.app.output import check_writable
    from backstride.settings import BatchSettings, from_environment

    settings = from_environment()
    if no_cache:
        settings = replace(settings, pose=replace(settings.pose, cache_dir=None))
    try:
        assessments = load_assessments(manifest)  # every row checked before a worker starts
        check_writable(out)
        with cluster_client(BatchSettings(), workers, scheduler) as client:
            link = dashboard_link(client)
            n_workers = len(client.scheduler_info()["workers"])
            where = f"the cluster at {scheduler}" if scheduler else f"{n_workers} local workers"
            board = f"; dashboard {link}" if link else ""
            console.print(f"{_plural(len(assessments), 'assessment')} on {where}{board}", highlight=False)
            with _BatchProgress(len(assessments)) as bar:
                result = run_batch(
                    assessments, out, settings, client, report=report, retry_failed=retry_failed, on_done=bar.advance
                )
    except BackstrideError as exc:
        raise fail(exc) from None
    _print_result(result, out)


class _BatchProgress:
    """One bar for the batch: assessments done, refused and failed so far, and the time left."""

    def __init__(self, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("[bold]assessments"), BarColumn(bar_width=24), MofNCompleteColumn(),
            TextColumn("{task.fields[tally]}"), TimeRemainingColumn(), console=progress_console(), transient=True,
        )  # fmt: skip
        self.task = self.bar.add_task("batch", total=total, tally="")
        self.counts: dict[str, int] = {}

    def advance(self, outcome: Outcome) -> None:
        status = "skipped" if outcome.skipped else outcome.record.status
        self.counts[status] = self.counts.get(status, 0) + 1
        tally = ", ".join(f"{n} {s}" for s, n in sorted(self.counts.items()))
        self.bar.update(self.task, advance=1, tally=tally)

    def __enter__(self) -> _BatchProgress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.__exit__(*exc)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _skipped_failures(result: BatchResult) -> bool:
    return any(o.skipped and o.record.status == "failed" for o in result.outcomes)


def _print_result(result: BatchResult, out: Path) -> None:
    counts = {s: result.count(s) for s in ("done", "partial", "refused", "failed")}
    line = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    console.print(f"{_plural(len(result.outcomes), 'assessment')}: {line}", highlight=False)
    if result.skipped:
        console.print(
            f"{result.skipped} skipped: unchanged since their results were written (inputs and settings)"
            + ("; --retry-failed runs the failed ones again" if _skipped_failures(result) else ""),
            highlight=False,
        )
    for outcome in result.outcomes:
        if outcome.record.status in ("refused", "failed"):
            err_console.print(
                f"[bold yellow]{outcome.record.status}:[/] {outcome.record.runner}: {outcome.record.reason}",
                highlight=False,
                soft_wrap=True,
            )
    parquet, csv = result.table_paths
    console.print(f"table: [bold]{parquet}[/] and {csv.name}; one folder per assessment in {out}", highlight=False)
    if counts["refused"] or counts["failed"] or counts["partial"]:
        raise typer.Exit(EXIT_PARTIAL)
