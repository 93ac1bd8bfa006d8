"""Every stored snapshot belongs to a test that still exists.

syrupy finds unused snapshots only when the suite runs in one process; under pytest-xdist
(the default, see pyproject) it cannot, so a renamed or deleted snapshot test would leave its
SVG behind unnoticed. This check does not depend on how the suite is run.
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SNAPSHOTS = TESTS / "__snapshots__"


def test_every_snapshot_has_its_test():
    files = sorted(SNAPSHOTS.rglob("*.svg"))
    assert files, "no snapshots found"
    orphans = []
    for svg in files:
        module = TESTS / f"{svg.parent.name}.py"
        name = re.split(r"[\[.]", svg.name, maxsplit=1)[0]
        source = module.read_text(encoding="utf-8") if module.is_file() else ""
        if not re.search(rf"^(async )?def {re.escape(name)}\(", source, re.M):
            orphans.append(str(svg.relative_to(TESTS)))
    assert orphans == [], "snapshots with no test (remove them, or run -n0 --snapshot-update)"
