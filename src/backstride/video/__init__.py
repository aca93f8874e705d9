"""Video edge: probing and streaming frames (PyAV)."""

from backstride.video.probe import Probe, probe
from backstride.video.reader import Frame, iter_frames

__all__ = ["Frame", "Probe", "iter_frames", "probe"]
