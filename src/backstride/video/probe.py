"""Open a clip safely and describe it: duration, frame rate, size, codec, rotation.

The file's content decides, never its name: a text file called ``.mp4`` or a still image is
refused here with a one-line reason.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from backstride.core.sizes import size_text
from backstride.errors import InputFileError
from backstride.settings import VideoSettings

if TYPE_CHECKING:
    from av.container import InputContainer
    from av.video.stream import VideoStream

#: Codecs that hold a single still picture rather than a video.
STILL_IMAGE_CODECS = {"png", "mjpeg", "jpeg2000", "bmp", "tiff", "webp", "gif", "ljpeg"}
IMAGE_FORMATS = {"image2", "png_pipe", "jpeg_pipe", "bmp_pipe", "tiff_pipe", "webp_pipe", "gif"}


@dataclass(frozen=True)
class Probe:
    path: Path
    duration_s: float
    fps: float  # nominal (average) frame rate
    width: int  # as displayed, after rotation
    height: int
    codec: str
    rotation_deg: int  # counter-clockwise rotation applied for display
    n_frames: int  # from the container; 0 when it does not say
    size_bytes: int
    capture_fps: float | None = None  # the rate the camera captured at, where the file says (slow motion)


def check_path(path: Path, settings: VideoSettings) -> int:
    """Raise :class:`InputFileError` unless ``path`` is a non-empty readable file; return its size."""
    if not path.exists():
        raise InputFileError(f"{path}: no such file")
    if not path.is_file():
        raise InputFileError(f"{path}: not a file")
    if not os.access(path, os.R_OK):
        raise InputFileError(f"{path}: not readable (permission denied)")
    size = path.stat().st_size
    if size == 0:
        raise InputFileError(f"{path}: the file is empty (0 bytes)")
    if size > settings.max_file_bytes:
        raise InputFileError(f"{path}: {size_text(size)} is over the {size_text(settings.max_file_bytes)} limit")
    return size


def probe(path: Path, settings: VideoSettings) -> Probe:
    """Describe a clip, or raise :class:`InputFileError` saying why it cannot be analysed."""
    import av  # heavy import at the edge

    path = Path(path)
    size = check_path(path, settings)
    try:
        with av.open(str(path)) as container:
            return _describe(container, path, size, settings)
    except av.error.FFmpegError as exc:
        raise InputFileError(f"{path}: not a video that can be read ({_reason(exc)})") from None


def _describe(container: InputContainer, path: Path, size: int, settings: VideoSettings) -> Probe:
    if not container.streams.video:
        kinds: list[str] = sorted({s.type for s in container.streams}) or ["nothing"]
        raise InputFileError(f"{path}: has no video stream (it holds {', '.join(kinds)})")
    stream = container.streams.video[0]
    codec = stream.codec_context.name
    if container.format.name in IMAGE_FORMATS or codec in STILL_IMAGE_CODECS and (stream.frames or 0) <= 1:
        raise InputFileError(f"{path}: a still image ({codec}), not a video")
    rate = stream.average_rate or stream.guessed_rate or stream.base_rate
    fps = float(rate) if rate else 0.0
    duration_s = _duration_s(container, stream)
    if duration_s > settings.max_duration_s:
        raise InputFileError(
            f"{path}: {duration_s / 60:.0f} min long; the limit is {settings.max_duration_s / 60:.0f} min "
            "(trim the clip to the running you want analysed)"
        )
    rotation = _rotation_deg(container, stream)
    w, h = stream.codec_context.width, stream.codec_context.height
    if rotation % 180:
        w, h = h, w
    return Probe(
        path,
        duration_s,
        fps,
        w,
        h,
        codec,
        rotation,
        int(stream.frames or 0),
        size,
        capture_fps_from_metadata(container.metadata, stream.metadata),
    )


#: Metadata keys that carry the capture rate of a slow-motion recording. Android's MediaRecorder
#: writes ``com.android.capture.fps`` (an MP4 ``mdta`` key) and plays the file at its normal rate,
#: so every time in the file is stretched by capture fps / playback fps. iPhone originals store
#: the real 120/240 fps timestamps (slow motion is only a playback instruction), so their times
#: are already true; an iPhone *export* rendered at 30 fps carries no capture rate: use --slowmo.
CAPTURE_FPS_KEYS = ("com.android.capture.fps", "capture_fps", "com.apple.quicktime.capture-fps")


def capture_fps_from_metadata(*tables: dict) -> float | None:
    """The capture rate from the container's or stream's metadata, None where it is not there."""
    for table in tables:
        for key in CAPTURE_FPS_KEYS:
            try:
                value = float(str((table or {}).get(key, "")).strip() or "nan")
            except ValueError:
                continue
            if 1.0 <= value <= 10_000.0:
                return value
    return None


def _duration_s(container: InputContainer, stream: VideoStream) -> float:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / 1_000_000
    return 0.0


def _rotation_deg(container: InputContainer, stream: VideoStream) -> int:
    """Rotation of the first decoded frame (display matrix), 0 when there is none."""
    try:
        for frame in container.decode(stream):
            return int(round(frame.rotation or 0)) % 360
    except Exception:  # noqa: BLE001 - decoding errors surface later with the frame index
        return 0
    return 0


def _reason(exc: Exception) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return text.split(":")[-1].strip() if text else type(exc).__name__
