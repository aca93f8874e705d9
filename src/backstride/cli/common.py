"""What every command shares: the consoles, progress bars and the bad-input exit."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

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
#: Results written, but a clip could not be measured (its reason printed; summary.json's "refused").
EXIT_PARTIAL = 3

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
    from rich.markup import escape

    # the message is text, not markup: a path or an extra like "backstride[mediapipe]" keeps its brackets
    err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
    return typer.Exit(EXIT_BAD_INPUT)


#: The placeholder a value's type shows in --help, one style throughout (click's): never a Python type.
PLACEHOLDERS = {"Path": "PATH", "str": "TEXT", "float": "NUMBER", "int": "INTEGER", "datetime": "DATE", "date": "DATE"}


def _placeholder(param, ctx=None) -> str | None:
    """A flag shows none; a value shows PATH, TEXT, NUMBER, INTEGER or DATE (with ... for several),
    a choice its values."""
    if getattr(param, "is_flag", False):
        return None
    desc = param.type_descriptor
    if desc.is_choice:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in desc.choices or ()) + "]"
    annotation = desc.annotation
    if desc.is_list:
        annotation = getattr(annotation, "__args__", (annotation,))[0]
    label = PLACEHOLDERS.get(getattr(annotation, "__name__", ""), "VALUE")
    if desc.is_path:
        label = "PATH"
    return label + ("..." if desc.is_list else "")


def plain_help_placeholders() -> None:
    """Typer 0.2x prints each value's Python type in --help (``<list[Path]>``, ``<bool>``): shown
    instead, click's placeholders. Typer's presentation only; parsing is untouched."""
    from typer import core

    for kind in (core.TyperOption, core.TyperArgument):
        if hasattr(kind, "display_type_rich"):
            kind.display_type_rich = _placeholder  # type: ignore[method-assign,assignment]
            kind.display_type = lambda self, ctx: _placeholder(self, ctx) or ""  # type: ignore[method-assign]


RUNNER_HELP = "The runner's name (or id) in the app's data folder"
Runner = Annotated[str, typer.Option("--runner", help=RUNNER_HELP)]
MaybeRunner = Annotated[str | None, typer.Option("--runner", help=RUNNER_HELP)]
DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="The app's data folder: runners, their clips, logs and experiments (default: "
        "$BACKSTRIDE_DATA_DIR, else ~/.local/share/backstride)",
    ),  # fmt: skip
]


def store_at(data_dir: Path | None):
    """The web settings naming the data folder a command reads (None: the environment's)."""
    from dataclasses import replace

    from backstride.settings import web_from_environment

    web = web_from_environment()
    return replace(web, data_dir=data_dir) if data_dir is not None else web


def short_name(name: str, width: int = 24) -> str:
    return name if len(name) <= width else name[: width - 3] + "..."
