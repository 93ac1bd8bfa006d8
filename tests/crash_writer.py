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
import datetime as dt
import hashlib
import json
import os
import random
import sys
from collections import Counter
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
    carries it has the token in `before` too, and is not counted). An insert logs no image
    (store/changelog.py): it brought the token in when its row, as the insert left it, has it."""
    from kehoach_tui.store.changelog import dumps, row_after, synced_entities

    conn = store.db.conn
    found = conn.execute(
        "SELECT count(*) FROM changes WHERE instr(after, ?) > 0 AND (before IS NULL OR instr(before, ?) = 0)",
        (token, token),
    ).fetchone()[0]
    for table in synced_entities(conn):
        names = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
        text = " || ' ' || ".join(f"coalesce([{n}], '')" for n in names)
        for seq, entity_id in conn.execute(
                f"SELECT seq, entity_id FROM changes WHERE op = 'insert' AND after IS NULL AND entity = ? AND entity_id IN"
                f" (SELECT id FROM [{table}] WHERE instr({text}, ?) > 0 UNION SELECT entity_id FROM changes"
                " WHERE entity = ? AND instr(before, ?) > 0)", (table, token, table, token)).fetchall():
            image = row_after(conn, table, entity_id, seq)
            found += image is not None and token in dumps(image)
    return found


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
        "SELECT count(*) FROM changes WHERE op = 'delete' AND entity = 'plan_groups' AND entity_id IN "
        "(SELECT id FROM plan_groups WHERE code = ?)",  # a tombstone's entry holds no code: only what changed
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
        "reporting": [{"code": "w", "label": f"Báo cáo {token}", "period": "week", "assumed": "crash test"}],
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


# --- operations of the areas built on the store (tasks, targets, checklist, incidents, sync) ---
# These run as an officer whose name carries the token, so EVERY change-log entry the
# operation writes (its `actor`, and `updated_by` in `after`) names it: the check can then
# count exactly what one operation wrote, entity by entity.


def actor_for(token: str) -> str:
    return f"{ACTOR} {token}"


def _entries(store, token: str) -> list[tuple[str, str, str, dict]]:
    """The operation's entries, each with the row as it left it: the log holds diffs
    (store/changelog.py), so a synced row's image is the row now with later entries undone;
    other entries (settings) hold whole values."""
    from kehoach_tui.store.changelog import row_after, synced_entities

    conn = store.db.conn
    synced = set(synced_entities(conn))
    rows = conn.execute(
        "SELECT seq, entity, entity_id, op, after FROM changes WHERE actor = ? ORDER BY seq", (actor_for(token),)
    ).fetchall()
    return [(entity, entity_id, op, (row_after(conn, entity, entity_id, seq) if entity in synced
                                     else json.loads(after or "{}")) or {})
            for seq, entity, entity_id, op, after in rows]


def logged_check(counts: dict[str, tuple[int, int]], agree: Callable | None = None) -> Callable:
    """Done when the operation's entries per entity are within (least, most), every row it
    wrote is there at least at the version it wrote, and `agree(store, token, entries)` holds
    (the rows of one operation say the same thing). Entries of other entities, too few or too
    many, a missing row or disagreeing rows: partial. No entry at all: absent."""

    def check(store, token: str) -> str:
        entries = _entries(store, token)
        if not entries:
            return "absent"
        found = Counter(entity for entity, *_ in entries)
        if set(found) - set(counts) or any(not least <= found[e] <= most for e, (least, most) in counts.items()):
            return "partial"
        for entity, entity_id, _, after in entries:
            row = store.db.conn.execute(f"SELECT version FROM [{entity}] WHERE id = ?", (entity_id,)).fetchone()
            if row is None or row[0] < after.get("version", 0):
                return "partial"
        if agree is not None and not agree(store, token, entries):
            return "partial"
        return "done"

    return check


def _afters(entries, entity: str) -> list[dict]:
    return [after for e, _, _, after in entries if e == entity]


def record_task_update(store, token, rng) -> None:
    """`kehoach task update CODE --status … --progress … --note …` on a leaf task."""
    from kehoach_tui.domain.models import STATUSES
    from kehoach_tui.store.tasks import plan_id, record_update

    plan = plan_id(store)
    leaves = [r[0] for r in store.db.conn.execute(
        "SELECT code FROM tasks t WHERE plan_id = ? AND deleted = 0 AND NOT EXISTS (SELECT 1 FROM tasks c "
        "WHERE c.plan_id = t.plan_id AND c.parent_code = t.code AND c.deleted = 0)", (plan,))]
    record_update(store, rng.choice(leaves), status=rng.choice(STATUSES), progress=rng.randint(0, 100),
                  note=f"Ghi chú {token}", officer=actor_for(token), confirmed=True)


def task_update_agrees(store, token, entries) -> bool:
    """The task row took exactly what its update record says."""
    (record,) = _afters(entries, "task_updates")
    task = next(a for a in _afters(entries, "tasks") if a["id"] == record["task_id"])
    return (record["note"] == f"Ghi chú {token}" and task["status"] == record["status_after"]
            and task["progress"] == record["progress_after"])


def _past_month(rng) -> str:
    from kehoach_tui.config import today

    first = today().replace(day=1)
    for _ in range(rng.randint(1, 6)):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first.strftime("%Y-%m")


def record_target(store, token, rng) -> None:
    """`kehoach target set CODE VALUE --period … --note …` (targets with a figure)."""
    from kehoach_tui.store.targets import record_target_value
    from kehoach_tui.store.tasks import plan_id

    codes = [r[0] for r in store.db.conn.execute(
        "SELECT code FROM targets WHERE plan_id = ? AND deleted = 0 AND kind = 'number'", (plan_id(store),))]
    record_target_value(store, rng.choice(codes), rng.randint(0, 100), _past_month(rng),
                        note=f"Nguồn {token}", officer=actor_for(token))


def target_agrees(store, token, entries) -> bool:
    return [a["note"] for a in _afters(entries, "target_values")] == [f"Nguồn {token}"]


def _check_day(rng) -> dt.date:
    from kehoach_tui.config import today

    return today() - dt.timedelta(days=rng.randint(0, 20))


def mark_checklist_item(store, token, rng) -> None:
    """`kehoach checklist mark ITEM fail --note …` (the day's check is started if need be)."""
    from kehoach_tui.store.checklist import ensure_items, list_items, mark_item

    ensure_items(store, actor=ACTOR)  # once, as `kehoach checklist` does on first use
    item = rng.choice(list_items(store))
    mark_item(store, _check_day(rng), item.code, rng.choice(["ok", "fail", "na"]), note=f"Ghi chú {token}",
              actor=actor_for(token))


def _day_exists(store, day_id: str, check_date: str) -> bool:
    return store.db.conn.execute(
        "SELECT 1 FROM checklist_days WHERE id = ? AND check_date = ? AND deleted = 0", (day_id, check_date)
    ).fetchone() is not None


def mark_agrees(store, token, entries) -> bool:
    """The mark carries its note and belongs to a day check that exists."""
    (mark,) = _afters(entries, "checklist_marks")
    return mark["note"] == f"Ghi chú {token}" and _day_exists(store, mark["day_id"], mark["check_date"])


def finish_checklist_day(store, token, rng) -> None:
    from kehoach_tui.store.checklist import finish_day

    finish_day(store, _check_day(rng), actor=actor_for(token))


def finish_agrees(store, token, entries) -> bool:
    days = _afters(entries, "checklist_days")
    return bool(days[-1].get("finished_at")) and len({d["id"] for d in days}) == 1


def open_incident_now(store, token, rng) -> None:
    """`kehoach incident open --title … --category …`: the incident and its first event."""
    from kehoach_tui.domain.incident_models import IncidentDraft
    from kehoach_tui.store.incidents import open_incident

    draft = IncidentDraft(title=f"Sự cố {token}", category=rng.choice(["power", "printer_scanner", "internet"]),
                          severity=rng.choice(["low", "medium", "high"]))
    open_incident(store, draft, actor=actor_for(token))


def incident_open_agrees(store, token, entries) -> bool:
    (incident,) = _afters(entries, "incidents")
    (event,) = _afters(entries, "incident_events")
    return incident["title"] == f"Sự cố {token}" and event["incident_id"] == incident["id"]


def move_incident(store, token, rng) -> None:
    """`kehoach incident update REF --status … --note …` (an incident is opened first, by
    another officer and in its own transaction, when there is none yet)."""
    from kehoach_tui.domain.incident_models import IncidentDraft
    from kehoach_tui.domain.incidents import allowed_next
    from kehoach_tui.store.incidents import change_status, open_incident

    rows = store.db.conn.execute("SELECT id, status FROM incidents WHERE deleted = 0").fetchall()
    if not rows:
        open_incident(store, IncidentDraft(title="Mất mạng", category="internet"), actor=ACTOR)
        rows = store.db.conn.execute("SELECT id, status FROM incidents WHERE deleted = 0").fetchall()
    incident_id, status = rng.choice(rows)
    change_status(store, incident_id, rng.choice(allowed_next(status)), note=f"Ghi chú {token}",
                  actor=actor_for(token))


def incident_move_agrees(store, token, entries) -> bool:
    """The move's timeline event and the incident's new status say the same."""
    (incident,) = _afters(entries, "incidents")
    (event,) = _afters(entries, "incident_events")
    return (event["note"] == f"Ghi chú {token}" and event["incident_id"] == incident["id"]
            and event["to_status"] == incident["status"])


def _export_dir(store, token) -> Path:
    return store.path.parent / "crash-exports" / token


def export_to_folder(store, token, rng) -> None:
    """`kehoach sync export --to FOLDER`: bundle written and verified, export recorded, outbox."""
    from kehoach_tui.sync.export import export_bundle

    export_bundle(store, _export_dir(store, token), full=True)


def check_export(store, token) -> str:
    """Done: one whole, verified bundle in the folder, recorded as exported and queued in the
    outbox. Absent: no bundle, or a whole one not yet recorded (the kill fell between the
    steps; the officer exports again and nothing in the database refers to the file).
    Partial: a bundle under its final name that does not verify, or a record without file."""
    from kehoach_tui.sync.bundle import BundleError, read_bundle_bytes

    folder = _export_dir(store, token)
    bundles = [p for p in folder.glob("*") if not p.name.startswith(".")] if folder.exists() else []
    recorded = store.db.conn.execute(
        "SELECT count(*) FROM sync_exports WHERE folder = ?", (str(folder),)).fetchone()[0]
    if not bundles:
        return "partial" if recorded else "absent"
    if len(bundles) != 1:
        return "partial"
    data = bundles[0].read_bytes()
    try:
        read_bundle_bytes(data, bundles[0].name)
    except BundleError:
        return "partial"
    queued = store.db.conn.execute(
        "SELECT count(*) FROM mail_outbox WHERE sha256 = ?", (hashlib.sha256(data).hexdigest(),)).fetchone()[0]
    if recorded == 1 and queued == 1:
        return "done"
    return "absent" if recorded == 0 and queued == 0 else ("done" if recorded == 1 else "partial")


OPERATIONS: dict[str, Operation] = {
    "setting": Operation(put_setting, changes_check(1), weight=3),
    "task_update": Operation(update_task, changes_check(1), weight=6),
    "tasks_together": Operation(update_tasks_together, changes_check(BATCH), weight=3),
    "insert_tombstone": Operation(insert_then_tombstone, check_tombstone, weight=2),
    "plan_install": Operation(install_small_plan, changes_check(PLAN_CHANGES), weight=1),
    "backup": Operation(make_backup, check_backup_file, weight=1),
    "task_record_update": Operation(record_task_update, logged_check(
        {"tasks": (1, 2), "task_updates": (1, 1)}, task_update_agrees), weight=4),
    "target_value": Operation(record_target, logged_check({"target_values": (1, 1)}, target_agrees), weight=2),
    "checklist_mark": Operation(mark_checklist_item, logged_check(
        {"checklist_days": (0, 1), "checklist_marks": (1, 1)}, mark_agrees), weight=3),
    "checklist_finish": Operation(finish_checklist_day, logged_check({"checklist_days": (1, 2)}, finish_agrees)),
    "incident_open": Operation(open_incident_now, logged_check(
        {"incidents": (1, 1), "incident_events": (1, 1)}, incident_open_agrees), weight=2),
    "incident_status": Operation(move_incident, logged_check(
        {"incidents": (1, 1), "incident_events": (1, 1)}, incident_move_agrees), weight=2),
    "export": Operation(export_to_folder, check_export),
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
    import kehoach_tui.store.checklist  # noqa: F401
    import kehoach_tui.store.incidents  # noqa: F401
    import kehoach_tui.store.plans  # noqa: F401
    import kehoach_tui.store.settings  # noqa: F401
    import kehoach_tui.store.targets  # noqa: F401
    import kehoach_tui.store.tasks  # noqa: F401
    import kehoach_tui.sync.export  # noqa: F401

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
