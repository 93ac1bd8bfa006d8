"""seeds/README.md, for the officer who writes a plan file: every field is documented, the list
of deadline phrases is the parser's own (generated from its tests), and a phrase the parser
does not understand is reported on import, not swallowed."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from kehoach_tui.domain import plan as model

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "seeds" / "README.md").read_text(encoding="utf-8")


def _script():
    spec = importlib.util.spec_from_file_location("deadline_phrases", ROOT / "scripts" / "deadline_phrases.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_phrase_list_is_current():
    script = _script()
    assert script.current_section(README) == script.phrase_table(), \
        "run: uv run python scripts/deadline_phrases.py --write"
    assert script.main(["--check"]) == 0


def test_phrase_list_comes_from_the_parser_tests():
    from tests.test_deadlines import REAL, RULES, UNPARSED

    section = _script().current_section(README)
    for phrase in [r[0] for r in RULES + REAL if r[0].strip(" -")] + [p for p, _ in UNPARSED]:
        assert f"| {phrase} |" in section, phrase


@pytest.mark.parametrize("cls", [model.PlanMeta, model.Group, model.Task, model.Milestone, model.Target,
                                 model.Reporting, model.Responsibility, model.Omitted, model.PlanFile])
def test_every_field_is_documented(cls):
    example = README.split("```toml", 1)[1].split("```", 1)[0]
    for name in cls.model_fields:
        tables = {model.PlanFile: ("plan", "groups", "tasks", "targets", "reporting", "responsibilities"),
                  model.Task: ("milestones",)}
        if name in tables.get(cls, ()):
            table = name if cls is model.PlanFile else f"tasks.{name}"
            assert f"[{table}]" in example or f"[[{table}]]" in example, name
            continue
        assert re.search(rf"^(?:# )?\s*(?:\{{ )?{name} =|[{{,] {name} =", example, re.M), f"{cls.__name__}.{name}"


PLAN = '''format = 1
[plan]
code = "{code}"
title = "X"
level = "commune"
commune_code = "16969"
[[groups]]
code = "1"
[[tasks]]
code = "1.1"
group = "1"
title = "Một"
deadline = "Sớm nhất có thể"
[[tasks]]
code = "1.2"
group = "1"
title = "Hai"
deadline = "Trước ngày 20/12/2025"
'''


def test_unknown_deadline_warned_on_init_and_import(capsys, db_path, tmp_path, cli):
    first = tmp_path / "a.toml"
    first.write_text(PLAN.format(code="a"), encoding="utf-8")
    code, out, err = cli("--db", str(db_path), "init", "--plan", str(first))
    assert code == 0, err
    assert "Cảnh báo: nhiệm vụ 1.1: chưa hiểu thời hạn “Sớm nhất có thể”" in out and "1.2" not in out.split("Cảnh báo")[1]
    second = tmp_path / "b.toml"
    second.write_text(PLAN.format(code="b"), encoding="utf-8")
    code, out, _ = cli("--db", str(db_path), "plan", "import", str(second))
    assert code == 0 and out.count("Cảnh báo:") == 1 and "không nhận ra mốc thời gian" in out
    code, out, _ = cli("--db", str(db_path), "plan", "import", str(second), "--dry-run", "--json")
    assert json.loads(out)["warnings"] == [{"code": "1.1", "deadline": "Sớm nhất có thể", "why": "không nhận ra mốc thời gian"}]
    code, out, _ = cli("--db", str(db_path), "tasks", "--json")
    row = next(r for r in json.loads(out) if r["code"] == "1.1")
    assert row["deadline_kind"] == "unparsed" and row["deadline_text"] == "Sớm nhất có thể" and not row["overdue"]


def test_bundled_plans_have_no_warning():
    from kehoach_tui.plan_files import bundled_plan_names, resolve_plan

    assert {name: model.plan_warnings(resolve_plan(name)) for name in bundled_plan_names()} == \
        {name: [] for name in bundled_plan_names()}
