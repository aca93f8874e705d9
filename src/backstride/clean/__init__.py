"""Cleaning: visibility gating, uniform resampling, leg-swap repair, gap filling, low-pass."""

from __future__ import annotations

from dataclasses import dataclass

from backstride.clean.filter import butter_lowpass_filtfilt, effective_cutoff_hz
from backstride.clean.gaps import fill_gaps, gate_by_visibility, resample_uniform
from backstride.clean.outliers import reject_outliers
from backstride.clean.swap import near_side_identity, repair_swaps
from backstride.core.trajectory import Trajectory, leg_length_px
from backstride.settings import CleanSettings

__all__ = ["CleanReport", "clean", "butter_lowpass_filtfilt"]


@dataclass(frozen=True)
class CleanReport:
    cutoff_hz: float
    swapped_frames: int
    outliers_removed: int
    relabelled_near_side: bool  # the pose model had called the near leg by the far side's name
    resampled: bool
    leg_length_px: float


def clean(traj: Trajectory, /, *, settings: CleanSettings) -> tuple[Trajectory, CleanReport]:
    """Gate, resample, repair swaps, fill short gaps and low-pass filter a raw trajectory."""
    gated = gate_by_visibility(traj, min_visibility=settings.min_visibility)
    uniform = resample_uniform(gated)
    leg_px = leg_length_px(uniform)
    repaired, n_swapped = repair_swaps(uniform, leg_length_px=leg_px)
    repaired, relabelled = near_side_identity(repaired)
    fs = repaired.sample_rate_hz
    kept, n_outliers = reject_outliers(
        repaired.xy_px,
        half_window=max(2, int(round(settings.outlier_window_s * fs / 2))),
        n_sigmas=settings.outlier_sigmas,
        floor_px=settings.outlier_floor_leg * leg_px,
    )
    filled = fill_gaps(kept, fs, max_gap_s=settings.max_gap_s)
    smooth = butter_lowpass_filtfilt(filled, fs, settings.cutoff_hz, order=settings.filter_order)
    report = CleanReport(
        cutoff_hz=effective_cutoff_hz(fs, settings.cutoff_hz),
        swapped_frames=n_swapped,
        outliers_removed=n_outliers,
        relabelled_near_side=relabelled,
        resampled=uniform is not gated,
        leg_length_px=leg_px,
    )
    return repaired.with_(xy_px=smooth), report
