"""Importing a revised plan: progress kept on codes that stay, removed tasks tombstoned,
changes reported; one transaction; switching plans."""

from __future__ import annotations

import json
import sqlite3

import pytest

from kehoach_tui.domain.plan import parse_plan
from kehoach_tui.errors import PlanError
from kehoach_tui.plan_files import resolve_plan
from kehoach_tui.store.plan_revision import activate_plan, import_plan, installed_plans, switch_plan
from kehoach_tui.store.plans import active_plan, get_task, list_targets, list_tasks
from kehoach_tui.store.rows import query, update_row

HEAD = 'format = 1\n[plan]\ncode = "{code}"\ntitle = "Kế hoạch thử"\nlevel = "commune"\n'


def _plan(code: str, tasks: list[tuple[str, str, str]], targets=(("CT1", "Chỉ tiêu một", 80),)):
    text = HEAD.format(code=code) + '[[groups]]\ncode = "1"\ntitle = "Nhóm một"\n'
    for task_code, title, deadline in tasks:
        text += f'[[tasks]]\ncode = "{task_code}"\ngroup = "1"\ntitle = "{title}"\ndeadline = "{deadline}"\n'
    for target_code, label, value in targets:
        text += f'[[targets]]\ncode = "{target_code}"\nlabel = "{label}"\nunit = "%"\ntarget_value = {value}\n'
    return parse_plan(text, "thu.toml")


def _set_progress(store, code, status, progress, plan_code=None):
    plan_id = query(store.db, "SELECT id FROM plans WHERE code = ?", (plan_code,))[0]["id"] if plan_code else None
    task = get_task(store, code, plan_id)
    with store.writing() as db:
        update_row(db, "tasks", task.id, {"status": status, "progress": progress}, actor="Cán bộ thử")


def _edited_nghia_tho() -> str:
    from kehoach_tui.config import seeds_dir

    text = (seeds_dir() / "nghia-tho.toml").read_text(encoding="utf-8")
    # reword 1.1's deadline, drop 4.4, add 4.6
    text = text.replace(
        'code = "1.1"\ngroup = "1"\ntitle = "Kế hoạch hành động"',
        'code = "1.1"\ngroup = "1"\ntitle = "Kế hoạch hành động (sửa đổi)"',
    )
    start = text.index('[[tasks]]\ncode = "4.4"')
    end = text.index("[[tasks]]", start + 9)
    text = text[:start] + text[end:]
    text = text.replace(
        "# ---------------------------------------------------------------- Chỉ tiêu",
        '[[tasks]]\ncode = "4.6"\ngroup = "4"\ntitle = "Nhiệm vụ mới từ tỉnh"\ndeadline = "Trước ngày 31/12/2025"\n\n'
        "# ---------------------------------------------------------------- Chỉ tiêu",
    )
    return text


def test_revision_keeps_progress_and_reports_changes(seeded):
    _set_progress(seeded, "1.1", "in_progress", 40)
    _set_progress(seeded, "2.3", "done", 100)
    _set_progress(seeded, "4.4", "in_progress", 10)
    ids_before = {t.code: t.id for t in list_tasks(seeded)}

    result = import_plan(seeded, parse_plan(_edited_nghia_tho(), "nghia-tho.toml"), actor="Cán bộ thử")

    assert not result.created and result.changed
    assert result.added == ("4.6",)
    assert result.removed == ("4.4",)
    assert [(r.code, r.fields) for r in result.reworded] == [("1.1", ("title",))]
    assert set(result.kept_progress) == {"1.1", "2.3"}
    assert result.unchanged == 32
    tasks = {t.code: t for t in list_tasks(seeded)}
    assert "4.4" not in tasks and "4.6" in tasks
    assert (tasks["1.1"].status, tasks["1.1"].progress) == ("in_progress", 40)
    assert tasks["1.1"].title == "Kế hoạch hành động (sửa đổi)"
    assert (tasks["2.3"].status, tasks["2.3"].progress) == ("done", 100)
    assert tasks["4.6"].due_date.isoformat() == "2025-12-31"
    # Same rows (ids) for codes that stayed: anything linked to a task id still points at it.
    assert all(tasks[code].id == ids_before[code] for code in tasks if code != "4.6")
    # 4.4 is a tombstone, not gone, and the change log says so.
    row = query(seeded.db, "SELECT deleted FROM tasks WHERE id = ?", (ids_before["4.4"],))[0]
    assert row["deleted"] == 1
    ops = query(seeded.db, "SELECT op FROM changes WHERE entity = 'tasks' AND entity_id = ? ORDER BY seq",
                (ids_before["4.4"],))
    assert [o["op"] for o in ops][-1] == "delete"


def test_returning_code_gets_its_old_progress_back(seeded):
    _set_progress(seeded, "4.4", "in_progress", 60)
    old_id = get_task(seeded, "4.4").id
    import_plan(seeded, parse_plan(_edited_nghia_tho(), "nghia-tho.toml"), actor="A")
    result = import_plan(seeded, resolve_plan("nghia-tho"), actor="A")
    assert result.added == ("4.4",) and result.removed == ("4.6",)
    task = get_task(seeded, "4.4")
    assert (task.id, task.status, task.progress) == (old_id, "in_progress", 60)


def test_same_file_twice_changes_nothing(seeded):
    before = query(seeded.db, "SELECT max(seq) AS seq FROM changes")[0]["seq"]
    result = import_plan(seeded, resolve_plan("nghia-tho"), actor="A")
    assert not result.changed and result.unchanged == 34
    assert query(seeded.db, "SELECT max(seq) AS seq FROM changes")[0]["seq"] == before


def test_dry_run_reports_but_writes_nothing(seeded, db_path):
    dump = list(sqlite3.connect(db_path).iterdump())
    result = import_plan(seeded, parse_plan(_edited_nghia_tho(), "nghia-tho.toml"), actor="A", dry_run=True)
    assert result.dry_run and result.added == ("4.6",) and result.removed == ("4.4",)
    assert list(sqlite3.connect(db_path).iterdump()) == dump


def test_failure_midway_leaves_nothing(seeded, db_path, monkeypatch):
    import kehoach_tui.store.plan_revision as revision

    dump = list(sqlite3.connect(db_path).iterdump())

    def boom(*args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(revision, "_revise_targets", boom)
    with pytest.raises(RuntimeError):
        import_plan(seeded, parse_plan(_edited_nghia_tho(), "nghia-tho.toml"), actor="A")
    assert list(sqlite3.connect(db_path).iterdump()) == dump


def test_plan_marking_task_done_sets_done(seeded):
    text = _edited_nghia_tho().replace(
        'deadline = "Trước ngày 31/12/2025"', 'deadline = "Đã hoàn thành"\nstatus = "done"')
    import_plan(seeded, parse_plan(text, "nghia-tho.toml"), actor="A")
    task = get_task(seeded, "4.6")
    assert (task.status, task.progress) == ("done", 100)


def test_targets_revised_by_code(seeded):
    target_ids = {t.code: t.id for t in list_targets(seeded)}
    text = _edited_nghia_tho().replace("target_value = 30\n", "target_value = 40\n")
    result = import_plan(seeded, parse_plan(text, "nghia-tho.toml"), actor="A")
    assert result.targets_changed == ("CT8",)
    targets = {t.code: t for t in list_targets(seeded)}
    assert targets["CT8"].target_value == 40 and targets["CT8"].id == target_ids["CT8"]


def test_new_plan_added_beside_active_one(seeded):
    result = import_plan(seeded, resolve_plan("son-thuy"), actor="A")
    assert result.created and not result.activated and len(result.added) == 11
    assert active_plan(seeded).code == "nghia-tho"
    assert [p.code for p in installed_plans(seeded)] == ["nghia-tho", "son-thuy"]
    activate_plan(seeded, "son-thuy", actor="A")
    assert active_plan(seeded).code == "son-thuy" and len(list_tasks(seeded)) == 11


def test_switching_keeps_each_plans_progress(seeded):
    _set_progress(seeded, "1.1", "in_progress", 40)
    switch_plan(seeded, "thanh-hoa", actor="A")
    assert active_plan(seeded).code == "thanh-hoa" and len(list_tasks(seeded)) == 61
    _set_progress(seeded, "1", "in_progress", 70)
    switch_plan(seeded, "nghia-tho", actor="A")
    assert get_task(seeded, "1.1").progress == 40
    switch_plan(seeded, "thanh-hoa", actor="A")
    assert get_task(seeded, "1").progress == 70


def test_switch_to_unknown_plan_refused(seeded):
    with pytest.raises(PlanError, match="không có kế hoạch"):
        switch_plan(seeded, "khong-co", actor="A")
    with pytest.raises(PlanError):
        activate_plan(seeded, "son-thuy", actor="A")


def test_empty_plan_refused(seeded):
    with pytest.raises(PlanError, match="không có nhiệm vụ"):
        import_plan(seeded, parse_plan(HEAD.format(code="rong"), "rong.toml"), actor="A")


def test_trigger_date_recorded_by_officer_survives(seeded):
    import_plan(seeded, _plan("thu", [("1", "Chờ Trung ương", "Ngay khi Trung ương ban hành")]), actor="A",
                activate=True)
    task = get_task(seeded, "1")
    with seeded.writing() as db:
        update_row(db, "tasks", task.id, {"trigger_date": "2025-10-01", "due_date": "2025-10-01"}, actor="A")
    import_plan(seeded, _plan("thu", [("1", "Chờ Trung ương (sửa)", "Ngay khi Trung ương ban hành")]), actor="A")
    task = get_task(seeded, "1")
    assert task.trigger_date.isoformat() == "2025-10-01" and task.due_date.isoformat() == "2025-10-01"


def test_hostile_titles_stored_clean(seeded):
    plan = _plan("thu", [("1", "[@click=app.quit]x[/] \\u001b[31mđỏ", "Quý I/2026")])
    import_plan(seeded, plan, actor="A", activate=True)
    title = get_task(seeded, "1").title
    assert "\x1b" not in title and title.startswith("[@click=app.quit]x[/]")


def test_revision_json_summary(seeded):
    result = import_plan(seeded, parse_plan(_edited_nghia_tho(), "nghia-tho.toml"), actor="A", dry_run=True)
    data = json.loads(json.dumps(result.to_json(), ensure_ascii=False))
    assert data["added"] == ["4.6"] and data["reworded"] == [{"code": "1.1", "fields": ["title"]}]
    assert data["changed"] is True and "titles" not in data


def test_words_officers_added_to_search_key_survive(seeded):
    task = get_task(seeded, "1.1")
    key = query(seeded.db, "SELECT search_key FROM tasks WHERE id = ?", (task.id,))[0]["search_key"]
    with seeded.writing() as db:
        update_row(db, "tasks", task.id, {"search_key": key + " bienban"}, actor="A")
    import_plan(seeded, parse_plan(_edited_nghia_tho(), "nghia-tho.toml"), actor="A")
    key = query(seeded.db, "SELECT search_key FROM tasks WHERE id = ?", (task.id,))[0]["search_key"]
    assert "bienban" in key.split() and "(sua doi)" in key  # "(sửa đổi)" of the new title
