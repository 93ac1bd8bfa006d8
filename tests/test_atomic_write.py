"""The one atomic-write helper: whole or absent, and a key that a kill cannot leave empty."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kehoach_tui.atomic_write import write_atomic
from kehoach_tui.sync.keys import ensure_key, key_path, load_key


def _names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_writes_whole_file_and_replaces_the_old_one(tmp_path):
    target = tmp_path / "sub" / "bao-cao.docx"
    write_atomic(target, b"old")
    write_atomic(target, b"new" * 10000)
    assert target.read_bytes() == b"new" * 10000
    assert _names(target.parent) == ["bao-cao.docx"]  # no temp file left


def test_a_failed_write_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "x.json"
    write_atomic(target, b"old")

    def full_disk(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert _names(tmp_path) == ["x.json"]


def test_exclusive_never_replaces(tmp_path):
    target = tmp_path / "k.key"
    write_atomic(target, b"first", exclusive=True)
    with pytest.raises(FileExistsError):
        write_atomic(target, b"second", exclusive=True)
    assert target.read_bytes() == b"first"
    assert _names(tmp_path) == ["k.key"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_private_file_is_owner_only(tmp_path):
    write_atomic(tmp_path / "k.key", b"s", private=True)
    write_atomic(tmp_path / "r.txt", b"s")
    assert (tmp_path / "k.key").stat().st_mode & 0o077 == 0
    assert (tmp_path / "r.txt").stat().st_mode & 0o044  # the umask's usual rights


def test_a_kill_while_the_key_is_written_leaves_no_key_file():
    """The process dies at its first write to the key (os._exit: no cleanup, no finally)."""
    code = (
        "import os\n"
        "from kehoach_tui.sync import keys\n"
        "os.write = lambda fd, data: os._exit(9)\n"
        "keys.ensure_key('commune', '16969')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 9, result.stderr
    assert not key_path("commune", "16969").exists()
    assert load_key("commune", "16969") is None
    pair = ensure_key("commune", "16969")  # the next run simply makes the key
    assert load_key("commune", "16969").public_hex == pair.public_hex
