"""Store.for_thread: a worker thread gets a connection of its own to the same database."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from kehoach_tui.store import open_store
from kehoach_tui.store.settings import get_setting, put_settings


def _in_thread(fn):
    """Run fn in another thread (as a worker would) and return what it returned."""
    box = {}

    def run():
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed back to the test
            box["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    if "error" in box:
        raise box["error"]
    return box.get("value")


def test_own_connection_same_file_same_pragmas(seeded):
    with seeded.for_thread() as other:
        assert other.conn is not seeded.conn and other.path == seeded.path
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert other.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert other.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        assert get_setting(other, "commune_code") == get_setting(seeded, "commune_code")
    with pytest.raises(sqlite3.ProgrammingError):
        other.execute("SELECT 1")  # closed when the block ends


def test_write_from_a_worker_thread_is_seen_by_the_ui(seeded):
    def worker():
        with seeded.for_thread() as store:
            put_settings(store, {"officer": "Lê Thị B"}, actor="test")
            return threading.get_ident()

    assert _in_thread(worker) != threading.get_ident()
    assert get_setting(seeded, "officer") == "Lê Thị B"


def test_worker_does_not_read_inside_the_ui_transaction(seeded):
    """What the UI's connection has not committed yet is not seen by the worker's."""
    before = get_setting(seeded, "officer")
    with seeded.writing():
        put_settings(seeded, {"officer": "chưa lưu"}, actor="test")

        def worker():
            with seeded.for_thread() as store:
                return get_setting(store, "officer")

        assert _in_thread(worker) == before


def test_memory_database_shares_its_connection_under_the_lock():
    store = open_store(":memory:")
    try:
        with store.for_thread() as same:
            assert same is store
            # held: another thread's write waits for the block to end
            assert not _in_thread(lambda: store.lock.acquire(blocking=False))
    finally:
        store.close()
