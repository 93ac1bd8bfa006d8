"""CLI: kehoach plans, init --plan for every bundled plan, plan import, plan use."""

from __future__ import annotations

import json

import pytest

from .test_plan_revision import _edited_nghia_tho


def test_plans_lists_all_five(cli):
    code, out, _ = cli("plans")
    assert code == 0
    for name in ("nghia-tho", "son-thuy", "thanh-hoa", "dong-nai", "tinh-uy-365"):
        assert name in out
    assert "61 nhiệm vụ" in out and "34 nhiệm vụ" in out
    code, out, _ = cli("plans", "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["thanh-hoa"]["level"] == "province" and rows["thanh-hoa"]["tasks"] == 61
    assert rows["tinh-uy-365"]["tasks"] == 0 and rows["tinh-uy-365"]["targets"] == 12


def test_plans_in_english(cli):
    code, out, _ = cli("--lang", "en", "plans")
    assert code == 0 and "province" in out and "61 tasks" in out


@pytest.mark.parametrize(("plan", "tasks", "place"), [
    ("thanh-hoa", 61, "Tỉnh Thanh Hóa (38)"),
    ("son-thuy", 11, "Xã Sơn Thủy (21319)"),
    ("dong-nai", 15, "Tỉnh Đồng Nai (75)"),
    ("nghia-tho", 34, "Xã Nghĩa Thọ (16969)"),
])
def test_init_with_each_plan(cli, tmp_path, plan, tasks, place):
    db = str(tmp_path / f"{plan}.db")
    code, out, err = cli("--db", db, "init", "--plan", plan)
    assert code == 0, err
    assert place in out and f"{tasks} nhiệm vụ" in out
    code, out, _ = cli("--db", db, "tasks", "--json")
    assert len(json.loads(out)) == tasks


def test_province_plan_for_one_of_its_communes(cli, tmp_path):
    db = str(tmp_path / "x.db")
    code, out, _ = cli("--db", db, "init", "--plan", "thanh-hoa", "--commune", "15010")
    assert code == 0 and "Xã Sơn Thủy (15010)" in out


def test_province_plan_refuses_commune_of_another_province(cli, tmp_path):
    db = tmp_path / "x.db"
    code, _, err = cli("--db", str(db), "init", "--plan", "thanh-hoa", "--commune", "16969")
    assert code == 1 and "không thuộc Tỉnh Thanh Hóa" in err and "Traceback" not in err


def test_plan_without_province_needs_commune(cli, tmp_path):
    db = str(tmp_path / "x.db")
    code, _, err = cli("--db", db, "init", "--plan", "tinh-uy-365")
    assert code == 1 and "--commune" in err
    code, out, _ = cli("--db", db, "init", "--plan", "tinh-uy-365", "--commune", "16969")
    assert code == 0 and "0 nhiệm vụ" in out


def test_import_revised_plan_keeps_progress(cli, tmp_path, db_path):
    cli("--db", str(db_path), "init")
    from kehoach_tui.store import open_store
    from kehoach_tui.store.plans import get_task
    from kehoach_tui.store.rows import update_row

    store = open_store(db_path)
    with store.writing() as db:
        update_row(db, "tasks", get_task(store, "1.1").id, {"status": "in_progress", "progress": 40}, actor="A")
    store.close()
    revised = tmp_path / "nghia-tho-sua.toml"
    revised.write_text(_edited_nghia_tho(), encoding="utf-8")

    code, out, _ = cli("--db", str(db_path), "plan", "import", str(revised), "--dry-run")
    assert code == 0 and "Chạy thử" in out and "+ 4.6" in out
    code, out, _ = cli("--db", str(db_path), "plan", "import", str(revised))
    assert code == 0
    assert "thêm 1, bỏ 1, sửa lời 1" in out and "giữ tiến độ của 1" in out
    assert "+ 4.6" in out and "Nhiệm vụ mới từ tỉnh" in out
    assert "- 4.4" in out and "Hỗ trợ người dân yếu thế" in out
    assert "~ 1.1" in out and "tên" in out
    code, out, _ = cli("--db", str(db_path), "tasks", "--json")
    rows = {r["code"]: r for r in json.loads(out)}
    assert rows["1.1"]["progress"] == 40 and "4.4" not in rows and "4.6" in rows


def test_import_bad_file_changes_nothing(cli, tmp_path, db_path):
    import sqlite3

    cli("--db", str(db_path), "init")
    dump = list(sqlite3.connect(db_path).iterdump())
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[plan]\ncode = "nghia-tho"\ntitle = "X"\nlevel = "xa"\n', encoding="utf-8")
    code, _, err = cli("--db", str(db_path), "plan", "import", str(bad))
    assert code == 1 and "bad.toml" in err and "level" in err and len(err.strip().splitlines()) == 1
    assert list(sqlite3.connect(db_path).iterdump()) == dump


def test_import_new_plan_then_use(cli, db_path):
    from kehoach_tui.config import seeds_dir

    cli("--db", str(db_path), "init")
    code, out, _ = cli("--db", str(db_path), "plan", "import", str(seeds_dir() / "son-thuy.toml"))
    assert code == 0 and "Đã thêm kế hoạch son-thuy" in out and "plan use son-thuy" in out
    assert "Lưu ý" in out  # a plan of another commune
    code, out, _ = cli("--db", str(db_path), "plan", "use", "son-thuy")
    assert code == 0 and "son-thuy" in out
    code, out, _ = cli("--db", str(db_path), "tasks", "--json")
    assert len(json.loads(out)) == 11
    code, _, err = cli("--db", str(db_path), "plan", "use", "khong-co")
    assert code == 1 and "không có kế hoạch" in err


def test_import_json(cli, db_path, tmp_path):
    cli("--db", str(db_path), "init")
    revised = tmp_path / "r.toml"
    revised.write_text(_edited_nghia_tho(), encoding="utf-8")
    code, out, _ = cli("--db", str(db_path), "plan", "import", str(revised), "--json", "--dry-run")
    data = json.loads(out)
    assert code == 0 and data["added"] == ["4.6"] and data["removed"] == ["4.4"] and data["dry_run"]
