"""Nothing dropped: objectives without a figure are qualitative targets (status, note,
evidence), organisation sections are duties per unit, and what a plan leaves out says why."""

from __future__ import annotations

import json

import pytest

from kehoach_tui.domain.plan import PlanError, parse_plan
from kehoach_tui.domain.updates import UpdateError
from kehoach_tui.plan_files import bundled_plan_names, resolve_plan

HEAD = 'format = 1\n[plan]\ncode = "x"\ntitle = "X"\nlevel = "commune"\n'


def test_nghia_tho_objectives_without_a_figure_are_qualitative_targets():
    targets = {t.code: t for t in resolve_plan("nghia-tho").targets}
    qualitative = [t for t in targets.values() if t.kind == "qualitative"]
    assert [t.code for t in qualitative] == ["CT14", "CT15", "CT16"]
    assert qualitative[0].source_text.startswith("Kết nối, liên thông các hệ thống thông tin")
    assert qualitative[1].source_text.startswith("Cơ bản hoàn thành việc ban hành các văn bản quy phạm pháp luật")
    assert qualitative[2].source_text.startswith("Đẩy mạnh ứng dụng công nghệ tiên tiến")
    assert all(t.target_value is None and not t.unit for t in qualitative)


def test_target_kind_rules():
    base = HEAD + '[[targets]]\ncode = "CT1"\nlabel = "L"\n'
    assert parse_plan(base).targets[0].kind == "qualitative"  # no figure: qualitative
    with pytest.raises(PlanError, match="định tính"):
        parse_plan(base + 'kind = "qualitative"\ntarget_value = 5\n')
    with pytest.raises(PlanError, match="target_value"):
        parse_plan(base + 'kind = "number"\n')


def test_responsibilities_and_omitted_entries_are_read():
    plan = resolve_plan("nghia-tho")
    assert [(r.section, r.units) for r in plan.responsibilities] == [
        ("V.1", ["Phòng Văn hóa - Xã hội"]),
        ("V.2", ["Văn phòng HĐND&UBND", "Phòng Kinh tế", "Trung tâm Phục vụ hành chính công", "Công an xã và các đơn vị có liên quan"]),
        ("V.2", ["Phòng Kinh tế"]),
    ]
    assert plan.responsibilities[0].text.startswith("Là cơ quan thường trực")
    assert [o.section for o in plan.omitted] == ["I", "II.1", "IV"]
    with pytest.raises(PlanError, match="reason"):
        parse_plan('format = 1\nomitted = [{ section = "I" }]\n[plan]\ncode = "x"\ntitle = "X"\nlevel = "commune"\n')


def test_the_passages_the_issue_found_dropped_are_now_in():
    son_thuy, thanh_hoa, kh365 = (resolve_plan(n) for n in ("son-thuy", "thanh-hoa", "tinh-uy-365"))
    assert "IV.1" in {o.section for o in son_thuy.omitted}
    assert {"IV.1"} <= {o.section for o in thanh_hoa.omitted}
    assert {r.section for r in thanh_hoa.responsibilities} >= {"VI.7", "VI.8"}
    assert len(kh365.responsibilities) == 7  # the seven duties of section IV
    for name in bundled_plan_names():
        assert all(o.reason for o in resolve_plan(name).omitted)


def test_unit_duties_in_the_store(seeded):
    from kehoach_tui.store.plans import responsibilities, unit_names

    assert len(responsibilities(seeded)) == 3
    funds = responsibilities(seeded, "Phòng Kinh tế")
    assert [d["section"] for d in funds] == ["V.2", "V.2"]
    assert funds[1]["text"].startswith("Phòng Kinh tế: chủ trì")
    assert [d["section"] for d in responsibilities(seeded, "phong van hoa - xa hoi")] == ["V.1"]
    assert "Phòng Kinh tế" in unit_names(seeded)


def test_task_detail_and_unit_view_show_the_duties(capsys, db_path, cli):
    cli("--db", str(db_path), "init")
    code, out, _ = cli("--db", str(db_path), "task", "show", "1.1", "--json")
    assert code == 0 and [d["section"] for d in json.loads(out)["duties"]] == ["V.1"]
    code, out, _ = cli("--db", str(db_path), "unit", "Phòng Kinh tế", "--json")
    data = json.loads(out)
    assert code == 0 and len(data["duties"]) == 2 and data["tasks"] == []
    code, out, _ = cli("--db", str(db_path), "unit", "Công an xã")
    assert code == 0 and "2.1" in out and "3.5" in out and "V.2" in out
    code, _, err = cli("--db", str(db_path), "unit", "Sở Ngoại giao")
    assert code == 1 and "Sở Ngoại giao" in err
    code, out, _ = cli("--db", str(db_path), "units", "--json")
    assert "Phòng Văn hóa - Xã hội" in json.loads(out)


def test_qualitative_target_status_note_evidence(seeded):
    from kehoach_tui.store.targets import (
        record_target_assessment,
        record_target_value,
        target_standings,
    )

    standings = {s.code: s for s in target_standings(seeded)}
    assert standings["CT14"].kind == "qualitative" and standings["CT14"].state == "no_data"
    record_target_assessment(seeded, "CT14", "in_progress", note="đã kết nối 2/3 hệ thống", evidence="CV 15/UBND")
    record_target_assessment(seeded, "CT14", "done", period="2025-10", evidence="BC 20/UBND")
    standing = {s.code: s for s in target_standings(seeded)}["CT14"]
    assert [(a.period, a.status) for a in standing.assessments] == [("2025-10", "done"), ("2025-11", "in_progress")]
    assert standing.assessment.evidence == "CV 15/UBND" and standing.state == "on_track"
    with pytest.raises(UpdateError, match="định tính"):
        record_target_value(seeded, "CT14", "5", "2025-10")
    with pytest.raises(UpdateError, match="con số"):
        record_target_assessment(seeded, "CT4", "done")
    with pytest.raises(UpdateError, match="Trạng thái"):
        record_target_assessment(seeded, "CT14", "finished")


def test_qualitative_target_late_after_its_date():
    import datetime as dt

    from kehoach_tui.domain.targets import qualitative_state

    day = dt.date(2025, 12, 31)
    assert qualitative_state(None, day, dt.date(2026, 1, 1)) == "late"
    assert qualitative_state("done", day, dt.date(2026, 1, 1)) == "met"
    assert qualitative_state("in_progress", day, dt.date(2025, 11, 1)) == "on_track"


def test_cli_assess(capsys, db_path, cli):
    cli("--db", str(db_path), "init")
    code, out, err = cli("--db", str(db_path), "target", "assess", "CT15", "--status", "done",
                         "--evidence", "NQ 03/HĐND")
    assert code == 0, err
    code, out, _ = cli("--db", str(db_path), "targets", "--json")
    ct15 = next(t for t in json.loads(out) if t["code"] == "CT15")
    assert ct15["kind"] == "qualitative" and ct15["state"] == "met" and ct15["assessments"][0]["evidence"] == "NQ 03/HĐND"
    code, _, err = cli("--db", str(db_path), "target", "set", "CT15", "1", "--period", "2025-10")
    assert code == 1 and "assess" in err


def test_revised_plan_rewrites_duties_and_keeps_assessments(seeded, tmp_path):
    from kehoach_tui.config import seeds_dir
    from kehoach_tui.domain.plan import load_plan_file
    from kehoach_tui.store.plan_revision import import_plan
    from kehoach_tui.store.plans import responsibilities
    from kehoach_tui.store.targets import record_target_assessment, target_standings

    record_target_assessment(seeded, "CT16", "in_progress")
    text = (seeds_dir() / "nghia-tho.toml").read_text(encoding="utf-8")
    changed = tmp_path / "nghia-tho.toml"
    changed.write_text(text.replace("Căn cứ các nhiệm vụ được giao trên", "Căn cứ các nhiệm vụ được giao"), encoding="utf-8")
    import_plan(seeded, load_plan_file(changed), actor="Tỉnh")
    assert responsibilities(seeded)[1]["text"].startswith("Căn cứ các nhiệm vụ được giao triển khai")
    assert {s.code: s for s in target_standings(seeded)}["CT16"].assessment.status == "in_progress"
