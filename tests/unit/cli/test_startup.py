"""Issue 26: the command line starts at once. --help, --version, `version` and a group's --help load
no heavy library (each costs seconds on a busy machine); the help shows placeholders, never Python
types, and every option says what it is for."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer

import backstride
from backstride.cli.main import app

HEAVY = ("numpy", "scipy", "mediapipe", "av", "cv2", "matplotlib", "pandas", "sqlalchemy", "fastapi", "weasyprint",
         "alembic", "huey")  # fmt: skip
PROBE = """
import json, sys
from backstride.cli.main import app
sys.argv = ["backstride", *sys.argv[1:]]
try:
    app()
except SystemExit:
    pass
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(%r)))), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["version"], ["log", "--help"], ["analyze", "--help"],
                                  ["experiment", "plan", "--help"]])  # fmt: skip
def test_help_and_version_load_no_heavy_library(args):
    done = subprocess.run([sys.executable, "-c", PROBE % json.dumps(HEAVY), *args], capture_output=True, text=True,
                          check=True, timeout=60)  # fmt: skip
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert loaded == [], (args, loaded)
    if args != ["--help"] and "--help" not in args:
        assert done.stdout.strip() == backstride.__version__


def _commands(group, path: tuple[str, ...] = ()):
    """Every command under a group (typer vendors its own click: groups are told by their commands)."""
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


def test_every_option_is_described_with_a_placeholder_never_a_python_type():
    from typer.testing import CliRunner

    root = typer.main.get_command(app)
    undescribed, typed = [], []
    for path, command in _commands(root):
        for param in command.params:
            if param.param_type_name == "option" and not (param.help or "").strip():
                undescribed.append(f"{' '.join(path)} {param.opts[0]}")
        shown = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200"}).output
        typed += [f"{' '.join(path)}: {w}" for w in ("<bool>", "<str>", "<float", "<int", "<list[", "<Path")
                  if w in shown]  # fmt: skip
    assert undescribed == [], undescribed
    assert typed == [], typed


def test_runner_and_data_folder_are_described_once_and_the_folder_can_be_named(tmp_path, monkeypatch):
    """Every --runner starts with the one description, every --data-dir has the one description, and a
    log kept with --data-dir is read back from there (the environment names another folder)."""
    from typer.testing import CliRunner

    from backstride.cli.common import RUNNER_HELP

    root = typer.main.get_command(app)
    helps: dict[str, set[str]] = {"--runner": set(), "--data-dir": set()}
    has_runner_without_folder = []
    for path, command in _commands(root):
        opts = {p.opts[0]: p for p in command.params if p.param_type_name == "option"}
        for name in helps:
            if name in opts:
                helps[name].add(opts[name].help.split(":")[0] if name == "--runner" else opts[name].help)
        if "--runner" in opts and "--data-dir" not in opts:
            has_runner_without_folder.append(" ".join(path))
    assert helps["--runner"] == {RUNNER_HELP} and len(helps["--data-dir"]) == 1, helps
    assert has_runner_without_folder == []
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path / "elsewhere"))
    cli, folder = CliRunner(), str(tmp_path / "clinic")
    added = cli.invoke(app, ["log", "add", "--runner", "Ann", "--create", "--distance-km", "7", "--date", "2026-03-01",
                             "--data-dir", folder])  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "7.00 km" in cli.invoke(app, ["log", "show", "--runner", "Ann", "--data-dir", folder]).output
    assert cli.invoke(app, ["log", "show", "--runner", "Ann"]).exit_code == 2  # not in the environment's folder
