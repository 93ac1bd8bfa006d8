"""A backup kept compressed, and read back before it counts.

Backups in the backup folder are xz files (`….db.xz`): a database compresses to about a
seventh, so the 7 daily, 4 weekly and 12 monthly copies together take less room than three
copies of the database. A copy the officer asks for under a name of their own stays a plain
database unless that name ends in .xz.

Writing: the consistent copy (VACUUM INTO) is checked (quick_check), compressed into a temp
file, flushed, and decompressed again to compare its hash with the copy's; only a file that
reads back byte for byte takes the final name. Reading: `plain_copy` gives a path SQLite can
open, decompressing a compressed backup into a temp file beside it for as long as needed.
"""

from __future__ import annotations

import contextlib
import hashlib
import lzma
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import StoreError, os_reason
from ..i18n import t
from .backup_names import SUFFIX

# LZMA2's fast preset 2 with an 8 MiB dictionary: a database repeats itself over megabytes
# (the same columns, ids and words in every page), so the larger window takes a five-year
# database (19 MB) to 14 % instead of preset 2's 20 %, in the same two seconds here and
# under 100 MB of memory; preset 6 reaches 11 % but takes four times as long, at the first
# start of every day.
FILTERS = [{"id": lzma.FILTER_LZMA2, "preset": 2, "dict_size": 8 << 20}]
_CHUNK = 1 << 20
XZ_MAGIC = b"\xfd7zXZ\x00"


def is_compressed(path: Path) -> bool:
    return Path(path).name.endswith(SUFFIX)


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def quick_check(path: Path) -> bool:
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?immutable=1", uri=True, isolation_level=None)
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def compress_verified(plain: Path, dest_tmp: Path) -> None:
    """plain (a finished database copy) → dest_tmp, xz-compressed, after checking the copy;
    before returning, checks that dest_tmp decompresses to exactly it."""
    if not quick_check(plain):
        raise StoreError(t("safety.backup_failed", reason="quick_check"))
    expected = _hash_file(plain)
    with open(plain, "rb") as source, lzma.open(dest_tmp, "wb", format=lzma.FORMAT_XZ, filters=FILTERS) as out:
        while chunk := source.read(_CHUNK):
            out.write(chunk)
    # (flushed to disk by the caller's rename: atomic_write.replace_durably)
    if _hash_xz(dest_tmp) != expected:
        raise StoreError(t("safety.backup_unverified", path=dest_tmp))


def _hash_xz(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with lzma.open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except (lzma.LZMAError, EOFError, OSError):
        return None
    return digest.hexdigest()


@contextlib.contextmanager
def plain_copy(path: Path) -> Iterator[Path]:
    """A path to the backup as a database file: itself, or for a compressed one a temp file
    it is decompressed into (in the system's temp folder: the backup may be on a read-only
    stick; removed afterwards). StoreError when it will not decompress."""
    path = Path(path)
    with open(path, "rb") as handle:
        compressed = handle.read(len(XZ_MAGIC)) == XZ_MAGIC
    if not compressed:
        yield path
        return
    fd, name = tempfile.mkstemp(prefix=".kehoach-restore-", suffix=".db")
    os.close(fd)
    tmp = Path(name)
    try:
        try:
            with lzma.open(path, "rb") as source, open(tmp, "wb") as out:
                while chunk := source.read(_CHUNK):
                    out.write(chunk)
        except (lzma.LZMAError, EOFError) as exc:
            raise StoreError(t("safety.integrity_failed", path=path, detail=exc)) from exc
        except OSError as exc:
            raise StoreError(t("safety.backup_unreadable", path=path, reason=os_reason(exc))) from exc
        yield tmp
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
