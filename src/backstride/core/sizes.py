"""File sizes said one way everywhere (decimal units, as phones and file managers show them)."""

from __future__ import annotations


def size_text(n_bytes: float) -> str:
    """``4_000_000_000`` -> "4 GB", ``30_000_000`` -> "30 MB", ``10_000`` -> "10 kB"."""
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n_bytes >= size:
            value = n_bytes / size
            return f"{value:.0f} {unit}" if value >= 10 or value == round(value) else f"{value:.1f} {unit}"
    return f"{n_bytes:.0f} bytes"
