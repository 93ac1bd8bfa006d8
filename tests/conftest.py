"""Shared fixtures: a pinned "today", a private data folder, seeded stores, the command line."""

from __future__ import annotations

import inspect
import os
import shutil
from pathlib import Path

import pytest

from kehoach_tui.i18n import set_lang, set_strict

TODAY = "2025-11-05"

set_strict(True)  # a key missing from the catalogue fails the test instead of showing the key
# Whole files marked `slow`: other processes killed or racing, the wheel build, the type check.
# Long fuzz tests carry the mark themselves.
SLOW_FILES = {"test_crash.py", "test_two_instances.py", "test_packaging.py", "test_types.py"}
# Up to this many test files named on the command line run in this process, not on workers:
# starting the workers costs more than such a run gains (and the machine is shared).
IN_PROCESS_FILES = 2


@pytest.hookimpl(tryfirst=True)  # before -m selects on the markers
def pytest_collection_modifyitems(config, items):
    """Mark `tui` every Pilot test (async: all of them drive an App) and snapshot test."""
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()) or inspect.iscoroutinefunction(
                getattr(item, "obj", None)):
            item.add_marker(pytest.mark.tui)
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config):
    """`-n auto` (in addopts): every core for the suite, none for a run of one or two files."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    named = [Path(arg.split("::")[0]) for arg in config.args]
    if named and len(named) <= IN_PROCESS_FILES and all(p.suffix == ".py" for p in named):
        return 0
    return None


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Every test: today pinned, data dir and default DB inside tmp_path, Vietnamese UI."""
    monkeypatch.setenv("KEHOACH_TODAY", TODAY)
    monkeypatch.setenv("KEHOACH_EVENING_CLOCK", "1")  # config.now_utc: no midnight inside a run
    monkeypatch.setenv("KEHOACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("KEHOACH_DB", raising=False)
    monkeypatch.delenv("KEHOACH_LANG", raising=False)
    set_lang("vi")
    yield
    set_lang("vi")


@pytest.fixture
def cli(capsys):
    """`kehoach` run in this process: cli("--db", path, "tasks") -> (exit code, stdout, stderr)."""
    from kehoach_tui.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = 0
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code or 0
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "kehoach.db"


@pytest.fixture
def store(request, db_path):
    from kehoach_tui.store import open_store

    if "seeded" in request.fixturenames:  # start from a copy of the seeded database
        shutil.copyfile(request.getfixturevalue("_seeded_template"), db_path)
    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory):
    """The default Nghĩa Thọ plan installed once per test process, as `seeded` would install
    it (same "today", same officer); each test gets its own copy of the file."""
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store import open_store
    from kehoach_tui.store.setup import initialise

    folder = tmp_path_factory.mktemp("seeded")
    path = folder / "kehoach.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KEHOACH_TODAY", TODAY)
        patch.setenv("KEHOACH_EVENING_CLOCK", "1")
        patch.setenv("KEHOACH_DATA_DIR", str(folder / "data"))
        set_lang("vi")
        template = open_store(path)
        try:
            assert initialise(template, plan=resolve_plan("nghia-tho"), commune=commune_by_code("16969"),
                              officer="Nguyễn Văn A")
        finally:
            template.close()  # the last connection closed: everything is in the main file
    assert not (folder / "kehoach.db-wal").exists()
    return path


@pytest.fixture
def seeded(store):
    """A store initialised with the default Nghĩa Thọ plan (a copy of _seeded_template)."""
    from kehoach_tui.store.settings import is_initialised

    assert is_initialised(store)
    return store
