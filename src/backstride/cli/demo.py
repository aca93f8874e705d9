"""backstride demo: the whole job on the built-in synthetic runner."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import TaskID

from backstride.cli.common import console, fail, progress
from backstride.cli.run import print_written, raise_if_partial, run_analysis
from backstride.cli.show import print_headline, print_summary, truth_table
from backstride.errors import BackstrideError
from backstride.settings import Settings


def demo(
    out: Annotated[Path, typer.Option("--out", help="Results folder.")] = Path("results") / "demo",
) -> None:
    """The whole job on a built-in runner: render side and rear clips with known faults, answer a sample
    questionnaire, analyse, write the report and annotated videos, print the summary beside the truth."""
    import json

    import yaml

    from backstride.app.demo import DEMO_ANSWERS, DEMO_PARAMS, render_demo
    from backstride.app.output import check_writable
    from backstride.report import ReportOptions
    from backstride.triage import parse_answers

    settings = Settings()  # nothing cached: the demo's clips are rendered anew
    try:
        check_writable(Path(out))  # before the clips are rendered into it
    except BackstrideError as exc:
        raise fail(exc) from None
    with progress() as bar:
        tasks: dict[str, TaskID] = {}

        def step(role: str, i: int, n: int) -> None:
            if role not in tasks:
                tasks[role] = bar.add_task("render", total=n, clip=f"render {role}")
            bar.update(tasks[role], completed=i)

        clips = render_demo(Path(out) / "clips", progress=step)
    answers_file = Path(out) / "answers.yaml"
    answers_file.write_text(yaml.safe_dump(DEMO_ANSWERS, sort_keys=False))
    try:
        analysed = run_analysis(
            clips["side"],
            clips["rear"],
            DEMO_PARAMS.height_m * 100,
            Path(out),
            settings,
            answers=parse_answers(DEMO_ANSWERS, source=str(answers_file)),
            report=ReportOptions(),
        )
    except BackstrideError as exc:
        raise fail(exc) from None
    print_summary(analysed.clips)
    truth = {role: json.loads(p.with_suffix(".truth.json").read_text()) for role, p in clips.items()}
    console.print(truth_table(analysed.clips, truth))
    print_headline(Path(out) / "summary.json")
    console.print(f"sample questionnaire: {answers_file}; clips and their truth in {Path(out) / 'clips'}")
    print_written(Path(out), ReportOptions())
    raise_if_partial(analysed)
