"""Each local day's bounds use that day's own UTC offset (issue 18.10), here across Cairo's 2025 changes
(summer time from Friday 2025-04-25 00:00, +02:00 to +03:00; back on Friday 2025-10-31 00:00)."""

import os
import subprocess
import sys
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from pos_app.domain.timeutil import local_days_utc

CAIRO = ZoneInfo("Africa/Cairo")


def test_a_winter_day_seen_in_summer_keeps_its_own_offset():
    assert local_days_utc(date(2025, 1, 15), date(2025, 1, 15), CAIRO) == (
        "2025-01-14T22:00:00.000Z", "2025-01-15T22:00:00.000Z")
    assert local_days_utc(date(2025, 7, 15), date(2025, 7, 15), CAIRO) == (
        "2025-07-14T21:00:00.000Z", "2025-07-15T21:00:00.000Z")


def test_a_range_across_the_spring_change_is_23_hours_short_of_two_days():
    # 2025-04-25 00:00 does not exist in Cairo: that day begins at 01:00 summer time (= 22:00Z the day before).
    assert local_days_utc(date(2025, 4, 24), date(2025, 4, 25), CAIRO) == (
        "2025-04-23T22:00:00.000Z", "2025-04-25T21:00:00.000Z")
    assert local_days_utc(date(2025, 10, 30), date(2025, 10, 31), CAIRO) == (
        "2025-10-29T21:00:00.000Z", "2025-10-31T22:00:00.000Z")


@pytest.mark.skipif(not hasattr(__import__("time"), "tzset"), reason="TZ in the environment needs time.tzset")
def test_the_machines_local_time_gives_each_day_its_own_offset():
    """No zone given (what the CLI, the history filter and the manager's exports pass): the OS's local time."""
    code = ("from datetime import date; from pos_app.domain.timeutil import local_days_utc as d; "
            "print(d(date(2025, 1, 15), date(2025, 1, 15))); print(d(date(2025, 7, 15), date(2025, 7, 15))); "
            "print(d(date(2025, 4, 24), date(2025, 4, 25)))")
    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "TZ": "Africa/Cairo"},
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert out == [
        "('2025-01-14T22:00:00.000Z', '2025-01-15T22:00:00.000Z')",
        "('2025-07-14T21:00:00.000Z', '2025-07-15T21:00:00.000Z')",
        "('2025-04-23T22:00:00.000Z', '2025-04-25T21:00:00.000Z')",
    ]
