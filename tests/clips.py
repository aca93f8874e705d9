"""Write small synthetic media files for tests (PyAV)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np


def write_video(
    path: Path,
    frames: list[np.ndarray],
    *,
    fps: int = 30,
    rotation_deg: int = 0,
    times_s: list[float] | None = None,
    codec: str = "libx264",
    metadata: dict | None = None,
) -> Path:
    """Encode RGB frames; ``times_s`` gives per-frame presentation times (variable frame rate)."""
    import av

    h, w = frames[0].shape[:2]
    with av.open(str(path), "w", options={"movflags": "use_metadata_tags"} if metadata else {}) as out:
        out.metadata.update(metadata or {})
        stream = out.add_stream(codec, rate=fps, options={"bf": "0"})
        stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
        stream.time_base = Fraction(1, 90000)
        stream.codec_context.time_base = Fraction(1, 90000)
        if rotation_deg:
            stream.set_display_rotation(rotation_deg)
        for i, rgb in enumerate(frames):
            frame = av.VideoFrame.from_ndarray(rgb, format="rgb24")
            t = times_s[i] if times_s is not None else i / fps
            frame.pts = int(round(t * 90000))
            frame.time_base = stream.time_base
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def grey_frames(n: int, w: int = 64, h: int = 48, value: int = 128) -> list[np.ndarray]:
    return [np.full((h, w, 3), value, dtype=np.uint8) for _ in range(n)]


def write_audio(path: Path, seconds: float = 1.0, rate: int = 44100) -> Path:
    import av

    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("aac", rate=rate)
        stream.layout = "mono"
        samples = (np.sin(np.linspace(0, 440 * 2 * np.pi * seconds, int(rate * seconds))) * 0.3).astype(np.float32)
        step = 1024
        for start in range(0, len(samples) - step, step):
            frame = av.AudioFrame.from_ndarray(samples[None, start : start + step], format="flt", layout="mono")
            frame.sample_rate = rate
            frame.pts = start
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def retime(src: Path, dst: Path, factor: float, *, metadata: dict | None = None) -> Path:
    """The same coded frames with every timestamp multiplied by ``factor`` (no re-encoding): a
    slow-motion export of ``src`` with a factor of ``factor``, pixel for pixel."""
    import av

    with av.open(str(src)) as inp, av.open(str(dst), "w", options={"movflags": "use_metadata_tags"}) as out:
        out.metadata.update(metadata or {})
        ins = inp.streams.video[0]
        outs = out.add_stream_from_template(ins)
        outs.time_base = ins.time_base
        for packet in inp.demux(ins):
            if packet.dts is None:
                continue
            packet.pts = int(round(packet.pts * factor))
            packet.dts = int(round(packet.dts * factor))
            packet.stream = outs
            out.mux(packet)
    return dst


def transform(src: Path, dst: Path, fn, *, crf: int = 17) -> Path:
    """Re-encode ``src`` with every frame passed through ``fn(index, rgb) -> rgb`` (same timing);
    the clip ends where ``fn`` returns None."""
    import av

    with av.open(str(src)) as inp, av.open(str(dst), "w") as out:
        ins = inp.streams.video[0]
        stream = None
        for i, frame in enumerate(inp.decode(ins)):
            rgb = fn(i, frame.to_ndarray(format="rgb24"))
            if rgb is None:
                break
            if stream is None:
                opts = {"crf": str(crf), "bf": "0", "threads": "1", "preset": "veryfast"}  # one thread: the same bytes
                stream = out.add_stream("libx264", rate=ins.average_rate, options=opts)
                stream.height, stream.width = rgb.shape[:2]
                stream.pix_fmt = "yuv420p"
                stream.time_base = ins.time_base
            new = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24")
            new.pts, new.time_base = frame.pts, ins.time_base
            for packet in stream.encode(new):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return dst


def rotated(angle_deg: float):
    """A frame function that rolls the image counter-clockwise by ``angle_deg`` about its centre."""
    import cv2

    def fn(_i: int, rgb: np.ndarray) -> np.ndarray:
        h, w = rgb.shape[:2]
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle_deg, 1.0)
        return cv2.warpAffine(rgb, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))

    return fn


def moving_crop(width: int, height: int, x0_px) -> object:
    """A frame function that cuts a ``width`` x ``height`` window whose left edge is ``x0_px(i)``."""

    def fn(i: int, rgb: np.ndarray) -> np.ndarray:
        x0 = int(round(x0_px(i)))
        return rgb[:height, x0 : x0 + width]

    return fn


def doubled(src: Path, dst: Path) -> Path:
    """Every frame written twice at twice the frame rate: what a 60 fps screen recording of a
    30 fps video holds."""
    import av

    with av.open(str(src)) as inp, av.open(str(dst), "w") as out:
        ins = inp.streams.video[0]
        stream = out.add_stream("libx264", rate=ins.average_rate * 2, options={"crf": "17", "bf": "0", "threads": "1"})
        stream.width, stream.height, stream.pix_fmt = ins.codec_context.width, ins.codec_context.height, "yuv420p"
        k = 0
        for frame in inp.decode(ins):
            rgb = frame.to_ndarray(format="rgb24")
            for _ in range(2):
                new = av.VideoFrame.from_ndarray(rgb, format="rgb24")
                new.pts, k = k, k + 1
                for packet in stream.encode(new):
                    out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return dst


def triangle_pan(i: int, fps: float = 30.0, travel_px: float = 90.0, period_s: float = 6.0) -> float:
    """A window's left edge going 0 -> ``travel_px`` -> 0 every period (30 px/s by default)."""
    return travel_px * (1 - abs(((i / fps) % period_s) / (period_s / 2) - 1))
