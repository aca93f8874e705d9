"""Typed results of the self-tests (bodycheck/), shared by the report, the store and the CLI."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HoldResult:
    """A timed hold: its figure is ``seconds``; ``ended`` False: the clip ended first, so the
    runner held at least that long."""

    test: str  # bodycheck.catalogue name
    seconds: float
    start_s: float  # in the clip's time
    end_s: float
    ended: bool
    best_off_position_deg: float  # nearest the position while held (0: exactly in it)
    picture_time_s: float  # the frame shown: the last moment of the hold
    camera_roll_deg: float  # the legs' line against the image's horizontal during the hold
    warnings: tuple[str, ...] = ()
