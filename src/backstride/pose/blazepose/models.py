"""Where the BlazePose weights come from, checked by their SHA-256 before they are used.

All are mediapipe's (Apache-2.0). The detector and the full landmark model are the files inside the
mediapipe 0.10.21 wheel (``mediapipe/modules/...``); lite and heavy come from the npm package
``@mediapipe/pose`` 0.5.1675469404, whose full model is byte-identical to the wheel's. Nothing is
downloaded when a clip is analysed: the files are looked for in the folder ``backstride models
fetch`` fills at set-up (:func:`models_folders`), then inside an installed mediapipe package.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from backstride.errors import SetupError

DETECTOR = "pose_detection.tflite"
LANDMARK_FILES = {0: "pose_landmark_lite.tflite", 1: "pose_landmark_full.tflite", 2: "pose_landmark_heavy.tflite"}
SHA256 = {
    DETECTOR: "9ba9dd3d42efaaba86b4ff0122b06f29c4122e756b329d89dca1e297fd8f866c",
    "pose_landmark_lite.tflite": "f17bfbecadb61c3be1baa8b8d851cc6619c870a87167b32848ad20db306b9d61",
    "pose_landmark_full.tflite": "e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f",
    "pose_landmark_heavy.tflite": "59e42d71bcd44cbdbabc419f0ff76686595fd265419566bd4009ef703ea8e1fe",
}
#: The folder ``backstride models fetch`` writes to, unless BACKSTRIDE_MODELS names another.
ENV_FOLDER = "BACKSTRIDE_MODELS"


@dataclass(frozen=True)
class ModelFiles:
    detector: Path
    landmarks: Path


def models_folders() -> list[Path]:
    """Where the weights are looked for, in order: $BACKSTRIDE_MODELS alone when set; else the
    virtual environment's ``share/backstride/models`` (removed with it), then the user's data folder."""
    named = os.environ.get(ENV_FOLDER)
    if named:
        return [Path(named).expanduser()]
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    user = Path(base) / "backstride" / "models"
    in_venv = sys.prefix != sys.base_prefix
    return [Path(sys.prefix) / "share" / "backstride" / "models", user] if in_venv else [user]


def models_folder() -> Path:
    """Where ``backstride models fetch`` writes: the first of :func:`models_folders`."""
    return models_folders()[0]


def find_models(complexity: int) -> ModelFiles:
    """The detector and the landmark model of ``complexity`` (0 lite, 1 full, 2 heavy), each found
    and its hash checked; :class:`SetupError` saying how to get them where one is missing."""
    if complexity not in LANDMARK_FILES:
        raise ValueError(f"model complexity {complexity} unknown: 0 (lite), 1 (full) or 2 (heavy)")
    return ModelFiles(_find(DETECTOR), _find(LANDMARK_FILES[complexity]))


def _candidates(name: str) -> list[Path]:
    found = [folder / name for folder in models_folders()]
    mediapipe = _mediapipe_modules()
    if mediapipe is not None:
        sub = "pose_detection" if name == DETECTOR else "pose_landmark"
        found.append(mediapipe / sub / name)
    return found


def _mediapipe_modules() -> Path | None:
    from importlib.util import find_spec

    spec = find_spec("mediapipe")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "modules"


def locate(name: str) -> Path | None:
    """The first intact copy of ``name``, or None."""
    for path in _candidates(name):
        if path.is_file() and file_sha256(path) == SHA256[name]:
            return path
    return None


def _find(name: str) -> Path:
    found = locate(name)
    if found is not None:
        return found
    raise SetupError(
        f"the pose model {name} is not in {models_folder()} (or is damaged): run "
        "'backstride models fetch' once while online (it downloads mediapipe's published files and "
        "checks their hashes), or point BACKSTRIDE_MODELS at a folder holding them"
    )


def file_sha256(path: Path) -> str:
    """The file's SHA-256, remembered for its path, size and modification time (the pose cache's)."""
    from backstride.pose.run import content_hash

    return content_hash(path)
