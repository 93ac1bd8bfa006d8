"""A worker that fails unexpectedly leaves the app running: one line for the officer (in
the app's language), the traceback in kehoach.log beside the database."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from textual.dom import DOMNode

import kehoach_tui
from kehoach_tui.app import KehoachApp
from kehoach_tui.error_log import LOG_NAME, log_error
from kehoach_tui.i18n import set_lang
from kehoach_tui.widgets.worker_errors import WorkerErrors
from tests.sync_helpers import NGHIA_THO
from tests.tui_helpers import settle

PACKAGE = Path(kehoach_tui.__file__).parent


class Boom(RuntimeError):
    pass


def _raise(*_args, **_kwargs):
    raise Boom("hỏng bất ngờ [b]x[/b]")


@pytest.fixture
def usb(tmp_path, monkeypatch):
    stick = tmp_path / "usb"
    stick.mkdir()
    (stick / "x.khreceipt").write_bytes(b"PK")
    monkeypatch.setenv("KEHOACH_REMOVABLE", str(stick))
    return stick


async def _probes(pilot):
    await pilot.app.switch_mode("checklist")
    await settle(pilot)
    await pilot.press("p")


async def _preview(pilot):
    await pilot.app.switch_mode("reports")


async def _export(pilot):
    await pilot.app.switch_mode("sync")
    await settle(pilot)
    await pilot.press("x")
    await settle(pilot)
    await pilot.press("enter")


async def _import(pilot):
    await pilot.app.switch_mode("sync")
    await settle(pilot)
    await pilot.press("i")
    await settle(pilot)
    await pilot.press("enter")


# Each worker that used to close the app, and the function inside it made to fail.
WORKERS = {
    "checklist probes": ("kehoach_tui.store.checklist.run_probes_and_record", _probes),
    "report preview": ("kehoach_tui.reports.model.build_report", _preview),
    "sync export": ("kehoach_tui.sync.export.export_bundle", _export),
    "receipt import": ("kehoach_tui.sync.commune_import.is_receipt", _import),  # read first, either kind of file
}


def _messages(app) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.mark.parametrize("name", WORKERS)
async def test_failing_worker_leaves_the_app_running(seeded, db_path, usb, monkeypatch, name):
    target, steps = WORKERS[name]
    monkeypatch.setattr(target, _raise)
    app = KehoachApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await steps(pilot)
        await settle(pilot)
        assert app.is_running and app.return_code is None
        shown = [m for m in _messages(app) if "Lỗi ngoài dự kiến" in m]
        assert len(shown) == 1 and "\n" not in shown[0]
        assert "Boom: hỏng bất ngờ [b]x[/b]" in shown[0] and LOG_NAME in shown[0]
        await app.switch_mode("overview")  # still usable
        await settle(pilot)
        assert app.screen.query_one("#modebar")
    log = (db_path.parent / LOG_NAME).read_text(encoding="utf-8")
    assert "Traceback" in log and "Boom: hỏng bất ngờ" in log and __file__.split("/")[-1] not in log[:0]


async def test_message_in_english_with_lang_en(seeded, db_path, monkeypatch):
    set_lang("en")
    monkeypatch.setattr("kehoach_tui.reports.model.build_report", _raise)
    app = KehoachApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await _preview(pilot)
        await settle(pilot)
        assert app.is_running
        assert any(m.startswith("Unexpected error, the app is still running: Boom") for m in _messages(app))


async def test_screen_put_back_after_the_probes_fail(seeded, monkeypatch):
    monkeypatch.setattr("kehoach_tui.store.checklist.run_probes_and_record", _raise)
    app = KehoachApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await _probes(pilot)
        await settle(pilot)
        assert not app.screen.query_one("#probe-bar").display
        assert app.screen.query_one("#check-hint").display


async def test_log_that_cannot_be_written_is_said(tmp_path, monkeypatch):
    """A data folder that cannot take the log: the message says so, nothing else fails."""
    from kehoach_tui.store import open_store

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setattr("kehoach_tui.widgets.worker_errors.log_path", lambda _db: blocker / LOG_NAME)
    monkeypatch.setattr("kehoach_tui.reports.model.build_report", _raise)
    store = open_store(tmp_path / "k.db")
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store.setup import initialise

    initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code(NGHIA_THO), officer="A")
    app = KehoachApp(store)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await _preview(pilot)
            await settle(pilot)
            assert app.is_running
            assert any("không ghi được nhật ký lỗi" in m for m in _messages(app))
    finally:
        store.close()


def test_log_is_size_capped(tmp_path, monkeypatch):
    monkeypatch.setattr("kehoach_tui.error_log.MAX_BYTES", 2000)
    path = tmp_path / LOG_NAME
    for n in range(20):
        try:
            raise ValueError(f"lỗi số {n}")
        except ValueError as exc:
            assert log_error(path, exc, f"lần {n}")
    older = path.with_name(LOG_NAME + ".1")
    assert older.exists() and path.stat().st_size <= 2000 and older.stat().st_size <= 2000
    assert "lỗi số 19" in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOG_NAME, LOG_NAME + ".1"]


def _workers_in_source():
    """(module, class, function, keywords) for every @work method and run_worker call."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if "province" in path.parts:
            continue
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for node in ast.walk(cls):
                calls = []
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    calls = [d for d in node.decorator_list if isinstance(d, ast.Call)
                             and getattr(d.func, "id", "") == "work"]
                elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "run_worker":
                    calls = [node]
                for call in calls:
                    keywords = {k.arg: ast.literal_eval(k.value) for k in call.keywords
                                if isinstance(k.value, ast.Constant)}
                    yield module, cls.name, getattr(node, "name", "run_worker"), keywords


def test_every_worker_reports_instead_of_closing_the_app():
    found = list(_workers_in_source())
    assert len(found) >= 10
    closing = [f"{m}.{c}.{f}" for m, c, f, kw in found if kw.get("exit_on_error") is not False]
    assert closing == []
    # Textual tells only the worker's own node: each node class hands failures to the handler.
    deaf = []
    for module, name, function, _ in found:
        cls = getattr(importlib.import_module(module), name)
        if issubclass(cls, DOMNode) and not issubclass(cls, WorkerErrors):
            deaf.append(f"{module}.{name}.{function}")
    assert deaf == []
