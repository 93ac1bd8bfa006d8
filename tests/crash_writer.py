"""The crash-test writer: real store operations, one after another, each announced before it
starts and acknowledged after it commits. The harness (tests/crash_harness.py) kills it with
SIGKILL at random moments and then checks that every acknowledged operation is there.

Protocol on stdout, one line each, written with os.write so nothing waits in a buffer:

    START <name> <token>    the operation is about to run
    ACK <name> <token>      it has committed

Adding an area to the crash test is one entry in OPERATIONS: a `run(store, token, rng)` that
performs one user-level operation through the area's store functions, writing `token` into
every change-log entry it makes, and a `check(store, token)` that says whether the operation
is "done", "absent" or "partial" (half-applied: the thing the test exists to catch).
`changes_check(n)` builds the usual check: n change-log entries carrying the token.

Run as a script:
    python -m tests.crash_writer --db PATH --seed N     write until killed
    python -m tests.crash_writer --serve                 fork one writer per "run PATH SEED" line
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ACTOR = "Máy ghi thử"


@dataclass(frozen=True)
class Operation:
    run: Callable  # (store, token, rng) -> None
    check: Callable  # (store, token) -> "done" | "absent" | "partial"
    weight: int = 1


def introduced(store, token: str) -> int:
    """Change-log entries that brought the token in (a later change to a row that already
    carries it has the token in `before` too, and is not counted)."""
    return store.db.conn.execute(
        "SELECT count(*) FROM changes WHERE instr(after, ?) > 0 AND (before IS NULL OR instr(before, ?) = 0)",
        (token, token),
    ).fetchone()[0]


def changes_check(expected: int) -> Callable:
    """An operation that writes `expected` change-log entries, each bringing in its token."""

    def check(store, token: str) -> str:
        found = introduced(store, token)
        if found == 0:
            return "absent"
        return "done" if found == expected else "partial"

    return check


# --- operations on what exists now (settings, plans, tasks, change log, backups) -------------


def _commune(store) -> str:
    from kehoach_tui.store.setup import commune_code

    return commune_code(store)


def put_setting(store, token, rng) -> None:
    from kehoach_tui.store.settings import put_settings

    put_settings(store, {f"crash.{token}": token}, actor=ACTOR)


def update_task(store, token, rng) -> None:
    from kehoach_tui.store.rows import update_row

    with store.writing() as db:
        ids = [r[0] for r in db.conn.execute("SELECT id FROM tasks WHERE deleted = 0")]
        update_row(db, "tasks", rng.choice(ids), {"gap": token, "progress": rng.randint(0, 100)}, actor=ACTOR)


BATCH = 5


def update_tasks_together(store, token, rng) -> None:
    """Several rows in one transaction: all of them or none."""
    from kehoach_tui.store.rows import update_row

    with store.writing() as db:
        ids = [r[0] for r in db.conn.execute("SELECT id FROM tasks WHERE deleted = 0")]
        for row_id in rng.sample(ids, BATCH):
            update_row(db, "tasks", row_id, {"gap": token, "status": rng.choice(["in_progress", "done"])}, actor=ACTOR)


def insert_then_tombstone(store, token, rng) -> None:
    from kehoach_tui.store.rows import delete_row, insert_row

    with store.writing() as db:
        plan_id = db.conn.execute("SELECT id FROM plans WHERE deleted = 0 LIMIT 1").fetchone()[0]
        row = insert_row(db, "plan_groups", {"plan_id": plan_id, "code": token, "title": token, "position": 99},
                         actor=ACTOR, commune_code=_commune(store))
        delete_row(db, "plan_groups", row["id"], actor=ACTOR)


def check_tombstone(store, token) -> str:
    inserted = introduced(store, token)
    deleted = store.db.conn.execute(
        "SELECT count(*) FROM changes WHERE op = 'delete' AND entity = 'plan_groups' AND instr(before, ?) > 0",
        (token,),
    ).fetchone()[0]
    tombstoned = store.db.conn.execute(
        "SELECT count(*) FROM plan_groups WHERE code = ? AND deleted = 1", (token,)
    ).fetchone()[0]
    if inserted == deleted == tombstoned == 0:
        return "absent"
    return "done" if inserted == deleted == tombstoned == 1 else "partial"


def small_plan(token: str):
    from kehoach_tui.domain.plan import PlanFile

    return PlanFile.model_validate({
        "plan": {"code": token, "title": f"Kế hoạch {token}", "level": "commune"},
        "groups": [{"code": "1", "title": f"Nhóm {token}"}, {"code": "2", "title": f"Nhóm hai {token}"}],
        "tasks": [
            {"code": "1.1", "group": "1", "title": f"Việc {token}", "deadline": "Trước ngày 15/7/2025"},
            {"code": "1.2", "group": "1", "title": f"Việc {token}", "deadline": "Quý III/2025"},
            {"code": "2.1", "group": "2", "title": f"Việc {token}", "deadline": "Nhiệm vụ thường xuyên"},
            {"code": "2.1.a", "group": "2", "parent": "2.1", "title": f"Việc {token}"},
        ],
        "targets": [{"code": "t1", "label": f"Chỉ tiêu {token}", "target_value": 100}],
        "reporting": [{"code": "w", "label": f"Báo cáo {token}", "period": "week"}],
    })


# plan + 2 groups + 4 tasks + 1 target + 1 schedule + the plan_code setting
PLAN_CHANGES = 10


def install_small_plan(store, token, rng) -> None:
    """Many rows in one transaction (what `init` and a plan import do)."""
    from kehoach_tui.store.plans import install_plan

    install_plan(store, small_plan(token), actor=ACTOR, commune_code=_commune(store))


def _backup_path(store, token) -> Path:
    return store.path.parent / "crash-backups" / f"{token}.db"


def make_backup(store, token, rng) -> None:
    from kehoach_tui.store.backup import write_backup

    write_backup(store.path, _backup_path(store, token))


def check_backup_file(store, token) -> str:
    from kehoach_tui.store import StoreError
    from kehoach_tui.store.backup import check_backup

    path = _backup_path(store, token)
    if not path.exists():
        return "absent"
    try:
        check_backup(path)
    except StoreError:
        return "partial"
    return "done"


OPERATIONS: dict[str, Operation] = {
    "setting": Operation(put_setting, changes_check(1), weight=3),
    "task_update": Operation(update_task, changes_check(1), weight=6),
    "tasks_together": Operation(update_tasks_together, changes_check(BATCH), weight=3),
    "insert_tombstone": Operation(insert_then_tombstone, check_tombstone, weight=2),
    "plan_install": Operation(install_small_plan, changes_check(PLAN_CHANGES), weight=1),
    "backup": Operation(make_backup, check_backup_file, weight=1),
}


# --- the writer loop -------------------------------------------------------------------------


def _say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def write_until_killed(db_path: str, seed: int) -> None:
    from kehoach_tui.store import open_store

    rng = random.Random(seed)
    names = list(OPERATIONS)
    weights = [OPERATIONS[n].weight for n in names]
    store = open_store(db_path)
    n = 0
    while True:
        n += 1
        name = rng.choices(names, weights)[0]
        token = f"op-{seed}-{n}-{rng.getrandbits(32):08x}"
        _say(f"START {name} {token}")
        OPERATIONS[name].run(store, token, rng)
        _say(f"ACK {name} {token}")


def serve() -> None:
    """Import everything once, then fork a fresh writer per request: a cycle costs a fork,
    not an interpreter start. Each writer is its own process, killed by the harness."""
    import sqlite_utils  # noqa: F401  (the store loads it lazily, on the first write)

    import kehoach_tui.store.backup  # noqa: F401
    import kehoach_tui.store.plans  # noqa: F401
    import kehoach_tui.store.settings  # noqa: F401

    for request in sys.stdin:
        parts = request.split()
        if not parts or parts[0] != "run":
            break
        db_path, seed = parts[1], int(parts[2])
        pid = os.fork()
        if pid == 0:
            try:
                write_until_killed(db_path, seed)
            except BaseException as exc:  # the harness reports it; the loop never ends by itself
                _say(f"ERROR {type(exc).__name__}: {exc}")
            finally:
                os._exit(3)
        _say(f"PID {pid}")
        _, status = os.waitpid(pid, 0)
        _say(f"EXIT {status}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args()
    if args.serve:
        serve()
    else:
        write_until_killed(args.db, args.seed)


if __name__ == "__main__":
    main()
