"""The electoral calendar: which processes are in their blackout on a date, and which portals that makes active."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Activity:
    portal: str
    active: bool
    processes: tuple[str, ...]
    next_start: dt.date | None  # when the next window opens, for an inactive portal


def covers(process, jurisdiction: str, federal_follows_states: bool) -> bool:
    """Does this process's blackout apply to a portal of this jurisdiction?"""
    scope = set(process.applies_to)
    if "all" in scope or jurisdiction in scope:
        return True
    # Federal accounts were sanctioned during local elections (SUP-REP-109/2019): a state's blackout binds them too.
    return jurisdiction == "federal" and federal_follows_states and any(s.startswith("MX-") for s in scope)


def active_processes(calendar, date: dt.date) -> list:
    return [p for p in calendar.processes if p.blackout_start <= date <= p.blackout_end]


def portal_activity(config, portal, date: dt.date) -> Activity:
    follow = config.settings.calendar.federal_portals_follow_state_processes
    mine = [p for p in config.calendar.processes if covers(p, portal.jurisdiction, follow)]
    now = tuple(p.name for p in mine if p.blackout_start <= date <= p.blackout_end)
    upcoming = [p.blackout_start for p in mine if p.blackout_start > date]
    return Activity(portal.name, bool(now), now, min(upcoming) if upcoming else None)


def today(config, now: dt.datetime) -> dt.date:
    """The calendar date in the calendar's time zone for an aware instant."""
    return now.astimezone(config.timezone).date()
