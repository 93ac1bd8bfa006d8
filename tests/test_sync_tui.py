"""The Đồng bộ screen and the province TUI: Pilot runs and snapshots at 80x24 and 120x40."""

from __future__ import annotations

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.config import data_dir
from tests.sync_helpers import NGHIA_THO, province_store
from tests.tui_helpers import settle

SIZES = [(80, 24), (120, 40)]
SEED = "11" * 32  # a fixed commune key: the fingerprint on screen stays the same


@pytest.fixture
def fixed_key(seeded):
    folder = data_dir() / "keys"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"commune-{NGHIA_THO}.key").write_text(SEED + "\n", encoding="ascii")
    return seeded


@pytest.fixture
def usb(tmp_path, monkeypatch):
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setenv("KEHOACH_REMOVABLE", str(stick))
    return stick


async def test_export_from_the_sync_screen(fixed_key, usb):
    app = KehoachApp(fixed_key)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("enter")  # the USB stick, listed first
        await app.workers.wait_for_complete()
        await pilot.pause()
        message = str(app.screen.query_one("#sync-message").render())
        assert "có thể rút USB an toàn" in message
        assert len(list(usb.glob("*.khsync"))) == 1
        assert app.screen.query_one("#sync-exports").row_count == 1


async def test_export_picker_cancel_writes_nothing(fixed_key, usb):
    app = KehoachApp(fixed_key)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "x")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not list(usb.iterdir())


async def test_bad_receipt_is_refused_in_the_tui(fixed_key, usb):
    (usb / "x.khreceipt").write_bytes(b"PK\x03\x04garbage")
    app = KehoachApp(fixed_key)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "i")
        await settle(pilot)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "không nhận" in str(app.screen.query_one("#sync-message").render())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_sync_snapshot(snap_compare, fixed_key, size):
    assert snap_compare(KehoachApp(fixed_key), terminal_size=size, run_before=_press("6"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_sync_picker_snapshot(snap_compare, fixed_key, size, monkeypatch):
    monkeypatch.setenv("KEHOACH_REMOVABLE", "/media/usb-demo")
    assert snap_compare(KehoachApp(fixed_key), terminal_size=size, run_before=_press("6", "x"))


def _press(*keys):
    """Press, then wait for the workers (the key, the drives) before the snapshot."""
    async def run_before(pilot):
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


# --- province ---------------------------------------------------------------------------------

def _province_with_bundle(seeded, tmp_path):
    """A province that imported Nghĩa Thọ's plan, made at a fixed time (stable snapshots)."""
    from kehoach_tui.province.importer import import_bundles
    from kehoach_tui.sync.bundle import build_bundle
    from kehoach_tui.sync.export import collect
    from kehoach_tui.sync.keys import ensure_key

    key = ensure_key("commune", NGHIA_THO)
    province = province_store(tmp_path, key.public_hex)
    _, seq_to, records = collect(seeded, full=True)
    data, _ = build_bundle(records, key=key, header={
        "schema_version": 6, "app_version": "0.1.0", "commune_code": NGHIA_THO, "commune_name": "Xã Nghĩa Thọ",
        "province_code": "40", "kind": "full", "seq_from": 0, "seq_to": seq_to,
        "created_at": "2025-11-05T02:30:00.000000Z"})
    import_bundles(province, [("a.khsync", data)], receipts_dir=tmp_path / "r")
    return province


async def test_province_filters_and_drill_down(seeded, tmp_path):
    from kehoach_tui.province.app import CommuneScreen, ProvinceApp

    province = _province_with_bundle(seeded, tmp_path)
    app = ProvinceApp(province)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#province-table")
        assert table.row_count == 130
        await pilot.press("n")
        assert table.row_count == 129  # Nghĩa Thọ has reported
        await pilot.press("a", "slash")
        for key in "nghia tho":
            await pilot.press("space" if key == " " else key)
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CommuneScreen)
        assert app.screen.query_one("#commune-tasks").row_count == 34
        await pilot.press("escape")
        assert not isinstance(app.screen, CommuneScreen)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_province_snapshot(snap_compare, seeded, tmp_path, size):
    from kehoach_tui.province.app import ProvinceApp

    province = _province_with_bundle(seeded, tmp_path)
    assert snap_compare(ProvinceApp(province), terminal_size=size, press=["slash", "t", "h", "o", "enter"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_province_detail_snapshot(snap_compare, seeded, tmp_path, size):
    from kehoach_tui.province.app import CommuneScreen, ProvinceApp

    province = _province_with_bundle(seeded, tmp_path)

    async def open_detail(pilot):
        await pilot.app.push_screen(CommuneScreen(NGHIA_THO, "Xã Nghĩa Thọ"))
        await pilot.pause()

    assert snap_compare(ProvinceApp(province), terminal_size=size, run_before=open_detail)


async def test_hostile_text_shown_literally_in_the_province(seeded, tmp_path):
    """A commune's incident titled with markup is shown as typed, and clicking does nothing."""
    from kehoach_tui.domain.incident_models import IncidentDraft
    from kehoach_tui.province.app import CommuneScreen, ProvinceApp
    from kehoach_tui.store.incidents import open_incident

    hostile = "Mất mạng [@click=app.quit]x[/] Le [/] Van"
    open_incident(seeded, IncidentDraft(title=hostile, category="mat mang"), actor="A")
    province = _province_with_bundle(seeded, tmp_path)
    app = ProvinceApp(province)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(CommuneScreen(NGHIA_THO, "Xã Nghĩa Thọ"))
        await pilot.pause()
        table = app.screen.query_one("#commune-incidents")
        assert str(table.get_row_at(0)[0]) == hostile
        assert app.is_running
