"""Speed of plan work an officer waits for: installing each bundled plan, importing a revised
Thanh Hóa plan (61 tasks) over one with progress, a dry run, and switching plans.

    uv run python benchmarks/plans.py [--tiny]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("KEHOACH_TODAY", "2025-11-05")

from kehoach_tui.communes import commune_by_code  # noqa: E402
from kehoach_tui.domain.plan import parse_plan  # noqa: E402
from kehoach_tui.plan_files import bundled_plan_names, resolve_plan  # noqa: E402
from kehoach_tui.store import open_store  # noqa: E402
from kehoach_tui.store.plan_revision import import_plan, switch_plan  # noqa: E402
from kehoach_tui.store.plans import list_tasks  # noqa: E402
from kehoach_tui.store.rows import update_row  # noqa: E402
from kehoach_tui.store.setup import initialise  # noqa: E402

REPEAT = 1 if "--tiny" in sys.argv[1:] else 5  # tiny: once each, checks that it runs


def timed(label: str, func, repeat: int = REPEAT) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<52} {best * 1000:8.1f} ms (best of {repeat})")
    return best


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    for name in bundled_plan_names():
        plan = resolve_plan(name)
        counter = iter(range(1000))

        def install(plan=plan, name=name, counter=counter):
            store = open_store(folder / f"{name}-{next(counter)}.db")
            initialise(store, plan=plan, commune=commune_by_code("16969"), officer="A")
            store.close()

        timed(f"init with {name} ({len(plan.tasks)} tasks, {len(plan.targets)} targets)", install)

    store = open_store(folder / "rev.db")
    initialise(store, plan=resolve_plan("thanh-hoa"), commune=commune_by_code("15010"), officer="A")
    with store.writing() as db:
        for task in list_tasks(store)[::2]:
            update_row(db, "tasks", task.id, {"status": "in_progress", "progress": 50}, actor="A")
    text = (resolve_plan.__globals__["seeds_dir"]() / "thanh-hoa.toml").read_text(encoding="utf-8")
    revised = parse_plan(text.replace("Hoàn thành trong tháng 6/2025", "Hoàn thành trong tháng 12/2025"), "r.toml")
    original = resolve_plan("thanh-hoa")
    timed("parse + validate thanh-hoa.toml", lambda: resolve_plan("thanh-hoa"))
    timed("import revision, dry run (61 tasks)", lambda: import_plan(store, revised, actor="A", dry_run=True))
    state = {"n": 0}

    def revise():
        state["n"] += 1
        import_plan(store, revised if state["n"] % 2 else original, actor="A")

    timed("import revision, written (12 deadlines reworded)", revise)
    timed("import the same file again (no change)", lambda: import_plan(store, original, actor="A"))
    timed("switch plan (installed)", lambda: (switch_plan(store, "thanh-hoa", actor="A")))
    switch_plan(store, "nghia-tho", actor="A")
    timed("switch between two installed plans", lambda: (switch_plan(store, "thanh-hoa", actor="A"),
                                                           switch_plan(store, "nghia-tho", actor="A")))
    store.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
