"""The checklist seed file (seeds/checklist-default.toml): its records and the check of its
shape (domain/shape.py, no pydantic: every checklist command reads the seed's defaults)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

from . import shape
from .checklist import CODE_RE, DEFAULT_LATE_AFTER, PROBE_NAMES, ChecklistError
from .provenance import ORIGIN_READERS, Origin, origin_problem


@dataclass(frozen=True)
class SeedItem(Origin):  # where the item comes from: the plan's words (source, quote) or assumed
    code: str
    title: str
    category: str = ""
    required: bool = True
    probe: str = ""


@dataclass(frozen=True)
class SeedSettings:
    late_after: str = DEFAULT_LATE_AFTER
    internet_hosts: list[str] = field(default_factory=list)
    backup_max_age_days: int = 7


@dataclass(frozen=True)
class ChecklistSeed:
    items: list[SeedItem]
    format: int = 1
    settings: SeedSettings = field(default_factory=SeedSettings)


def parse_seed(text: str, name: str = "checklist") -> ChecklistSeed:
    try:
        seed = _seed(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, shape.ShapeError) as exc:
        raise ChecklistError(f"{name}: {exc}") from exc
    codes = [item.code for item in seed.items]
    if len(codes) != len(set(codes)):
        raise ChecklistError(f"{name}: mã mục bị trùng")
    for item in seed.items:
        problem = origin_problem(item)
        if problem:
            raise ChecklistError(f"{name}: mục {item.code}: {problem}")
    return seed


def _seed(data: object) -> ChecklistSeed:
    return ChecklistSeed(**shape.fields_of(data, ChecklistSeed, "checklist", {
        "format": shape.integer, "settings": _settings, "items": _items}))


def _settings(value: object, where: str) -> SeedSettings:
    return SeedSettings(**shape.fields_of(value, SeedSettings, where, {
        "late_after": shape.text, "internet_hosts": lambda v, w: list(shape.texts(v, w)),
        "backup_max_age_days": shape.integer}))


def _items(value: object, where: str) -> list[SeedItem]:
    if not isinstance(value, list):
        raise shape.ShapeError(f"{where}: cần một danh sách")
    return [SeedItem(**shape.fields_of(item, SeedItem, f"{where}[{n}]", {
        "code": _code, "title": shape.text, "category": shape.text, "required": shape.flag,
        "probe": _probe, **ORIGIN_READERS})) for n, item in enumerate(value)]


def _code(value: object, where: str) -> str:
    code = shape.text(value, where)
    if not CODE_RE.match(code):
        raise shape.ShapeError(f"{where}: mã chỉ gồm A-Z, 0-9, _ (tối đa 24 ký tự)")
    return code


def _probe(value: object, where: str) -> str:
    probe = shape.text(value, where)
    if probe and probe not in PROBE_NAMES:
        raise shape.ShapeError(f"{where}: kiểm tra tự động không có: {probe}")
    return probe
