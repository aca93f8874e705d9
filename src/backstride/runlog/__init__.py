"""The runner's training log: runs imported from a watch's exports (and, later, typed in)."""
