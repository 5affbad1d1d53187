"""The electoral calendar on its own: blackout windows, their edges in Mexico City's time, who they bind."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from blindaje.calendar import active_processes, covers, portal_activity
from blindaje.config import load_config
from conftest import ROOT, write_config


@pytest.fixture(scope="module")
def shipped():
    return load_config(ROOT / "config")


@pytest.mark.parametrize("date,active", [
    ("2027-03-04", False),  # the day before the first state campaigns (COL, GRO, NLE, SLP, SON)
    ("2027-03-05", True),   # first day, inclusive
    ("2027-06-06", True),   # election day, inclusive
    ("2027-06-07", False),
])
def test_federal_portal_window_boundaries(shipped, date, active):
    assert portal_activity(shipped, shipped.portals[0], dt.date.fromisoformat(date)).active is active


def test_time_zone_edges_at_midnight_in_mexico_city(shipped):
    # The CLI takes today's date in the calendar's time zone: 05:59 UTC is still 4 March in Mexico City.
    before = dt.datetime(2027, 3, 5, 5, 59, tzinfo=dt.timezone.utc).astimezone(shipped.timezone).date()
    after = dt.datetime(2027, 3, 5, 6, 0, tzinfo=dt.timezone.utc).astimezone(shipped.timezone).date()
    assert (before, after) == (dt.date(2027, 3, 4), dt.date(2027, 3, 5))
    assert not portal_activity(shipped, shipped.portals[0], before).active
    assert portal_activity(shipped, shipped.portals[0], after).active


def test_an_inactive_portal_knows_when_its_next_window_opens(shipped):
    activity = portal_activity(shipped, shipped.portals[0], dt.date(2026, 12, 1))
    assert (activity.active, activity.processes, activity.next_start) == (False, (), dt.date(2027, 3, 5))
    during = portal_activity(shipped, shipped.portals[0], dt.date(2027, 5, 1))
    assert during.active and during.processes and all(isinstance(p, str) for p in during.processes)


def test_state_processes_cover_federal_portals_unless_turned_off(tmp_path):
    state_only = [{"name": "Local Coahuila", "applies_to": ["MX-COA"], "blackout_start": "2026-05-05",
                   "blackout_end": "2026-06-07"}]
    for follow, expected in ((True, True), (False, False)):
        config_dir = write_config(tmp_path / f"c{follow}", "http://127.0.0.1:1/", processes=state_only,
                                  portal={"jurisdiction": "federal"},
                                  settings={"calendar": {"federal_portals_follow_state_processes": follow}})
        config = load_config(config_dir)
        assert portal_activity(config, config.portals[0], dt.date(2026, 5, 20)).active is expected
        other = write_config(tmp_path / f"o{follow}", "http://127.0.0.1:1/", processes=state_only,
                             portal={"jurisdiction": "MX-VER"})
        cfg = load_config(other)
        assert not portal_activity(cfg, cfg.portals[0], dt.date(2026, 5, 20)).active


def test_covers_and_active_processes():
    everyone = SimpleNamespace(name="Federal", applies_to=["all"], blackout_start=dt.date(2027, 4, 1),
                               blackout_end=dt.date(2027, 6, 6))
    coahuila = SimpleNamespace(name="Coahuila", applies_to=["MX-COA"], blackout_start=dt.date(2027, 5, 1),
                               blackout_end=dt.date(2027, 6, 6))
    assert covers(everyone, "MX-VER", False) and covers(coahuila, "MX-COA", False)
    assert not covers(coahuila, "MX-VER", True)
    assert covers(coahuila, "federal", True) and not covers(coahuila, "federal", False)
    calendar = SimpleNamespace(processes=[everyone, coahuila])
    assert [p.name for p in active_processes(calendar, dt.date(2027, 4, 15))] == ["Federal"]
    assert [p.name for p in active_processes(calendar, dt.date(2027, 6, 6))] == ["Federal", "Coahuila"]
    assert active_processes(calendar, dt.date(2027, 6, 7)) == []
