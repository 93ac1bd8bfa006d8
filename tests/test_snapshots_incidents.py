"""Snapshots of the incident screens at 80x24 and 120x40 (times pinned; look at the SVGs)."""

from __future__ import annotations

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.screens.incident_form import IncidentFormScreen
from tests.incident_fixtures import add_sample_incidents, pin_now

SIZES = [(80, 24), (120, 40)]
IDS = lambda s: f"{s[0]}x{s[1]}"  # noqa: E731


@pytest.fixture
def sample(seeded, monkeypatch):
    pin_now(monkeypatch)
    add_sample_incidents(seeded)
    return seeded


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_incident_list(snap_compare, sample, size):
    assert snap_compare(KehoachApp(sample), terminal_size=size, press=["4"])


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_incident_detail_security(snap_compare, sample, size):
    assert snap_compare(KehoachApp(sample), terminal_size=size, press=["4", "enter"])


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_incident_text_to_paste(snap_compare, sample, size):
    assert snap_compare(KehoachApp(sample), terminal_size=size, press=["4", "enter", "t"])


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_incident_status_dialog(snap_compare, sample, size):
    assert snap_compare(KehoachApp(sample), terminal_size=size, press=["4", "enter", "s"])


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_incident_form_from_check_item(snap_compare, seeded, monkeypatch, size):
    pin_now(monkeypatch)

    async def open_form(pilot):
        await pilot.pause()
        pilot.app.push_screen(IncidentFormScreen(prefill_item="3.4.c-01 Kết nối Internet"))
        await pilot.pause()

    assert snap_compare(KehoachApp(seeded), terminal_size=size, run_before=open_form)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_overview_with_incidents(snap_compare, sample, size):
    assert snap_compare(KehoachApp(sample), terminal_size=size)
