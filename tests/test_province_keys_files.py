"""Keys: one key for one commune only, and a new key only on an explicit command that keeps
the old key's history. Files: only regular files are read, their size checked before
reading and capped while reading, a folder read one file at a time."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from kehoach_tui.province.importer import import_bundles
from kehoach_tui.province.registry import get_commune, register_commune
from kehoach_tui.sync.errors import SyncError
from kehoach_tui.sync.files import read_file, read_items
from tests.province_helpers import CUA_LO, key_for, province_for, rows_of, signed
from tests.sync_helpers import NGHIA_THO, dump, province_store

# --- keys -----------------------------------------------------------------------------------


def test_one_key_cannot_be_registered_for_two_communes(tmp_path):
    province = province_store(tmp_path)
    key = key_for(NGHIA_THO).public_hex
    register_commune(province, NGHIA_THO, key, actor="Sở")
    with pytest.raises(SyncError, match="đã đăng ký cho Xã Nghĩa Thọ"):
        register_commune(province, CUA_LO, key, actor="Sở")
    assert get_commune(province, CUA_LO).public_key is None
    province.close()


def test_a_registered_key_is_not_replaced_silently(tmp_path):
    province = province_for(tmp_path, NGHIA_THO)
    with pytest.raises(SyncError, match="province rekey"):
        register_commune(province, NGHIA_THO, key_for("99999").public_hex, actor="Sở")
    assert get_commune(province, NGHIA_THO).public_key == key_for(NGHIA_THO).public_hex
    province.close()


def test_rekey_keeps_the_old_keys_history_and_refuses_what_it_signs(seeded, tmp_path, cli):
    province = province_for(tmp_path, NGHIA_THO)
    records = rows_of(seeded)
    old = signed(records, seq_to=50)
    assert import_bundles(province, [("old.khsync", old)], receipts_dir=tmp_path / "r").files[0].status == "imported"
    province.close()
    new_key = key_for("new-pc").public_hex
    code, out, err = cli("--db", str(tmp_path / "province.db"), "province", "rekey", "--commune", NGHIA_THO,
                         "--key", new_key)
    assert code == 0, err
    assert "Khóa cũ" in out and "giữ trong lịch sử cùng 1 gói" in out and key_for(NGHIA_THO).fingerprint in out

    from kehoach_tui.province.store.db import open_province
    from kehoach_tui.province.store.registry import key_history

    province = open_province(tmp_path / "province.db")
    history = key_history(province, NGHIA_THO)
    assert [h["public_key"] for h in history] == [key_for(NGHIA_THO).public_hex, new_key]
    assert history[0]["retired_at"] and history[1]["retired_at"] is None
    before = dump(tmp_path / "province.db")
    later = signed(records, seq_from=50, seq_to=60)  # the lost PC still signs with the old key
    [outcome] = import_bundles(province, [("lost.khsync", later)], receipts_dir=tmp_path / "r").files
    assert outcome.status == "rejected" and "khóa cũ" in outcome.reason
    assert dump(tmp_path / "province.db") == before
    with pytest.raises(SyncError, match="khóa cũ"):  # and the old key cannot come back
        register_commune(province, NGHIA_THO, key_for(NGHIA_THO).public_hex, actor="Sở", replace=True)
    province.close()


def test_register_replace_is_the_same_as_rekey(tmp_path, cli):
    province = province_for(tmp_path, NGHIA_THO)
    province.close()
    code, out, err = cli("--db", str(tmp_path / "province.db"), "province", "register", "--commune",
                         NGHIA_THO, "--key", key_for("x").public_hex)
    assert code == 1 and "rekey" in err
    code, out, _ = cli("--db", str(tmp_path / "province.db"), "province", "register", "--commune",
                       NGHIA_THO, "--key", key_for("x").public_hex, "--replace")
    assert code == 0 and "Khóa cũ" in out


def test_a_version_1_key_shared_by_two_communes_is_given_up_by_both(tmp_path):
    from kehoach_tui.province.store.db import open_province
    from kehoach_tui.province.store.schema import PROVINCE_MIGRATIONS
    from kehoach_tui.store.db import PROVINCE_APPLICATION_ID, Store, _connect
    from kehoach_tui.store.migrate import migrate

    path = tmp_path / "v1.db"
    conn = _connect(path)
    conn.execute(f"PRAGMA application_id={PROVINCE_APPLICATION_ID}")
    store = Store(conn, path)
    migrate(store, PROVINCE_MIGRATIONS, upto=1)
    with store.writing() as db:
        db.conn.executemany("INSERT INTO communes (commune_code, name, public_key) VALUES (?, ?, ?)",
                            [(NGHIA_THO, "Xã Nghĩa Thọ", "ab" * 32), (CUA_LO, "Phường Cửa Lò", "ab" * 32),
                             ("17110", "Phường Hoàng Mai", "cd" * 32)])
    store.close()
    store = open_province(path)
    assert get_commune(store, NGHIA_THO).public_key is None and get_commune(store, CUA_LO).public_key is None
    assert get_commune(store, "17110").public_key == "cd" * 32
    store.close()


# --- files ----------------------------------------------------------------------------------

def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "x.khsync"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: _feed(fifo), daemon=True)
    writer.start()
    started = time.monotonic()
    [(_, reason)] = list(read_items([fifo]))
    assert isinstance(reason, str) and "không phải tệp thường" in reason.lower()
    assert time.monotonic() - started < 2


def _feed(fifo: Path) -> None:
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return
    try:
        os.write(fd, b"\0" * 65536)
    except OSError:
        pass
    finally:
        os.close(fd)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_without_reading():
    [(_, reason)] = list(read_items([Path("/dev/zero")]))
    assert isinstance(reason, str) and "không phải tệp thường" in reason.lower()


def test_a_folder_given_as_a_file_is_refused(tmp_path):
    folder = tmp_path / "inbox"
    (folder / "looks-like.khsync").mkdir(parents=True)
    from kehoach_tui.sync.files import gather_files

    [(name, reason)] = list(read_items(gather_files([folder], ".khsync")))
    assert name.endswith("looks-like.khsync") and "thư mục" in reason


def test_a_big_file_is_refused_by_its_size_before_a_byte_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.khsync"
    with open(big, "wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: 60 MB on paper
    calls = []
    real = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: calls.append(n) or real(fd, n))
    [(_, reason)] = list(read_items([big]))
    assert "60,0 MB" in reason and calls == []


def test_reading_stops_at_the_cap_when_the_size_lied(tmp_path):
    grown = tmp_path / "x.khsync"
    grown.write_bytes(b"x" * 5000)
    with pytest.raises(OSError, match="quá lớn"):
        read_file(grown, cap=4096)


def test_a_folder_is_read_one_file_at_a_time(seeded, tmp_path, monkeypatch):
    """The import asks for the next file only when it is done with the one before."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    records = rows_of(seeded)
    (inbox / "a.khsync").write_bytes(signed(records, seq_to=10))
    (inbox / "b.khsync").write_bytes(signed(records, seq_from=10, seq_to=20))
    province = province_for(tmp_path, NGHIA_THO)
    from kehoach_tui.sync import files

    order = []
    real = files.read_file
    monkeypatch.setattr(files, "read_file", lambda path, cap=None: order.append(("read", path.name)) or real(path, cap))
    from kehoach_tui.province import importer

    apply = importer.apply_bundle
    monkeypatch.setattr(importer, "apply_bundle", lambda db, m, *a, **k: order.append(("apply", m.seq_to)) or apply(
        db, m, *a, **k))
    summary = import_bundles(province, files.read_items(files.gather_files([inbox], ".khsync")),
                             receipts_dir=tmp_path / "r")
    assert [f.status for f in summary.files] == ["imported", "imported"]
    assert order == [("read", "a.khsync"), ("apply", 10), ("read", "b.khsync"), ("apply", 20)]
    province.close()


def test_province_import_of_dev_zero_and_a_fifo_from_the_cli(tmp_path, cli):
    province = province_store(tmp_path)
    province.close()
    fifo = tmp_path / "pipe.khsync"
    os.mkfifo(fifo)
    args = ["--db", str(tmp_path / "province.db"), "province", "import", str(fifo)]
    if Path("/dev/zero").exists():
        args.append("/dev/zero")
    code, out, err = cli(*args)
    assert code == 1 and out.count("KHÔNG NHẬN") == len(args) - 4 and "Traceback" not in out + err
