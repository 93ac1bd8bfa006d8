"""First run: who we are (commune, officer) and which plan we follow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.vntext import clean_line
from .db import Store
from .settings import get_setting, is_initialised, put_settings

if TYPE_CHECKING:
    from ..domain.models import Commune
    from ..domain.plan import PlanFile  # pydantic: officer() and commune_code() need none

__all__ = ["initialise", "is_initialised"]

UNNAMED = "Cán bộ"  # the actor while no officer is named (`kehoach init` without --officer)


def initialise(store: Store, *, plan: PlanFile, commune: Commune, officer: str) -> bool:
    """Set commune and officer and install the plan. Idempotent: an initialised database is
    left exactly as it is and False is returned."""
    if is_initialised(store):
        return False
    officer = clean_line(officer) or UNNAMED
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
        if officer != UNNAMED and _has_officers(store):  # a named officer starts the list
            from .officers import add_officer

            add_officer(store, officer, actor=officer)
        from .plans import install_plan  # the plan machinery, for the first run only

        install_plan(store, plan, actor=officer, commune_code=commune.code)
    return True


def _has_officers(store: Store) -> bool:
    """False for a database kept at an older schema (the migration tests build them): it
    gets the list when migrated, and the app asks for the name then."""
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'officers'").fetchone() is not None


def officer(store: Store) -> str:
    """The actor to record: this window's officer, else the database's current one."""
    return getattr(store, "session_officer", None) or get_setting(store, "officer", UNNAMED)


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
