"""backstride: running-gait analysis from phone video, offline, for runners with low back pain.

Public API::

    from backstride import analyse_clip, Trajectory, GaitEvents, Settings

Names are loaded when first used (PEP 562), so ``import backstride`` and the command line's
``--help`` and ``--version`` start without NumPy or any other heavy library.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Each public name and the module that defines it.
_WHERE = {
    **dict.fromkeys(
        (
            "BackstrideError",
            "CaptureError",
            "InputFileError",
            "MeasurementError",
            "NoPersonError",
            "OutputError",
            "TooFewCyclesError",
            "TrackingError",
            "ViewError",
        ),
        "backstride.errors",
    ),  # fmt: skip
    "DEFAULT": "backstride.settings",
    "Settings": "backstride.settings",
    "GaitEvents": "backstride.core.trajectory",
    "Trajectory": "backstride.core.trajectory",
    "View": "backstride.core.trajectory",
    "analyse_clip": "backstride.app.pipeline",
}

__all__ = [
    "DEFAULT",
    "BackstrideError",
    "CaptureError",
    "GaitEvents",
    "InputFileError",
    "MeasurementError",
    "NoPersonError",
    "OutputError",
    "Settings",
    "TooFewCyclesError",
    "TrackingError",
    "Trajectory",
    "View",
    "ViewError",
    "analyse_clip",
    "__version__",
]

if TYPE_CHECKING:
    from backstride.app.pipeline import analyse_clip
    from backstride.core.trajectory import GaitEvents, Trajectory, View
    from backstride.errors import (
        BackstrideError,
        CaptureError,
        InputFileError,
        MeasurementError,
        NoPersonError,
        OutputError,
        TooFewCyclesError,
        TrackingError,
        ViewError,
    )
    from backstride.settings import DEFAULT, Settings


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'backstride' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
