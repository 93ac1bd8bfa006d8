"""Backups: automatic daily copy, retention, `kehoach backup / restore / doctor`."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.store import SCHEMA_VERSION, StoreError, open_store
from kehoach_tui.store import backup as backup_mod
from kehoach_tui.store.backup import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    KEEP_WEEKLY,
    backup_set,
    backups_dir,
    check_backup,
    daily_backups,
    daily_path,
    ensure_daily_backup,
    prune,
    to_keep,
)
from kehoach_tui.store.backup_file import XZ_MAGIC, plain_copy
from kehoach_tui.store.plans import get_task
from kehoach_tui.store.rows import update_row


@pytest.fixture
def initialised(cli, db_path):
    assert cli("--db", str(db_path), "init")[0] == 0
    return db_path


def set_progress(db_path, code, value):
    store = open_store(db_path)
    try:
        with store.writing() as db:
            update_row(db, "tasks", get_task(store, code).id, {"progress": value}, actor="T")
    finally:
        store.close()


def progress_of(db_path, code):
    store = open_store(db_path)
    try:
        return get_task(store, code).progress
    finally:
        store.close()


# --- automatic daily backup -----------------------------------------------------------------


def test_init_and_first_command_of_the_day_make_todays_backup(cli, initialised, monkeypatch):
    today_file = daily_path(initialised)
    assert today_file.name == "kehoach-2025-11-05.db.xz" or today_file.name.endswith("-2025-11-05.db.xz")
    assert today_file.is_file()
    check_backup(today_file)
    before = today_file.stat().st_mtime_ns
    # The rest of the day: one stat, no copy.
    monkeypatch.setattr(backup_mod, "write_backup", lambda *a: pytest.fail("copied twice in a day"))
    assert cli("--db", str(initialised), "tasks")[0] == 0
    assert today_file.stat().st_mtime_ns == before


def test_next_day_makes_a_new_backup(cli, initialised, monkeypatch):
    monkeypatch.setenv("KEHOACH_TODAY", "2025-11-06")
    assert cli("--db", str(initialised), "tasks")[0] == 0
    names = sorted(p.name for p in backups_dir().iterdir())
    assert [n[-16:] for n in names] == ["2025-11-05.db.xz", "2025-11-06.db.xz"]


def test_no_temp_file_left_behind(initialised):
    assert not [p for p in backups_dir().iterdir() if p.name.endswith(".tmp")]


def test_backup_failure_never_stops_a_command(cli, initialised, monkeypatch):
    monkeypatch.setenv("KEHOACH_TODAY", "2025-11-07")

    def broken(*args):
        raise StoreError("ổ đĩa đầy")

    monkeypatch.setattr(backup_mod, "write_backup", broken)
    code, out, err = cli("--db", str(initialised), "tasks")
    assert code == 0 and "1.1" in out
    assert "sao lưu" in err and "ổ đĩa đầy" in err


async def test_tui_start_makes_the_backup_in_a_worker(seeded):
    assert not daily_path(seeded.path).exists()
    app = KehoachApp(seeded, daily_backup=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.current_mode == "overview"
    assert daily_path(seeded.path).is_file()


async def test_pilot_apps_make_no_backup_unless_asked(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert not backups_dir().exists()


# --- retention ------------------------------------------------------------------------------


def test_retention_keeps_7_daily_4_weekly_and_12_monthly():
    last = dt.date(2025, 11, 5)
    days = [last - dt.timedelta(days=n) for n in range(500)]
    keep = to_keep(days)
    newest = sorted(days, reverse=True)
    assert set(newest[:KEEP_DAILY]) <= keep

    def newest_of(key) -> list[dt.date]:
        groups: dict = {}
        for d in newest:
            groups.setdefault(key(d), d)
        return sorted(groups.values(), reverse=True)

    weekly = newest_of(lambda d: d.isocalendar()[:2])[:KEEP_WEEKLY]
    monthly = newest_of(lambda d: (d.year, d.month))[:KEEP_MONTHLY]
    assert keep == set(newest[:KEEP_DAILY]) | set(weekly) | set(monthly)
    assert len(keep) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY
    assert min(keep) == dt.date(2024, 12, 31)  # a year back: the newest day of the 12th month
    for day in keep - set(newest[:KEEP_DAILY]):  # each older copy is the newest of its week or month
        assert day in weekly or day in monthly


def test_prune_deletes_only_daily_backups_outside_retention(initialised):
    folder, prefix = backups_dir(), backup_set(initialised)
    for n in range(1, 60):
        day = dt.date(2025, 11, 5) - dt.timedelta(days=n)
        (folder / f"{prefix}-{day.isoformat()}.db").write_bytes(b"x")
    manual = folder / f"{prefix}-thu-cong-20250101-080000.db"
    manual.write_bytes(b"x")
    other = folder / "other-2020-01-01.db"  # another database's backup
    other.write_bytes(b"x")
    prune(initialised)
    daily = [day for day, _ in daily_backups(initialised)]
    assert KEEP_DAILY <= len(daily) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY
    assert dt.date(2025, 11, 5) in daily and min(daily) > dt.date(2025, 11, 5) - dt.timedelta(weeks=9)
    assert manual.exists() and other.exists()


def test_other_databases_have_their_own_backup_set(tmp_path):
    a, b = tmp_path / "a" / "kehoach.db", tmp_path / "b" / "kehoach.db"
    assert daily_path(a) != daily_path(b)


def test_memory_store_is_not_backed_up():
    assert ensure_daily_backup(None) is None


# --- kehoach backup ---------------------------------------------------------------------------


def test_backup_command_to_default_folder_and_to_out(cli, initialised, tmp_path):
    code, out, _ = cli("--db", str(initialised), "backup")
    assert code == 0 and "thu-cong" in out
    made = [p for p in backups_dir().iterdir() if "thu-cong" in p.name]
    assert len(made) == 1 and check_backup(made[0]).tasks == 34
    target = tmp_path / "usb" / "sao-luu.db"
    code, out, _ = cli("--db", str(initialised), "backup", "--out", str(target))
    assert code == 0 and str(target) in out
    assert check_backup(target).commune_name == "Xã Nghĩa Thọ"
    folder = tmp_path / "usb"
    code, out, _ = cli("--db", str(initialised), "backup", "--out", str(folder))
    assert code == 0 and len(list(folder.glob("kehoach-*thu-cong-*.db.xz"))) == 1


def test_backup_includes_what_is_only_in_the_wal(initialised, tmp_path):
    store = open_store(initialised)  # kept open: the change sits in the -wal file
    with store.writing() as db:
        update_row(db, "tasks", get_task(store, "1.1").id, {"progress": 42}, actor="T")
    backup_mod.manual_backup(initialised, tmp_path / "b.db")
    store.close()
    conn = sqlite3.connect(tmp_path / "b.db")
    assert conn.execute("SELECT progress FROM tasks WHERE code = '1.1'").fetchone()[0] == 42
    conn.close()


def test_backup_of_missing_database_says_so(cli, tmp_path):
    code, _, err = cli("--db", str(tmp_path / "none.db"), "backup")
    assert code == 1 and "Không có tệp" in err and "Traceback" not in err


def test_backup_onto_the_database_itself_refused(cli, initialised):
    code, _, err = cli("--db", str(initialised), "backup", "--out", str(initialised))
    assert code == 1 and "trùng" in err
    assert check_backup(initialised)


# --- kehoach restore --------------------------------------------------------------------------


def test_restore_brings_back_the_backup_and_keeps_the_current(cli, initialised, tmp_path):
    saved = tmp_path / "saved.db"
    cli("--db", str(initialised), "backup", "--out", str(saved))
    set_progress(initialised, "1.1", 77)
    code, out, _ = cli("--db", str(initialised), "restore", str(saved))
    assert code == 0 and "Đã khôi phục" in out and "34 nhiệm vụ" in out
    assert progress_of(initialised, "1.1") == 0
    kept = [p for p in backups_dir().iterdir() if "truoc-khoi-phuc" in p.name]
    assert len(kept) == 1 and str(kept[0]) in out and kept[0].name.endswith(".db.xz")
    with plain_copy(kept[0]) as plain:
        conn = sqlite3.connect(plain)
        assert conn.execute("SELECT progress FROM tasks WHERE code = '1.1'").fetchone()[0] == 77
        conn.close()
    store = open_store(initialised)
    assert store.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


def _dump(path):
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize("kind", ["text", "damaged", "newer", "empty_sqlite"])
def test_restore_refuses_a_bad_file_and_changes_nothing(cli, initialised, tmp_path, kind):
    bad = tmp_path / f"{kind}.db"
    if kind == "text":
        bad.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
        expect = "không phải tệp cơ sở dữ liệu"
    elif kind == "damaged":
        backup_mod.manual_backup(initialised, bad)
        data = bytearray(bad.read_bytes())
        for offset in range(4096 * 3, 4096 * 6, 7):
            data[offset] = (data[offset] + 91) % 256
        bad.write_bytes(bytes(data))
        expect = "hỏng"
    elif kind == "newer":
        backup_mod.manual_backup(initialised, bad)
        conn = sqlite3.connect(bad)
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 3}")
        conn.close()
        expect = "mới hơn"
    else:
        sqlite3.connect(bad).execute("CREATE TABLE x (a)").connection.close()
        expect = "không phải bản sao lưu"
    before = _dump(initialised)
    code, _, err = cli("--db", str(initialised), "restore", str(bad))
    assert code == 1 and expect in err and "Traceback" not in err
    assert _dump(initialised) == before
    assert not [p for p in backups_dir().iterdir() if "truoc-khoi-phuc" in p.name]


def test_restore_over_a_damaged_database(cli, initialised, tmp_path):
    saved = tmp_path / "saved.db"
    cli("--db", str(initialised), "backup", "--out", str(saved))
    initialised.write_bytes(b"\0" * 8192)  # the disk ate it
    code, out, err = cli("--db", str(initialised), "restore", str(saved))
    assert code == 0, err
    assert progress_of(initialised, "1.1") == 0
    kept = [p for p in backups_dir().iterdir() if "truoc-khoi-phuc" in p.name]
    assert kept and kept[0].read_bytes() == b"\0" * 8192


def test_backups_in_the_folder_are_compressed_and_restore_reads_them(cli, initialised):
    """A daily backup is xz, far smaller than the database, and restore puts it back."""
    (daily,) = [p for p in backups_dir().iterdir() if p.name.endswith(".db.xz")]
    assert daily.read_bytes()[:6] == XZ_MAGIC
    assert daily.stat().st_size * 3 < initialised.stat().st_size
    set_progress(initialised, "1.1", 77)
    code, out, err = cli("--db", str(initialised), "restore", str(daily))
    assert code == 0, err
    assert progress_of(initialised, "1.1") == 0
    assert not list(backups_dir().glob(".*.tmp"))


def test_a_plain_backup_of_an_earlier_version_still_counts_and_restores(cli, initialised, tmp_path):
    (daily,) = [p for p in backups_dir().iterdir() if p.name.endswith(".db.xz")]
    plain = daily.with_suffix("")  # kehoach-YYYY-MM-DD.db, as earlier versions named it
    with plain_copy(daily) as copy:
        plain.write_bytes(copy.read_bytes())
    daily.unlink()
    assert [p for _, p in daily_backups(initialised)] == [plain]
    assert ensure_daily_backup(initialised) is None  # today's copy exists already
    set_progress(initialised, "1.1", 55)
    code, _, err = cli("--db", str(initialised), "restore", str(plain))
    assert code == 0, err
    assert progress_of(initialised, "1.1") == 0


def test_a_damaged_compressed_backup_is_refused_and_changes_nothing(cli, initialised):
    (daily,) = [p for p in backups_dir().iterdir() if p.name.endswith(".db.xz")]
    data = bytearray(daily.read_bytes())
    data[len(data) // 2] ^= 0xFF
    daily.write_bytes(bytes(data))
    before = _dump(initialised)
    code, _, err = cli("--db", str(initialised), "restore", str(daily))
    assert code == 1 and "hỏng" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert _dump(initialised) == before
    code, out, _ = cli("--db", str(initialised), "doctor")
    assert code == 1 and "hỏng" in out


def test_a_backup_that_does_not_read_back_is_not_kept(initialised, monkeypatch):
    from kehoach_tui.store import backup_file

    monkeypatch.setattr(backup_file, "_hash_xz", lambda path: "không khớp")
    target = backups_dir() / "kehoach-thu-cong-x.db.xz"
    with pytest.raises(StoreError, match="không khớp"):
        backup_mod.write_backup(initialised, target)
    assert not target.exists() and not list(backups_dir().glob(".*.tmp"))


def test_restore_into_a_new_place(cli, initialised, tmp_path):
    saved = tmp_path / "saved.db"
    cli("--db", str(initialised), "backup", "--out", str(saved))
    fresh = tmp_path / "may-moi" / "kehoach.db"
    code, out, _ = cli("--db", str(fresh), "restore", str(saved))
    assert code == 0 and "truoc-khoi-phuc" not in out
    code, out, _ = cli("--db", str(fresh), "tasks", "--json")
    assert code == 0 and len(json.loads(out)) == 34


def test_restore_in_english(cli, initialised, tmp_path):
    code, _, err = cli("--lang", "en", "--db", str(initialised), "restore", str(tmp_path / "nope.db"))
    assert code == 1 and "No file" in err


# --- kehoach doctor ---------------------------------------------------------------------------


def test_doctor_healthy(cli, initialised):
    code, out, _ = cli("--db", str(initialised), "doctor")
    assert code == 0, out
    assert "quick_check: ok" in out and f"phiên bản {SCHEMA_VERSION}" in out
    assert "khóa ký" in out and "còn trống" in out and "Dữ liệu an toàn" in out


def test_doctor_missing_key_fails(cli, initialised, tmp_path):
    for key in (tmp_path / "data" / "keys").glob("commune-*.key"):
        key.unlink()
    code, out, _ = cli("--db", str(initialised), "doctor")
    assert code == 1 and "chưa có khóa ký" in out


def test_doctor_json_and_keys(cli, initialised, tmp_path):
    code, out, _ = cli("--db", str(initialised), "doctor", "--json")
    checks = {c["check"]: c for c in json.loads(out)}
    assert code == 0
    assert set(checks) == {"database", "integrity", "schema", "writable", "backup", "keys", "disk"}
    assert checks["keys"]["status"] == "ok" and all(c["status"] == "ok" for c in checks.values())


def test_doctor_without_backup_fails(cli, initialised):
    for path in backups_dir().iterdir():
        path.unlink()
    code, out, _ = cli("--db", str(initialised), "doctor")
    assert code == 1 and "✗" in out and "chưa có bản sao lưu" in out


def test_doctor_damaged_database_fails(cli, initialised):
    data = bytearray(initialised.read_bytes())
    for offset in range(4096 * 2, len(data), 5):
        data[offset] = 0xFF
    initialised.write_bytes(bytes(data))
    code, out, err = cli("--db", str(initialised), "doctor")
    assert code == 1 and "✗" in out and "Traceback" not in err


def test_doctor_newer_schema_fails_and_touches_nothing(cli, initialised):
    conn = sqlite3.connect(initialised)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    before = initialised.read_bytes()
    code, out, _ = cli("--db", str(initialised), "doctor")
    assert code == 1 and "mới hơn" in out
    assert initialised.read_bytes() == before


def test_doctor_missing_database(cli, tmp_path):
    code, out, _ = cli("--db", str(tmp_path / "none.db"), "doctor")
    assert code == 1 and "không có tệp" in out
    assert not (tmp_path / "none.db").exists()


def test_doctor_damaged_newest_backup_fails(cli, initialised):
    newest = daily_path(initialised)
    newest.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    code, out, _ = cli("--db", str(initialised), "doctor")
    assert code == 1 and "bị hỏng" in out


def test_backup_out_to_a_new_folder_with_trailing_separator(cli, initialised, tmp_path):
    folder = tmp_path / "usb-moi"
    code, out, _ = cli("--db", str(initialised), "backup", "--out", str(folder) + "/")
    assert code == 0 and folder.is_dir()
    assert len(list(folder.glob("*thu-cong-*.db.xz"))) == 1
