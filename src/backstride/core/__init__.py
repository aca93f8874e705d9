"""The types every stage shares: the trajectory (keypoints over time), gait events, and the typed
results a clip's analysis ends in. Imports no stage."""
