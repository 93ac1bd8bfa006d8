"""Five realistic years at one commune, written through the areas' own store functions.

What an officer at Nghĩa Thọ does on each working day, day by day with "today" pinned to that
day: the first start of the day makes the automatic backup (as the app and every command do),
then the morning check (16 items, one write per item as the screen makes them, then finish),
two task progress updates with a note, and sometimes an incident moved along its lifecycle
(two a week). At each month's end: a value for every target, the report's own text and the
monthly report run; every Friday the weekly report run.

Used by reports.py, checklist.py and run_all.py, so every figure measured on "5 years" is
measured on the same data. Nothing here writes SQL to a data table: a change in a store
function's schema or change log shows in the figures, and a changed signature fails here
(the tiny run in tests/test_benchmarks.py catches it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path

OFFICER = "Nguyễn Thị Lan"
END = dt.date(2025, 11, 28)  # "today" of every figure measured on this data
WORDS = ["số", "hóa", "hồ", "sơ", "thủ", "tục", "hành", "chính", "dịch", "vụ", "công", "trực", "tuyến", "cơ", "sở", "dữ", "liệu", "dân", "cư", "đất", "đai", "kết", "nối", "liên", "thông", "hệ", "thống", "văn", "bản", "điện", "tử", "chữ", "ký", "số", "an", "toàn", "thông", "tin", "mạng", "máy", "chủ", "máy", "tính", "máy", "in", "máy", "quét", "đường", "truyền", "tập", "huấn", "cán", "bộ", "tuyên", "truyền", "người", "dân", "nền", "tảng", "ứng", "dụng", "thanh", "toán", "không", "dùng", "tiền", "mặt", "báo", "cáo", "định", "kỳ", "kiểm", "tra", "phần", "mềm", "cổng", "thông", "tin", "lưu", "trữ", "tài", "liệu", "giấy", "tờ", "rà", "soát", "cập", "nhật", "hoàn", "thiện", "triển", "khai", "phối", "hợp"]
INCIDENTS = (
    ("Mất kết nối Internet tại bộ phận một cửa", "internet", "Nhà mạng khôi phục đường truyền"),
    ("Máy in quầy số 2 kẹt giấy, không in được phiếu hẹn", "printer_scanner", "Thay trục kéo giấy"),
    ("Lỗi đăng nhập phần mềm một cửa điện tử", "one_stop", "Sở KH&CN cấp lại tài khoản"),
    ("Mất điện, UPS chỉ giữ được 10 phút", "other", "Điện lực cấp điện trở lại"),
)


@dataclass
class Built:
    db: Path
    days: int           # working days recorded
    seconds: float      # time to build


@contextlib.contextmanager
def on_day(day: dt.date):
    """'Today' pinned to day for the store functions that read it."""
    before = os.environ.get("KEHOACH_TODAY")
    os.environ["KEHOACH_TODAY"] = day.isoformat()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("KEHOACH_TODAY", None)
        else:
            os.environ["KEHOACH_TODAY"] = before


def _note(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 22))).capitalize() + "."


def backup_days(days: list[dt.date], *, daily: int = 40, weekly_back: int = 400) -> set[dt.date]:
    """The days whose first start makes the automatic backup here: every working day of the
    last `daily` working days, and each Monday of the `weekly_back` calendar days before.

    The app makes one on every working day; copying a 40 MB file 1,300 times would take this
    benchmark many minutes, and a copy older than a year is pruned by any retention that
    keeps at most 12 monthly copies. A weekly or monthly copy kept here holds at most four
    days less data than the true one (under 1% of the file).
    """
    if not days:
        return set()
    since = days[-1] - dt.timedelta(days=weekly_back)
    return set(days[-daily:]) | {d for d in days if d >= since and d.weekday() == 0}


def build(db: Path, *, years: float = 5, backups: bool = True, end: dt.date = END, seed: int = 17,
          after_setup=None) -> Built:
    """Create db (KEHOACH_DATA_DIR must already point at a private folder: the backups go
    there). years may be a fraction (the tiny runs use a few weeks). after_setup(store), when
    given, runs once the commune is set up, before the first working day."""
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.config import TZ
    from kehoach_tui.domain.incident_models import IncidentDraft
    from kehoach_tui.domain.periods import month_period, week_period
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store import checklist, incidents, open_store
    from kehoach_tui.store.backup import ensure_daily_backup
    from kehoach_tui.store.reports import record_run, save_texts
    from kehoach_tui.store.setup import initialise
    from kehoach_tui.store.targets import record_target_value, target_standings
    from kehoach_tui.store.tasks import children_of, record_update, task_records

    rng = random.Random(seed)
    started = time.perf_counter()
    begin = end - dt.timedelta(days=round(years * 365))
    with on_day(begin):
        store = open_store(db)
        initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code("16969"), officer=OFFICER)
        checklist.ensure_items(store, OFFICER)
        if after_setup is not None:
            after_setup(store)
    # Building only: the app keeps synchronous=FULL; the file's content is the same.
    store.conn.execute("PRAGMA synchronous=OFF")
    leaves = [r.code for r in task_records(store) if not children_of(store, r.code)]
    items = [item.code for item in checklist.list_items(store)]
    targets = [s.code for s in target_standings(store, begin) if s.kind != "qualitative"]  # a figure each month
    days = list(checklist.checklist_settings(store).calendar().workdays(begin, end))
    backup_on = backup_days(days) if backups else set()
    progress = dict.fromkeys(leaves, 0)
    open_now: list[tuple[str, int]] = []  # (incident id, next step)
    for n, day in enumerate(days):
        with on_day(day):
            if day in backup_on:
                ensure_daily_backup(db)
            at = dt.datetime.combine(day, dt.time(7, 25), tzinfo=TZ)
            for i, code in enumerate(items):
                state = "fail" if (n * 7 + i) % 41 == 0 else "na" if code == "CAMERA" and n % 3 == 0 else "ok"
                checklist.mark_item(store, day, code, state, actor=OFFICER, at=at + dt.timedelta(minutes=i))
            checklist.finish_day(store, day, actor=OFFICER, at=at + dt.timedelta(minutes=20 + n % 45))
            for _ in range(2):
                code = rng.choice(leaves)
                progress[code] = min(99, progress[code] + rng.randint(1, 6))
                record_update(store, code, progress=progress[code], note=_note(rng), officer=OFFICER, today=day)
            _incidents(store, incidents, IncidentDraft, open_now, day, n, TZ)
            if day.weekday() == 4:
                record_run(store, week_period(day), fmt="docx", file_path=f"bao-cao/tuan-{day}.docx",
                           sha256="0" * 64, size_bytes=40_000, actor=OFFICER)
            last_of_month = n + 1 == len(days) or days[n + 1].month != day.month
            if last_of_month:
                month = f"{day:%Y-%m}"
                for code in targets:
                    record_target_value(store, code, rng.randint(10, 100), month, note=_note(rng),
                                        officer=OFFICER, today=day)
                period = month_period(day)
                save_texts(store, period, {"direction": _note(rng) * 3, "shortcomings": _note(rng) * 2,
                                           "proposals": _note(rng)}, actor=OFFICER)
                record_run(store, period, fmt="docx", file_path=f"bao-cao/thang-{month}.docx",
                           sha256="0" * 64, size_bytes=60_000, actor=OFFICER)
    store.close()
    return Built(db, len(days), time.perf_counter() - started)


def _incidents(store, incidents, IncidentDraft, open_now, day, n, TZ) -> None:  # noqa: N803
    """Two incidents a week, each opened, then taken in hand, resolved and closed on the
    following working days."""
    moment = dt.datetime.combine(day, dt.time(9, 0), tzinfo=TZ)
    steps = (("in_progress", "Đã báo kỹ thuật viên"), ("resolved", None), ("closed", ""))
    for entry in list(open_now):
        incident_id, step, resolution = entry
        status, note = steps[step]
        incidents.change_status(store, incident_id, status, note=resolution if note is None else note,
                                actor=OFFICER, at=moment)
        open_now.remove(entry)
        if step + 1 < len(steps):
            open_now.append((incident_id, step + 1, resolution))
    if day.weekday() in (1, 3):
        title, category, resolution = INCIDENTS[n % len(INCIDENTS)]
        view = incidents.open_incident(store, IncidentDraft(
            title=title, category=category, severity="medium", opened_at=moment - dt.timedelta(hours=1),
            service_interrupted=n % 3 == 0, description="Cán bộ một cửa báo qua điện thoại."),
            actor=OFFICER, now=moment)
        open_now.append((view.id, 0, resolution))


def tree_size(folder: Path) -> int:
    """Bytes of every file under folder (the backups, whatever their names or format)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def db_size(db: Path) -> int:
    """The database as it sits on disk once closed: the file plus any WAL left beside it."""
    return sum(p.stat().st_size for p in (db, db.with_name(db.name + "-wal")) if p.exists())
