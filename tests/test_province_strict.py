"""Strict typed import: a correctly signed bundle with impossible values is refused with a
one-line reason naming the field, changes nothing, and undoes no other commune's bundle;
what is shown never trusts what is stored."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_tui.province.importer import import_bundles
from kehoach_tui.province.report import RENDERERS
from kehoach_tui.province.status import commune_statuses
from tests.conftest import TODAY
from tests.province_helpers import (
    CUA_LO,
    as_commune,
    changed,
    province_for,
    rows_of,
    signed,
    signed_lines,
)
from tests.sync_helpers import NGHIA_THO, dump

DAY = dt.date.fromisoformat(TODAY)


@pytest.fixture
def province(tmp_path):
    store = province_for(tmp_path, NGHIA_THO, CUA_LO)
    yield store
    store.close()


def refused(tmp_path, province, data: bytes) -> str:
    before = dump(tmp_path / "province.db")
    summary = import_bundles(province, [("bad.khsync", data)], receipts_dir=tmp_path / "receipts")
    [outcome] = summary.files
    assert outcome.status == "rejected", outcome
    assert outcome.reason and "\n" not in outcome.reason
    assert dump(tmp_path / "province.db") == before
    return outcome.reason


def views_work(province) -> None:
    statuses = commune_statuses(province, DAY)
    assert len(statuses) == 130
    for fmt, render in RENDERERS.items():
        assert render(province, DAY), fmt


@pytest.mark.parametrize("value", ["2025-13-45T99:99:99Z", "9999-12-31T23:59:59Z", "garbage",
                                   "2019-12-31T23:59:59Z", "2025-11-07T02:30:01Z", "2025-11-05T02:30:00"])
@pytest.mark.parametrize("field", ["created_at", "updated_at"])
def test_impossible_moments_are_refused(seeded, tmp_path, province, field, value):
    records = changed(rows_of(seeded), "tasks", **{field: value})
    reason = refused(tmp_path, province, signed(records))
    assert f"tasks.{field}" in reason or field in reason
    views_work(province)


@pytest.mark.parametrize("value", ["2025-13-45", "garbage", "2025-02-30", "9999-12-31", 20251105, ""])
def test_impossible_due_dates_are_refused(seeded, tmp_path, province, value):
    reason = refused(tmp_path, province, signed(changed(rows_of(seeded), "tasks", due_date=value)))
    assert "due_date" in reason


def test_a_check_date_in_the_future_is_refused(seeded, tmp_path, province):
    from kehoach_tui.store.checklist import ensure_items, mark_item

    ensure_items(seeded)
    mark_item(seeded, DAY, "INTERNET", "ok", actor="A")
    reason = refused(tmp_path, province, signed(changed(rows_of(seeded), "checklist_days",
                                                         check_date="2025-11-09")))
    assert "check_date" in reason


@pytest.mark.parametrize("field", ["version", "position", "progress"])
def test_integers_beyond_64_bits_are_refused_not_overflowing(seeded, tmp_path, province, field):
    reason = refused(tmp_path, province, signed(changed(rows_of(seeded), "tasks", **{field: 2**63})))
    assert field in reason


@pytest.mark.parametrize("field", ["seq_to", "seq_from"])
def test_manifest_counter_of_2_63_is_refused(seeded, tmp_path, province, field):
    values = {"seq_from": 2**63, "seq_to": 2**63} if field == "seq_from" else {"seq_to": 2**63}
    reason = refused(tmp_path, province, signed(rows_of(seeded), **values))
    assert "seq_" in reason


def test_one_bad_bundle_never_undoes_another_communes_good_one(seeded, tmp_path, province):
    """The overflow that used to roll back the whole run: now one refused file among good ones."""
    records = rows_of(seeded)
    good = signed(as_commune(records, CUA_LO), CUA_LO, name="Phường Cửa Lò")
    bad = signed(changed(records, "tasks", version=2**63))
    also_good = signed(records, seq_to=101)
    summary = import_bundles(province, [("a.khsync", good), ("b.khsync", bad), ("c.khsync", also_good)],
                             receipts_dir=tmp_path / "r")
    assert [f.status for f in summary.files] == ["imported", "rejected", "imported"]
    codes = {s.code: s for s in commune_statuses(province, DAY)}
    assert codes[CUA_LO].tasks_total == codes[NGHIA_THO].tasks_total == 30  # leaves: 34 rows less 4 headings


def test_an_unexpected_failure_stays_with_its_file(seeded, tmp_path, province, monkeypatch):
    """Whatever goes wrong while one bundle is applied is that file's one-line reason."""
    from kehoach_tui.province import importer

    real = importer.apply_bundle
    calls = []

    def flaky(db, m, *args, **kwargs):
        calls.append(m.commune_code)
        if m.commune_code == NGHIA_THO:
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        return real(db, m, *args, **kwargs)

    monkeypatch.setattr(importer, "apply_bundle", flaky)
    records = rows_of(seeded)
    summary = import_bundles(province, [("a.khsync", signed(records)),
                                        ("b.khsync", signed(as_commune(records, CUA_LO), CUA_LO))],
                             receipts_dir=tmp_path / "r")
    assert [f.status for f in summary.files] == ["rejected", "imported"]
    assert "OverflowError" in summary.files[0].reason and "\n" not in summary.files[0].reason


def test_duplicate_key_in_a_record_is_refused(seeded, tmp_path, province):
    from kehoach_tui.sync.bundle import encode_records

    lines = encode_records(rows_of(seeded)).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(b'{"entity":"tasks"'))
    lines[at] = lines[at].replace(b'"deleted":0', b'"deleted":1,"deleted":0', 1)
    reason = refused(tmp_path, province, signed_lines(lines))
    assert "lặp lại" in reason


def test_duplicate_key_hidden_by_blanks_is_still_found(seeded, tmp_path, province):
    from kehoach_tui.sync.bundle import encode_records

    lines = encode_records(rows_of(seeded)).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(b'{"entity":"tasks"'))
    lines[at] = lines[at].replace(b'"deleted":0', b'"deleted" : 1, "deleted":0', 1)
    assert "lặp lại" in refused(tmp_path, province, signed_lines(lines))


def test_duplicate_key_inside_json_text_is_refused(seeded, tmp_path, province):
    reason = refused(tmp_path, province, signed(changed(rows_of(seeded), "tasks", lead_units='[{"a":1,"a":2}]')))
    assert "lead_units" in reason and "lặp lại" in reason


def test_duplicate_key_in_the_manifest_is_refused(seeded, tmp_path, province):
    from tests.province_helpers import key_for
    from tests.sync_helpers import members, repack

    data = signed(rows_of(seeded))
    body = members(data)["manifest.json"].replace(b'"kind":"full"', b'"kind":"full","kind":"incremental"')
    evil = repack(data, manifest_json=body, manifest_sig=key_for(NGHIA_THO).sign(body).hex().encode())
    assert "lặp lại" in refused(tmp_path, province, evil)


def test_manifest_made_in_an_impossible_moment_is_refused(seeded, tmp_path, province):
    for value in ("2025-13-45T99:99:99Z", "9999-12-31T23:59:59Z", "2019-01-01T00:00:00Z"):
        assert "created_at" in refused(tmp_path, province, signed(rows_of(seeded), created_at=value))


def test_unknown_table_and_unknown_column_are_named(seeded, tmp_path, province):
    records = rows_of(seeded)
    row = {"id": "x", "commune_code": NGHIA_THO, "created_at": "2025-11-05T00:00:00Z",
           "updated_at": "2025-11-05T00:00:00Z", "updated_by": "A", "version": 1, "deleted": 0}
    assert "later_area" in refused(tmp_path, province, signed([*records, ("later_area", row)]))
    assert "colour" in refused(tmp_path, province, signed(changed(records, "tasks", colour="red")))


def test_long_and_wrongly_typed_values_are_refused(seeded, tmp_path, province):
    records = rows_of(seeded)
    assert "title" in refused(tmp_path, province, signed(changed(records, "tasks", title="x" * 70_000)))
    assert "progress" in refused(tmp_path, province, signed(changed(records, "tasks", progress=True)))
    assert "deleted" in refused(tmp_path, province, signed(changed(records, "tasks", deleted=2)))
    assert "target_value" in refused(tmp_path, province, signed(changed(records, "targets", target_value="1")))


def test_a_record_of_another_commune_is_named_first(seeded, tmp_path, province):
    records = rows_of(seeded)
    reason = refused(tmp_path, province, signed(changed(records, "tasks", commune_code="00004", due_date="x")))
    assert "xã khác" in reason


# --- the views never trust what is stored ---------------------------------------------------

def _poison(province) -> None:
    """Rows as an older version carried them over, or as someone edited them by hand."""
    with province.writing() as db:
        db.conn.execute(
            "INSERT INTO bundles (commune_code, seq_from, seq_to, kind, created_at, imported_at, source,"
            " data_sha256, manifest_sha256, records, schema_version, app_version, data_up_to) VALUES"
            " (?, 0, 1, 'full', 'garbage', '9999-12-31T23:59:59Z', 'x', '', '', 0, 1, '', '2025-13-45')", (NGHIA_THO,))
        db.conn.execute("INSERT INTO summary (commune_code, bundles, last_bundle_at, last_import_at, data_up_to,"
                        " tasks_total, tasks_done, open_incidents, entities) VALUES (?, 1, 'garbage',"
                        " '9999-12-31T23:59:59Z', '2025-13-45', 'x', NULL, 'y',"
                        " 'tasks incidents checklist_days report_schedules report_runs')", (NGHIA_THO,))
        db.conn.execute("INSERT INTO tasks (commune_code, id, code, title, status, progress, due_date, position)"
                        " VALUES (?, 't', 'x', 'y', 'garbage', 'x', '2025-13-45T99:99:99Z', 'z')", (NGHIA_THO,))
        db.conn.execute("INSERT INTO tasks (commune_code, id, status, due_date) VALUES (?, 'u', 'done', '9999-12-31')",
                        (NGHIA_THO,))
        db.conn.execute("INSERT INTO incidents (commune_code, id, status, opened_at, title) VALUES"
                        " (?, 'i', 7, 'garbage', 5)", (NGHIA_THO,))
        db.conn.execute("INSERT INTO check_days (commune_code, check_date, ok_bits, late) VALUES"
                        " (?, '2025-02-30', 'x', 'y')", (NGHIA_THO,))
        db.conn.execute("INSERT INTO check_days (commune_code, check_date, ok_bits, fail_bits) VALUES"
                        " (?, '2025-11-04', -1, 99999999999)", (NGHIA_THO,))
        db.conn.execute("INSERT INTO schedules (commune_code, id, code, label, period, rrule, due_time, created_at)"
                        " VALUES (?, 's', 'm', 'x', 'month', 'FREQ=GARBAGE', '99:99', 'garbage'),"
                        " (?, 's2', 'w', 'y', 'week', 'FREQ=WEEKLY;BYDAY=MO', '25:61', '2025-01-01T00:00:00Z')",
                        (NGHIA_THO, NGHIA_THO))
        db.conn.execute("INSERT INTO report_runs (commune_code, id, version, period_kind, period_start, period_end,"
                        " sent_at) VALUES (?, 'r', 1, 'month', 'garbage', '2025-11-30', '9999-99-99')", (NGHIA_THO,))
        db.conn.execute("INSERT INTO records (commune_code, entity, id, version, deleted, updated_at, bundle_id, data)"
                        " VALUES (?, 'tasks', 't', 1, 0, 'x', 1, X'00ff')", (NGHIA_THO,))
        db.conn.execute("INSERT INTO held (commune_code, epoch, seq_from, seq_to) VALUES (?, 0, 5, 3)", (NGHIA_THO,))


def test_status_and_report_show_what_they_cannot_format_as_a_question_mark(province):
    _poison(province)
    views_work(province)
    from kehoach_tui.province.present import cells

    [mine] = [s for s in commune_statuses(province, DAY) if s.code == NGHIA_THO]
    assert "?" in cells(mine, DAY)


async def test_the_tui_shows_poisoned_rows(province):
    from kehoach_tui.province.app import CommuneScreen, ProvinceApp

    _poison(province)
    app = ProvinceApp(province)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.push_screen(CommuneScreen(NGHIA_THO, "Xã Nghĩa Thọ"))
        await pilot.pause()
        assert app.screen.query_one("#commune-tasks").row_count >= 2
        assert app.is_running
