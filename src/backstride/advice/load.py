"""Training load as it happened: a run compared with the longest run before it, week-to-week rises,
and a spike just before the pain began named as a likely trigger.

Notes:
    Garmin-RUNSAFE (n=5205; BJSM 2025, doi 10.1136/bjsports-2024-109380): a single run longer than
    the longest run of the previous 30 days raised the injury rate: 10-30 % longer, hazard rate
    ratio 1.64; 30-100 %, 1.52; more than 100 %, 2.28. The comparison is with the runs *before* the
    run, so the cap is set from the load before a spike, never from the spike itself. Nielsen 2014
    (JOSPT 44:739): more than 30 % weekly progression, HR 1.59 (0.96-2.66) for distance-related
    injuries. Neither study counted back pain: the link to back pain is an inference, said so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from backstride.triage.questionnaire import Answers

#: the load spike against the pain's onset
SpikeOrder = Literal["before", "after", "unknown"]

#: A single run this much longer than the reference is a spike (Garmin-RUNSAFE's lowest band).
SINGLE_RUN_CAP = 1.10
#: (share longer than the reference, hazard rate ratio) bands of Garmin-RUNSAFE 2025, lowest first.
SPIKE_BANDS = ((0.10, 1.64), (0.30, 1.52), (1.00, 2.28))
#: Nielsen 2014: > 30 % from one week to the next.
WEEKLY_SPIKE = 1.30
#: Pain that began within this many days after a spike is named as likely set off by it. Garmin-RUNSAFE
#: related each injury to the runs before it; the window here is an assumption (UNVERIFIED).
TRIGGER_DAYS = 10


@dataclass(frozen=True)
class LoadReading:
    reference_km: float | None  # the longest run before any recent spike; None: not known (no runs on record)
    reference_is_pre_spike: bool  # False: only the 30-day longest (which may include the spike) was given
    spike_km: float | None  # the recent longest run, when it is a spike
    spike_pct: float | None  # how much longer than the reference, %
    spike_hrr: float | None
    spike_when: str | None  # "on 2026-11-20" or "in the last 7 days"
    order: SpikeOrder | None  # the spike against the pain's onset
    trigger: bool  # the spike came before the pain began, within TRIGGER_DAYS
    weekly_rise_pct: float | None  # the largest week-to-week rise beyond 30 %
    weekly_rise_weeks_ago: int | None  # when that rise ended (0 = this week)
    stopped: bool = False  # no running this week: a return to running, not a cap

    @property
    def cap_km(self) -> float | None:
        return None if not self.reference_km else SINGLE_RUN_CAP * self.reference_km


def pain_began(a: Answers, today: date) -> tuple[date, date] | None:
    """The earliest and latest day the pain can have begun: the day given, or a week's span from
    "weeks ago" (0 = this week)."""
    p = a.pain
    if not p.has_pain:
        return None
    if p.began_on is not None:
        return p.began_on, p.began_on
    if p.began_weeks_ago is None:
        return None
    latest = today - timedelta(days=round(7 * p.began_weeks_ago))
    return latest - timedelta(days=6 if p.began_weeks_ago < 1 else 3), min(today, latest + timedelta(days=3))


def _spike(a: Answers, today: date) -> tuple[float | None, float, date | None, date | None, bool]:
    """(reference km or None, recent longest km, earliest and latest day of that run, reference is pre-spike)."""
    r = a.running
    if r.longest_run_last_30_days_on is not None and r.longest_run_in_30_days_before_it_km is not None:
        day = r.longest_run_last_30_days_on
        return r.longest_run_in_30_days_before_it_km, r.longest_run_last_30_days_km, day, day, True
    if r.longest_run_before_last_week_km is not None:
        return r.longest_run_before_last_week_km, r.longest_run_last_week_km, today - timedelta(days=6), today, True
    return None, r.longest_run_last_30_days_km, None, None, False


def read_load(a: Answers, today: date | None = None) -> LoadReading:
    today = today or date.today()
    r = a.running
    pre, recent, first, last, is_pre = _spike(a, today)
    spike_pct = spike_hrr = spike_km = None
    if pre is not None and pre > 0 and recent > SINGLE_RUN_CAP * pre:
        spike_km = recent
        spike_pct = 100.0 * (spike_km / pre - 1.0)
        spike_hrr = next(h for share, h in reversed(SPIKE_BANDS) if spike_pct / 100.0 > share)
    order = _order(first, last, pain_began(a, today)) if spike_km is not None else None
    trigger = order == "before" and _within_window(last, pain_began(a, today))
    reference = pre if pre is not None and pre > 0 else (r.longest_run_last_30_days_km or None)
    if spike_km is not None:
        reference = pre
    when = None if first is None else (f"on {first.isoformat()}" if first == last else "in the last 7 days")
    rise, rise_ago = _largest_weekly_rise(list(r.weekly_km_last_8_weeks) or [r.weekly_km_4_weeks_ago, r.weekly_km_now])
    stopped = r.weekly_km_now == 0
    return LoadReading(reference, is_pre, spike_km, spike_pct, spike_hrr, when, order, trigger, rise, rise_ago, stopped)


def _order(first: date | None, last: date | None, began: tuple[date, date] | None) -> SpikeOrder:
    if first is None or last is None or began is None:
        return "unknown"
    if last <= began[0]:
        return "before"
    if first > began[1]:
        return "after"
    return "unknown"


def _within_window(run_day: date | None, began: tuple[date, date] | None) -> bool:
    return run_day is not None and began is not None and (began[1] - run_day).days <= TRIGGER_DAYS


def _largest_weekly_rise(weeks: list[float]) -> tuple[float | None, int | None]:
    """The largest rise from one entry to the next beyond 30 %, and how many weeks ago it ended."""
    best: tuple[float | None, int | None] = (None, None)
    for i in range(1, len(weeks)):
        before, now = weeks[i - 1], weeks[i]
        if before > 0 and now > WEEKLY_SPIKE * before:
            pct = 100.0 * (now / before - 1.0)
            if best[0] is None or pct > best[0]:
                best = (pct, len(weeks) - 1 - i)
    return best


def load_text(a: Answers, load: LoadReading) -> str:
    """What the plan's load item says: the cap, and the spike or rise that may have set the pain off."""
    r = a.running
    if load.cap_km is None or load.reference_km is None:
        text = "No long run is on record to set a cap from: build up by no more than 10 % a run from what you run now."
    else:
        base = (
            f"your longest before it, {load.reference_km:.1f} km"
            if load.spike_km is not None
            else f"your longest in the 30 days before last week, {load.reference_km:.1f} km"
            if load.reference_is_pre_spike
            else f"your longest in the last 30 days, {load.reference_km:.1f} km"
        )
        text = f"Keep every run under {load.cap_km:.1f} km ({base}, plus 10 %)."
    if load.spike_km is not None and load.spike_pct is not None:
        text += (
            f" Your {load.spike_km:.1f} km run {load.spike_when} was {load.spike_pct:.0f} % longer than anything in "
            f"the 30 days before it (Garmin-RUNSAFE: hazard rate ratio {load.spike_hrr:g} for injury in general)"
        )
        text += {
            "before": ", and your pain began just after it: a likely trigger. Go back below the cap; build again by "
            "no more than 10 % a run once the pain settles."
            if load.trigger
            else "; your pain began more than 10 days after it, so it is not named as the trigger.",
            "after": "; it came after your pain began, so it did not set the pain off (it may have kept it going).",
            "unknown": "; whether it came before the pain began is not known (give the day of each), so it is not "
            "named as the trigger.",
        }[load.order or "unknown"]
    if load.weekly_rise_pct is not None:
        when = "this week" if load.weekly_rise_weeks_ago == 0 else f"{load.weekly_rise_weeks_ago} week(s) ago"
        source = "in the weeks you gave" if r.weekly_km_last_8_weeks else "in 4 weeks"
        text += (
            f" Your weekly distance rose {load.weekly_rise_pct:.0f} % {source} (ending {when}): hold it for 2 weeks."
        )
    return text
