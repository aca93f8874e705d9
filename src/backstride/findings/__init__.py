"""Findings: rules over the metrics and their normal ranges, each in plain words with its evidence."""
