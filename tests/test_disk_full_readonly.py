"""A full disk and a read-only data folder: a clear message, reading still works, nothing
already saved is lost.

Disk full is simulated with PRAGMA max_page_count (the database cannot grow past it: SQLite
reports SQLITE_FULL exactly as on a full disk) and, where the machine allows mounting, with a
real 1 MiB tmpfs. The read-only folder: see tests/readonly_folder.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.store import StoreError, open_store
from kehoach_tui.store.plans import get_task, list_tasks
from kehoach_tui.store.rows import update_row
from kehoach_tui.store.settings import get_setting, put_settings

from .readonly_folder import read_only_folder


def changes(store):
    return store.db.conn.execute("SELECT count(*) FROM changes").fetchone()[0]


def fill(store, prefix="big"):
    """Write 4 KiB settings until the store refuses; returns (how many saved, the error)."""
    for n in range(10_000):
        try:
            put_settings(store, {f"{prefix}.{n}": "x" * 4096}, actor="T")
        except StoreError as exc:
            return n, exc
    pytest.fail("never filled up")


# --- disk full ------------------------------------------------------------------------------


def test_disk_full_clear_message_reading_works_nothing_lost(seeded):
    with seeded.writing() as db:
        update_row(db, "tasks", get_task(seeded, "1.1").id, {"progress": 30}, actor="T")
    conn = seeded.db.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages + 8}")
    saved, error = fill(seeded)
    assert "ổ đĩa đầy" in str(error) and "vẫn còn nguyên" in str(error)
    assert not conn.in_transaction
    # Reading works; what was saved before is there; the failed write left nothing.
    assert len(list_tasks(seeded)) == 34 and get_task(seeded, "1.1").progress == 30
    assert get_setting(seeded, f"big.{saved - 1}") is not None if saved else True
    assert get_setting(seeded, f"big.{saved}") is None
    logged = conn.execute("SELECT count(*) FROM changes WHERE entity_id = ?", (f"big.{saved}",)).fetchone()[0]
    assert logged == 0
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Space freed: writing works again.
    conn.execute(f"PRAGMA max_page_count={pages * 100}")
    put_settings(seeded, {"after": 1}, actor="T")
    assert get_setting(seeded, "after") == 1


def test_disk_full_message_in_english(seeded):
    from kehoach_tui.i18n import set_lang

    set_lang("en")
    conn = seeded.db.conn
    conn.execute(f"PRAGMA max_page_count={conn.execute('PRAGMA page_count').fetchone()[0] + 2}")
    _, error = fill(seeded)
    assert "disk is full" in str(error)


def _mount_tmpfs(folder, size="1m") -> bool:
    if os.name != "posix" or os.geteuid() != 0:
        return False
    folder.mkdir()
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


def test_disk_full_on_a_real_small_disk(tmp_path, seeded, cli, monkeypatch):
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk):
        pytest.skip("cannot mount a tmpfs here (needs root and the mount capability)")
    try:
        db = disk / "kehoach.db"
        seeded.close()
        shutil.copyfile(seeded.path, db)
        store = open_store(db)
        before = changes(store)
        saved, error = fill(store)
        assert "ổ đĩa đầy" in str(error)
        assert len(list_tasks(store)) == 34
        store.close()
        # Reopened: integrity ok, every acknowledged write there.
        store = open_store(db)
        assert store.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert changes(store) == before + saved
        store.close()
        # The CLI still reads, and says (on stderr) that today's backup could not be made.
        monkeypatch.setenv("KEHOACH_DATA_DIR", str(disk / "data"))
        code, out, err = cli("--db", str(db), "tasks")
        assert code == 0 and "1.1" in out
        assert "sao lưu" in err
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


# --- read-only data folder ------------------------------------------------------------------


@pytest.fixture
def data_folder(tmp_path, cli):
    folder = tmp_path / "dulieu"
    folder.mkdir()
    db = folder / "kehoach.db"
    assert cli("--db", str(db), "init")[0] == 0
    store = open_store(db)
    with store.writing() as conn:
        update_row(conn, "tasks", get_task(store, "2.1").id, {"progress": 45}, actor="T")
    store.close()
    return folder


def test_read_only_folder_reads_and_refuses_writes_clearly(data_folder, cli):
    with read_only_folder(data_folder) as (view, how):
        db = view / "kehoach.db"
        store = open_store(db)
        try:
            assert store.read_only, how
            assert len(list_tasks(store)) == 34 and get_task(store, "2.1").progress == 45
            with pytest.raises(StoreError, match="chỉ đọc"):
                put_settings(store, {"x": 1}, actor="T")
        finally:
            store.close()
        code, out, err = cli("--db", str(db), "tasks")
        assert code == 0 and "2.1" in out and "Traceback" not in err
        code, out, err = cli("--db", str(db), "init")
        assert code == 0 and "không thay đổi" in out
        code, out, _ = cli("--db", str(db), "doctor")
        assert code == 1 and "không ghi được" in out
    assert sorted(p.name for p in data_folder.iterdir()) == ["kehoach.db"]


def test_read_only_folder_keeps_commits_still_in_the_wal(tmp_path, cli):
    """The app was cut off (the -wal holds commits, no checkpoint), then the folder became
    read-only: the commits are still shown."""
    folder = tmp_path / "dulieu"
    folder.mkdir()
    db = folder / "kehoach.db"
    assert cli("--db", str(db), "init")[0] == 0
    script = (
        "import os, sys\n"
        "from kehoach_tui.store import open_store\n"
        "from kehoach_tui.store.plans import get_task\n"
        "from kehoach_tui.store.rows import update_row\n"
        "s = open_store(sys.argv[1])\n"
        "s.db.conn.execute('PRAGMA wal_autocheckpoint=0')\n"
        "with s.writing() as db: update_row(db, 'tasks', get_task(s, '1.1').id, {'progress': 66}, actor='T')\n"
        "os._exit(0)\n"  # no close, no checkpoint: as after a power cut
    )
    subprocess.run([sys.executable, "-c", script, str(db)], check=True)
    assert (folder / "kehoach.db-wal").stat().st_size > 0
    (folder / "kehoach.db-shm").unlink()
    with read_only_folder(folder) as (view, how):
        store = open_store(view / "kehoach.db")
        try:
            assert store.read_only, how
            assert get_task(store, "1.1").progress == 66
        finally:
            store.close()


def test_daily_backup_from_a_read_only_database(data_folder, cli):
    """The data folder is read-only but the backup folder is not: the backup is still made."""
    from kehoach_tui.store.backup import backups_dir, check_backup

    with read_only_folder(data_folder) as (view, _):
        code, _, err = cli("--db", str(view / "kehoach.db"), "tasks")
        assert code == 0, err
    made = list(backups_dir().glob("*2025-11-05.db.xz"))
    assert made and check_backup(made[-1]).tasks == 34


async def test_tui_says_read_only_and_shows_data(data_folder):
    with read_only_folder(data_folder) as (view, _):
        store = open_store(view / "kehoach.db")
        try:
            app = KehoachApp(store)
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                assert app.current_mode == "overview"
                assert app.screen.query_one("#group-table").row_count == 4
                notes = [str(n.message) for n in app._notifications]
                assert any("Chế độ chỉ đọc" in n for n in notes)
        finally:
            store.close()


def test_older_schema_in_a_read_only_folder_says_why(tmp_path):
    from kehoach_tui.store import SCHEMA_VERSION

    if SCHEMA_VERSION < 2:
        pytest.skip("needs a schema with at least two versions")
    folder = tmp_path / "old"
    folder.mkdir()
    open_store(folder / "k.db", migrate_to=SCHEMA_VERSION - 1).close()
    with read_only_folder(folder) as (view, _), pytest.raises(StoreError, match="nâng cấp"):
        open_store(view / "k.db")
