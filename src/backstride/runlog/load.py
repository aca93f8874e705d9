"""The training-load answers of the questionnaire, from the log (so a runner never types them
twice): weekly distances and the longest runs, as the questionnaire's ``running`` fields."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


def training_load(runs: Iterable[tuple[date, float | None]], today: date) -> dict[str, float | str | list[float]]:
    """``runs``: (day, km). Weeks end on ``today`` (the last 7 days are "this week"). Days before the first
    logged run are unknown, not 0 km: an answer that needs them is left out (the questionnaire asks it)."""
    logged: list[tuple[date, float]] = [(d, float(km)) for d, km in runs if km is not None and d <= today]
    if not logged:
        return {}

    def km_between(first: date, last: date) -> float:
        return round(sum(km for d, km in logged if first <= d <= last), 1)

    def longest(first: date, last: date) -> float:
        return round(max((km for d, km in logged if first <= d <= last), default=0.0), 1)

    week = [(today - timedelta(days=7 * k + 6), today - timedelta(days=7 * k)) for k in range(8)]
    logged_since = min(d for d, _ in logged)
    weeks_logged = [w for w in week if w[1] >= logged_since]
    month = today - timedelta(days=29)
    out: dict[str, float | str | list[float]] = {
        "weekly_km_now": km_between(*week[0]),
        "longest_run_last_week_km": longest(*week[0]),
        "longest_run_last_30_days_km": longest(month, today),
        "weekly_km_last_8_weeks": [km_between(*w) for w in reversed(weeks_logged)],
    }
    if logged_since <= month:
        out["longest_run_before_last_week_km"] = longest(month, week[1][1])
    if logged_since <= week[4][0]:
        out["weekly_km_4_weeks_ago"] = km_between(*week[4])
    recent = [(d, km) for d, km in logged if d >= month]
    if recent:
        top_km = max(km for _, km in recent)
        day = min(d for d, km in recent if km == top_km)  # the first time it was run that far
        out["longest_run_last_30_days_on"] = day.isoformat()
        if logged_since <= day - timedelta(days=30):
            out["longest_run_in_30_days_before_it_km"] = longest(day - timedelta(days=30), day - timedelta(days=1))
    return out
