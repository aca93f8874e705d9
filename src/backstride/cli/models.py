"""``backstride models``: get the pose model's weights once, at set-up, and say where they are."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from backstride.cli.common import console, fail, progress_console

models = typer.Typer(no_args_is_help=True, help="The pose model's weights: fetch them once, list them.")


@models.command("fetch")
def fetch_command(
    all_models: Annotated[bool, typer.Option("--all", help="Also the lite and heavy models (npm).")] = False,
    to: Annotated[Path | None, typer.Option(help="Folder to write to (default: the first one 'list' shows).")] = None,
    wheel: Annotated[
        Path | None, typer.Option(help="The mediapipe 0.10.21 wheel as a file, for a machine without network")
    ] = None,
    tarball: Annotated[
        Path | None, typer.Option(help="The @mediapipe/pose 0.5.1675469404 npm tarball as a file")
    ] = None,
) -> None:
    """Download mediapipe's published BlazePose files (Apache-2.0), check their hashes, keep them."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    from backstride.errors import BackstrideError
    from backstride.pose.blazepose.fetch import DEFAULT_FILES, fetch
    from backstride.pose.blazepose.models import LANDMARK_FILES, models_folder

    names = (*DEFAULT_FILES, LANDMARK_FILES[0], LANDMARK_FILES[2]) if all_models else DEFAULT_FILES
    folder = to or models_folder()
    bar = Progress(
        TextColumn("[bold]weights"),
        BarColumn(bar_width=20),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=progress_console(),
        transient=True,
    )
    with bar:
        task = bar.add_task("weights", total=None)

        def seen(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        try:
            written = fetch(folder, names, wheel=wheel, tarball=tarball, progress=seen)
        except (BackstrideError, OSError) as exc:
            raise fail(exc) from None
    for path in written:
        console.print(f"{path.name}: {path.parent} (SHA-256 checked)", highlight=False, soft_wrap=True)


@models.command("list")
def list_command() -> None:
    """Where each model file is looked for and whether it is there, intact."""
    from backstride.pose.blazepose.models import DETECTOR, LANDMARK_FILES, locate, models_folders

    console.print("looked for in: " + ", ".join(str(f) for f in models_folders()), highlight=False, soft_wrap=True)
    for name in (DETECTOR, *LANDMARK_FILES.values()):
        found = locate(name)
        console.print(
            f"{name}: {found if found else 'missing (backstride models fetch)'}", highlight=False, soft_wrap=True
        )
