"""The command line loads what it runs: `kehoach` alone starts the TUI without click, each
command's module is imported when that command runs, `--help` lists them all from the table."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import click
import pytest

from kehoach_tui.cli import tui_options
from kehoach_tui.commands import help_words
from kehoach_tui.commands.root import COMMANDS, LazyGroup, load_command, main_group, use_language


def test_the_listing_in_help_is_the_one_the_commands_give(monkeypatch):
    """`kehoach --help` from the table equals the listing of the real commands."""
    monkeypatch.setenv("COLUMNS", "80")
    use_language("vi")  # click's words and every help in one language, whatever ran before
    lazy = LazyGroup(main_group.name, params=main_group.params, help=main_group.help,
                     context_settings=main_group.context_settings)
    eager = click.Group(main_group.name, params=main_group.params, help=main_group.help,
                        context_settings=main_group.context_settings)
    for name in COMMANDS:
        eager.add_command(load_command(name), name)
    help_words.translate(eager)  # the real commands' help in the interface language, as the table's
    help_words.translate(lazy)
    with click.Context(lazy, info_name="kehoach") as ctx:
        shown = lazy.get_help(ctx)
    with click.Context(eager, info_name="kehoach") as ctx:
        real = eager.get_help(ctx)
    assert shown == real
    assert not lazy.commands  # and listing them loaded none


def test_every_command_is_in_the_table():
    """A command a module under commands/ defines is reachable: the lazy table lists it
    (a command added to its module but not to COMMANDS would be missing from `kehoach`)."""
    import importlib
    import pkgutil

    import kehoach_tui.commands as package

    defined, nested = {}, set()
    for info in pkgutil.iter_modules(package.__path__):
        if info.name in ("root", "common"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for attribute, value in vars(module).items():
            if isinstance(value, click.Command) and getattr(value.callback, "__module__", "") == module.__name__:
                defined[f"{info.name}:{attribute}"] = value
                if isinstance(value, click.Group):
                    nested.update(id(sub) for sub in value.commands.values())
    top = {target for target, command in defined.items() if id(command) not in nested}
    assert top == {target for target, _ in COMMANDS.values()}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_listed_help_is_the_commands_own(name):
    command = load_command(name)
    assert command.name == name
    # its docstring, not command.help: a test before this one in the same process may have
    # loaded it through the group, which puts the catalogue's (Vietnamese) help on it
    first_paragraph = " ".join(inspect.getdoc(command.callback).split("\n\n")[0].split())
    assert COMMANDS[name][1] == first_paragraph


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_load_no_command(flag):
    code = (
        "import sys\nfrom kehoach_tui.cli import main\n"
        f"try:\n    main([{flag!r}])\nexcept SystemExit:\n    pass\n"
        "mine = [m for m in sys.modules if m.startswith('kehoach_tui.')]\n"
        "assert sorted(mine) == ['kehoach_tui.cli', 'kehoach_tui.commands', 'kehoach_tui.commands.click_words',\n"
        "                        'kehoach_tui.commands.help_words', 'kehoach_tui.commands.root',\n"
        "                        'kehoach_tui.config', 'kehoach_tui.errors', 'kehoach_tui.i18n',\n"
        "                        'kehoach_tui.i18n_cli'], mine\n"
        "assert 'rich' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr


def test_a_command_loads_its_own_module_only(tmp_path):
    code = (
        "import sys\nfrom kehoach_tui.cli import main\n"
        "try:\n    main(['plans', '--json'])\nexcept SystemExit:\n    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('kehoach_tui.commands.'))\n"
        "print(loaded, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    loaded = result.stderr.strip().splitlines()[-1]
    assert loaded == ("['kehoach_tui.commands.click_words', 'kehoach_tui.commands.common', "
                      "'kehoach_tui.commands.help_words', 'kehoach_tui.commands.plans', 'kehoach_tui.commands.root']")


@pytest.mark.parametrize(("args", "expected"), [
    ([], (None, None)),
    (["--db", "x.db"], (Path("x.db"), None)),
    (["--db=x.db", "--lang=en"], (Path("x.db"), "en")),
    (["--lang", "vi", "--db", "x.db"], (Path("x.db"), "vi")),
])
def test_no_command_is_read_by_the_small_parser(args, expected):
    assert tui_options(args) == expected


@pytest.mark.parametrize("args", [
    ["tasks"], ["--help"], ["-h"], ["--version"], ["--db"], ["--db", "--lang", "vi"], ["--lang", "xx"],
    ["--db", "a.db", "--db", "b.db"], ["--db", "a.db", "init"], ["--db="], ["--verbose"], ["--"],
])
def test_anything_else_goes_to_click(args):
    assert tui_options(args) is None


def test_a_folder_as_database_goes_to_click(tmp_path):
    assert tui_options(["--db", str(tmp_path)]) is None


def test_the_tui_path_says_why_in_one_line_without_click(tmp_path):
    """A database that cannot be opened: the one-line error click's commands give, and
    click was never loaded for it."""
    target = "/proc/kehoach/x.db"  # /proc refuses to make the folder, even for root
    code = (
        "import sys\nfrom kehoach_tui.cli import main\n"
        f"try:\n    main(['--db', {target!r}])\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print('CODE', code, 'click' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                         env={**__import__("os").environ, "KEHOACH_LANG": "vi"})
    assert run.stdout.strip() == "CODE 1 False"
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi: ") and target in lines[0]
