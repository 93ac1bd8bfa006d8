"""doctor, the daily backup and restore work on the province database as on the commune's."""

from __future__ import annotations

import json

from kehoach_tui.config import data_dir
from kehoach_tui.province.store.schema import PROVINCE_SCHEMA_VERSION
from kehoach_tui.store.backup import backups_dir
from tests.sync_helpers import dump


def _province(cli, tmp_path) -> str:
    db = str(tmp_path / "tinh.db")
    assert cli("--db", db, "province", "init", "--province", "40")[0] == 0
    return db


def test_doctor_knows_a_province_database(cli, tmp_path):
    db = _province(cli, tmp_path)
    code, out, _ = cli("--db", db, "doctor")
    assert f"phiên bản {PROVINCE_SCHEMA_VERSION} (mới nhất)" in out and "nâng cấp" not in out
    assert "✗ Sao lưu" in out and code == 1  # no backup yet: that is what fails
    assert cli("--db", db, "province", "status")[0] == 0  # the first command of the day backs up
    code, out, _ = cli("--db", db, "province", "doctor", "--json")
    checks = {c["check"]: c for c in json.loads(out)}
    assert code == 0 and all(c["status"] != "fail" for c in checks.values()), checks
    assert checks["keys"]["status"] == "ok" and "province-40.key" in checks["keys"]["detail"]


def test_the_first_province_command_of_the_day_makes_the_backup(cli, tmp_path):
    db = _province(cli, tmp_path)
    assert not backups_dir().exists() or not list(backups_dir().glob("tinh-*.db.xz"))
    assert cli("--db", db, "province", "status")[0] == 0
    [made] = list(backups_dir().glob("tinh-*.db.xz"))
    from kehoach_tui.commands.safety import kinds
    from kehoach_tui.store.backup import check_backup

    info = check_backup(made, kinds())
    assert info.kind == "province" and info.commune_name == "Tỉnh Nghệ An"


def test_restore_takes_the_provinces_own_backup(cli, tmp_path):
    db = _province(cli, tmp_path)
    copy = tmp_path / "copy.db"
    assert cli("--db", db, "province", "backup", "--out", str(copy))[0] == 0
    code, out, _ = cli("--db", db, "province", "register", "--commune", "16969", "--key", "ab" * 32)
    assert code == 0
    code, out, err = cli("--db", db, "restore", str(copy))
    assert code == 0 and "Tỉnh Nghệ An" in out and "0 xã đã đăng ký khóa" in out, err
    code, out, _ = cli("--db", db, "province", "status", "--json")
    assert not any(s["registered"] for s in json.loads(out))  # the registration made after the copy is gone
    code, out, err = cli("--db", db, "province", "restore", str(copy))
    assert code == 0, err


def test_a_commune_backup_is_not_restored_over_the_province_nor_back(cli, tmp_path):
    db = _province(cli, tmp_path)
    commune = str(tmp_path / "xa.db")
    assert cli("--db", commune, "init")[0] == 0
    commune_copy, province_copy = tmp_path / "xa-copy.db", tmp_path / "tinh-copy.db"
    assert cli("--db", commune, "backup", "--out", str(commune_copy))[0] == 0
    assert cli("--db", db, "province", "backup", "--out", str(province_copy))[0] == 0
    before = dump(tmp_path / "tinh.db")
    code, _, err = cli("--db", db, "restore", str(commune_copy))
    assert code == 1 and "loại cơ sở dữ liệu khác" in err
    assert dump(tmp_path / "tinh.db") == before
    code, _, err = cli("--db", commune, "restore", str(province_copy))
    assert code == 1 and "loại cơ sở dữ liệu khác" in err
    assert data_dir().exists()
