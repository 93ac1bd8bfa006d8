"""Sub-items show their parent's lead unit, partners and deadline wherever they are shown:
the task list, `task show`, the report."""

from __future__ import annotations

import datetime as dt
import json

from kehoach_tui.cli import main
from kehoach_tui.domain.periods import parse_period
from kehoach_tui.reports.model import build_report
from kehoach_tui.store.tasks import task_rows

LEAD = "Trung tâm Phục vụ hành chính công xã"
PARTNERS = ["Các đơn vị khác có liên quan"]


def test_list_and_report_show_the_parents_units_and_deadline(seeded):
    row = next(r for r in task_rows(seeded) if r.code == "3.4.a")
    assert (list(row.lead_units), list(row.partner_units), row.due_text) == ([LEAD], PARTNERS, "thường xuyên")
    model = build_report(seeded, parse_period("month", "2025-11", dt.date(2025, 11, 5)), dt.date(2025, 11, 5))
    line = next(t for g in model.groups for t in g.tasks if t.code == "3.4.a")
    assert (line.lead_units, line.partner_units, line.deadline) == ([LEAD], PARTNERS, "thường xuyên")
    assert line.status == "no_update"


def test_task_show_gives_the_inherited_partners(capsys, db_path):
    main(["--db", str(db_path), "init"])
    capsys.readouterr()
    main(["--db", str(db_path), "task", "show", "4.5.đ", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["lead_units"] == ["Trung tâm Phục vụ hành chính công"] and data["partner_units"] == PARTNERS
