"""The plans offered for a commune at setup: the bundled plans read from their [plan] header
only (cheap enough to redo on every keystroke of the commune field), ranked by how they fit:
the commune's own plan, then its province's plans, then province plans naming no province,
then other communes' plans (which need a confirmation). Province plans of another province
are not offered at all."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from .config import seeds_dir
from .domain.models import Commune
from .plan_files import bundled_plan_names
from .plan_place import FIT_ORDER, OTHER_COMMUNE, plan_fit


@dataclass(frozen=True)
class PlanHeader:
    name: str  # what --plan takes (the seed file's stem)
    code: str
    title: str
    level: str
    commune_code: str = ""
    commune_name: str = ""
    province_code: str = ""
    province_name: str = ""


@dataclass(frozen=True)
class PlanOption:
    header: PlanHeader
    fit: str

    @property
    def needs_confirmation(self) -> bool:
        return self.fit == OTHER_COMMUNE


@cache
def bundled_headers() -> tuple[PlanHeader, ...]:
    found = []
    for name in bundled_plan_names():
        try:
            with (seeds_dir() / f"{name}.toml").open("rb") as handle:
                meta = tomllib.load(handle).get("plan") or {}
        except (OSError, tomllib.TOMLDecodeError):
            continue  # a damaged seed is reported when it is loaded, not here
        found.append(PlanHeader(
            name=name, code=str(meta.get("code", name)), title=str(meta.get("title", "")),
            level=str(meta.get("level", "")), commune_code=str(meta.get("commune_code", "")),
            commune_name=str(meta.get("commune_name", "")), province_code=str(meta.get("province_code", "")),
            province_name=str(meta.get("province_name", ""))))
    return tuple(found)


def plan_options(commune: Commune) -> list[PlanOption]:
    """Every bundled plan usable for commune, best fit first (see the module docstring)."""
    options = [PlanOption(h, plan_fit(h, commune)) for h in bundled_headers()]
    options = [o for o in options if o.fit in FIT_ORDER]
    return sorted(options, key=lambda o: FIT_ORDER.index(o.fit))


def recommended_plan(commune: Commune) -> str | None:
    """The plan name a commune gets when the officer types none: its best fit that needs no
    confirmation, or None when there is none."""
    return next((o.header.name for o in plan_options(commune) if not o.needs_confirmation), None)
