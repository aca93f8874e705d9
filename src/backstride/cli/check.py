"""``backstride check``: a filmed self-test measured (app/check.py), its result and what it means."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from backstride.cli.common import DataDir, MaybeRunner, console, fail, progress, short_name
from backstride.errors import BackstrideError

if TYPE_CHECKING:
    from backstride.app.check import Checked
    from backstride.bodycheck.catalogue import SelfTest
    from backstride.core.bodycheck import FormResult


def check(
    clip: Annotated[
        Path | None, typer.Argument(help="The clip of the self-test (see --guide for how to film it).")
    ] = None,
    test: Annotated[
        str,
        typer.Option(
            "--test",
            help="Which self-test: sorensen (back-extensor endurance), flexor (trunk-flexor endurance), side-bridge, "
            "slr (hamstring length), thomas (hip-flexor length), single-leg-squat (from behind); or which exercise's "
            "form: back-extension, glute-bridge, single-leg-deadlift.",
        ),
    ] = "",
    out: Annotated[Path, typer.Option("--out", help="Results folder: check.json and check.jpg.")] = Path(
        "check-results"
    ),
    guide: Annotated[
        bool, typer.Option("--guide", help="Print how to film the test, draw it (guide-TEST.png in --out), and exit.")
    ] = False,
    runner: MaybeRunner = None,
    data_dir: DataDir = None,
) -> None:
    """Measure a filmed self-test of your physical condition and compare it with published values."""
    from backstride.app.check import check_clip, self_test, write_check
    from backstride.app.output import check_writable
    from backstride.settings import from_environment

    try:
        chosen = self_test(test)
        if guide or clip is None:
            print_guide(chosen, out)
            return
        check_writable(out)  # before any video work
        if runner:
            known_runner(runner, data_dir)
        with progress() as bar:
            task = bar.add_task("pose", total=None, clip=short_name(clip.name))
            checked = check_clip(
                clip, test, from_environment(), on_total=lambda n: bar.update(task, total=n),
                on_frames=lambda n: bar.update(task, completed=n),
            )  # fmt: skip
        written = write_check(checked, out)
        kept = keep(written[0], runner, data_dir) if runner else None
    except BackstrideError as exc:
        raise fail(exc) from None
    print_result(checked)
    console.print(f"written to [bold]{out}[/]: {', '.join(p.name for p in written)}", highlight=False)
    if kept:
        console.print(kept, highlight=False)


def known_runner(runner: str, data_dir: Path | None) -> None:
    """Refuse an unknown runner before any video work."""
    from backstride.cli.common import store_at
    from backstride.store.logbook import find_runner, opened

    with opened(store_at(data_dir)) as s:
        find_runner(s, runner)


def keep(check_json: Path, runner: str, data_dir: Path | None) -> str:
    """Keep the result in the runner's history (the app's data folder); what to say."""
    from backstride.cli.common import store_at
    from backstride.core.check_file import CheckFile
    from backstride.store.bodychecks import save_check
    from backstride.store.logbook import find_runner, opened, today_of

    doc = CheckFile.model_validate_json(check_json.read_text())
    with opened(store_at(data_dir)) as s:
        found = find_runner(s, runner)
        day = today_of(found)
        save_check(s, found, doc, day)
        name = found.name
    return f"kept in {name}'s history on {day} ('backstride log checks --runner {runner}' shows the change)"


def print_guide(test: SelfTest, out: Path) -> None:
    """The steps in words, and a drawing of the position as the phone should see it."""
    from backstride.app.guide import draw_guide
    from backstride.app.output import check_writable

    console.print(f"[bold]{test.title}[/]: film it from the {test.view}", highlight=False)
    for i, step in enumerate(test.how_to_film, 1):
        console.print(f"  {i}. {step}", highlight=False)
    console.print(f"Measured: {test.measured}.", highlight=False)
    check_writable(out)
    drawing = draw_guide(test.name, out / f"guide-{test.name}.png")
    console.print(f"How the phone should see it: [bold]{drawing}[/]", highlight=False)


def _print_form(r: FormResult, title: str) -> None:
    holds = r.test == "towel-stretch"
    leg = f" ({r.leg} leg)" if r.leg else ""
    console.print(f"[bold]{title}[/]{leg}: {len(r.reps)} {'holds' if holds else 'repetitions'}", highlight=False)
    for line in r.verdict:
        console.print(f"  {line}", highlight=False)
    if r.test in ("single-leg-deadlift", "towel-stretch"):
        from backstride.app.check import deadlift_figures, towel_figures

        figures, word = (towel_figures, "hold") if holds else (deadlift_figures, "rep")
        for rep in r.reps:
            console.print(f"  [dim]{word} {rep.number}:[/] {figures(rep)}", highlight=False)
    for what in r.not_checked:
        console.print(f"  [dim]not checked:[/] {what}", highlight=False)


def print_result(checked: Checked) -> None:
    from backstride.core.bodycheck import FormResult, HoldResult, SquatResult

    r, t = checked.result, checked.test
    if isinstance(r, SquatResult):
        legs = "; ".join(
            f"{leg.leg} leg ({leg.reps} reps): knee {leg.knee_in_deg:+.0f} degrees inside, "
            f"pelvis drop {leg.pelvis_drop_deg:+.0f}"
            for leg in r.legs
        )
        console.print(f"[bold]{t.title}[/]: {legs} (pelvis from {r.pelvis_from})", highlight=False)
        for line in r.verdict:
            console.print(f"  {line}", highlight=False)
    elif isinstance(r, FormResult):
        _print_form(r, t.title)
    elif isinstance(r, HoldResult):
        at_least = "" if r.ended else "at least "
        side = f", {r.side} side down" if r.side else ""
        console.print(
            f"[bold]{t.title}[/]: {at_least}{r.seconds:.1f} {t.unit} (held from {r.start_s:.1f} s to {r.end_s:.1f} s "
            f"of the clip{side})", highlight=False,
        )  # fmt: skip
    elif t.name == "thomas":
        legs = "; ".join(f"{a.leg} thigh {round(a.angle_deg):+d} degrees below the line of the trunk, knee bent "
                         f"{a.knee_flexion_deg:.0f}" for a in r.legs)  # fmt: skip
        console.print(f"[bold]{t.title}[/]: {legs}", highlight=False)
    else:
        legs = "; ".join(f"{a.leg} {a.angle_deg:.0f} degrees (at {a.time_s:.1f} s)" for a in r.legs)
        console.print(f"[bold]{t.title}[/]: {legs}", highlight=False)
    for note in r.warnings:
        console.print(f"  [yellow]note:[/] {note}", highlight=False)
    for n in t.norms:
        console.print(f"  {n.group}: {n.value:.0f} {t.unit} ({n.source})", highlight=False)
    console.print(f"  What it means ({t.evidence_grade}): {t.meaning}", highlight=False)
