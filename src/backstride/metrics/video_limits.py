"""What 2-D video pose is measured to miss, quoted to users from one place.

Each figure is a measurement, not an opinion: how it was taken is stated, and a test re-measures
it (tests/e2e/test_cli.py, the demo), so the words a runner reads cannot drift from the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UnderRead:
    """A quantity that the pose model reads smaller than it is."""

    quantity: str
    true_value: float
    read_value: float
    unit: str
    how: str  # where and how it was measured

    def text(self) -> str:
        return f"{self.read_value:.1f} {self.unit} read for a rendered {self.true_value:g} {self.unit} {self.quantity}"


#: The demo's rear clip (the synthetic runner from behind, 60 fps, its left side dropping 9 deg):
#: mediapipe's hip keypoints follow about a quarter of the pelvis's roll.
PELVIC_DROP = UnderRead("drop", 9.0, 2.5, "deg", "mediapipe on the demo's rear clip (60 fps)")
