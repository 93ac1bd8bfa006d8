"""First run: who we are (commune, officer) and which plan we follow."""

from __future__ import annotations

from ..domain.models import Commune
from ..domain.plan import PlanFile
from ..domain.vntext import clean_line
from .db import Store
from .plans import install_plan
from .settings import get_setting, is_initialised, put_settings

__all__ = ["initialise", "is_initialised"]


def initialise(store: Store, *, plan: PlanFile, commune: Commune, officer: str) -> bool:
    """Set commune and officer and install the plan. Idempotent: an initialised database is
    left exactly as it is and False is returned."""
    if is_initialised(store):
        return False
    officer = clean_line(officer) or "Cán bộ"
    with store.writing():
        # Checked again under the write lock: two windows finishing the first run together
        # install one plan, not two.
        if is_initialised(store):
            return False
        put_settings(store, {
            "commune_code": commune.code, "commune_name": commune.name,
            "province_code": commune.province_code, "province_name": commune.province_name,
            "officer": officer,
        }, actor=officer)
        install_plan(store, plan, actor=officer, commune_code=commune.code)
    return True


def officer(store: Store) -> str:
    return get_setting(store, "officer", "Cán bộ")


def commune_code(store: Store) -> str:
    return get_setting(store, "commune_code", "")


def other_commune_plan(store: Store) -> str | None:
    """The name of the commune whose own plan this database follows, when that is another
    commune (set up with the officer's confirmation, or switched to later); else None."""
    row = store.conn.execute(
        "SELECT level, plan_commune_code, commune_name FROM plans WHERE id = ? AND deleted = 0",
        (get_setting(store, "plan_id"),)).fetchone()
    if row is None or row[0] != "commune" or not row[1] or row[1] == commune_code(store):
        return None
    return row[2] or row[1]
