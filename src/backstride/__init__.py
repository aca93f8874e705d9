"""backstride: running-gait analysis from phone video, offline, for runners with low back pain.

Public API::

    from backstride import analyse_clip, Trajectory, GaitEvents, Settings
"""

__version__ = "0.1.0"

from backstride.core.trajectory import GaitEvents, Trajectory, View  # noqa: E402
from backstride.errors import (  # noqa: E402
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
from backstride.settings import DEFAULT, Settings  # noqa: E402


def analyse_clip(*args, **kwargs):  # noqa: D103 - thin lazy wrapper, see pipeline.analyse_clip
    from backstride.app.pipeline import analyse_clip as _analyse_clip

    return _analyse_clip(*args, **kwargs)


analyse_clip.__doc__ = "Analyse one clip; see :func:`backstride.app.pipeline.analyse_clip`."

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
