"""Every table gives its spare width to its flexible column again after a resize: a window
opened at 80×24 and then maximised shows long titles, not a 12-character column."""

from __future__ import annotations

from typing import cast

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.widgets.fit_table import FitTable
from kehoach_tui.widgets.group_table import GroupTable
from kehoach_tui.widgets.row_list import RowList
from tests.incident_fixtures import add_sample_incidents, pin_now
from tests.tui_helpers import settle, visit_every_mode

# mode → (table id, flexible column key)
TABLES = {
    "overview": ("#group-table", "group"),
    "checklist": ("#check-table", "note"),
    "incidents": ("#incident-table", "title"),
}


def task_title_width(app) -> int:
    return app.screen.query_one("#task-table", RowList)._widths[1]


def flex_width(app, selector: str, key: str) -> int:
    table = app.screen.query_one(selector)
    if isinstance(table, GroupTable):  # Tổng quan's: laid out at each render, first column flexible
        return table.widths()[0]
    return cast(FitTable, table).columns[key].width


async def test_task_title_gets_the_space(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        small = task_title_width(app)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert task_title_width(app) >= small + 20  # also a wider lead and the age column


@pytest.mark.parametrize("while_shown", [True, False], ids=["shown", "hidden"])
async def test_every_table_follows_the_window(seeded, monkeypatch, while_shown):
    pin_now(monkeypatch)
    add_sample_incidents(seeded)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await visit_every_mode(pilot)
        small = {}
        for mode, (selector, key) in TABLES.items():
            await app.switch_mode(mode)
            await settle(pilot)
            small[mode] = flex_width(app, selector, key)
        await app.switch_mode("tasks")
        await settle(pilot)
        small["tasks"] = task_title_width(app)
        if not while_shown:
            await app.switch_mode("sync")
            await settle(pilot)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        await app.switch_mode("tasks")
        await settle(pilot)
        assert task_title_width(app) >= small["tasks"] + 20
        for mode, (selector, key) in TABLES.items():
            await app.switch_mode(mode)
            await settle(pilot)
            # incidents at 120 columns also shows the category (24 wide); the check's note
            # shares the space with the item: each still grows
            grown = {"incidents": 10, "checklist": 20}.get(mode, 30)
            assert flex_width(app, selector, key) >= small[mode] + grown, mode
        await pilot.resize_terminal(80, 24)  # and back: nothing wider than the window
        await settle(pilot)
        for mode, (selector, _) in TABLES.items():
            await app.switch_mode(mode)
            await settle(pilot)
            table = app.screen.query_one(selector)
            if isinstance(table, GroupTable):
                assert sum(w + 2 for w in table.widths()) <= 80 - 2, mode  # its margin
                continue
            assert sum(c.get_render_width(table) for c in cast(FitTable, table).columns.values()) <= 80, mode


async def test_history_and_detail_tables_follow_the_window(seeded, monkeypatch):
    pin_now(monkeypatch)
    made = add_sample_incidents(seeded)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "l")
        await settle(pilot)
        small = flex_width(app, "#history-table", "change")
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert flex_width(app, "#history-table", "change") >= small + 30
        await pilot.press("escape")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        from kehoach_tui.screens.incident_detail import IncidentDetailScreen

        app.push_screen(IncidentDetailScreen(made[0].id))
        await settle(pilot)
        small = flex_width(app, "#incident-timeline", "note")
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert flex_width(app, "#incident-timeline", "note") >= small + 30
