"""Commands of the symptom side: the questionnaire and triage, and how their results print."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from backstride.cli.common import RUNNER_HELP, DataDir, console, fail, store_at
from backstride.errors import BackstrideError, OutputError

if TYPE_CHECKING:
    from backstride.core.results import PainSourceResult, PlanItemResult, TriageResult


def questionnaire(
    out: Annotated[Path, typer.Option("--out", help="Where to write the answers (YAML).")] = Path("answers.yaml"),
    runner: Annotated[
        str | None, typer.Option("--runner", help=RUNNER_HELP + ": the training-load answers are taken from their log")
    ] = None,  # fmt: skip
    data_dir: DataDir = None,
) -> None:
    """Answer the symptom questionnaire in the terminal; writes a file for triage and analyze --answers."""
    import yaml

    from backstride.app.output import check_writable_file
    from backstride.triage.form import run_form

    try:
        check_writable_file(out)  # before the runner answers every question
        known = _load_from_log(runner, data_dir) if runner else None
    except BackstrideError as exc:
        raise fail(exc) from None
    console.print(
        "Answer each question: type the number of a choice (several, comma-separated, where it says so), or a "
        "number; press Enter to skip an optional one. Warning-sign questions need an answer (3 = don't know)."
    )
    try:
        a = run_form(
            lambda q: typer.prompt(q.prompt(), default="", show_default=False),
            say=lambda note: console.print(note, highlight=False),
            known=known,
        )
    except BackstrideError as exc:
        raise fail(exc) from None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(yaml.safe_dump(a.model_dump(mode="json"), sort_keys=False))
    except OSError as exc:
        raise fail(OutputError(f"{out}: cannot write the answers ({exc.strerror})")) from None
    console.print(f"answers written to {out}; next: backstride triage {out}", markup=False)


def _load_from_log(runner: str, data_dir: Path | None) -> dict:
    """The questionnaire's training-load fields from the runner's log in the app's data folder, and the
    self-test answers their filmed checks give (store/bodychecks.filmed_answers)."""
    from backstride.store.bodychecks import checks_of, filmed_answers
    from backstride.store.logbook import find_runner, load_of, opened

    with opened(store_at(data_dir)) as s:
        found = find_runner(s, runner)
        load = load_of(s, found)
        filmed = filmed_answers(checks_of(s, found))
    return {f"running.{k}": v for k, v in load.items()} | filmed


def triage(
    answers: Annotated[Path, typer.Argument(help="Questionnaire answers (YAML or JSON).")],
) -> None:
    """Red-flag screen first, then where the pain likely comes from, with the evidence."""
    from backstride.advice.report import triage_report
    from backstride.triage import Action, load_answers, screen

    try:
        a = load_answers(answers)
    except BackstrideError as exc:
        raise fail(exc) from None
    s = screen(a)
    print_screen(s)
    if s.action == Action.EMERGENCY_NOW:
        console.print("[bold]The rest of the analysis is held back: seek care first.[/]")
        return
    t = triage_report(a)
    print_outside_spine(t)
    if t.pain_source is not None:
        print_estimate(t.pain_source)
        print_self_tests(t.pain_source)
    for note in t.shoe_wear_notes:
        console.print(f"  shoe wear: {note}", highlight=False)
    for note in t.risk_factors:
        console.print(f"  context: {note}", highlight=False)
    for note in t.unknown_costs:
        console.print(f"  unknown: {note}", highlight=False)
    print_plan(t.plan)


def print_after_analysis(t: TriageResult) -> None:
    """The estimate (or why none is shown), the gait links and the plan, after an analysis."""
    print_outside_spine(t)
    if t.pain_source is not None:
        print_estimate(t.pain_source)
        for link in t.gait_links:
            console.print(f"  gait: {link}", highlight=False)
    print_plan(t.plan)


def print_outside_spine(t: TriageResult) -> None:
    if t.screen.outside_spine:
        console.print(f"[bold]{t.screen.outside_spine}[/]", highlight=False)


def print_self_tests(p: PainSourceResult) -> None:
    from backstride.triage.labels import SOURCE_LABELS

    if p.self_tests:  # none for a leading non-specific source: no empty heading
        console.print("[bold]Self-tests you can do[/] (they inform; the examination above settles it)")
    for t in p.self_tests:
        console.print(f"  [bold]{t.name}[/] ({SOURCE_LABELS[t.source]}): {t.how}", highlight=False)
        console.print(f"    positive: {t.positive}", highlight=False)
        console.print(f"    limits: {t.limits}", highlight=False)


def print_plan(items: Sequence[PlanItemResult]) -> None:
    console.print("[bold]Your plan[/] (each item is an experiment you can test on yourself)")
    for n, item in enumerate(items, 1):
        console.print(f"[bold]{n}. {item.title}[/]", highlight=False)
        for label, text in (
            ("what", item.what),
            ("how much", item.dose),
            ("evidence", item.evidence),
            ("because", item.answers),
            ("test it", item.self_test),
        ):
            console.print(f"   {label}: {text}", highlight=False)


def print_screen(s) -> None:
    style = {
        "EMERGENCY_NOW": "bold white on red",
        "SEE_DOCTOR_TODAY": "bold white on dark_orange3",
        "SEE_DOCTOR_WITHIN_DAYS": "bold black on yellow",
    }.get(s.action.name, "bold green")
    console.print(f"[{style}] {s.action.label} [/] {s.advice}", highlight=False)
    from backstride.triage.labels import plain

    for f in s.flags:
        console.print(f"  - {plain(f.answer)}: possibly {f.concern} ({f.source})", highlight=False)
    for u in s.unanswered:
        console.print(f"  - {plain(u)}: not answered, so not excluded: please answer it", highlight=False)
    for line in s.could_raise:
        console.print(f"  - {line}", highlight=False)
    console.print(f"  guideline: {s.guideline}", highlight=False)


def print_estimate(e: PainSourceResult) -> None:
    from backstride.triage.labels import SOURCE_LABELS

    shown_if = e.shown_if
    title = "Where the pain likely comes from (probability, and its range if the priors were halved or doubled)"
    table = Table(title=f"{shown_if.capitalize()}: {title[0].lower()}{title[1:]}" if shown_if else title)
    for col in ("source", "probability", "range", "prior"):
        table.add_column(col, justify="left" if col == "source" else "right")
    for k, v in sorted(e.probabilities.items(), key=lambda kv: -kv[1]):
        lo, hi = e.ranges[k]
        table.add_row(
            SOURCE_LABELS[k], f"{100 * v:.0f} %", f"{100 * lo:.0f}-{100 * hi:.0f} %", f"{100 * e.prior[k]:.0f} %"
        )
    console.print(table)
    for ev in e.evidence:
        move = f"likelihood ratio {ev.likelihood_ratio:g}" if ev.likelihood_ratio else "consistent with (moves nothing)"
        console.print(f"  - {ev.answer} -> {SOURCE_LABELS[ev.source]}: {move}; {ev.citation}", highlight=False)
    for c in e.caveats:
        console.print(f"  note: {c}", highlight=False)
