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
        from .plans import install_plan  # the plan machinery, for the first run only

        install_plan(store, plan, actor=officer, commune_code=commune.code)
    return True


def officer(store: Store) -> str:
    return get_setting(store, "officer", "Cán bộ")


def commune_code(store: Store) -> str:
    return get_setting(store, "commune_code", "")
