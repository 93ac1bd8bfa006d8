"""Every figure of issue 17 in one run, each against its anchor measured in the same run.

    uv run python benchmarks/run_all.py [--rounds N] [--quick | --tiny]

Anchors: a bare Textual app showing one Label (first screen, in an 80x24 pty), and a
`python -c "import click"` process (CLI commands). A figure with no anchor is set against
its goal (ratio = measured / goal). Every figure is the median of N rounds (the first screen:
of four starts of each in every round; each command and its anchor: of three), anchors and
measured programs interleaved within each round so a busy machine weighs on both alike,
after one warm-up round; children run with a warm bytecode cache of their own (see
benchmarks/measure.py). `uptime`'s load average is printed at the start and the end.

Sizes: full is five years of data (benchmarks/fiveyears.py) and 50,000 task updates;
--quick is one year and 10,000 updates, with the two storage figures scaled up to the full
size (marked ≈); --tiny is a few weeks and no warm-up, only to check that everything runs
(tests/test_benchmarks.py).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import fiveyears, measure  # noqa: E402
from benchmarks.checklist import grid_tour  # noqa: E402
from benchmarks.reports import report_process  # noqa: E402
from benchmarks.screens import ORDER, tour  # noqa: E402

MIB = 2**20
# A start or a command is short, and a shared machine's noise is of its size: each is taken
# several times a round, interleaved with its anchor, so that the median of a run is steady.
STARTS_PER_ROUND = 4  # pairs of starts (anchor, app) in each round
CLI_PER_ROUND = 3  # passes over the anchor and every command in each round
CLICK = [sys.executable, "-c", "import click"]


@dataclass(frozen=True)
class Size:
    label: str
    years: float
    updates: int
    rounds: int
    warm_up: bool = True


SIZES = {
    "full": Size("5 years of data", 5, 50_000, 5),
    "quick": Size("1 year of data (quick)", 1, 10_000, 3),
    "tiny": Size("3 weeks of data (tiny: not a measurement)", 0.06, 200, 1, warm_up=False),  # one start each
}


def five_years(folder: Path, size: Size, *, backups: bool = False) -> tuple[Path, dict[str, str]]:
    """The size's years of data in folder/kehoach.db (backups under folder/data), and the
    environment its measured children run with: that data folder, today pinned to the data's
    last day, a warm private bytecode cache (KEHOACH_BENCH_PYCACHE shares one between runs)."""
    data = folder / "data"
    os.environ["KEHOACH_DATA_DIR"] = str(data)
    db = folder / "kehoach.db"
    built = fiveyears.build(db, years=size.years, backups=backups)
    print(f"{size.label}: {built.days} working days written through the store in {built.seconds:.1f} s")
    env = measure.child_env(measure.pycache_dir(folder), KEHOACH_DATA_DIR=str(data), KEHOACH_TODAY=fiveyears.END.isoformat())
    return db, env


def many_updates(db: Path, count: int) -> float:
    """A fresh commune with count task updates recorded through record_update; seconds taken."""
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store import open_store
    from kehoach_tui.store.setup import initialise
    from kehoach_tui.store.tasks import children_of, record_update, task_records

    rng = random.Random(5)
    started = time.perf_counter()
    store = open_store(db)
    initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code("16969"), officer="Cán bộ")
    store.conn.execute("PRAGMA synchronous=OFF")  # building only; the content is the same
    leaves = [r.code for r in task_records(store) if not children_of(store, r.code)]
    with store.writing():  # one outer transaction; each update is its own savepoint in it
        for n in range(count):
            record_update(store, leaves[n % len(leaves)], progress=rng.randint(0, 99),
                          note=fiveyears._note(rng), officer="Cán bộ")
    store.close()
    return time.perf_counter() - started


def table_bytes(db: Path) -> dict[str, int]:
    """Bytes per table and index (SQLite's dbstat), or {} when this SQLite lacks it."""
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"))
    except sqlite3.Error:
        return {}
    finally:
        conn.close()


@dataclass
class Row:
    figure: str
    anchor: str
    measured: str
    ratio: str
    goal: str
    met: bool


def timed_row(figure: str, values: list[float], goal_s: float, unit: str = "ms") -> Row:
    """A figure with no anchor: its median against the goal."""
    value = measure.median(values)
    return Row(figure, "—", _fmt(value, unit), f"{value / goal_s:.2f}× goal", f"≤ {_fmt(goal_s, unit)}",
               value <= goal_s)


def anchored_row(figure: str, values: list[float], anchor: list[float], limit: float, anchor_name: str) -> Row:
    value, base = measure.median(values), measure.median(anchor)
    return Row(figure, f"{anchor_name} {_fmt(base, 'ms')}", _fmt(value, "ms"), f"{value / base:.2f}×",
               f"≤ {limit:g}×", value / base <= limit)


def _fmt(seconds: float, unit: str) -> str:
    return f"{seconds * 1000:.0f} ms" if unit == "ms" else f"{seconds:.2f} s"


def print_table(rows: list[Row]) -> None:
    heads = ("figure", "anchor", "measured", "ratio", "goal", "met")
    cells = [heads] + [(r.figure, r.anchor, r.measured, r.ratio, r.goal, "yes" if r.met else "NO") for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(heads))]
    line = " | ".join
    print(line(h.ljust(w) for h, w in zip(heads, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for cell in cells[1:]:
        print(line(c.ljust(w) for c, w in zip(cell, widths, strict=True)))
    print(f"{sum(r.met for r in rows)} of {len(rows)} figures within their goal")


class Samples(dict):
    def add(self, name: str, value: float) -> None:
        self.setdefault(name, []).append(value)


def cli_commands(db: Path, round_no: int) -> dict[str, list[str]]:
    d = ["--db", str(db)]
    return {
        "tasks --json": [*d, "tasks", "--json"],
        "task update": [*d, "task", "update", "2.5", "--progress", str(40 + round_no % 50),
                        "--note", f"Đã số hóa thêm hồ sơ, lần {round_no}"],
        "checklist mark": [*d, "checklist", "mark", "INTERNET", "fail" if round_no % 2 else "ok"],
        "--help": ["--help"],
        "--version": ["--version"],
    }


def one_round(db: Path, env: dict[str, str], folder: Path, round_no: int, samples: Samples, *,
              pairs: int = STARTS_PER_ROUND, passes: int = CLI_PER_ROUND) -> None:
    """Every measurement once, anchors beside what they anchor, order alternating by round."""
    bare = measure.bare_app(folder)
    app = [*measure.APP, "--db", str(db)]
    starts = [("bare", bare, measure.BARE_MARKER), ("kehoach", app, measure.screen_markers()["overview"])]
    for pair in range(pairs):  # a start is short and noisy: a few pairs, in turn
        for name, argv, marker in starts if (round_no + pair) % 2 == 0 else starts[::-1]:
            seconds, rss = measure.first_frame(argv, env, marker)
            samples.add(f"start {name}", seconds)
            samples.add(f"rss {name}", rss)
    for n in range(passes):  # the anchor first, then last, pass by pass
        step = round_no * passes + n
        commands = [("click", CLICK), *cli_commands(db, step).items()]
        for name, args in commands[:: 1 if step % 2 == 0 else -1]:
            samples.add(f"cli {name}", measure.cli(args, env))
    first, later = tour(db, env)
    for mode, seconds in first.items():
        samples.add(f"first {mode}", seconds)
    cold, _ = tour(db, {**env, "KEHOACH_PREPARE": "0"})  # not a goal: what preparing saves
    for mode, seconds in cold.items():
        samples.add(f"cold {mode}", seconds)
    for seconds in later:
        samples.add("later", seconds)
    opened, toggles = grid_tour(db, env)
    samples.add("grid open", opened)
    for seconds in toggles:
        samples.add("grid toggle", seconds)
    samples["report"] = samples.get("report", []) + report_process(db, env, folder / "out", 1)


def rows_from(samples: Samples, sizes: dict[str, tuple[float, float, str]]) -> list[Row]:
    s = samples
    bare_rss, app_rss = measure.median(s["rss bare"]), measure.median(s["rss kehoach"])
    rows = [
        anchored_row("first screen with data, pty 80x24 (wall)", s["start kehoach"], s["start bare"], 1.3,
                     "bare Label app"),
        Row("first screen, peak RSS", f"bare Label app {bare_rss:.1f} MiB", f"{app_rss:.1f} MiB",
            f"{app_rss / bare_rss:.2f}× (+{app_rss - bare_rss:.1f} MiB)", "≤ bare + 20 MiB",
            app_rss - bare_rss <= 20),
    ]
    for name, limit in (("tasks --json", 2.5), ("task update", 2.5), ("checklist mark", 2.5),
                        ("--help", 1.5), ("--version", 1.5)):
        rows.append(anchored_row(f"kehoach {name}", s[f"cli {name}"], s["cli click"], limit, "import click"))
    for mode in ORDER[1:]:
        rows.append(timed_row(f"first visit: {mode} (painted)", s[f"first {mode}"], 0.150))
    rows += [
        timed_row("later screen switch (painted)", s["later"], 0.080),
        timed_row("check history grid open (painted)", s["grid open"], 0.080),
        timed_row("check history 30↔90 toggle (painted)", s["grid toggle"], 0.050),
        timed_row("monthly report .docx, new process", s["report"], 0.8, unit="s"),
    ]
    updates_mb, years_mb, backups_mb = (sizes[k][0] for k in ("updates", "years", "backups"))
    note_u, note_y = sizes["updates"][2], sizes["years"][2]
    rows += [
        Row(f"database after 50,000 task updates{note_u}", "—", f"{updates_mb:.1f} MB",
            f"{updates_mb / 60:.2f}× goal", "≤ 60 MB", updates_mb <= 60),
        Row(f"5 realistic years: database{note_y}", "—", f"{years_mb:.1f} MB", f"{years_mb / 25:.2f}× goal",
            "≤ 25 MB", years_mb <= 25),
        Row(f"5 realistic years: backups kept{note_y}", f"database {years_mb:.1f} MB", f"{backups_mb:.1f} MB",
            f"{backups_mb / years_mb:.2f}× DB", "≤ 3× DB", backups_mb <= 3 * years_mb),
    ]
    return rows


def storage(folder: Path, size: Size, db: Path) -> dict[str, tuple[float, float, str]]:
    """The storage figures in MB (10^6 bytes), scaled to the full size when the run is smaller."""
    from kehoach_tui.store.backup import backups_dir

    years_scale = 5 / size.years
    note_y = "" if years_scale == 1 else f" (≈, {size.years:g} y ×{years_scale:.3g})"
    db_mb = fiveyears.db_size(db) / 1e6
    backups_mb = fiveyears.tree_size(backups_dir()) / 1e6
    copies = sum(1 for p in backups_dir().iterdir() if p.is_file()) if backups_dir().is_dir() else 0
    print(f"  database {db_mb:.1f} MB, {copies} backup files {backups_mb:.1f} MB in all")
    big = folder / "updates.db"
    seconds = many_updates(big, size.updates)
    updates_mb = fiveyears.db_size(big) / 1e6
    parts = table_bytes(big)
    share = ", ".join(f"{name} {n / 1e6:.1f}" for name, n in list(parts.items())[:4])
    print(f"{size.updates:,} task updates through record_update in {seconds:.1f} s: {updates_mb:.1f} MB"
          + (f" (largest, MB: {share})" if share else ""))
    updates_scale = 50_000 / size.updates
    note_u = "" if updates_scale == 1 else f" (≈, {size.updates:,} ×{updates_scale:.3g})"
    return {"years": (db_mb * years_scale, db_mb, note_y), "backups": (backups_mb * years_scale, backups_mb, note_y),
            "updates": (updates_mb * updates_scale, updates_mb, note_u)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=None, help="rounds to take the median of")
    parser.add_argument("--quick", action="store_true", help="one year of data, 10,000 updates")
    parser.add_argument("--tiny", action="store_true", help="a few weeks, one round: checks that it runs")
    args = parser.parse_args()
    size = SIZES["tiny" if args.tiny else "quick" if args.quick else "full"]
    rounds = args.rounds or size.rounds
    start_load = measure.load_average()
    print("at the start:", start_load)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db, env = five_years(folder, size, backups=True)
        sizes = storage(folder, size, db)
        if size.warm_up:
            one_round(db, env, folder, -1, Samples())  # warm-up: bytecode cache, OS file cache
        samples = Samples()
        started = time.perf_counter()
        for round_no in range(rounds):
            one_round(db, env, folder, round_no, samples, pairs=STARTS_PER_ROUND if size.warm_up else 1,
                      passes=CLI_PER_ROUND if size.warm_up else 1)
        print(f"{rounds} rounds in {time.perf_counter() - started:.0f} s (median of each figure below)")
        rows = rows_from(samples, sizes)
    print()
    print_table(rows)
    print()
    print("first visits with no screen prepared (KEHOACH_PREPARE=0: each built on its key), not a goal:")
    print("  " + ", ".join(f"{mode} {measure.median(samples[f'cold {mode}']) * 1000:.0f} ms" for mode in ORDER[1:]))
    print()
    print("at the start:", start_load)
    print("at the end:  ", measure.load_average())


if __name__ == "__main__":
    main()
