"""Butterworth low-pass: analytic answers (sinusoids in, known gain and phase out)."""

import numpy as np

from backstride.clean.filter import butter_lowpass_filtfilt, effective_cutoff_hz, finite_runs


def test_passband_sinusoid_keeps_amplitude_and_phase():
    fs = 120.0
    t = np.arange(0, 4, 1 / fs)
    x = np.sin(2 * np.pi * 2.8 * t)  # a running stride frequency, far below the 12 Hz cut-off
    y = butter_lowpass_filtfilt(x, fs, 12.0)
    core = slice(60, -60)
    # 4th-order effective Butterworth gain at f/fc = 0.23: 1/sqrt(1+0.23^8) > 0.9999
    assert np.max(np.abs(y[core] - x[core])) < 0.01  # zero lag: no phase shift to see
    assert np.argmax(y[120:240]) == np.argmax(x[120:240])


def test_stopband_sinusoid_is_attenuated():
    fs = 240.0
    t = np.arange(0, 2, 1 / fs)
    y = butter_lowpass_filtfilt(np.sin(2 * np.pi * 48 * t), fs, 12.0)
    # gain of filtfilt (squared order-2 Butterworth) at 4 x fc: 1/(1+4^4) = 0.0039
    assert np.max(np.abs(y[100:-100])) < 0.01


def test_cutoff_is_capped_below_nyquist():
    assert effective_cutoff_hz(30.0, 12.0) == 12.0
    assert effective_cutoff_hz(20.0, 12.0) == 8.0  # 0.8 x Nyquist


def test_missing_runs_stay_missing_and_finite_runs_are_filtered():
    x = np.ones(100)
    x[40:50] = np.nan
    y = butter_lowpass_filtfilt(x, 60.0, 6.0)
    assert np.isnan(y[40:50]).all()
    assert np.allclose(y[:40], 1.0) and np.allclose(y[50:], 1.0)
    assert finite_runs(x) == [(0, 40), (50, 100)]
