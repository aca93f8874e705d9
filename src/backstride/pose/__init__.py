"""Pose edge: backends behind one interface, run over a clip with an on-disk cache."""

from backstride.pose.backend import PoseBackend, create_backend
from backstride.pose.run import RawPose, content_hash, estimate_pose

__all__ = ["PoseBackend", "RawPose", "content_hash", "create_backend", "estimate_pose"]
