"""Files on disk: uploads kept once under their SHA-256, written atomically, checked by content.

Layout under the data folder: ``files/<sha256><suffix>`` (clips and photos; the suffix comes from
the content, never from the user's file name), ``results/<assessment id>/`` (what the CLI writes),
``incoming/`` (uploads being received: a temp file, renamed into place once whole and checked).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from backstride.core.sizes import size_text
from backstride.errors import BackstrideError, InputFileError

CHUNK_BYTES = 1024 * 1024
UPLOAD_SILENT_S = 600.0  # an upload not written to for this long was cut off (its sender gone)
#: container formats PyAV names -> the suffix a stored clip gets
VIDEO_SUFFIX = {"mov,mp4,m4a,3gp,3g2,mj2": ".mp4", "matroska,webm": ".mkv", "avi": ".avi"}


class DiskFull(BackstrideError):
    """No room left on the server's disk for an upload (the API answers 507)."""


class UploadTooLarge(InputFileError):
    pass


@dataclass(frozen=True)
class Store:
    root: Path

    @property
    def files(self) -> Path:
        return self.root / "files"

    @property
    def incoming(self) -> Path:
        return self.root / "incoming"

    def make(self) -> Store:
        for folder in (self.files, self.incoming, self.root / "results"):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    def blob_path(self, sha256: str, suffix: str) -> Path:
        return self.files / f"{sha256}{suffix}"

    def results(self, assessment_id: str) -> Path:
        return self.root / "results" / assessment_id

    async def receive(self, chunks: AsyncIterator[bytes], max_bytes: int) -> tuple[Path, str, int]:
        """Write an upload to a temp file as it arrives, hashing it; refuse it past ``max_bytes``
        (the partial file removed). Returns (temp path, SHA-256, size)."""
        fd, name = tempfile.mkstemp(dir=self.incoming, prefix="up-")
        digest, size = hashlib.sha256(), 0
        try:
            with os.fdopen(fd, "wb") as out:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > max_bytes:
                        raise UploadTooLarge(f"the file is larger than the {size_text(max_bytes)} limit")
                    digest.update(chunk)
                    out.write(chunk)
            if size == 0:
                raise InputFileError("the file is empty (0 bytes)")
        except OSError as exc:  # a full disk or quota: said like any refusal, nothing half-written kept
            Path(name).unlink(missing_ok=True)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                free = shutil.disk_usage(self.incoming).free
                raise DiskFull(
                    f"the server's disk is full ({size_text(free)} free where uploads are kept): free some space, "
                    "then upload the file again"
                ) from None
            raise
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        return Path(name), digest.hexdigest(), size

    def keep(self, temp: Path, sha256: str, suffix: str) -> Path:
        """Move a checked upload into place (atomic rename; a file already there is the same bytes)."""
        final = self.blob_path(sha256, suffix)
        if final.exists():
            temp.unlink(missing_ok=True)
        else:
            os.replace(temp, final)
        return final

    def forget(self, sha256: str, suffix: str) -> None:
        self.blob_path(sha256, suffix).unlink(missing_ok=True)

    def drop_results(self, assessment_id: str) -> None:
        shutil.rmtree(self.results(assessment_id), ignore_errors=True)

    @contextmanager
    def named_copies(self, clips: dict[str, Path | None], job_id: str) -> Iterator[dict[str, Path]]:
        """The stored clips under plain names ("side.mp4"), which the report shows, instead of
        their hashes: hard links in a folder of their own named by the job (a copy where links
        are not allowed)."""
        folder = Path(tempfile.mkdtemp(dir=self.incoming, prefix=f"job-{job_id}-"))
        try:
            named = {}
            for role, path in clips.items():
                if path is not None and not path.is_file():
                    raise InputFileError(f"the stored {role} clip is missing from the data folder; upload it again")
                if path is not None:
                    named[role] = folder / f"{role}{path.suffix}"
                    try:
                        os.link(path, named[role])
                    except OSError:
                        shutil.copyfile(path, named[role])
            yield named
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def clear_incoming(self, running: set[str], upload_silent_s: float = UPLOAD_SILENT_S) -> None:
        """What stopped processes left: uploads cut off (not written to for ``upload_silent_s``:
        another server process on this folder may be receiving a fresh one), never checked, never
        kept; the named copies of jobs not ``running`` (a cluster's worker may be analysing one)."""
        import time

        for leftover in self.incoming.glob("up-*"):
            with suppress(OSError):
                if time.time() - leftover.stat().st_mtime >= upload_silent_s:
                    leftover.unlink(missing_ok=True)
        for leftover in self.incoming.glob("job-*"):
            if leftover.name.split("-")[1] not in running:
                shutil.rmtree(leftover, ignore_errors=True)


def video_facts(path: Path, video_settings) -> tuple[str, dict]:
    """Probe a clip by its content; the stored suffix and the facts the capture check shows.
    Raises the CLI's own errors (not a video, too long, no frames)."""
    import av

    from backstride.quality.slowmo import time_scale
    from backstride.video import probe

    info = probe(path, video_settings)
    with av.open(str(path)) as container:
        suffix = VIDEO_SUFFIX.get(container.format.name, ".video")
    scale = time_scale(info)
    return suffix, {
        "duration_s": round(info.duration_s, 3),
        "fps": round(info.fps, 3),
        "width": info.width,
        "height": info.height,
        "codec": info.codec,
        "rotation_deg": info.rotation_deg,
        "slowmo_factor": scale.factor,
        "slowmo": scale.describe(),
        "capture_fps": info.capture_fps,
    }


def photo_suffix(path: Path) -> str:
    """A shoe-sole photo checked by its content (the report's own check); its stored suffix."""
    from backstride.report.html import shoe_photo

    shoe_photo(path)
    head = path.read_bytes()[:12]
    if head.startswith(b"\x89PNG"):
        return ".png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    return ".jpg" if head.startswith(b"\xff\xd8") else ".img"
