"""Two instances on one database (two officers, one PC): both work, or the second is told
clearly that the other is writing; never corruption, never a lost or doubled change."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.store import StoreError, open_store
from kehoach_tui.store import db as db_module
from kehoach_tui.store.settings import get_setting, put_settings

from .crash_harness import ROOT, _env, log_mismatches, prepare
from .crash_writer import OPERATIONS

WRITER = textwrap.dedent("""
    import random, sys
    from kehoach_tui.store import StoreError, open_store
    from tests.crash_writer import OPERATIONS
    store = open_store(sys.argv[1])
    name, rng = sys.argv[2], random.Random(sys.argv[2])
    for n in range(int(sys.argv[3])):
        op = ("task_update", "tasks_together", "setting")[n % 3]
        token = f"op-{name}-{n:04d}"
        try:
            OPERATIONS[op].run(store, token, rng)
            print("ACK", op, token, flush=True)
        except StoreError as exc:
            print("REFUSED", op, token, exc, flush=True)
    store.close()
""")


def test_two_processes_writing_at_once(tmp_path):
    db = tmp_path / "chung.db"
    prepare(db)
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db), who, "30"], cwd=ROOT, env=_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        for who in ("a", "b")
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    lines = [line.split(maxsplit=3) for out, _ in outputs for line in out.splitlines()]
    acked = [(op, token) for kind, op, token, *_ in lines if kind == "ACK"]
    refused = [rest for kind, _, _, *rest in lines if kind == "REFUSED"]
    assert len(acked) + len(refused) == 60
    assert all("cửa sổ khác" in r[0] for r in refused)  # the only acceptable refusal
    store = open_store(db)
    try:
        assert store.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for op, token in acked:
            assert OPERATIONS[op].check(store, token) == "done", token
        assert log_mismatches(store) == []
        seqs = [r[0] for r in store.db.conn.execute("SELECT seq FROM changes ORDER BY seq")]
        assert seqs == sorted(set(seqs))
    finally:
        store.close()


def test_second_window_is_told_clearly_while_the_first_writes(tmp_path, monkeypatch):
    db = tmp_path / "chung.db"
    prepare(db)
    first = sqlite3.connect(db, isolation_level=None)
    first.execute("BEGIN IMMEDIATE")  # the other window is in the middle of a save
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 200)
    second = open_store(db)
    try:
        with pytest.raises(StoreError, match="cửa sổ khác"):
            put_settings(second, {"x": 1}, actor="B")
        assert not second.db.conn.in_transaction
        first.execute("COMMIT")
        put_settings(second, {"x": 1}, actor="B")  # once it is done, saving works
        assert get_setting(second, "x") == 1
    finally:
        second.close()
        first.close()


def test_cli_second_instance_one_line_message(tmp_path, cli, monkeypatch):
    db = tmp_path / "chung.db"
    open_store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 200)
    try:
        code, _, err = cli("--db", str(db), "init")
        assert code == 1 and "cửa sổ khác" in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    code, out, _ = cli("--db", str(db), "init")
    assert code == 0 and "34" in out


async def test_first_run_with_the_database_busy_says_so(store, monkeypatch):
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    store.db.conn.execute("PRAGMA busy_timeout=200")
    try:
        app = KehoachApp(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for text in ("", "", "Lê Văn Tám", ""):  # the officer's name has no default
                await pilot.press(*text, "enter")
                await pilot.pause()
            assert app.screen.__class__.__name__ == "FirstRunScreen"
            assert "cửa sổ khác" in str(app.screen.query_one("#first-error").render())
    finally:
        holder.execute("ROLLBACK")
        holder.close()


INIT = "from kehoach_tui.cli import main; main(['--db', __import__('sys').argv[1], 'init'])"


def test_two_first_runs_at_once_install_one_plan(tmp_path):
    """Two windows opening a new database together: one schema, one plan, both exit 0."""
    db = tmp_path / "moi.db"
    procs = [
        subprocess.Popen([sys.executable, "-c", INIT, str(db)], cwd=ROOT, env=_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        for _ in range(2)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM tasks").fetchone()[0] == 34
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
