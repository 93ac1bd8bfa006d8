"""The bundled plans quote the source documents kept in seeds/sources word for word."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "seeds" / "sources"


def _verify_seeds():
    spec = importlib.util.spec_from_file_location("verify_seeds", ROOT / "scripts" / "verify_seeds.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_plan_is_verbatim_from_its_source():
    verify_seeds = _verify_seeds()
    plans = sorted(p for p in (ROOT / "seeds").glob("*.toml")
                   if not p.stem.startswith(("checklist", "incident", "schedules")))
    assert len(plans) >= 5
    for plan in plans:
        assert verify_seeds.verify(plan, SOURCES) == [], plan.name
