"""Check the bundled plan files against their source documents, field by field.

    uv run python scripts/verify_seeds.py [PLAN …] [--sources DIR]

With no argument every plan in seeds/ is checked against its source in seeds/sources/ (the
file named by the plan's `source_file`). The source is read into its items — tasks with code,
title, description, lead and partner units, deadline; objectives with their figures and units;
reporting duties; organisation duties; everything else — and each is compared with the plan
file (kehoach_tui/plan_verify/check.py says exactly what). Prints one line per plan and every
difference; exits 1 if there is any. The checklist and incident lists are checked too: each
entry names the plan section it quotes (and the quote is there) or says why it was added.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kehoach_tui.plan_verify import LISTS, plan_files, verify_lists, verify_plan  # noqa: E402


def main(argv: list[str]) -> int:
    sources = None
    if "--sources" in argv:
        at = argv.index("--sources")
        sources = Path(argv[at + 1])
        argv = argv[:at] + argv[at + 2:]
    if any(a.startswith("-") for a in argv):
        print(__doc__)
        return 2
    seeds = ROOT / "seeds"
    paths = [seeds / f"{name}.toml" for name in argv] if argv else plan_files(seeds)
    total = 0
    checks = [(path, verify_plan(path, sources or seeds / "sources")) for path in paths]
    if not argv:  # the seeded lists that quote the plans
        checks += [(seeds / f"{name}.toml", verify_lists((seeds / f"{name}.toml").read_text(encoding="utf-8"), name,
                                                          sources or seeds / "sources")) for name in LISTS]
    for path, differences in checks:
        total += len(differences)
        print(f"{path.stem}: {len(differences)} difference(s)")
        for difference in differences:
            print(f"  {difference}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
