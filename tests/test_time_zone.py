"""The app's time zone is a fixed UTC+7 (config.TZ): the same wall-clock time and name as the
time-zone database's Asia/Ho_Chi_Minh for every moment the app can meet, summer or winter."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from kehoach_tui.config import TZ, to_local


def test_the_fixed_offset_is_vietnams_time_for_every_year_the_app_handles():
    database = ZoneInfo("Asia/Ho_Chi_Minh")
    moment = dt.datetime(1976, 1, 1, tzinfo=dt.UTC)
    while moment.year < 2100:
        ours, theirs = moment.astimezone(TZ), moment.astimezone(database)
        assert ours.replace(tzinfo=None) == theirs.replace(tzinfo=None), moment
        assert ours.utcoffset() == theirs.utcoffset() and ours.tzname() == theirs.tzname()
        moment += dt.timedelta(days=37, hours=5)


def test_local_time_of_a_stored_moment():
    assert to_local("2025-11-28T17:30:00Z").isoformat() == "2025-11-29T00:30:00+07:00"
