"""Library warnings stay off the runner's terminal: a refusal was printed behind three lines of
numpy's "Mean of empty slice" (a real track clip)."""

from __future__ import annotations

import sys
import warnings

import numpy as np


def _on_stderr(message, category, filename, lineno, file=None, line=None) -> None:
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


def test_a_numpy_warning_during_a_command_reaches_no_terminal(capfd, monkeypatch):
    from typer.testing import CliRunner

    import backstride.cli.main as main

    def noisy_list() -> None:
        np.mean(np.array([]))  # RuntimeWarning: Mean of empty slice
        main.console.print("listed")

    monkeypatch.delenv("BACKSTRIDE_WARNINGS", raising=False)
    monkeypatch.setattr(main, "list_metrics", noisy_list)
    app = main.typer.Typer()
    app.callback()(main._root)
    app.command("metrics")(noisy_list)
    with warnings.catch_warnings():  # puts back what the command changed
        warnings.simplefilter("always")
        warnings.showwarning = _on_stderr  # as outside pytest, which records them itself
        result = CliRunner().invoke(app, ["metrics"])
    assert result.exit_code == 0 and result.stdout.strip() == "listed"
    assert "Mean of empty slice" not in result.stderr and "Warning" not in capfd.readouterr().err
