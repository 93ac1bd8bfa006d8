"""Finding plan files: bundled seeds by name, or any TOML file by path."""

from __future__ import annotations

from pathlib import Path

from .config import seeds_dir
from .domain.plan import PlanError, PlanFile, load_plan_file

DEFAULT_PLAN = "nghia-tho"


def bundled_plan_names() -> list[str]:
    """Names usable with --plan (every seeds/*.toml that is a plan, not the checklist etc.)."""
    return sorted(
        p.stem for p in seeds_dir().glob("*.toml")
        if not p.stem.startswith(("checklist", "incident", "schedules"))
    )


def resolve_plan(name_or_file: str) -> PlanFile:
    """A bundled plan by name, or a plan file by path; PlanError with a clear reason otherwise."""
    candidate = Path(name_or_file)
    if candidate.suffix == ".toml" or candidate.exists():
        return load_plan_file(candidate)
    path = seeds_dir() / f"{name_or_file}.toml"
    if not path.is_file():
        names = ", ".join(bundled_plan_names())
        raise PlanError(f"không có kế hoạch “{name_or_file}” (có: {names})")
    return load_plan_file(path)
