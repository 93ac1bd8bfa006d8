"""Crash safety: a writer killed with SIGKILL at random moments loses nothing it acknowledged
and leaves nothing half-applied (tests/crash_harness.py says exactly what is checked)."""

from __future__ import annotations

import os

import pytest

from kehoach_tui.store.rows import insert_row, update_row

from .crash_harness import log_mismatches, prepare, run_cycles
from .crash_writer import OPERATIONS, _export_dir, actor_for, small_plan

CYCLES = 50


@pytest.mark.skipif(not hasattr(os, "kill"), reason="needs os.kill")
def test_killed_writer_loses_nothing_acknowledged(tmp_path):
    figures = run_cycles(tmp_path / "crash.db", CYCLES, seed=9)
    # A loaded machine runs fewer operations before each kill: more cycles then, until every
    # operation has been acknowledged at least once (at most eight times as many in all: on a
    # busy machine the slowest, installing a plan, was once not reached in four).
    for extra in range(1, 8):
        if set(figures.acknowledged_by_operation) == set(OPERATIONS):
            break
        run_cycles(tmp_path / "crash.db", CYCLES, seed=9 + extra, figures=figures)
    assert figures.cycles in {n * CYCLES for n in range(1, 9)}
    # The kills land among operations, not only before the first one: most cycles get
    # something acknowledged, and some kills cut an operation in the middle.
    assert figures.acknowledged >= CYCLES // 2
    assert figures.started_unacknowledged > 0
    assert set(figures.acknowledged_by_operation) == set(OPERATIONS)  # every operation was tried
    assert figures.problems == []
    assert figures.ok
    assert figures.lost == 0 and figures.partial == 0 and figures.integrity_failures == 0


def test_every_operation_runs_and_checks_done(seeded):
    """Each registered operation, run to completion, is recognised as done (and an operation
    never run as absent): the crash test's checks cannot pass by accident."""
    for name, operation in OPERATIONS.items():
        token = f"op-unit-{name.replace('_', '-')}"
        assert operation.check(seeded, token) == "absent", name
        operation.run(seeded, token, __import__("random").Random(1))
        assert operation.check(seeded, token) == "done", name
    assert log_mismatches(seeded) == []


def test_checker_sees_a_row_without_its_log_entry(seeded):
    # bypasses rows.py: a new version of the row with no entry for it, as a torn write would leave
    seeded.db.conn.execute("UPDATE tasks SET progress = 55, version = version + 1 WHERE code = '1.1'")
    assert any("differs" in p for p in log_mismatches(seeded))


def test_checker_sees_a_log_entry_without_its_row(seeded):
    with seeded.writing() as db:
        plan_id = db.conn.execute("SELECT id FROM plans").fetchone()[0]
        row = insert_row(db, "plan_groups", {"plan_id": plan_id, "code": "9", "title": "t", "position": 9},
                         actor="A", commune_code="16969")
    seeded.db.conn.execute("DELETE FROM plan_groups WHERE id = ?", (row["id"],))
    assert any("without its row" in p for p in log_mismatches(seeded))


def test_checker_sees_half_an_operation(seeded):
    """A multi-row operation with one of its rows missing is reported as partial."""
    token = "op-half-1"
    with seeded.writing() as db:
        ids = [r[0] for r in db.conn.execute("SELECT id FROM tasks LIMIT 2")]
        update_row(db, "tasks", ids[0], {"gap": token}, actor="A")
    assert OPERATIONS["tasks_together"].check(seeded, token) == "partial"


def test_small_plan_is_valid():
    assert len(small_plan("op-x").tasks) == 4


def test_prepare_makes_an_initialised_database(tmp_path):
    from kehoach_tui.store import open_store
    from kehoach_tui.store.setup import is_initialised

    prepare(tmp_path / "p.db")
    store = open_store(tmp_path / "p.db")
    assert is_initialised(store)
    store.close()


def _run(store, name: str, token: str) -> None:
    OPERATIONS[name].run(store, token, __import__("random").Random(3))
    assert OPERATIONS[name].check(store, token) == "done"


@pytest.mark.parametrize(("name", "entity"), [
    ("task_record_update", "task_updates"), ("checklist_mark", "checklist_marks"),
    ("incident_open", "incident_events"), ("incident_status", "incidents"),
])
def test_area_check_sees_an_entry_missing(seeded, name, entity):
    """One of the operation's change-log entries gone (the rest committed): partial."""
    token = f"op-miss-{name.replace('_', '-')}"
    _run(seeded, name, token)
    seeded.db.conn.execute("DELETE FROM changes WHERE actor = ? AND entity = ?", (actor_for(token), entity))
    assert OPERATIONS[name].check(seeded, token) == "partial"


@pytest.mark.parametrize(("name", "entity"), [
    ("task_record_update", "task_updates"), ("target_value", "target_values"), ("incident_open", "incidents"),
])
def test_area_check_sees_a_row_missing(seeded, name, entity):
    """An entry whose row is not there: partial."""
    token = f"op-row-{name.replace('_', '-')}"
    _run(seeded, name, token)
    (row_id,) = seeded.db.conn.execute("SELECT entity_id FROM changes WHERE actor = ? AND entity = ?",
                                       (actor_for(token), entity)).fetchone()
    seeded.db.conn.execute(f"DELETE FROM [{entity}] WHERE id = ?", (row_id,))
    assert OPERATIONS[name].check(seeded, token) == "partial"


def test_task_update_check_sees_rows_that_disagree(seeded):
    token = "op-disagree-1"
    _run(seeded, "task_record_update", token)
    # the update record says one thing, the task row (as its entry left it) another
    seeded.db.conn.execute("UPDATE task_updates SET progress_after = (progress_after + 1) % 101 WHERE id IN "
                           "(SELECT entity_id FROM changes WHERE actor = ? AND entity = 'task_updates')",
                           (actor_for(token),))
    assert OPERATIONS["task_record_update"].check(seeded, token) == "partial"


def test_export_check_sees_a_damaged_bundle(seeded):
    token = "op-export-bad"
    _run(seeded, "export", token)
    (bundle,) = _export_dir(seeded, token).iterdir()
    bundle.write_bytes(bundle.read_bytes()[:-40])
    assert OPERATIONS["export"].check(seeded, token) == "partial"


def test_export_check_a_whole_bundle_not_yet_recorded_is_absent(seeded):
    token = "op-export-early"
    _run(seeded, "export", token)
    seeded.db.conn.execute("DELETE FROM sync_exports")
    seeded.db.conn.execute("DELETE FROM mail_outbox")
    assert OPERATIONS["export"].check(seeded, token) == "absent"
