"""click's own words (usage errors, "Show this message and exit.", "Options:") from the
catalogue.

click writes them with `gettext` at the moment they are shown; each click module binds the
function under the name `_` (and `ngettext`), so binding ours there gives the catalogue's
text, in the language of the moment, without a .mo file. A message not listed stays click's.
"""

from __future__ import annotations

import importlib

from ..i18n import t

# click's message id → catalogue key (the {placeholders} click fills in are kept).
WORDS = {
    "Usage:": "click.usage",
    "Options": "click.options",
    "Commands": "click.commands",
    "Show this message and exit.": "click.help",
    "Show the version and exit.": "click.version",
    "%(prog)s, version %(version)s": "click.version_line",
    "Error: {message}": "click.error",
    "Try '{command} {option}' for help.": "click.try_help",
    "No such option {name!r}.": "click.no_option",
    "No such command {name!r}.": "click.no_command",
    "Missing command.": "click.missing_command",
    "Missing argument": "click.missing",
    "Missing option": "click.missing",
    "Missing parameter": "click.missing",
    "Missing {param_type}": "click.missing",
    "Missing parameter: {param_name}": "click.missing_named",
    "Invalid value for {param_hint}: {message}": "click.invalid_for",
    "Invalid value: {message}": "click.invalid",
    "Option {name!r} does not take a value.": "click.no_value",
    "Aborted!": "click.aborted",
    "{value!r} is not a valid {number_type}.": "click.not_number",
    "{value} is not in the range {range}.": "click.not_in_range",
    "{name} {filename!r} does not exist.": "click.path_missing",
    "{name} {filename!r} is a directory.": "click.path_is_folder",
    "{name} {filename!r} is a file.": "click.path_is_file",
    "{name} {filename!r} is not readable.": "click.path_unreadable",
    "{name} {filename!r} is not writable.": "click.path_unwritable",
    "Could not open file {filename!r}: {message}": "click.cannot_open",
    "file": "click.file",
    "directory": "click.folder",
    "path": "click.path",
    "default: {default}": "click.default",
    "required": "click.required",
    "Confirm the action without prompting.": "click.yes",
    "Do you want to continue?": "click.continue",
    "Error: invalid input": "click.invalid_input",
    "Repeat for confirmation": "click.repeat",
    "Error: The two entered values do not match.": "click.no_match",
}
PLURALS = {
    "Got unexpected extra argument ({args})": "click.extra_args",
    "Option {name!r} requires an argument.": "click.needs_value",
    "{value!r} is not {choice}.": "click.not_choice",
    "{value!r} is not one of {choices}.": "click.not_choice_of",
    "Did you mean {possibility}?": "click.did_you_mean",
    "(Did you mean one of: {possibilities}?)": "click.did_you_mean_one_of",
}
MODULES = ("core", "exceptions", "parser", "types", "decorators", "formatting", "termui", "utils")


def gettext(message: str) -> str:
    key = WORDS.get(message)
    return t(key) if key else message


def ngettext(singular: str, plural: str, n: int) -> str:
    key = PLURALS.get(singular if n == 1 else plural) or PLURALS.get(plural) or PLURALS.get(singular)
    if key is None:
        return singular if n == 1 else plural
    if key == "click.not_choice" and n != 1:
        key = "click.not_choice_of"
    return t(key)


def install() -> None:
    """Bind our gettext in click's modules (idempotent; cheap: they are imported already)."""
    for name in MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            setattr(module, "_", gettext)  # noqa: B010 - a module attribute mypy cannot see
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", ngettext)  # noqa: B010
