"""Library warnings kept off a person's terminal (the CLI, and the processes it starts)."""

from __future__ import annotations

import os


def quiet_library_warnings() -> None:
    """Warnings from the libraries underneath (numpy's "mean of empty slice", a deprecation) are
    for developers, not for the runner reading the terminal: they go to the "py.warnings" log at
    debug level, which says nothing unless a developer attaches a handler (BACKSTRIDE_WARNINGS=1
    prints them as Python does)."""
    import warnings

    if not os.environ.get("BACKSTRIDE_WARNINGS"):
        warnings.showwarning = _logged_warning


def _logged_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: object = None,
    line: str | None = None,
) -> None:
    import logging
    import warnings

    logging.getLogger("py.warnings").debug(warnings.formatwarning(message, category, filename, lineno, line))
