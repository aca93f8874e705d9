"""The exception hierarchy, in one place.

Every error a user can cause derives from :class:`BackstrideError`; the CLI prints its message
on one line and exits with code 2. Anything else is a bug.
"""

from __future__ import annotations


class BackstrideError(Exception):
    """Base of every error caused by the input rather than by a bug."""


class InputFileError(BackstrideError):
    """The path does not exist, is not a readable video, or is over a limit."""


class OutputError(BackstrideError):
    """The results folder cannot be written."""


class SetupError(BackstrideError):
    """Something the set-up provides is missing (the pose model's weights): the message says how
    to get it."""


class ClipRefused(BackstrideError):
    """One clip cannot be measured (the reasons below); an assessment with another clip that
    could be measured keeps that one and says this one's reason (a partial result).

    Raised for an assessment none of whose clips could be measured, ``refusals`` holds each
    clip's (core.results.ClipRefusal) and the message joins them."""

    refusals: tuple = ()


class NoPersonError(ClipRefused):
    """No person was found in enough frames of the clip."""


class TrackingError(ClipRefused):
    """The runner could not be followed through the clip (several people, lost track)."""


class ViewError(ClipRefused):
    """The clip was filmed from another view than the one it was given as."""


class TooFewCyclesError(ClipRefused):
    """Fewer than the required full gait cycles per foot."""


class CaptureError(ClipRefused):
    """The clip was filmed in a way that cannot be measured (slow motion not stated, a camera
    whose motion cannot be followed, a badly rolled camera): the message says how to refilm."""


class MeasurementError(ClipRefused):
    """The steps found are not credible (irregular, not alternating, mostly repaired)."""


class NotAsGuidedError(ClipRefused):
    """A self-test's clip does not show the test done as its guide says (the position never
    reached, held too briefly, the body upright instead of lying)."""


class NotFound(BackstrideError):
    """No such runner, assessment, run or experiment in the store (the web app answers 404)."""


class Invalid(BackstrideError):
    """A value the store refuses (the web app answers 422)."""


class Conflict(BackstrideError):
    """Not in a state that allows it: an experiment already running, a verdict read early (409)."""
