"""Shared fixtures: a pinned "today", a private data folder, seeded stores, the command line."""

from __future__ import annotations

import pytest

from kehoach_tui.i18n import set_lang

TODAY = "2025-11-05"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Every test: today pinned, data dir and default DB inside tmp_path, Vietnamese UI."""
    monkeypatch.setenv("KEHOACH_TODAY", TODAY)
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
def store(db_path):
    from kehoach_tui.store import open_store

    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture
def seeded(store):
    """A store initialised with the default Nghĩa Thọ plan."""
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store.setup import initialise

    initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code("16969"), officer="Nguyễn Văn A")
    return store
