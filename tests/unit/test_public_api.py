"""The curated public API, and that importing it stays light (heavy imports at the edges)."""

import subprocess
import sys

import backstride

EXPECTED = {
    "DEFAULT",
    "BackstrideError",
    "CaptureError",
    "GaitEvents",
    "InputFileError",
    "MeasurementError",
    "NoPersonError",
    "OutputError",
    "Settings",
    "TooFewCyclesError",
    "TrackingError",
    "Trajectory",
    "View",
    "ViewError",
    "analyse_clip",
    "__version__",
}


def test_public_names():
    assert set(backstride.__all__) == EXPECTED
    for name in EXPECTED:
        assert hasattr(backstride, name)


def test_import_does_not_load_the_pose_model_or_video_stack():
    code = "import sys, backstride; print(','.join(m for m in ('mediapipe', 'av', 'cv2') if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == ""


def test_sizes_are_said_one_way():
    """Clip, photo and upload limits in decimal units, as a phone shows a file's size."""
    from backstride.core.sizes import size_text
    from backstride.report.html import SHOE_PHOTO_MAX_BYTES
    from backstride.settings import VideoSettings

    assert size_text(VideoSettings().max_file_bytes) == "4 GB" and size_text(SHOE_PHOTO_MAX_BYTES) == "30 MB"
    assert (size_text(10_000), size_text(2_500_000_000), size_text(512)) == ("10 kB", "2.5 GB", "512 bytes")
