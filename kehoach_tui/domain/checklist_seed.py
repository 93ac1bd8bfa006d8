"""The checklist seed file (seeds/checklist-default.toml): its shape, checked by pydantic.
Imported when the seed is first read, not by every reader of a day's check."""

from __future__ import annotations

import tomllib

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .checklist import CODE_RE, DEFAULT_LATE_AFTER, PROBE_NAMES, ChecklistError


class SeedItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    title: str
    category: str = ""
    required: bool = True
    probe: str = ""

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not CODE_RE.match(value):
            raise ValueError("mã chỉ gồm A-Z, 0-9, _ (tối đa 24 ký tự)")
        return value

    @field_validator("probe")
    @classmethod
    def _probe(cls, value: str) -> str:
        if value and value not in PROBE_NAMES:
            raise ValueError(f"kiểm tra tự động không có: {value}")
        return value


class SeedSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    late_after: str = DEFAULT_LATE_AFTER
    internet_hosts: list[str] = Field(default_factory=list)
    backup_max_age_days: int = 7


class ChecklistSeed(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: int = 1
    settings: SeedSettings = Field(default_factory=SeedSettings)
    items: list[SeedItem]


def parse_seed(text: str, name: str = "checklist") -> ChecklistSeed:
    try:
        seed = ChecklistSeed.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ChecklistError(f"{name}: {exc}") from exc
    codes = [item.code for item in seed.items]
    if len(codes) != len(set(codes)):
        raise ChecklistError(f"{name}: mã mục bị trùng")
    return seed
