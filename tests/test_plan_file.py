"""The plan-file format and the Nghĩa Thọ seed."""

from __future__ import annotations

import pytest

from kehoach_tui.domain.plan import PlanError, parse_plan
from kehoach_tui.plan_files import bundled_plan_names, resolve_plan

from .test_cli_foundation import NGHIA_THO_CODES


def test_nghia_tho_complete():
    plan = resolve_plan("nghia-tho")
    assert [t.code for t in plan.tasks] == NGHIA_THO_CODES
    assert plan.plan.commune_code == "16969" and plan.plan.province_code == "40"
    assert [g.code for g in plan.groups] == ["1", "2", "3", "4"]
    tasks = {t.code: t for t in plan.tasks}
    assert tasks["1.1"].lead_units == ["Phòng Văn hóa - Xã hội"]
    assert tasks["1.3"].lead_units == ["Văn phòng HĐND&UBND xã", "Phòng Văn hóa - Xã hội"]
    assert tasks["2.1"].lead_units == ["Các phòng của UBND xã", "Công an xã"]
    assert tasks["3.4.c"].parent == "3.4"
    # Every top-level task names its lead unit, except 3.3 whose sub-items carry their own.
    assert [t.code for t in plan.tasks if not t.parent and not t.lead_units] == ["3.3"]
    assert tasks["3.3.a"].lead_units and tasks["3.3.b"].lead_units
    labels = " ".join(t.source_text for t in plan.targets)
    assert "80%" in labels and "12 cơ sở dữ liệu" in labels and "30%" in labels


def test_every_bundled_plan_loads():
    names = bundled_plan_names()
    assert "nghia-tho" in names
    for name in names:
        assert resolve_plan(name).tasks or resolve_plan(name).targets


def test_unknown_key_refused():
    with pytest.raises(PlanError, match="surprise"):
        parse_plan('format = 1\nsurprise = 1\n[plan]\ncode = "x"\ntitle = "X"\nlevel = "commune"\n', "f.toml")


def test_missing_group_named():
    text = 'format = 1\n[plan]\ncode = "x"\ntitle = "X"\nlevel = "commune"\n[[tasks]]\ncode = "9.9"\ngroup = "9"\n'
    with pytest.raises(PlanError, match=r"f\.toml.*9\.9.*group"):
        parse_plan(text, "f.toml")


def test_bad_toml_named():
    with pytest.raises(PlanError, match="f.toml"):
        parse_plan("[plan\n", "f.toml")


def test_plan_text_is_cleaned():
    text = ('format = 1\n[plan]\ncode = "x"\ntitle = "X \\u001b[2J  Y"\nlevel = "commune"\n')
    assert parse_plan(text).plan.title == "X [2J Y"
