"""Fuzz at the depth an attacker works: correctly signed bundles whose records have random
but schema-shaped values (impossible dates, huge integers, long and hostile text, duplicate
keys, unknown tables), imported, then shown by `province status`, `province report` and the
province TUI. No exception escapes; a refused bundle leaves the database byte for byte as
it was."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach_tui.store.sync_state import synced_schema
from kehoach_tui.sync.bundle import encode_records
from kehoach_tui.sync.records import kind_of
from tests.conftest import TODAY
from tests.province_helpers import province_for, signed_lines
from tests.sync_helpers import NGHIA_THO, dump

DAY = dt.date.fromisoformat(TODAY)

pytestmark = pytest.mark.slow


@lru_cache(maxsize=1)
def base_rows() -> tuple[tuple[str, str], ...]:
    """Up to two real rows of every synced table, as JSON text (a commune that used every area)."""
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.domain.incident_models import IncidentDraft
    from kehoach_tui.domain.periods import PRESETS, month_period
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store import checklist, incidents, open_store, reports, targets, tasks
    from kehoach_tui.store.rows import insert_row
    from kehoach_tui.store.setup import initialise
    from kehoach_tui.sync.export import collect

    store = open_store(":memory:")
    initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code(NGHIA_THO), officer="A")
    reports.apply_preset(store, PRESETS["nghia-tho"], actor="A")
    checklist.ensure_items(store)
    checklist.mark_item(store, DAY, "INTERNET", "fail", actor="A")
    checklist.finish_day(store, DAY, actor="A")
    code = tasks.task_records(store)[0].code
    tasks.record_update(store, code, status="in_progress", progress=20, note="Đang làm", today=DAY)
    found = incidents.open_incident(store, IncidentDraft(title="Mất mạng", category="mat mang"), actor="A")
    incidents.change_status(store, found.id, "in_progress", actor="A")
    target = store.conn.execute("SELECT code FROM targets LIMIT 1").fetchone()[0]
    targets.record_target_value(store, target, "12", "2025-10", today=DAY)
    targets.record_target_assessment(store, "CT14", "in_progress", period="2025-10", note="Đang làm", today=DAY)
    with store.writing() as db:  # this plan has no dated steps: one as a plan file gives them
        plan_id = db.conn.execute("SELECT id FROM plans LIMIT 1").fetchone()[0]
        insert_row(db, "task_milestones", {"plan_id": plan_id, "code": f"{code}#1", "task_code": code,
                                           "position": 1, "text": "Bước một", "due_date": "2025-12-31"},
                   actor="A", commune_code=NGHIA_THO)
    period = month_period(DAY)
    reports.record_run(store, period, fmt="docx", file_path="/x.docx", sha256="ab" * 32, size_bytes=10, actor="A")
    reports.save_texts(store, period, {"direction": "Chỉ đạo"}, actor="A")
    rows: dict[str, list[dict]] = {}
    for entity, row in collect(store, full=True)[2]:
        rows.setdefault(entity, [])
        if len(rows[entity]) < 2:
            rows[entity].append(row)
    store.close()
    assert set(rows) == set(synced_schema()), set(synced_schema()) - set(rows)
    return tuple((entity, json.dumps(row, ensure_ascii=False)) for entity, group in sorted(rows.items())
                 for row in group)


HOSTILE_TEXT = ["[@click=app.quit]x[/]", "Le [/] Van", "\x1b]52;c;SGVsbG8=\x07", "\x1b[2J", "a\x00b",
                "\u202eabc", "𝔘𝔫𝔦", "", " ", "null", "[bold]", "%s{0}", "é" * 300, "garbage", "done", "closed"]
BAD_MOMENTS = ["2025-13-45T99:99:99Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "garbage", "",
               "2025-11-05T00:00:00", "2025-11-05", "2019-12-31T23:59:59Z", "2025-11-07T00:00:00Z"]
GOOD_MOMENTS = ["2020-01-01T00:00:00Z", "2025-11-05T00:00:00.000000Z", "2025-11-05T09:00:00+07:00",
                "2025-11-06T01:00:00Z"]
BAD_DAYS = ["2025-13-45", "2025-02-30", "9999-12-31", "garbage", "", "1999-12-31", "2025-11-05T00:00:00Z"]
GOOD_DAYS = ["2000-01-01", "2100-12-31", "2025-11-05", "2024-02-29", "2020-01-01"]
GOOD_INTS = [0, -1, 1, 100, 101, -(2**63), 2**63 - 1]
BAD_INTS = [2**63, -(2**63) - 1, 2**100]
ODD = [None, True, False, 1.5, float("1e308"), [], {}, {"a": 1}, "1"]


def values_for(kind: str, valid: bool):
    """Values the column's model accepts (odd but well typed: what the views must survive),
    or values it must refuse."""
    if not valid:
        bad = {"moment": BAD_MOMENTS, "day": BAD_DAYS, "event_day": BAD_DAYS + ["2025-11-09"], "int": BAD_INTS,
               "real": ["1", "nan"], "json": ['[{"a":1,"a":2}]', "garbage", "[" * 5000, ""]}
        return st.sampled_from(bad.get(kind, ["x" * 70_000]) + ODD)
    if kind == "moment":
        return st.sampled_from(GOOD_MOMENTS)
    if kind == "day":
        return st.sampled_from(GOOD_DAYS)
    if kind == "event_day":
        return st.sampled_from(["2020-01-01", "2025-11-05", "2024-02-29"])
    if kind == "int":
        return st.sampled_from(GOOD_INTS) | st.integers(-(2**63), 2**63 - 1)
    if kind == "real":
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "json":
        return st.sampled_from(["[]", "{}", '["x"]', "[[[[1]]]]", '{"a":{"b":[1,2]}}', "1", '"s"', "null"])
    limit = 100 if kind == "id" else (200 if kind == "short" else 65_536)
    return (st.sampled_from(HOSTILE_TEXT) | st.text(max_size=40)).filter(lambda v: 0 < len(v) <= limit
                                                                           if kind == "id" else len(v) <= limit)


VIEWED = {"tasks", "incidents", "checklist_days", "checklist_marks", "report_runs", "report_schedules"}


@st.composite
def mutations(draw):
    """(row index, column, value) changes; most of them values the model accepts."""
    rows = base_rows()
    schema = synced_schema()
    changes = []
    viewed = [i for i, (entity, _) in enumerate(rows) if entity in VIEWED]
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.sampled_from(viewed) | st.integers(0, len(rows) - 1))
        by_kind: dict[str, list[str]] = {}
        for column in schema[rows[index][0]]:
            if column.name not in ("id", "commune_code", "deleted"):  # these make another record
                by_kind.setdefault(kind_of(column), []).append(column.name)
        kind = draw(st.sampled_from(sorted(by_kind)))  # dates and numbers as often as text
        name = draw(st.sampled_from(by_kind[kind]))
        if name == "version":
            value = draw(st.sampled_from([1, 2, 2**63 - 1, 2**63, 0, -1]))
        else:
            value = draw(values_for(kind, draw(st.booleans())))
        changes.append((index, name, value))
    return changes


@st.composite
def manifest_fields(draw):
    """The signed manifest's own values: when it was made, its change range."""
    fields = {}
    if draw(st.booleans()):
        fields["created_at"] = draw(st.sampled_from(BAD_MOMENTS + GOOD_MOMENTS))
    if draw(st.integers(0, 3)) == 0:
        fields["seq_to"] = draw(st.sampled_from([20, 2**63 - 1, 2**63, 2**64]))
    return fields


def _lines(changes, trick: str) -> list[bytes]:
    rows = [(entity, json.loads(text)) for entity, text in base_rows()]
    for index, column, value in changes:
        rows[index][1][column] = value
    lines = encode_records(rows).splitlines()
    if trick == "duplicate":
        lines[0] = lines[0].replace(b'"deleted":', b'"deleted":1,"deleted":', 1)
    elif trick == "unknown_table":
        lines[0] = lines[0].replace(b'{"entity":"', b'{"entity":"x', 1)
    elif trick == "blank_duplicate":
        lines[-1] = lines[-1].replace(b'"version":', b'"version" : 7, "version":', 1)
    return lines


def _show_everything(province, code: str) -> None:
    from kehoach_tui.province.app import CommuneScreen, ProvinceApp
    from kehoach_tui.province.present import cells
    from kehoach_tui.province.report import RENDERERS
    from kehoach_tui.province.status import commune_statuses

    for status in commune_statuses(province, DAY):
        cells(status, DAY)
        status.to_json(DAY)
    for render in RENDERERS.values():
        render(province, DAY)

    async def tui():
        app = ProvinceApp(province)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.push_screen(CommuneScreen(code, "Xã Nghĩa Thọ"))
            await pilot.pause()
            assert app.is_running

    asyncio.run(tui())


# 102 examples in six parts of 17, one per trick (half of them none), so that the parallel
# suite runs the parts side by side instead of one long test at the end.
TRICKS = ["", "", "", "duplicate", "unknown_table", "blank_duplicate"]
_BASELINE_SHOWN: list[bool] = []  # [True] once the views were shown on the good bundle's state


@pytest.mark.parametrize("trick", [pytest.param(trick, id=f"{n}-{trick or 'none'}") for n, trick in enumerate(TRICKS)])
@settings(max_examples=17, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(changes=mutations(), fields=manifest_fields())
def test_fuzzed_signed_bundles_never_break_import_or_views(tmp_path_factory, trick, changes, fields):
    from kehoach_tui.province.importer import import_bundles

    folder = tmp_path_factory.mktemp("fuzz")
    province = province_for(folder, NGHIA_THO)
    try:
        good = [line for line in encode_records([(e, json.loads(r)) for e, r in base_rows()]).splitlines()]
        first = import_bundles(province, [("good.khsync", signed_lines(good, seq_to=10))], receipts_dir=folder / "r")
        assert first.files[0].status == "imported", first.files[0].reason
        before = dump(folder / "province.db")
        lines = _lines(changes, trick)
        made = {"seq_from": 10, "seq_to": 20, **fields}
        summary = import_bundles(province, [("fuzz.khsync", signed_lines(lines, **made))],
                                 receipts_dir=folder / "r")
        [outcome] = summary.files
        assert outcome.status in ("imported", "rejected")
        if outcome.status == "rejected":
            assert outcome.reason and "\n" not in outcome.reason
            assert dump(folder / "province.db") == before
        if trick:
            assert outcome.status == "rejected", trick
        # A rejected bundle left the database as the good one made it (asserted above), so
        # the views are shown on that state once per process, and on every imported result.
        if outcome.status == "imported" or not _BASELINE_SHOWN:
            _show_everything(province, NGHIA_THO)
            _BASELINE_SHOWN.append(outcome.status == "rejected")
            _BASELINE_SHOWN[:] = [shown for shown in _BASELINE_SHOWN if shown]
    finally:
        province.close()
