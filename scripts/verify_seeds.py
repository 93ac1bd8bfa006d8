"""Check that the bundled plan files quote their source documents verbatim.

    uv run python scripts/verify_seeds.py seeds/sources [PLAN …]

SOURCE_DIR (seeds/sources in this repository) holds the plain-text plan documents; each seeds/*.toml names its source file
("NNN_<hash>.txt") in its header comment. Every transcribed string — plan title, group titles,
task titles, description lines, lead and partner units, deadlines, target source texts and
reporting texts — must occur in the source once both are normalised (NFC, markup of the text
export dropped, whitespace collapsed). A string that joins two pieces of the source across a
page break passes when it splits at one space into two pieces of at least four words that
both occur. Labels, notes
and gaps are the file's own words and are not checked. Prints one line per plan and every
string not found; exits 1 if any.
"""

from __future__ import annotations

import re
import sys
import tomllib
import unicodedata
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SOURCE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("*", "")
    return re.sub(r"\s+", " ", text).strip()


def found(piece: str, source: str) -> bool:
    piece = normalise(piece)
    if not piece or piece in source:
        return True
    words = piece.split(" ")
    return any(
        " ".join(words[:i]) in source and " ".join(words[i:]) in source for i in range(4, len(words) - 3)
    )


def strings(plan: dict) -> list[tuple[str, str]]:
    out = [("plan.title", plan["plan"]["title"])]
    out += [(f"group {g['code']}", g.get("title", "")) for g in plan.get("groups", [])]
    for task in plan.get("tasks", []):
        where = f"task {task['code']}"
        out.append((f"{where} title", task.get("title", "")))
        out += [(f"{where} description", line) for line in task.get("description", "").split("\n")]
        out += [(f"{where} lead", unit) for unit in task.get("lead_units", [])]
        out += [(f"{where} partner", unit) for unit in task.get("partner_units", [])]
        out.append((f"{where} deadline", task.get("deadline", "")))
    out += [(f"target {t['code']}", t.get("source_text", "")) for t in plan.get("targets", [])]
    out += [(f"reporting {r['code']}", r.get("text", "")) for r in plan.get("reporting", [])]
    return out


def verify(path: Path, source_dir: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    name = SOURCE_NAME.search(text)
    if not name:
        return [f"{path.name}: no source file named in the header"]
    source = normalise((source_dir / name.group()).read_text(encoding="utf-8"))
    plan = tomllib.loads(text)
    missing = [f"{path.name}: {where}: {value!r}" for where, value in strings(plan) if not found(value, source)]
    tasks = plan.get("tasks", [])
    print(f"{path.stem}: {len(tasks)} tasks, {len(plan.get('groups', []))} groups, "
          f"{len(plan.get('targets', []))} targets, {len(strings(plan))} strings checked, "
          f"{len(missing)} not found")
    return missing


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    source_dir = Path(argv[0])
    wanted = argv[1:]
    paths = [SEEDS / f"{n}.toml" for n in wanted] if wanted else sorted(
        p for p in SEEDS.glob("*.toml") if not p.stem.startswith(("checklist", "incident", "schedules"))
    )
    problems = [line for path in paths for line in verify(path, source_dir)]
    for line in problems:
        print("  " + line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
