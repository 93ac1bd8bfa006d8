"""Bundles checked a step ahead in a second process while this one applies the last.

A large import (a month of every commune of a province) spends more than half its time
checking bundles — the zip, the signature, the data hash, every record against its model —
and the rest writing them. Checking needs nothing from the database, so on a PC with two
cores or more a worker process checks the next bundles while this one applies the current
one. What comes back is the opened bundle's manifest and the verdict on its records, each
record reduced to the values the writer reads (store/bundles.py, reduced()): this process
parses nothing again.

The order of the checks, and so every reason given, is the same as without a worker: a
refused container or signature before anything else, a refused record only after the
province's own checks (importer._check). A bundle the province already holds (the same
data hash) is opened but its records are not checked: importing a folder again costs
little. Anything unexpected — a worker that dies, an error that is not the bundle's
fault — leaves that bundle, and those after a dead worker, to be checked here as before.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace

from ..i18n import get_lang, set_lang
from ..sync.bundle import OpenedBundle, open_bundle, parse_records
from ..sync.errors import BundleError
from .store.bundles import Reduced, reduced

PARALLEL_FROM = 32  # fewer files: starting the worker costs more than it saves
WORKERS = 2        # checking processes: on two cores, the importing process is idle more than half the time
WINDOW = 4         # bundles being checked ahead (each held in memory twice: here and there)


@dataclass(frozen=True)
class Checked:
    """The worker's verdict on one file."""

    opened: OpenedBundle | None = None
    open_error: str | None = None      # refused before its records were looked at
    records_checked: bool = False      # False: held already, or not checked (parse here)
    records_error: str | None = None   # a record refused: the one-line reason
    # Each record reduced (store/bundles.py, reduced()), in order. Compressing the rows
    # kept whole was tried there too, and is faster here.
    reduced: tuple[tuple, ...] = ()

    def records(self) -> list:
        """The bundle's records: rebuilt from what the worker sent, or parsed here when it
        did not check them."""
        assert self.opened is not None
        if not self.records_checked:
            return self.opened.records(keep_rows=False)
        if self.records_error is not None:
            raise BundleError(self.records_error)
        return [Reduced(*values) for values in self.reduced]


_HELD: frozenset[str] = frozenset()


def _start(lang: str, held: frozenset[str]) -> None:
    global _HELD
    set_lang(lang)
    _HELD = held


def check(data: bytes, source: str) -> Checked | None:
    """In the worker: one file's verdict; None for anything that is not the file's fault."""
    try:
        opened = open_bundle(data, source)
    except BundleError as exc:
        return Checked(open_error=str(exc))
    except Exception:  # noqa: BLE001 - checked again in the importing process, which reports it
        return None
    if opened.manifest.data_sha256 in _HELD:
        return Checked(opened)
    try:
        records = tuple(reduced(record) for record in parse_records(opened.data, opened.manifest))
    except BundleError as exc:
        return Checked(opened, records_checked=True, records_error=str(exc))
    except Exception:  # noqa: BLE001 - as above
        return Checked(opened)
    # the data is not sent back: this process reads only the reduced records
    return Checked(replace(opened, data=b""), records_checked=True, reduced=records)


def _context():
    # fork where there is one and this process runs one thread (the command line): the
    # worker starts with everything loaded, no second start-up of the interpreter and
    # pydantic. Spawn elsewhere (Windows), and where other threads might hold a lock the
    # forked copy would wait on forever.
    fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    return multiprocessing.get_context("fork" if fork else "spawn")


def checked_ahead(items: Iterable[tuple[str, bytes | str]], *, total: int | None,
                  held: Callable[[], Iterable[str]]) -> Iterator[tuple[str, bytes | str, Checked | None]]:
    """(source, data, verdict or None) for each item, in order; None: check it here.
    held: the data hashes of the bundles the province holds (asked only when a worker starts)."""
    if (total or 0) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        for source, data in items:
            yield source, data, None
        return
    pool = ProcessPoolExecutor(WORKERS, mp_context=_context(), initializer=_start,
                               initargs=(get_lang(), frozenset(held())))
    window: deque[tuple[str, bytes | str, Future | None]] = deque()
    broken = False

    def submit(source: str, data: bytes | str) -> Future | None:
        nonlocal broken
        if broken or not isinstance(data, bytes):
            return None
        try:
            return pool.submit(check, data, source)
        except Exception:  # noqa: BLE001 - a pool that cannot take work: check here
            broken = True
            return None

    def verdict(future: Future | None) -> Checked | None:
        nonlocal broken
        if future is None:
            return None
        try:
            return future.result()
        except Exception:  # noqa: BLE001 - the worker died (killed, out of memory): check here
            broken = True
            return None

    try:
        for source, data in items:
            window.append((source, data, submit(source, data)))
            if len(window) > WINDOW:
                source, data, future = window.popleft()
                yield source, data, verdict(future)
        while window:
            source, data, future = window.popleft()
            yield source, data, verdict(future)
    finally:
        with contextlib.suppress(Exception):
            pool.shutdown(wait=True, cancel_futures=True)
