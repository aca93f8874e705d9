"""The quality types: one check, and a clip's whole verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from backstride.core.kinds import CheckGroup

STATUSES = ("ok", "warn", "fail", "not measured")


@dataclass(frozen=True)
class Check:
    """One capture or measurement check of a clip."""

    name: str
    group: CheckGroup
    value: float | str | None
    unit: str
    limit: str  # the limit in words, e.g. ">= 24 fps"
    status: str  # one of STATUSES
    why: str  # the source or the reason for the limit
    advice: str = ""  # what to do about it (empty when ok)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status {self.status!r} not in {STATUSES}")

    def text(self) -> str:
        value = (
            "not measured"
            if self.value is None
            else (f"{self.value:.3g}" if isinstance(self.value, float) else str(self.value))
        )
        unit = f" {self.unit}" if self.unit and self.value is not None else ""
        return f"{self.name.replace('_', ' ')} {value}{unit} (limit {self.limit})"

    def to_json(self) -> dict:
        value = round(self.value, 3) if isinstance(self.value, float) else self.value
        return {
            "name": self.name,
            "group": self.group,
            "value": value,
            "unit": self.unit,
            "limit": self.limit,
            "status": self.status,
            "why": self.why,
            "advice": self.advice,
        }


@dataclass(frozen=True)
class Quality:
    """A clip's checks, the seconds analysed and why the rest was left out."""

    checks: tuple[Check, ...]
    used_s: tuple[float, float] | None = None
    left_out: tuple[str, ...] = field(default=())

    @property
    def verdict(self) -> str:
        statuses = {c.status for c in self.checks}
        return "refused" if "fail" in statuses else "warnings" if "warn" in statuses else "ok"

    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status == "fail")

    def warned(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status == "warn")

    def measurement_warns(self) -> bool:
        return any(c.group == "measurement" and c.status in ("warn", "fail") for c in self.checks)

    def one_line(self) -> str:
        """The verdict in one line, for the terminal and the report."""
        span = "" if self.used_s is None else f"; analysed {self.used_s[0]:.1f}-{self.used_s[1]:.1f} s"
        if self.verdict == "ok":
            return f"clip quality: ok ({len(self.checks)} checks passed{span})"
        bad = self.failed() or self.warned()
        return f"clip quality: {self.verdict}: " + "; ".join(c.text() for c in bad) + span

    def with_(self, **changes: Any) -> Quality:
        from dataclasses import replace

        return replace(self, **changes)

    def to_json(self) -> dict:
        return {
            "verdict": self.verdict,
            "summary": self.one_line(),
            "analysed_s": None if self.used_s is None else [round(v, 2) for v in self.used_s],
            "left_out": list(self.left_out),
            "capture": [c.to_json() for c in self.checks if c.group == "capture"],
            "measurement": [c.to_json() for c in self.checks if c.group == "measurement"],
        }


def graded(value: float | None, *, warn: float, fail: float | None = None, higher_is_worse: bool = True) -> str:
    """ "ok", "warn" or "fail" for a figure against its two limits ("not measured" for None/NaN)."""
    if value is None or value != value:
        return "not measured"
    sign = 1.0 if higher_is_worse else -1.0
    if fail is not None and sign * value > sign * fail:
        return "fail"
    return "warn" if sign * value > sign * warn else "ok"
