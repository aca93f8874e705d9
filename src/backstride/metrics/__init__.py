"""Metrics: pure functions of events and trajectories."""
