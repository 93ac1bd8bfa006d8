"""Snapshots of the screens and dialogs issue 16 changed, at 80x24 and 120x40, in Vietnamese
and in English (times pinned; look at the SVGs before accepting)."""

from __future__ import annotations

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.i18n import set_lang
from tests.incident_fixtures import pin_now

SIZES = [(80, 24), (120, 40)]
LANGS = ["vi", "en"]


def _cases(fn):
    fn = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")(fn)
    return pytest.mark.parametrize("lang", LANGS)(fn)


@pytest.fixture
def pinned(store, monkeypatch):
    """Nghĩa Thọ set up at the pinned clock time (the audit log shows it)."""
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store.setup import initialise

    pin_now(monkeypatch)
    initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code("16969"), officer="Nguyễn Văn A")
    return store


def _app(store, lang: str) -> KehoachApp:
    set_lang(lang)
    return KehoachApp(store)


@_cases
def test_incident_form_tick_box(snap_compare, pinned, size, lang):
    assert snap_compare(_app(pinned, lang), terminal_size=size, press=["4", "n"])


@_cases
def test_task_marks_and_legend(snap_compare, pinned, monkeypatch, size, lang):
    monkeypatch.setenv("KEHOACH_TODAY", "2027-02-01")  # 2.5 is overdue, recurring tasks need a note
    assert snap_compare(_app(pinned, lang), terminal_size=size, press=["2"])


@_cases
def test_morning_check_rest_ok(snap_compare, pinned, size, lang):
    async def rest_ok(pilot):
        await pilot.press("3", "down", "x", "a")
        await pilot.pause()
        pilot.app.clear_notifications()  # the toast would time out at a different moment each run
        await pilot.pause()

    assert snap_compare(_app(pinned, lang), terminal_size=size, run_before=rest_ok)


@_cases
def test_history_in_words(snap_compare, pinned, size, lang):
    from kehoach_tui.domain.incident_models import IncidentDraft
    from kehoach_tui.store.incidents import change_status, open_incident
    from kehoach_tui.store.tasks import record_update

    record_update(pinned, "1.1", status="in_progress", progress=30, note="Đã họp", officer="Nguyễn Thị Hoa")
    made = open_incident(pinned, IncidentDraft(title="Mất mạng", category="internet", severity="medium",
                                               opened_at="05/11/2025 08:00"), actor="Nguyễn Thị Hoa")
    change_status(pinned, made.id, "in_progress", note="Gọi nhà mạng", actor="Nguyễn Thị Hoa")
    change_status(pinned, made.id, "resolved", note="Khởi động lại modem", actor="Nguyễn Thị Hoa")
    assert snap_compare(_app(pinned, lang), terminal_size=size, press=["2", "l"])


@_cases
def test_report_period_in_words(snap_compare, pinned, size, lang):
    async def weekly(pilot):
        await pilot.press("5")
        await pilot.pause()
        pilot.app.screen.query_one("#report-kind").value = "week"
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(_app(pinned, lang), terminal_size=size, run_before=weekly)


@_cases
def test_sync_after_export(snap_compare, pinned, tmp_path, size, lang):
    from kehoach_tui.config import data_dir
    from kehoach_tui.sync.export import export_bundle
    from tests.sync_helpers import NGHIA_THO
    from tests.test_sync_tui import SEED

    folder = data_dir() / "keys"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"commune-{NGHIA_THO}.key").write_text(SEED + "\n", encoding="ascii")
    export_bundle(pinned, tmp_path / "usb")
    assert snap_compare(_app(pinned, lang), terminal_size=size, press=["6"])


@_cases
def test_stale_task_dialog(snap_compare, pinned, db_path, size, lang):
    from kehoach_tui.store import open_store
    from kehoach_tui.store.tasks import record_update

    async def stale(pilot):
        await pilot.press("2", "n")
        await pilot.pause()
        other = open_store(db_path)
        try:
            record_update(other, "1.1", status="done", progress=100, note="Xong", officer="Trần B")
        finally:
            other.close()
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(_app(pinned, lang), terminal_size=size, run_before=stale)


@_cases
def test_keys_of_the_screen(snap_compare, pinned, size, lang):
    assert snap_compare(_app(pinned, lang), terminal_size=size, press=["2", "f1"])


@_cases
def test_discard_typed_text_asks(snap_compare, pinned, size, lang):
    assert snap_compare(_app(pinned, lang), terminal_size=size, press=["4", "n", *"Mất điện", "escape"])


@_cases
def test_palette_no_match(snap_compare, pinned, size, lang):
    async def palette(pilot):
        from textual.command import CommandList
        from textual.widgets import Input

        await pilot.press("ctrl+p", *"zzzqqq")
        for _ in range(50):  # until the palette has said it found nothing (after its 0.5 s wait)
            await pilot.pause(0.1)
            found = pilot.app.screen.query_one(CommandList)
            if found.option_count:
                break
        # the search field's cursor blinks: shown or not would depend on the moment
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(_app(pinned, lang), terminal_size=size, run_before=palette)


@_cases
def test_every_mode_footer(snap_compare, pinned, size, lang):
    """The check screen's footer: the longest list of keys, cut by priority."""
    assert snap_compare(_app(pinned, lang), terminal_size=size, press=["3"])
