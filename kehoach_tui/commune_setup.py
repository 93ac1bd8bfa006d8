"""Setting a database up for a commune: the one action behind `kehoach init` and the TUI's
first run, so both make the same checks (the plan's province) and leave the same result
(settings, the plan's tasks, the commune's signing key)."""

from __future__ import annotations

from dataclasses import dataclass

from .domain.models import Commune
from .domain.plan import PlanFile
from .errors import KehoachError
from .plan_place import check_plan_commune, place_for_plan
from .store.db import Store
from .store.setup import initialise


@dataclass(frozen=True)
class SetupDone:
    commune: Commune
    installed: bool  # False: the database was already set up (another window, a second init)
    key_error: str | None = None  # the database is set up, but the signing key could not be made


def setup_commune(store: Store, *, plan: PlanFile, commune_code: str | None, officer: str,
                  other_commune_ok: bool = False) -> SetupDone:
    """Set the database up for commune_code (None: the plan's own place) following plan.

    PlanError (one line) when the plan cannot be followed there, e.g. a commune outside a
    province plan's province; nothing is written then. Another commune's own plan raises
    OtherCommunePlan unless other_commune_ok (the officer confirmed it: `--other-commune-plan`,
    the first run's confirm dialog). StoreError from the write itself."""
    commune = place_for_plan(plan, commune_code)
    check_plan_commune(plan, commune, other_commune_ok=other_commune_ok)
    installed = initialise(store, plan=plan, commune=commune, officer=officer)
    from .sync.keys import ensure_key  # PyNaCl: only once the database is set up

    try:
        ensure_key("commune", commune.code)  # signs the commune's sync bundles
    except (KehoachError, OSError) as exc:
        return SetupDone(commune, installed, key_error=str(exc))
    return SetupDone(commune, installed)
