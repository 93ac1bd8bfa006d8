"""Make the preset dictionary the province compresses the rows it keeps with
(kehoach_tui/province/store/raw-1.zdict).

    uv run python scripts/make_province_zdict.py

The rows of a commune's plan are much alike from one commune to the next: the same field
names, the same plan texts. A zlib preset dictionary made of such rows lets each small row
compress to a quarter of its size. The file is frozen: rows stored with it can only be read
with it, so a new dictionary gets a new number and the old one stays.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET = ROOT / "kehoach_tui" / "province" / "store" / "raw-1.zdict"
KEPT = ("plans", "plan_groups", "report_schedules", "incidents", "checklist_items", "targets")
LIMIT = 4 * 1024  # the province compresses with a 4 KiB window: setting up more costs more than it saves


def sample_rows() -> list[bytes]:
    os.environ.setdefault("KEHOACH_DATA_DIR", tempfile.mkdtemp())
    os.environ.setdefault("KEHOACH_TODAY", "2025-11-05")
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.domain.incident_models import IncidentDraft
    from kehoach_tui.domain.periods import PRESETS
    from kehoach_tui.plan_files import bundled_plan_names, resolve_plan
    from kehoach_tui.store import checklist, incidents, open_store, reports
    from kehoach_tui.store.setup import initialise
    from kehoach_tui.sync.export import collect

    found: dict[str, list[bytes]] = {entity: [] for entity in KEPT}
    for name in bundled_plan_names():
        store = open_store(":memory:")
        initialise(store, plan=resolve_plan(name), commune=commune_by_code("16969"), officer="Nguyễn Văn A")
        reports.apply_preset(store, PRESETS["nghia-tho"], actor="Nguyễn Văn A")
        checklist.ensure_items(store)
        found_incident = incidents.open_incident(store, IncidentDraft(
            title="Mất kết nối mạng tại Bộ phận một cửa", category="mat mang"), actor="Nguyễn Văn A")
        incidents.change_status(store, found_incident.id, "resolved", actor="Nguyễn Văn A", note="Đã khắc phục")
        for entity, row in collect(store, full=True)[2]:
            if entity in found:
                # ids differ from commune to commune, and a task's search key repeats its texts
                blank = {k: ("" if k == "id" or k.endswith("_id") or k == "search_key" else v)
                         for k, v in row.items()}
                found[entity].append(json.dumps(blank, ensure_ascii=False, separators=(",", ":")).encode())
        store.close()
    # one row of each kind; the most frequent kinds last, nearest the data
    return [rows[0] for rows in found.values() if rows] + found["checklist_items"][1:4] + found["targets"][1:4]


def main() -> None:
    rows = sample_rows()
    data = b"".join(rows)
    TARGET.write_bytes(data[-LIMIT:])
    print(f"{TARGET.relative_to(ROOT)}: {min(len(data), LIMIT)} bytes from {len(rows)} rows")


if __name__ == "__main__":
    main()
