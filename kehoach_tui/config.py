"""Paths, "today", and time zone. Cheap to import: no Textual, no SQLite."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

APP_NAME = "kehoach-tui"
# Việt Nam's time (Asia/Ho_Chi_Minh): UTC+7 all year, no summer time, since 1975. A fixed
# offset is the same for every date the app handles, and needs no time-zone database to
# load (every command and the first screen used to pay for finding one).
TZ = dt.timezone(dt.timedelta(hours=7), "+07")


def data_dir() -> Path:
    """The user data folder (keys, backups, outbox); created on demand by writers."""
    override = os.environ.get("KEHOACH_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def documents_dir() -> Path:
    """The user's Documents folder, where reports go unless the officer chose another folder.
    With KEHOACH_DATA_DIR set (tests, demos, a portable copy) its "Documents" subfolder, so
    nothing is written outside that folder."""
    override = os.environ.get("KEHOACH_DATA_DIR")
    if override:
        return Path(override) / "Documents"
    from platformdirs import user_documents_dir

    return Path(user_documents_dir())


def default_db_path() -> Path:
    env = os.environ.get("KEHOACH_DB")
    return Path(env) if env else data_dir() / "kehoach.db"


def choose_lang(given: str | None) -> str:
    """--lang, else KEHOACH_LANG, else Vietnamese (an unknown KEHOACH_LANG too)."""
    lang = given or os.environ.get("KEHOACH_LANG") or "vi"
    return lang if lang in ("vi", "en") else "vi"


def seeds_dir() -> Path:
    """Plan files: inside the wheel at kehoach_tui/seeds, in a checkout at ./seeds."""
    here = Path(__file__).resolve().parent
    packaged = here / "seeds"
    return packaged if packaged.is_dir() else here.parent / "seeds"


def today() -> dt.date:
    """Local date in Vietnam; KEHOACH_TODAY=YYYY-MM-DD pins it for tests and demos."""
    pinned = os.environ.get("KEHOACH_TODAY")
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise SystemExit(f"KEHOACH_TODAY={pinned!r}: cần dạng YYYY-MM-DD") from None
    return dt.datetime.now(TZ).date()


def now_utc() -> dt.datetime:
    """Current UTC time; with KEHOACH_TODAY pinned, that day at the current local clock time."""
    real = dt.datetime.now(dt.UTC)
    if os.environ.get("KEHOACH_TODAY"):
        local = real.astimezone(TZ)
        clock = local.timetz()
        if os.environ.get("KEHOACH_EVENING_CLOCK"):
            # Tests: the real clock squeezed into 16:00-24:00 of the pinned day, still moving
            # forward, so a run after midnight does not put "now" before the morning's
            # recorded events (07:30 check, 08:00 incident) of its fixtures.
            seconds = local.hour * 3600 + local.minute * 60 + local.second + local.microsecond / 1e6
            squeezed = dt.timedelta(hours=16) + dt.timedelta(seconds=seconds / 3)
            clock = (dt.datetime.min + squeezed).time().replace(tzinfo=TZ)
        pinned = dt.datetime.combine(today(), clock)
        return pinned.astimezone(dt.UTC)
    return real


def latest_past_moment() -> dt.datetime:
    """The latest time a person may give for something that has already happened: now,
    with a minute of slack (forms show now rounded to the minute); with KEHOACH_TODAY pinned,
    the end of that day, since the pin carries no clock time."""
    if os.environ.get("KEHOACH_TODAY"):
        end = dt.datetime.combine(today() + dt.timedelta(days=1), dt.time(), tzinfo=TZ)
        return end.astimezone(dt.UTC) - dt.timedelta(microseconds=1)
    return now_utc() + dt.timedelta(minutes=1)


def utc_iso(moment: dt.datetime | None = None) -> str:
    """UTC ISO-8601 with microseconds and a Z, the one stored time format."""
    moment = moment or now_utc()
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def to_local(text_or_moment: str | dt.datetime) -> dt.datetime:
    moment = parse_utc(text_or_moment) if isinstance(text_or_moment, str) else text_or_moment
    return moment.astimezone(TZ)


def fmt_date(day: dt.date | None) -> str:
    """dd/mm/yyyy, the one displayed date format."""
    return day.strftime("%d/%m/%Y") if day else ""


def fmt_datetime(text_or_moment: str | dt.datetime | None) -> str:
    if not text_or_moment:
        return ""
    return to_local(text_or_moment).strftime("%d/%m/%Y %H:%M")


def parse_user_date(text: str) -> dt.date:
    """Parse a date typed by a person: dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy) or YYYY-MM-DD."""
    raw = text.strip()
    for sep in ("/", "-", "."):
        parts = raw.split(sep)
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            a, b, c = (int(p) for p in parts)
            if len(parts[0]) == 4:
                return dt.date(a, b, c)
            if len(parts[2]) == 4:
                return dt.date(c, b, a)
    raise ValueError(raw)
