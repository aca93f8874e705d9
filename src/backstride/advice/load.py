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

from backstride.triage.questionnaire import Answers

#: A single run this much longer than the reference is a spike (Garmin-RUNSAFE's lowest band).
SINGLE_RUN_CAP = 1.10
#: (share longer than the reference, hazard rate ratio) bands of Garmin-RUNSAFE 2025, lowest first.
SPIKE_BANDS = ((0.10, 1.64), (0.30, 1.52), (1.00, 2.28))
#: Nielsen 2014: > 30 % from one week to the next.
WEEKLY_SPIKE = 1.30
#: Pain that began within this many weeks after a spike week is named as likely set off by it.
TRIGGER_WEEKS = 1.5


@dataclass(frozen=True)
class LoadReading:
    reference_km: float  # the longest run before any recent spike
    reference_is_pre_spike: bool  # False: only the 30-day longest (which may include the spike) was given
    spike_km: float | None  # last week's longest run, when it is a spike
    spike_pct: float | None  # how much longer than the reference, %
    spike_hrr: float | None
    trigger: bool  # the spike came just before the pain began
    weekly_rise_pct: float | None  # the largest week-to-week rise beyond 30 %
    weekly_rise_weeks_ago: int | None  # when that rise ended (0 = this week)

    @property
    def cap_km(self) -> float:
        return SINGLE_RUN_CAP * self.reference_km


def read_load(a: Answers) -> LoadReading:
    r = a.running
    pre = r.longest_run_before_last_week_km
    reference = pre if pre is not None else r.longest_run_last_30_days_km
    spike_pct = spike_hrr = spike_km = None
    if pre is not None and pre > 0 and r.longest_run_last_week_km > SINGLE_RUN_CAP * pre:
        spike_km = r.longest_run_last_week_km
        spike_pct = 100.0 * (spike_km / pre - 1.0)
        spike_hrr = next(h for share, h in reversed(SPIKE_BANDS) if spike_pct / 100.0 > share)
    began = a.pain.began_weeks_ago if a.pain.has_pain else None
    trigger = spike_km is not None and began is not None and began <= TRIGGER_WEEKS
    rise, rise_ago = _largest_weekly_rise(list(r.weekly_km_last_8_weeks) or [r.weekly_km_4_weeks_ago, r.weekly_km_now])
    return LoadReading(reference, pre is not None, spike_km, spike_pct, spike_hrr, trigger, rise, rise_ago)


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
    base = (
        f"your longest in the 30 days before last week, {load.reference_km:.1f} km"
        if load.reference_is_pre_spike
        else f"your longest in the last 30 days, {load.reference_km:.1f} km"
    )
    text = f"Keep every run under {load.cap_km:.1f} km ({base}, plus 10 %)."
    if load.spike_km is not None and load.spike_pct is not None:
        text += (
            f" Last week's {load.spike_km:.1f} km run was {load.spike_pct:.0f} % longer than anything in the "
            f"30 days before it (Garmin-RUNSAFE: hazard rate ratio {load.spike_hrr:g} for injury in general)"
        )
        text += (
            ", and your pain began just after it: a likely trigger. Go back below the cap; build again by "
            "no more than 10 % a run once the pain settles."
            if load.trigger
            else "."
        )
    if load.weekly_rise_pct is not None:
        when = "this week" if load.weekly_rise_weeks_ago == 0 else f"{load.weekly_rise_weeks_ago} week(s) ago"
        source = "in the weeks you gave" if r.weekly_km_last_8_weeks else "in 4 weeks"
        text += (
            f" Your weekly distance rose {load.weekly_rise_pct:.0f} % {source} (ending {when}): hold it for 2 weeks."
        )
    return text
