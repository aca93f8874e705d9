"""Stream a clip frame by frame: upright RGB images with their true timestamps.

Frames are decoded one at a time, so memory does not grow with the clip's length. Phone
clips record variable frame rate: every frame keeps its own presentation time. The display
rotation (phone held upright) is applied so the runner stands upright.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from backstride.core.timing import timed_iter
from backstride.errors import InputFileError

if TYPE_CHECKING:
    from av.container import InputContainer
    from av.video.frame import VideoFrame
    from av.video.stream import VideoStream


@dataclass(frozen=True)
class Frame:
    index: int
    time_s: float
    rgb: np.ndarray  # [height, width, 3] uint8, upright
    full: np.ndarray | None = None  # the same frame at full size, where asked for (iter_frames' full_at)


def iter_frames(
    path: Path,
    *,
    rotation_deg: int | None = None,
    width_px: int | None = None,
    full_at: frozenset[int] = frozenset(),
    only: frozenset[int] | None = None,
) -> Iterator[Frame]:
    """Yield upright frames of the first video stream with their presentation times; with
    ``width_px``, scaled (area-averaged) to that upright width as they are converted to RGB, which
    costs less than converting the full frame and scaling it after (the frame scan's 480 px: 5.8
    against 9.5 ms of CPU a frame of the 720 x 1280 treadmill clip on this project's 2-core test
    machine, decoding included); the frames whose
    index is in ``full_at`` also carry their full-size image. With ``only``, just those frames are
    converted and yielded (the others are decoded, as they must be, and passed over), and the
    clip is read no further than the last of them."""
    import av

    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            yield from timed_iter("decode", _decode(container, stream, rotation_deg, width_px, full_at, only))
    except av.error.FFmpegError as exc:
        raise InputFileError(f"{path}: the video is damaged or cut short ({exc})") from None


def _decode(
    container: InputContainer,
    stream: VideoStream,
    rotation_deg: int | None,
    width_px: int | None = None,
    full_at: frozenset[int] = frozenset(),
    only: frozenset[int] | None = None,
) -> Iterator[Frame]:
    rate = float(stream.average_rate or stream.guessed_rate or 30)
    last_t, last_wanted = -np.inf, None if only is None else max(only, default=-1)
    for i, frame in enumerate(container.decode(stream)):
        t = frame.time if frame.time is not None else i / rate
        if t <= last_t:  # duplicated or out-of-order timestamps: keep time strictly increasing
            t = last_t + 1e-6
        last_t = t
        if only is None or i in only:
            rot = rotation_deg if rotation_deg is not None else int(round(frame.rotation or 0))
            full = upright(frame.to_ndarray(format="rgb24"), rot) if i in full_at else None
            yield Frame(i, float(t), upright(_rgb(frame, rot, width_px), rot), full)
        if last_wanted is not None and i >= last_wanted:
            return


def _rgb(frame: VideoFrame, rotation_deg: int, width_px: int | None) -> np.ndarray:
    """The frame as RGB, scaled so that its upright width is ``width_px`` (None: full size)."""
    if width_px is None:
        return frame.to_ndarray(format="rgb24")
    across = frame.height if int(round(rotation_deg / 90.0)) % 2 else frame.width  # the upright width
    scale = width_px / across
    size = max(1, int(round(frame.width * scale))), max(1, int(round(frame.height * scale)))
    return frame.reformat(width=size[0], height=size[1], format="rgb24", interpolation="AREA").to_ndarray()


class FrameReader(Protocol):
    def add(self, index: int, rgb: np.ndarray) -> None: ...


def feed(path: Path, readers: list[FrameReader], *, rotation_deg: int | None = None) -> None:
    """One pass over the clip for several per-frame readers (nothing is decoded when there are none)."""
    if not readers:
        return
    for frame in iter_frames(path, rotation_deg=rotation_deg):
        for reader in readers:
            reader.add(frame.index, frame.rgb)


def upright(rgb: np.ndarray, rotation_deg: int) -> np.ndarray:
    """Apply a display rotation (counter-clockwise degrees, multiples of 90)."""
    k = int(round(rotation_deg / 90.0)) % 4
    return np.ascontiguousarray(np.rot90(rgb, k)) if k else rgb
