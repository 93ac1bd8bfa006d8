"""Where each due rule and seeded item comes from: the loaders refuse one that does not say,
the app shows an assumed due date as the commune's setting, and the commune can change it."""

from __future__ import annotations

import json

import pytest

from kehoach_tui.domain.checklist import ChecklistError
from kehoach_tui.domain.checklist_seed import parse_seed
from kehoach_tui.domain.plan import PlanError, parse_plan
from kehoach_tui.plan_files import bundled_plan_names, resolve_plan

HEAD = 'format = 1\n[plan]\ncode = "x"\ntitle = "X"\nlevel = "commune"\n[[targets]]\ncode = "CT1"\nlabel = "L"\n'


@pytest.mark.parametrize("origin", ["", 'source = "004 §4.5.f"\nassumed = "và cả lý do"\n'])
def test_schedule_needs_exactly_one_origin(origin):
    text = HEAD + f'[[reporting]]\ncode = "w"\nlabel = "Tuần"\nperiod = "week"\n{origin}'
    with pytest.raises(PlanError, match="source hoặc assumed"):
        parse_plan(text, "f.toml")


def test_schedule_source_is_a_reference():
    text = HEAD + '[[reporting]]\ncode = "w"\nlabel = "Tuần"\nperiod = "week"\nsource = "mục 4.5.f"\n'
    with pytest.raises(PlanError, match="source"):
        parse_plan(text, "f.toml")


def test_every_bundled_schedule_says_where_it_comes_from():
    for name in bundled_plan_names():
        for schedule in resolve_plan(name).reporting:
            assert bool(schedule.source) != bool(schedule.assumed), (name, schedule.code)


def test_nghia_tho_days_are_assumed_the_source_gives_none():
    reporting = {r.code: r for r in resolve_plan("nghia-tho").reporting}
    assert reporting["weekly"].assumed and reporting["monthly"].assumed
    assert "(tuần, tháng)" in reporting["weekly"].assumed


def test_checklist_seed_item_needs_its_origin():
    text = 'format = 1\n[[items]]\ncode = "A"\ntitle = "A"\n'
    with pytest.raises(ChecklistError, match="source hoặc assumed"):
        parse_seed(text)
    with pytest.raises(ChecklistError, match="quote"):
        parse_seed(text + 'source = "004 §3.4.c"\n')
    assert parse_seed(text + 'assumed = "thêm"\n').items[0].assumed == "thêm"


def test_only_the_items_task_3_4_c_names_are_the_plans():
    from kehoach_tui.store.checklist import default_seed

    items = {i.code: i for i in default_seed().items}
    assert {c for c, i in items.items() if i.source} == {
        "INTERNET", "MAY_TINH", "MAY_IN", "MAY_QUET", "MOT_CUA", "DVCQG", "HO_TICH", "VAN_BAN", "EMAIL", "HOP_TT"}
    assert items["DIEN_UPS"].assumed and items["CAMERA"].assumed


def test_only_the_channels_task_4_5_d_names_are_the_plans():
    from kehoach_tui.store.incidents import default_catalog

    catalog = default_catalog()
    assert [c.code for c in catalog.channels if c.source] == ["zalo", "hotline", "app"]
    assert all(c.assumed for c in catalog.categories)
    assert catalog.origin_problems() == []


def test_incident_list_without_origin_refused(tmp_path, monkeypatch):
    from kehoach_tui.store import incidents

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = (incidents.seeds_dir() / "incidents.toml").read_text(encoding="utf-8")
    (seeds / "incidents.toml").write_text(text.replace('source = "004 §4.5.đ"\nquote = "nhóm chat Zalo"\n', ""),
                                          encoding="utf-8")
    monkeypatch.setattr(incidents, "seeds_dir", lambda: seeds)
    incidents.default_catalog.cache_clear()
    try:
        with pytest.raises(PlanError, match="zalo"):
            incidents.default_catalog()
    finally:
        incidents.default_catalog.cache_clear()


def test_checklist_items_keep_their_origin(seeded):
    from kehoach_tui.store.checklist import ensure_items, list_items

    ensure_items(seeded)
    items = {i.code: i for i in list_items(seeded)}
    assert items["INTERNET"].source_ref == "004 §3.4.c"
    assert items["DIEN_UPS"].source_ref == "" and items["DIEN_UPS"].assumed


def test_assumed_due_date_shown_as_the_communes(capsys, db_path, cli):
    cli("--db", str(db_path), "init")
    code, out, _ = cli("--db", str(db_path), "report", "due")
    assert code == 0 and "hạn theo thiết lập của xã" in out
    code, out, _ = cli("--db", str(db_path), "report", "due", "--json")
    assert {item["schedule"]: item["assumed"] for item in json.loads(out)} == {"weekly": True, "monthly": True}


def test_overview_card_marks_the_assumed_date(seeded):
    from kehoach_tui.store.reports import next_due_text

    assert "hạn theo thiết lập của xã" in next_due_text(seeded)


def test_plans_own_rule_is_not_marked(capsys, db_path, cli):
    cli("--db", str(db_path), "init", "--plan", "son-thuy")
    code, out, _ = cli("--db", str(db_path), "report", "due", "--json")
    assert [item["assumed"] for item in json.loads(out) if item["schedule"] == "monthly"] == [False]
    assert [item["due"][:10] for item in json.loads(out) if item["schedule"] == "monthly"] == ["2025-11-23"]


def test_settings_change_a_schedule_and_back(capsys, db_path, cli):
    cli("--db", str(db_path), "init")
    code, out, _ = cli("--db", str(db_path), "settings")
    assert code == 0 and "weekly" in out and "hạn theo thiết lập của xã" in out
    code, out, err = cli("--db", str(db_path), "settings", "schedule", "weekly", "--rrule",
                         "FREQ=WEEKLY;BYDAY=TH", "--due-time", "16:00")
    assert code == 0, err
    code, out, _ = cli("--db", str(db_path), "report", "due", "--json")
    weekly = [item for item in json.loads(out) if item["schedule"] == "weekly"]
    assert weekly[0]["due"] == "2025-11-06T16:00:00" and weekly[0]["assumed"] is True
    code, out, _ = cli("--db", str(db_path), "settings", "--json")
    data = {s["code"]: s for s in json.loads(out)["schedules"]}
    assert data["weekly"]["changed_by_commune"] and data["weekly"]["plan_rrule"] == "FREQ=WEEKLY;BYDAY=FR"
    cli("--db", str(db_path), "settings", "schedule", "weekly", "--reset")
    code, out, _ = cli("--db", str(db_path), "report", "due", "--json")
    assert [i["due"] for i in json.loads(out) if i["schedule"] == "weekly"] == ["2025-11-07T23:59:59"]


def test_changing_the_plans_own_rule_marks_it_the_communes(capsys, db_path, cli):
    cli("--db", str(db_path), "init", "--plan", "son-thuy")
    cli("--db", str(db_path), "settings", "schedule", "monthly", "--rrule", "FREQ=MONTHLY;BYMONTHDAY=20")
    code, out, _ = cli("--db", str(db_path), "report", "due", "--json")
    monthly = [i for i in json.loads(out) if i["schedule"] == "monthly"][0]
    assert monthly["assumed"] is True and monthly["due"].startswith("2025-11-20")


@pytest.mark.parametrize(("args", "fragment"), [
    (("schedule", "yearly", "--rrule", "FREQ=YEARLY"), "yearly"),
    (("schedule", "weekly", "--rrule", "FREQ=SOMETIMES"), "FREQ=SOMETIMES"),
    (("schedule", "weekly", "--due-time", "4pm"), "4pm"),
    (("schedule", "weekly"), "--rrule"),
])
def test_settings_refuse_bad_input(capsys, db_path, args, fragment, cli):
    cli("--db", str(db_path), "init")
    code, _, err = cli("--db", str(db_path), "settings", *args)
    assert code == 1 and fragment in err and "Traceback" not in err


def test_override_survives_a_plan_import(capsys, db_path, cli):
    cli("--db", str(db_path), "init")
    cli("--db", str(db_path), "settings", "schedule", "weekly", "--rrule", "FREQ=WEEKLY;BYDAY=TH")
    from kehoach_tui.config import seeds_dir

    code, _, err = cli("--db", str(db_path), "plan", "import", str(seeds_dir() / "nghia-tho.toml"))
    assert code == 0, err
    code, out, _ = cli("--db", str(db_path), "report", "due", "--json")
    assert [i["due"][:10] for i in json.loads(out) if i["schedule"] == "weekly"] == ["2025-11-06"]


def test_schedule_stored_without_origin_counts_as_the_communes(seeded):
    """A database migrated from before origins were kept: its schedules are not shown as the plan's."""
    from kehoach_tui.store.reports import next_due_text, schedules

    with seeded.writing() as db:
        db.conn.execute("UPDATE report_schedules SET source = '', assumed = ''")
    assert all(schedule.assumed for schedule, _ in schedules(seeded))
    assert "hạn theo thiết lập của xã" in next_due_text(seeded)
