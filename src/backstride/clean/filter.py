"""The one low-pass filter of the project: a zero-lag Butterworth.

Notes:
    ``scipy.signal.butter`` designs an order-``n`` low-pass; ``sosfiltfilt`` runs it forward
    and backward, which cancels the phase lag and squares the magnitude response (effective
    order ``2n``, -6 dB at the cut-off). Winter, *Biomechanics and Motor Control of Human
    Movement*, 4th ed., 2009, ch. 2.
"""

from __future__ import annotations

import numpy as np
from scipy import signal

#: The cut-off never exceeds this share of the Nyquist frequency.
MAX_NYQUIST_SHARE = 0.8


def effective_cutoff_hz(sampling_rate_hz: float, cutoff_hz: float) -> float:
    """The cut-off actually applied: ``cutoff_hz`` capped at 0.8 x Nyquist."""
    return float(min(cutoff_hz, MAX_NYQUIST_SHARE * sampling_rate_hz / 2.0))


def butter_lowpass_filtfilt(
    data: np.ndarray, /, sampling_rate_hz: float, cutoff_hz: float, *, order: int = 2
) -> np.ndarray:
    """Zero-lag low-pass along axis 0. NaN runs are left as NaN; finite runs are filtered.

    Runs shorter than what ``sosfiltfilt`` can pad are returned unfiltered.
    """
    data = np.asarray(data, dtype=float)
    wn = effective_cutoff_hz(sampling_rate_hz, cutoff_hz) / (sampling_rate_hz / 2.0)
    sos = signal.butter(order, wn, btype="low", output="sos")
    flat = data.reshape(len(data), -1)
    out = flat.copy()
    for col in range(flat.shape[1]):
        for start, stop in finite_runs(flat[:, col]):
            run = flat[start:stop, col]
            padlen = min(3 * (2 * len(sos) + 1), len(run) - 1)
            if len(run) > 6:
                out[start:stop, col] = signal.sosfiltfilt(sos, run, padlen=padlen)
    return out.reshape(data.shape)


def finite_runs(x: np.ndarray) -> list[tuple[int, int]]:
    """``[start, stop)`` index pairs of the runs of finite values in a 1-D array."""
    return true_runs(np.isfinite(x))


def true_runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """``[start, stop)`` index pairs of the runs of True in a 1-D boolean array."""
    edges = np.diff(np.concatenate(([0], np.asarray(mask).astype(np.int8), [0])))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist()))
