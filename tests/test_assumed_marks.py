"""Items and categories the plan does not name are marked as the commune's own wherever the
officer picks them: the morning check's table and the incident form (issue: plans as the
source says)."""

from __future__ import annotations

from textual.widgets import DataTable, Select

from kehoach_tui.app import KehoachApp
from tests.tui_helpers import settle


def _cell_text(table: DataTable, row: int, column: int) -> str:
    return str(table.get_cell_at((row, column)))


async def test_the_morning_check_marks_the_communes_own_items(seeded):
    from kehoach_tui.store.checklist import ensure_items, list_items

    ensure_items(seeded, "Nguyễn Văn A")
    items = {item.code: item for item in list_items(seeded)}
    own = next(code for code, item in items.items() if not item.source_ref)
    named = next(code for code, item in items.items() if item.source_ref)
    app = KehoachApp(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one("#check-table", DataTable)
        rows = {str(key.value): index for index, key in enumerate(table.rows)}
        assert "xã tự thêm" in _cell_text(table, rows[own], 1)
        assert "xã tự thêm" not in _cell_text(table, rows[named], 1)


async def test_the_incident_form_marks_the_communes_own_categories(seeded):
    from kehoach_tui.store.incidents import catalog

    cat = catalog(seeded)  # task 4.5.đ names channels, not categories: every category is the commune's
    assert cat.categories and not any(c.from_plan for c in cat.categories)
    app = KehoachApp(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        select = app.screen.query_one("#f-category", Select)
        labels = {value: str(prompt) for prompt, value in select._options}
        assert all(labels[c.code].endswith("xã tự thêm") for c in cat.categories)


async def test_the_mark_stays_in_sight_when_the_title_is_cut(seeded):
    """At 80 columns the item column cuts long titles: the cut falls in the title, never on
    the marker after it (it was lost as "Phần mềm diệt virus · …")."""
    from kehoach_tui.store.checklist import ensure_items, list_items

    ensure_items(seeded, "Nguyễn Văn A")
    own = [item.title for item in list_items(seeded) if not item.source_ref]
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one("#check-table", DataTable)
        width = table.columns[table.ordered_columns[1].key].width
        assert any(len(title) + len(" · xã tự thêm") > width for title in own)  # some are cut
        lines = [table.render_line(y).text for y in range(1, table.row_count + 1)]  # below the header
        marked = [line for line in lines if "xã tự thêm" in line]
        assert len(marked) == len(own)
