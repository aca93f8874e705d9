"""Self-tests of the physical condition, filmed with one phone: pure measurements on a
:class:`~backstride.core.trajectory.Trajectory` (segment angles, hold times), the tests'
definitions with their published normal values, and the refusals when a clip cannot show a test.

Flow: video -> pose -> trajectory (the pipeline's edges, app/check.py) -> segments.py (angles per
frame) -> hold.py (a hold's start and end) -> catalogue.py (what the figure means, with its source).
"""
