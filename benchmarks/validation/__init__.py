"""Ground-truth harnesses: force-plate mocap projected to what a camera would see."""
