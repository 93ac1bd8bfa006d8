"""Upgrades keep everything: an older installed version records data, a newer folder is
installed over it, the database is backed up before it is migrated, and nothing is lost.
An older folder is refused over a newer install; forced, the old app refuses the newer
database and leaves it untouched."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import pytest

from kehoach_tui import __version__
from kehoach_tui.store.backup_file import plain_copy
from kehoach_tui.store.db import SCHEMA_VERSION, open_store

from .installer_support import (
    ROOT,
    app,
    base_python,
    build_folder,
    data_dir,
    first_frame,
    install,
    offline_env,
    run_app,
)

OLD_VERSION = "0.0.9"


def test_database_is_backed_up_before_it_is_migrated(tmp_path):
    from kehoach_tui.store.backup import all_backups, backups_dir, check_backup

    db = tmp_path / "kehoach.db"
    older = open_store(db, migrate_to=SCHEMA_VERSION - 1)
    with older.writing() as database:
        database["settings"].insert({"key": "officer", "value": '"Lê Thị Hoa"'}, replace=True)
    older.close()
    assert not backups_dir().exists()
    open_store(db).close()
    kept = list(backups_dir().glob("*-truoc-nang-cap-*.db.xz"))
    assert len(kept) == 1
    info = check_backup(kept[0])
    assert info.schema_version == SCHEMA_VERSION - 1
    assert [path for _, path in all_backups(db)] == kept
    open_store(db).close()  # already current: no second copy
    assert len(list(backups_dir().glob("*-truoc-nang-cap-*.db.xz"))) == 1


def test_no_migration_when_the_backup_cannot_be_made(tmp_path, monkeypatch):
    from kehoach_tui.errors import StoreError
    from kehoach_tui.store import backup

    db = tmp_path / "kehoach.db"
    open_store(db, migrate_to=SCHEMA_VERSION - 1).close()

    def full_disk(_path):
        raise StoreError("đĩa đầy")

    monkeypatch.setattr(backup, "before_migration", full_disk)
    with pytest.raises(StoreError, match="đĩa đầy"):
        open_store(db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
    conn.close()


# --- through the installer ------------------------------------------------------------------


def _python_version() -> str:
    out = subprocess.run([base_python(), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


# The release that landed before this one (schema 7): what officers have installed today.
OLD_RELEASE = "20f9c4789aed18e7768236f1681534d8cc8180f3"


def _old_wheel(dest: Path) -> Path:
    """Version N−1: the last release before this one (OLD_RELEASE, schema 7), built as version
    0.0.9, so installing the current folder over it really migrates the database."""
    source = dest / "src"
    archive = subprocess.run(["git", "archive", "--format=tar", OLD_RELEASE], cwd=ROOT, capture_output=True,
                             check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(source, filter="data")
    for name, pattern in (("pyproject.toml", r'^version = "[^"]+"'),
                          ("kehoach_tui/__init__.py", r'^__version__ = "[^"]+"')):
        path = source / name
        text = re.sub(pattern, lambda m: m[0].split('"')[0] + f'"{OLD_VERSION}"',
                      path.read_text(encoding="utf-8"), count=1, flags=re.M)
        path.write_text(text, encoding="utf-8")
    subprocess.run(["uv", "build", "--wheel", "-q", "-o", str(dest / "dist")], cwd=source, check=True,
                   capture_output=True)
    return next((dest / "dist").glob(f"kehoach_tui-{OLD_VERSION}-*.whl"))


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    if shutil.which("git") is None or not (ROOT / ".git").exists() or shutil.which("uv") is None:
        pytest.skip("needs git history and uv")
    work = tmp_path_factory.mktemp("releases")
    key = work / "release.key"
    python = (_python_version(),)
    old = work / "usb-old"
    build_folder("linux", old, key, wheel=_old_wheel(work), pythons=python)
    new = work / "usb-new"
    build_folder("linux", new, key, pythons=python)
    return old, new


def _rows(db: Path) -> dict[str, set[tuple]]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: set(conn.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables}
    finally:
        conn.close()


def _columns(db: Path, table: str) -> list[str]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
    finally:
        conn.close()


def _fold(entries) -> dict | None:
    """A record from whole-row entries (op, after JSON), as the old release logged them."""
    row = None
    for op, after in entries:
        values = json.loads(after) if after else {}
        row = dict(values) if op == "insert" or row is None else {**row, **values}
    return row


def _log_folds(old_db: Path, new_db: Path) -> None:
    """The change log is rewritten by the upgrade (whole rows become the fields that changed,
    an insert's image the row itself): every entry is still there, and each record the old
    log folds to is the record the new one gives (a synced row: its table's row, the log's
    walk back from it checked in tests/test_changelog.py)."""
    from kehoach_tui.store.changelog import rows_at, synced_entities

    def entries(db: Path) -> tuple[set[tuple], dict[tuple, dict | None]]:
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT seq, at, actor, entity, entity_id, op, after FROM changes ORDER BY seq").fetchall()
            synced = {e: rows_at(conn, e) for e in synced_entities(conn)}
        finally:
            conn.close()
        by_record: dict[tuple, list] = {}
        for row in rows:
            by_record.setdefault(row[3:5], []).append(row[5:7])
        return {r[:6] for r in rows}, {key: synced[key[0]].get(key[1]) if key[0] in synced else _fold(found)
                                       for key, found in by_record.items()}

    old_heads, old_rows = entries(old_db)
    new_heads, new_rows = entries(new_db)
    assert old_heads <= new_heads, "change-log entries lost"
    for key, row in old_rows.items():  # a column a migration added reads as NULL either way
        now = new_rows[key]
        assert row is None or {name: now.get(name) for name in row} == row, f"{key} folds to other values"


def _still_there(before: dict[str, set[tuple]], old_db: Path, new_db: Path) -> None:
    _log_folds(old_db, new_db)
    conn = sqlite3.connect(f"{new_db.as_uri()}?mode=ro", uri=True)
    try:
        for table, rows in before.items():
            if table == "changes":
                continue  # rewritten as diffs: checked by _log_folds
            cols = ", ".join(f'"{c}"' for c in _columns(old_db, table))
            now = set(conn.execute(f'SELECT {cols} FROM "{table}"').fetchall())
            assert rows <= now, f"rows lost from {table}"
    finally:
        conn.close()


def _schema(db: Path) -> int:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_upgrade_keeps_data_and_downgrade_is_refused(folders, tmp_path):
    old, new = folders
    home = tmp_path / "home"
    done = install(old, home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert OLD_VERSION in run_app(home, "--version").stdout

    # an officer's weeks of work, recorded by the old version in its default database
    for args in (["init", "--officer", "Lê Thị Hoa"],
                 ["task", "update", "1.2", "--status", "Đang thực hiện", "--progress", "40",
                  "--note", "Đã họp triển khai"],
                 ["incident", "open", "-c", "internet", "-t", "Mất mạng tầng 2"],
                 ["checklist", "settings", "--late-after", "07:45"]):
        recorded = run_app(home, *args)
        assert recorded.returncode == 0, (args, recorded.stdout, recorded.stderr)
    data = data_dir(home)
    db = data / "kehoach.db"
    old_schema = _schema(db)
    assert old_schema == 7  # OLD_RELEASE's schema
    kept_db = tmp_path / "before.db"
    shutil.copyfile(db, kept_db)
    before = _rows(db)
    keys = _tree(data / "keys")
    assert keys

    done = install(new, home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert __version__ in run_app(home, "--version").stdout
    shown = run_app(home, "task", "show", "1.2")
    assert shown.returncode == 0 and "Đã họp triển khai" in shown.stdout
    assert "Mất mạng tầng 2" in run_app(home, "incidents").stdout
    assert "07:45" in run_app(home, "checklist", "settings").stdout
    assert _schema(db) == SCHEMA_VERSION
    _still_there(before, kept_db, db)
    assert _tree(data / "keys") == keys
    backups = list((data / "backups").glob("kehoach-truoc-nang-cap-*.db.xz"))
    assert len(backups) == 1
    with plain_copy(backups[0]) as kept_copy:
        assert _schema(kept_copy) == old_schema
        assert _rows(kept_copy) == before
    frame = first_frame([str(app(home))], offline_env(home), "Tổng quan")
    assert "Tổng quan" in frame and "Thiết lập lần đầu" not in frame

    # an older folder over the newer install: refused, nothing changes
    installed = _tree(data / "venv")
    stored = _tree(data)
    refused = install(old, home)
    assert refused.returncode != 0 and "mới hơn" in refused.stdout
    assert _tree(data / "venv") == installed
    assert _tree(data) == stored

    # forced, the old app refuses the newer database and leaves it as it was
    forced = install(old, home, "--allow-downgrade")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    opened = run_app(home, "tasks")
    assert opened.returncode != 0 and "phiên bản mới hơn" in opened.stderr
    assert _data_files(_tree(data)) == _data_files(stored)


EMPTY = hashlib.sha256(b"").hexdigest()


def _data_files(tree: dict[str, str]) -> dict[str, str]:
    """Everything but the program, and but SQLite's scratch files (the index, an empty log)
    that any reader's open and close may create or remove."""
    return {k: v for k, v in tree.items() if not k.startswith("venv/")
            and not k.endswith("-shm") and not (k.endswith("-wal") and v == EMPTY)}
