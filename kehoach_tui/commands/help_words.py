"""The command line's help in the interface language, from the catalogue, at run time.

click reads a command's help from its docstring and an option's from `help=` when the module
is imported, before `--lang` is known. `translate(group)` walks the command tree once the
language is set and puts the catalogue's texts on it (i18n_cli.py: "cli.cmd.<path>",
"cli.opt.<path>.<option>" or "cli.opt.<option>"); the texts in the source stay as they are,
the Vietnamese of the catalogue being the same words.
"""

from __future__ import annotations

import click

from ..i18n import known, t


def _path_key(path: list[str]) -> str:
    return ".".join(part.replace("-", "_") for part in path) or "kehoach"


def help_key(path: list[str], param: str | None = None) -> str | None:
    """The catalogue key of a command's help (param None) or of one of its options."""
    if param is None:
        key = "cli.cmd." + _path_key(path)
        return key if known(key) else None
    for key in (f"cli.opt.{_path_key(path)}.{param}", f"cli.opt.{param}"):
        if known(key):
            return key
    return None


def walk(command: click.Command, path: list[str] | None = None):
    """(path, command) for the command and every command under it."""
    path = path or []
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from walk(sub, [*path, name])


def translate(group: click.Command, path: list[str] | None = None) -> None:
    """Put the catalogue's texts on `group` and every command under it that is loaded
    (commands/root.py loads each on first use and translates it then, under its `path`)."""
    # the placeholders of values in the usage lines ("--note TEXT"): click's type names
    click.STRING.name = t("click.type_text")
    click.INT.name = t("click.type_number")
    click.FLOAT.name = t("click.type_number")
    for where, command in walk(group, path):
        key = help_key(where)
        if key:
            command.help = t(key)
            # the whole sentence in the list of commands: click would cut it at the first
            # ". ", which in Vietnamese is often "vd." (e.g.)
            command.short_help = t(key)
        command.options_metavar = t("click.options_metavar")
        cached = getattr(command, "_help_option", None)  # click keeps the --help option it made
        if cached is not None:
            cached.help = t("click.help")
        if isinstance(command, click.Group):
            command.subcommand_metavar = t("click.subcommand_metavar" if not command.invoke_without_command
                                           else "click.subcommand_metavar_optional")
        for param in command.params:
            if getattr(param, "help", None):
                key = help_key(where, param.name)
                if key:
                    param.help = t(key)
            kind = getattr(param, "type", None)
            if isinstance(kind, click.IntRange | click.FloatRange):
                kind.name = t("click.type_number")
            if isinstance(kind, click.Path):  # "File 'x' does not exist": its noun too
                noun = "click.folder" if kind.dir_okay and not kind.file_okay else (
                    "click.file" if kind.file_okay and not kind.dir_okay else "click.path")
                kind.name = t(noun)
