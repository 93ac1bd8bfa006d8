"""CLI: init (idempotent), tasks --json, one-line errors, light --help/--version."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

NGHIA_THO_CODES = [
    "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3", "3.3.a",
    "3.3.b", "3.4", "3.4.a", "3.4.b", "3.4.c", "3.5", "3.5.a", "3.5.b", "3.5.c", "4.1", "4.2", "4.3",
    "4.4", "4.5", "4.5.a", "4.5.b", "4.5.c", "4.5.d", "4.5.đ", "4.5.e", "4.5.f",
]


def test_init_then_tasks_json(cli, db_path):
    code, out, _ = cli("--db", str(db_path), "init", "--officer", "Lê Thị B")
    assert code == 0 and "Xã Nghĩa Thọ" in out and "34" in out
    code, out, _ = cli("--db", str(db_path), "tasks", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["code"] for r in rows] == NGHIA_THO_CODES
    by_code = {r["code"]: r for r in rows}
    assert by_code["1.1"]["lead_units"] == ["Phòng Văn hóa - Xã hội"]
    assert [r["code"] for r in rows if not r["lead_units"] and not r["parent"]] == ["3.3"]
    assert by_code["4.5.đ"]["parent"] == "4.5"


def test_init_twice_changes_nothing(cli, db_path):
    cli("--db", str(db_path), "init")
    conn_before = _dump(db_path)
    code, out, _ = cli("--db", str(db_path), "init", "--plan", "nghia-tho")
    assert code == 0 and "không thay đổi" in out
    assert _dump(db_path) == conn_before


def _dump(path):
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_database_is_wal(cli, db_path):
    cli("--db", str(db_path), "init")
    import sqlite3

    assert sqlite3.connect(db_path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_kehoach_db_env(cli, tmp_path, monkeypatch):
    target = tmp_path / "env.db"
    monkeypatch.setenv("KEHOACH_DB", str(target))
    code, _, _ = cli("init")
    assert code == 0 and target.exists()


def test_tasks_before_init_is_one_line_error(cli, db_path):
    code, out, err = cli("--db", str(db_path), "tasks")
    assert code == 1 and err.strip() == "Lỗi: Cơ sở dữ liệu chưa được khởi tạo; chạy: kehoach init"


def test_unknown_plan_is_one_line_error(cli, db_path):
    code, _, err = cli("--db", str(db_path), "init", "--plan", "khong-co")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "khong-co" in err


def test_bad_plan_file_names_task_and_field(cli, db_path, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'format = 1\n[plan]\ncode = "x"\ntitle = "X"\nlevel = "commune"\n'
        '[[groups]]\ncode = "1"\n[[tasks]]\ncode = "1.1"\ngroup = "1"\nlead_units = "không phải danh sách"\n',
        encoding="utf-8",
    )
    code, _, err = cli("--db", str(db_path), "init", "--plan", str(bad))
    assert code == 1 and "nhiệm vụ 1.1" in err and "lead_units" in err and str(bad) in err
    assert len(err.strip().splitlines()) == 1


def test_english(cli, db_path):
    code, out, _ = cli("--lang", "en", "--db", str(db_path), "init")
    assert code == 0 and out.startswith("Initialised")


def test_unwritable_db_folder_is_one_line_error(cli, tmp_path):
    if os.geteuid() == 0:
        target = "/proc/kehoach/x.db"  # root ignores permissions; /proc refuses writes
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o500)
        target = str(folder / "x.db")
    code, _, err = cli("--db", target, "init")
    assert code == 1 and err.startswith("Lỗi:") and "Traceback" not in err


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_do_not_import_textual(flag):
    code = (
        "import sys\nfrom kehoach_tui.cli import main\n"
        f"try:\n    main([{flag!r}])\nexcept SystemExit:\n    pass\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'sqlite_utils', 'pydantic')]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "kehoach" in result.stdout


def test_python_m(db_path):
    result = subprocess.run([sys.executable, "-m", "kehoach_tui", "--db", str(db_path), "init"],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0 and "16969" in result.stdout
