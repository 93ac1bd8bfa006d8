"""Checking the shape of a parsed TOML table (a shipped seed file) without pydantic: no
unknown key, every required one, the right types. Each error names its place
("categories[2].name: thiếu"), in Vietnamese like the files' own comments."""

from __future__ import annotations

from dataclasses import MISSING, fields


class ShapeError(ValueError):
    """The file does not have the expected shape; str() names the place."""


def fields_of(data: object, cls: type, where: str, readers: dict) -> dict:
    if not isinstance(data, dict):
        raise ShapeError(f"{where}: cần một bảng")
    unknown = sorted(set(data) - set(readers))
    if unknown:
        raise ShapeError(f"{where}.{unknown[0]}: khóa không có trong lược đồ")
    missing = [f.name for f in fields(cls)
               if f.default is MISSING and f.default_factory is MISSING and f.name not in data]
    if missing:
        raise ShapeError(f"{where}.{missing[0]}: thiếu")
    return {name: readers[name](value, f"{where}.{name}") for name, value in data.items()}


def text(value: object, where: str, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise ShapeError(f"{where}: cần một chuỗi")
    if required and not value:
        raise ShapeError(f"{where}: không được để trống")
    return value


def texts(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise ShapeError(f"{where}: cần một danh sách")
    return tuple(text(item, f"{where}[{n}]") for n, item in enumerate(value))


def integer(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ShapeError(f"{where}: cần một số nguyên")
    return value


def flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise ShapeError(f"{where}: cần true hoặc false")
    return value
