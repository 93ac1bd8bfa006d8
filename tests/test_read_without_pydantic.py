"""Commands that read import no pydantic, and writes import only the models they validate:
pydantic costs a CLI process about a quarter of a second on the commune's PC. The incident
lists, once a pydantic model, are checked by catalog_from as strictly."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from kehoach_tui.config import seeds_dir
from kehoach_tui.domain.incidents import CatalogError, catalog_from

CHILD = """
import sys
from kehoach_tui.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    assert not exc.code, exc.code
print("PYDANTIC", any(m.split(".")[0] in ("pydantic", "pydantic_core") for m in sys.modules))
"""


@pytest.fixture
def initialised(db_path):
    init = subprocess.run([sys.executable, "-m", "kehoach_tui", "--db", str(db_path), "init"],
                          capture_output=True, text=True, encoding="utf-8")
    assert init.returncode == 0, init.stderr
    return db_path


@pytest.mark.parametrize("command", [
    ["tasks", "--json"], ["incidents"], ["incidents", "--open", "--json"], ["task", "show", "1.1"],
    ["task", "update", "1.1", "--progress", "40", "--note", "Đã làm một phần"],
    ["checklist", "mark", "INTERNET", "ok"], ["checklist", "--json"],
])
def test_the_command_loads_no_pydantic(initialised, command):
    run = subprocess.run([sys.executable, "-c", CHILD, "--db", str(initialised), *command],
                         capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "PYDANTIC False"


def _seed() -> dict:
    with open(seeds_dir() / "incidents.toml", "rb") as handle:
        return tomllib.load(handle)


def test_the_shipped_lists_read_in_full():
    catalog = catalog_from(_seed())
    assert catalog.category("internet").name == "Mất mạng Internet"
    assert all(isinstance(c.keywords, tuple) for c in catalog.categories)
    assert catalog.severity("high") and catalog.channels and catalog.security_checklist.steps


@pytest.mark.parametrize(("change", "named"), [
    (lambda d: d["categories"][0].update(colour="red"), "categories[0].colour"),
    (lambda d: d["categories"][1].pop("name"), "categories[1].name"),
    (lambda d: d["severities"][0].update(code=""), "severities[0].code"),
    (lambda d: d["channels"][0].update(keywords="zalo"), "channels[0].keywords"),
    (lambda d: d["categories"][0].update(security="yes"), "categories[0].security"),
    (lambda d: d.pop("security_checklist"), "catalog.security_checklist"),
    (lambda d: d.update(extra=1), "catalog.extra"),
])
def test_a_wrong_lists_file_is_refused_with_the_place(change, named):
    data = _seed()
    change(data)
    with pytest.raises(CatalogError, match=named.replace("[", r"\[").replace("]", r"\]")):
        catalog_from(data)


@pytest.mark.parametrize(("toml", "named"), [
    ('[[items]]\ncode = "a b"\ntitle = "X"\n', "checklist.items[0].code"),
    ('[[items]]\ncode = "A"\ntitle = "X"\nprobe = "radar"\n', "checklist.items[0].probe"),
    ('[[items]]\ncode = "A"\n', "checklist.items[0].title"),
    ('[settings]\nlate_after = 8\n[[items]]\ncode = "A"\ntitle = "X"\n', "checklist.settings.late_after"),
    ('colour = 1\n[[items]]\ncode = "A"\ntitle = "X"\n', "checklist.colour"),
    ('format = 1\n', "checklist.items"),
])
def test_a_wrong_checklist_seed_is_refused_with_the_place(toml, named):
    from kehoach_tui.domain.checklist import ChecklistError
    from kehoach_tui.domain.checklist_seed import parse_seed

    with pytest.raises(ChecklistError, match=named.replace("[", r"\[").replace("]", r"\]")):
        parse_seed(toml, "seed.toml")


def test_the_shipped_checklist_seed_reads_in_full():
    from kehoach_tui.store.checklist import default_seed

    seed = default_seed()
    assert len(seed.items) == 16 and seed.items[0].code
    assert seed.settings.late_after == "08:00" and isinstance(seed.settings.internet_hosts, list)
