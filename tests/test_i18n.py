"""The catalogue and the code that uses it: every key used exists in both languages with the
same placeholders, nothing is translated at import time, a missing key fails, plurals."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import string
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import kehoach_tui
from kehoach_tui.i18n import MESSAGES, set_lang, set_strict, t, tn
from kehoach_tui.widgets.bindings import CatalogueBindings, is_catalogue_key

PACKAGE = Path(kehoach_tui.__file__).parent
SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "i18n.py")
KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")
FILE_NAME = re.compile(r"\.(tcss|db|toml|json|md|docx|xlsx|zip|eml|key|txt)$")
AREAS = {key.split(".")[0] for key in MESSAGES}


def _expansions() -> dict[str, Iterable[str]]:
    """Keys built at run time ("mode." + mode): every value the code can put after the prefix."""
    from kehoach_tui.domain import (
        checklist,
        incident_models,
        incidents,
        models,
        report_texts,
        task_list,
    )
    from kehoach_tui.mail import outbox
    from kehoach_tui.modes import MODES
    from kehoach_tui.probes import registry
    from kehoach_tui.screens import reports
    from kehoach_tui.store.plan_revision import WORDED

    target_states = ("met", "on_track", "behind", "late", "no_data")  # domain/targets.py
    return {
        "mode.": MODES,
        "mode.short.": MODES,
        "status.": models.STATUSES,
        "status.short.": models.STATUSES,
        "cstate.": checklist.STATES,
        "probe.name.": registry(),
        "mail.kind.": outbox.KINDS,
        "mail.state.": outbox.STATES,
        "plan.level.": ("commune", "province"),
        "field.": WORDED,
        "reports.section.": report_texts.TEXT_KEYS,
        "reports.kind.": reports.KINDS,
        "reports.period_hint.": reports.KINDS,
        "period.words.": ("week", "custom"),  # domain/periods.py Period.words
        "plan.err_kind.": ("tasks", "targets", "groups", "reporting"),  # domain/plan.py
        "doctor.name.": ("database", "integrity", "schema", "writable", "backup", "keys", "disk"),
        "target.state.": target_states,
        "target.state_short.": target_states,
        "incident.status.": incidents.STATUSES,
        "incident.period.": incident_models.PERIODS,
        "sync.step.": ("collect", "build", "write", "verify", "done"),  # sync/export.py
        "tasks.sort.": [s for s in task_list.SORTS if s != "plan"],  # "plan" is the unnamed default
        "milestone.": ("overdue", "open"),  # domain/milestones.state ("met" has its own wording)
        "tasks.mark.": [flag for flag, _ in task_list.ROW_MARKS],
        "tasks.count_": [flag for flag, _ in task_list.ROW_MARKS],
    }


def _trees() -> Iterator[tuple[Path, ast.Module]]:
    for path in SOURCES:
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _calls(tree: ast.AST, *names: str) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names and node.args:
            yield node


def _literal_keys(node: ast.expr) -> list[str] | None:
    """The keys a t() argument can be when it is written out (also `a if c else b`); None
    when it is built at run time."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        both = (_literal_keys(node.body), _literal_keys(node.orelse))
        return None if None in both else [k for side in both for k in side]
    if isinstance(node, ast.JoinedStr) and all(isinstance(v, ast.Constant) or (
            isinstance(v, ast.FormattedValue) and _literal_keys(v.value) is not None) for v in node.values):
        keys = [""]
        for v in node.values:
            parts = [v.value] if isinstance(v, ast.Constant) else _literal_keys(v.value)
            keys = [k + p for k in keys for p in parts]
        return keys
    return None


def _prefixes(node: ast.expr) -> list[str] | None:
    """The constant prefixes of a key built at run time ("mode." + mode, f"sync.step.{s}")."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal_keys(node.left)
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return [node.values[0].value]
    return None


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE)}:{node.lineno}"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _forms(key: str) -> list[str]:
    vi, en = MESSAGES[key]
    return [vi, *(en if isinstance(en, tuple) else (en,))]


# --- the catalogue itself ---------------------------------------------------------------------


def test_every_message_has_both_languages_with_the_same_placeholders():
    bad = []
    for key, (vi, en) in MESSAGES.items():
        if not isinstance(vi, str) or not vi.strip():
            bad.append(f"{key}: Vietnamese empty")
        if isinstance(en, tuple) and (len(en) != 2 or not all(isinstance(f, str) and f.strip() for f in en)):
            bad.append(f"{key}: English plural needs (one, other), both non-empty")
        elif isinstance(en, str) and not en.strip():
            bad.append(f"{key}: English empty")
        forms = _forms(key)
        if len({frozenset(_placeholders(f)) for f in forms}) != 1:
            bad.append(f"{key}: placeholders differ: {[sorted(_placeholders(f)) for f in forms]}")
        if isinstance(en, tuple) and "n" not in _placeholders(vi):
            bad.append(f"{key}: a plural message needs {{n}}")
    assert bad == []


# --- the code's use of it ---------------------------------------------------------------------


def test_every_key_used_exists_with_the_right_shape():
    """t() gets a plain message, tn() a plural one; keys built at run time are expanded."""
    expansions = _expansions()
    bad = []
    for path, tree in _trees():
        for call in _calls(tree, "t", "tn"):
            arg = call.args[0]
            keys = _literal_keys(arg)
            if keys is None:
                prefixes = _prefixes(arg)
                if prefixes is None:
                    continue  # a variable: its keys are checked as literals of its module below
                for prefix in prefixes:
                    if prefix not in expansions:
                        bad.append(f"{_where(path, call)}: list the values of {prefix!r}… in _expansions()")
                        continue
                    keys = [*(keys or []), *(prefix + str(v) for v in expansions[prefix])]
            for key in keys or []:
                if key not in MESSAGES:
                    bad.append(f"{_where(path, call)}: {key!r} is not in the catalogue")
                elif isinstance(MESSAGES[key][1], tuple) != (call.func.id == "tn"):
                    bad.append(f"{_where(path, call)}: {key!r} with {call.func.id}()")
    assert bad == []


def test_keys_held_in_variables_exist():
    """Where a module passes a variable to t() (`for key in (…): t(key)`), every string of
    that module written like a key of a catalogue area is one: column titles, card titles."""
    bad = []
    for path, tree in _trees():
        if all(_literal_keys(c.args[0]) is not None or _prefixes(c.args[0]) is not None
               for c in _calls(tree, "t", "tn")):
            continue
        actions = {id(c.args[1]) for c in _calls(tree, "Binding") if len(c.args) > 1}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.fullmatch(node.value)
                    and node.value.split(".")[0] in AREAS and id(node) not in actions
                    and not FILE_NAME.search(node.value) and node.value not in MESSAGES):
                bad.append(f"{_where(path, node)}: {node.value!r}")
    assert bad == []


def test_binding_descriptions_are_catalogue_keys():
    expansions = _expansions()
    bad = []
    for path, tree in _trees():
        for call in _calls(tree, "Binding"):
            described = call.args[2] if len(call.args) > 2 else next(
                (k.value for k in call.keywords if k.arg == "description"), None)
            if described is None:
                continue
            keys = _literal_keys(described)
            if keys is None:
                keys = [prefix + str(v) for prefix in _prefixes(described) or [""]
                        for v in expansions.get(prefix, ["?"])]
            if not all(key in MESSAGES and is_catalogue_key(key) for key in keys):
                bad.append(f"{_where(path, call)}: {ast.unparse(described)}")
    assert bad == []


def test_nothing_is_translated_at_import_time():
    """t() in a class body or at module level runs once, in the language of the moment the
    module was imported: the English footer stayed Vietnamese that way."""
    bad = []

    def visit(path: Path, node: ast.AST, deferred: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = deferred or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if (not deferred and isinstance(child, ast.Call) and isinstance(child.func, ast.Name)
                    and child.func.id in ("t", "tn")):
                bad.append(f"{_where(path, child)}: {ast.unparse(child)}")
            visit(path, child, inner)

    for path, tree in _trees():
        visit(path, tree, False)
    assert bad == []


def _node_classes() -> Iterator[type]:
    from textual.dom import DOMNode

    for info in pkgutil.walk_packages(kehoach_tui.__path__, "kehoach_tui."):
        if info.name.endswith("__main__"):
            continue  # runs the CLI
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, DOMNode):
                yield cls


def test_classes_with_catalogue_bindings_translate_them():
    """A BINDINGS description that is a key is only translated by CatalogueBindings."""
    missing = [
        f"{cls.__module__}.{cls.__qualname__}" for cls in _node_classes()
        if cls._merged_bindings is not None and not issubclass(cls, CatalogueBindings)
        and any(is_catalogue_key(b.description) for _, b in cls._merged_bindings)
    ]
    assert missing == []


# --- t() and tn() -----------------------------------------------------------------------------


def test_missing_key_fails_under_tests_but_shows_the_key_for_the_officer():
    with pytest.raises(KeyError):
        t("no.such.key")
    with pytest.raises(KeyError):
        tn("no.such.key", 2)
    set_strict(False)
    try:
        assert t("no.such.key") == "no.such.key"
        assert tn("no.such.key", 2) == "no.such.key"
        assert t("mail.attempts", n=2) == "2 lần thử"  # a plural read as plain: no crash either
    finally:
        set_strict(True)


def test_plural_forms():
    assert [tn("mail.attempts", n) for n in (1, 2)] == ["1 lần thử", "2 lần thử"]
    set_lang("en")
    assert [tn("mail.attempts", n) for n in (0, 1, 2)] == ["0 attempts", "1 attempt", "2 attempts"]
    assert tn("count.tasks", 1) == "1 task" and tn("count.changes", 3) == "3 changes"
    assert t("plan.created", code="x", tasks=tn("count.tasks", 1), targets=tn("count.targets", 2)) \
        == "Added plan x: 1 task, 2 targets"
    with pytest.raises(TypeError):
        t("mail.attempts", n=1)  # a plural through t() would say "1 attempts"
    with pytest.raises(TypeError):
        tn("key.quit", 1)
