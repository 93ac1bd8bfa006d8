"""Kill the crash writer at random moments and check what survived.

After every kill: `PRAGMA integrity_check` is ok; every acknowledged operation is done; an
operation that started but was not acknowledged is done or absent, never partial; and the
change log matches the rows (every synced row equals the `after` of its latest change-log
entry, every logged entity has its row: no row without its entry, no entry without its row).

Used by tests/test_crash.py (a short run) and benchmarks/crash.py (the long one).
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kehoach_tui.store.rows import SYNC_COLUMNS

from .crash_writer import OPERATIONS

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Figures:
    cycles: int = 0
    acknowledged: int = 0
    started_unacknowledged: int = 0
    committed_unacknowledged: int = 0
    lost: int = 0
    partial: int = 0
    integrity_failures: int = 0
    log_mismatches: int = 0
    writer_errors: int = 0
    problems: list[str] = field(default_factory=list)
    acknowledged_by_operation: Counter = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.partial or self.integrity_failures or self.log_mismatches or self.writer_errors)


def prepare(db_path: Path) -> None:
    """A database as an officer has it after `kehoach init`."""
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store import open_store
    from kehoach_tui.store.setup import initialise
    from kehoach_tui.sync.keys import ensure_key

    store = open_store(db_path)
    try:
        initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code("16969"), officer="Nguyễn Văn A")
    finally:
        store.close()
    # The signing key is made once, at the first export, and is not what this test is about.
    ensure_key("commune", "16969")


# --- the writer process ----------------------------------------------------------------------


class _Lines:
    """Lines from a pipe, read by a thread so the writer never blocks on a full pipe."""

    def __init__(self, stream) -> None:
        self.queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream) -> None:
        for raw in stream:
            self.queue.put(raw.decode("utf-8", "replace").rstrip("\n"))
        self.queue.put(None)

    def get(self, timeout: float = 30) -> str | None:
        return self.queue.get(timeout=timeout)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


class ForkingWriter:
    """One server process imports the store once and forks a writer per cycle (POSIX)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_writer", "--serve"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT, env=_env(),
        )
        self.lines = _Lines(self.proc.stdout)

    def cycle(self, db_path: Path, seed: int, delay: float) -> list[str]:
        self.proc.stdin.write(f"run {db_path} {seed}\n".encode())
        self.proc.stdin.flush()
        seen: list[str] = []
        pid = None
        while pid is None:
            line = self._next()
            if line.startswith("PID "):
                pid = int(line.split()[1])
            else:
                seen.append(line)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        while True:
            line = self._next()
            if line.startswith("EXIT "):
                return seen
            seen.append(line)

    def _next(self) -> str:
        line = self.lines.get()
        if line is None:
            raise RuntimeError("crash writer server stopped")
        return line

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


class SpawningWriter:
    """A new interpreter per cycle (Windows has no fork); killed with Popen.kill()."""

    def cycle(self, db_path: Path, seed: int, delay: float) -> list[str]:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_writer", "--db", str(db_path), "--seed", str(seed)],
            stdout=subprocess.PIPE, cwd=ROOT, env=_env(),
        )
        lines = _Lines(proc.stdout)
        first = lines.get()  # wait until it writes, so the delay lands among operations
        time.sleep(delay)
        proc.kill()
        proc.wait()
        seen = [first] if first else []
        while (line := lines.get()) is not None:
            seen.append(line)
        return seen

    def close(self) -> None:
        pass


def make_writer():
    return ForkingWriter() if hasattr(os, "fork") else SpawningWriter()


# --- checks ----------------------------------------------------------------------------------


def _synced_tables(conn) -> list[str]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    synced = []
    for table in tables:
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")}
        if set(SYNC_COLUMNS) <= columns:
            synced.append(table)
    return synced


def _differs(row: dict, op: str, after: str | None) -> bool:
    # An insert logs no image (the row is it): the row must still be at its first version.
    # An update's entry holds the new values of what it changed and the new version.
    if op == "insert":
        return row["version"] != 1
    return any(row.get(k) != v for k, v in json.loads(after).items())


def log_mismatches(store) -> list[str]:
    """Rows and change log disagree: a row without its entry, a row whose last entry is not
    its last change, or an entry without its row."""
    conn = store.db.conn
    latest: dict[tuple[str, str], tuple[str, str | None]] = {}
    for entity, entity_id, op, after in conn.execute(
        "SELECT entity, entity_id, op, after FROM changes WHERE seq IN "
        "(SELECT max(seq) FROM changes GROUP BY entity, entity_id)"
    ):
        latest[(entity, entity_id)] = (op, after)
    problems = []
    for table in _synced_tables(conn):
        cursor = conn.execute(f"SELECT * FROM [{table}]")
        names = [c[0] for c in cursor.description]
        for values in cursor:
            row = dict(zip(names, values, strict=True))
            entry = latest.pop((table, row["id"]), None)
            if entry is None:
                problems.append(f"{table} {row['id']}: row without change-log entry")
            elif _differs(row, *entry):
                problems.append(f"{table} {row['id']}: row differs from its last change-log entry")
    for key, value in conn.execute("SELECT key, value FROM settings"):
        _, after = latest.pop(("setting", key), (None, None))
        if after is None or json.loads(after) != {"value": json.loads(value)}:
            problems.append(f"setting {key}: differs from its change log")
    for (entity, entity_id) in latest:
        if entity == "setting" or entity in _synced_tables(conn):
            problems.append(f"{entity} {entity_id}: change-log entry without its row")
    return problems


def check_after_kill(db_path: Path, lines: list[str], figures: Figures) -> None:
    from kehoach_tui.store import open_store

    started = {}
    acked = set()
    for line in lines:
        parts = line.split(maxsplit=2)
        if parts[0] == "START":
            started[parts[2]] = parts[1]
        elif parts[0] == "ACK":
            acked.add(parts[2])
        elif parts[0] == "ERROR":
            figures.writer_errors += 1
            figures.problems.append(line)
    store = open_store(db_path)  # recovery from the WAL happens here, as at the next start
    try:
        result = store.db.conn.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            figures.integrity_failures += 1
            figures.problems.append(f"integrity_check: {result}")
        for token, name in started.items():
            state = OPERATIONS[name].check(store, token)
            if token in acked:
                figures.acknowledged += 1
                figures.acknowledged_by_operation[name] += 1
                if state != "done":
                    figures.lost += 1
                    figures.problems.append(f"acknowledged {name} {token} is {state}")
            else:
                figures.started_unacknowledged += 1
                if state == "done":
                    figures.committed_unacknowledged += 1
                elif state == "partial":
                    figures.partial += 1
                    figures.problems.append(f"{name} {token} half-applied")
        mismatches = log_mismatches(store)
        if mismatches:
            figures.log_mismatches += len(mismatches)
            figures.problems.extend(mismatches[:5])
    finally:
        store.close()


def run_cycles(db_path: Path, cycles: int, *, seed: int = 1, max_delay: float = 0.12,
               figures: Figures | None = None) -> Figures:
    """Prepare db_path (if new), then kill the writer `cycles` times and check after each
    (adding to `figures` when given)."""
    if not db_path.exists():
        prepare(db_path)
    rng = random.Random(seed)
    figures = figures if figures is not None else Figures()
    writer = make_writer()
    try:
        for cycle in range(cycles):
            lines = writer.cycle(db_path, seed * 100_000 + cycle, rng.uniform(0, max_delay))
            check_after_kill(db_path, lines, figures)
            figures.cycles += 1
    finally:
        writer.close()
    return figures
