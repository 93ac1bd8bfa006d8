"""Does a plan file say what its source document says? (`scripts/verify_seeds.py` runs it.)

    from kehoach_tui.plan_verify import verify_plan
    verify_plan(Path("seeds/nghia-tho.toml"))   # [] when file and source agree

The source is the text file named by the plan's `source_file` (or, for older files, in the
header comment), in `seeds/sources/`. `source.py` reads the document, `layouts.py` finds its
items, `check.py` compares them with the file field by field (its docstring lists what).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..config import seeds_dir
from ..domain.plan import PlanError, PlanFile, parse_plan
from .check import Difference, compare
from .layouts import LAYOUTS, Expected, read
from .source import load, norm

SOURCE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")

__all__ = ["Difference", "plan_files", "sources_dir", "verify_lists", "verify_plan", "verify_text"]


def sources_dir() -> Path:
    return seeds_dir() / "sources"


def plan_files(folder: Path | None = None) -> list[Path]:
    """The plan files of a seeds folder (not the checklist or the incident lists)."""
    folder = folder or seeds_dir()
    return sorted(p for p in folder.glob("*.toml") if not p.stem.startswith(("checklist", "incident", "schedules")))


@lru_cache(maxsize=16)
def _expected(path: Path) -> Expected:
    return read(load(path))


def source_of(plan: PlanFile, text: str) -> str | None:
    if plan.plan.source_file:
        return plan.plan.source_file
    found = SOURCE_NAME.search(text)
    return found.group() if found else None


def verify_text(text: str, name: str = "<plan>", sources: Path | None = None) -> list[Difference]:
    """Differences between plan-file text and its source (a file that does not load is one)."""
    try:
        plan = parse_plan(text, name)
    except PlanError as exc:
        return [Difference("file", "", str(exc))]
    source = source_of(plan, text)
    if source is None:
        return [Difference("file", "source_file", "names no source document")]
    path = (sources or sources_dir()) / source
    if not path.is_file():
        return [Difference("file", "source_file", f"{path} not found")]
    if source[:3] not in LAYOUTS:
        return [Difference("file", "source_file", f"no reader for the layout of {source} (plan_verify/layouts.py)")]
    return compare(plan, _expected(path.resolve()))


def verify_plan(path: Path, sources: Path | None = None) -> list[Difference]:
    return verify_text(Path(path).read_text(encoding="utf-8"), Path(path).name, sources)


# The seeded lists that quote the Nghĩa Thọ plan: the morning check (task 3.4.c) and the
# incident lists (task 4.5.đ).
LISTS = {"checklist-default": ("items",), "incidents": ("categories", "severities", "channels", "security_checklist")}


def verify_lists(text: str, name: str, sources: Path | None = None) -> list[Difference]:
    """Every entry of a seeded list says where it comes from, and a quote is the plan's words."""
    import tomllib

    from ..domain.provenance import Origin, origin_problem

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return [Difference("file", "", str(exc))]
    out = []
    for table in LISTS[name]:
        entries = data.get(table, [])
        for entry in entries if isinstance(entries, list) else [entries]:
            where = f"{table} {entry.get('code', '')}".strip()
            origin = Origin(source=entry.get("source", ""), quote=entry.get("quote", ""), assumed=entry.get("assumed", ""))
            problem = origin_problem(origin)
            if problem:
                out.append(Difference(where, "source", problem))
                continue
            if not origin.source:
                continue
            number, _, section = origin.source.partition(" §")
            path = next(iter(sorted((sources or sources_dir()).glob(f"{number}_*.txt"))), None)
            doc = _expected(path.resolve()).doc if path else None
            name_ = doc.resolve(section) if doc else None
            if name_ is None:
                out.append(Difference(where, "source", f"{origin.source!r} is not a section of a source document"))
            elif norm(origin.quote) not in " ".join([doc.titles.get(name_, ""), doc.section_text(name_)]):
                out.append(Difference(where, "quote", f"{origin.quote!r} is not in {origin.source}"))
    return out
