"""What every command shares: the consoles, progress bars and the bad-input exit."""

from __future__ import annotations

import os
import sys

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

EXIT_BAD_INPUT = 2

console = Console()
err_console = Console(stderr=True)
_terminal_err: Console | None = None


def progress_console() -> Console:
    """Where progress bars go: a copy of the terminal's stderr, which stays open while the pose
    model points the process's own stderr at /dev/null to hide its native log lines."""
    global _terminal_err
    try:
        real = sys.stderr.fileno() == 2
    except (AttributeError, OSError, ValueError):  # captured (tests): write where stderr goes
        real = False
    if not real:
        return err_console
    if _terminal_err is None:
        _terminal_err = Console(file=os.fdopen(os.dup(2), "w", buffering=1), stderr=True)
    return _terminal_err


class FrameRateColumn(ProgressColumn):
    """Frames decoded and posed per second."""

    def render(self, task) -> Text:
        return Text(f"{task.speed:4.0f} fps" if task.speed else " ... fps", style="cyan")


def progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.fields[clip]}"),
        BarColumn(bar_width=20),
        MofNCompleteColumn(),
        FrameRateColumn(),
        TimeRemainingColumn(),
        console=progress_console(),
        transient=True,  # a bar disappears when done: an error stays the only line on stderr
    )


def fail(exc: Exception) -> typer.Exit:
    """Print a bad-input error on one line; the caller raises what this returns."""
    err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
    return typer.Exit(EXIT_BAD_INPUT)
