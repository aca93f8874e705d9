"""The closed sets of words the stages pass between them, as ``Literal`` types: a clip's role, the
gait read from it, where a slow-motion factor came from, a quality check's group, where the
crossover's identity and position came from. mypy then holds every producer and consumer to them."""

from __future__ import annotations

from typing import Literal

Role = Literal["side", "rear"]  # which clip of the pair
Gait = Literal["running", "walking"]
SlowmoSource = Literal["none", "flag", "metadata"]  # the factor was none, given (--slowmo) or read from the file
CheckGroup = Literal["capture", "measurement"]  # a check of how it was filmed, or of what could be measured
IdentityFrom = Literal["PSIS markers", "hip keypoints"]  # what told the feet apart (crossover)
PositionFrom = Literal["image", "foot keypoints"]  # where the foot on the ground came from (crossover)
