"""pydantic's validation errors in the interface language.

pydantic writes "Extra inputs are not permitted", "Field required", "Input should be a valid
integer"… in English whatever the user's language. `reason(error)` turns one error (an item
of `ValidationError.errors()`) into the catalogue's words by its type, with its limits; a
message our own validators raise (type "value_error", already from the catalogue) is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..i18n import known, t

# pydantic error type → catalogue key; the {ctx} values pydantic gives are passed on.
TYPES = {
    "missing": "validation.missing", "extra_forbidden": "validation.extra",
    "string_type": "validation.text", "int_type": "validation.integer", "int_parsing": "validation.integer",
    "int_from_float": "validation.integer", "float_type": "validation.number",
    "float_parsing": "validation.number", "bool_type": "validation.bool", "bool_parsing": "validation.bool",
    "string_too_long": "validation.too_long", "string_too_short": "validation.too_short",
    "too_long": "validation.too_many", "too_short": "validation.too_few", "literal_error": "validation.one_of",
    "enum": "validation.one_of", "date_parsing": "validation.date", "date_from_datetime_parsing": "validation.date",
    "date_type": "validation.date", "datetime_parsing": "validation.datetime", "datetime_type": "validation.datetime",
    "string_pattern_mismatch": "validation.pattern", "greater_than_equal": "validation.at_least",
    "greater_than": "validation.above", "less_than_equal": "validation.at_most", "less_than": "validation.below",
    "list_type": "validation.list", "dict_type": "validation.table", "model_type": "validation.table",
    "model_attributes_type": "validation.table", "json_invalid": "validation.json",
}


def reason(error: Mapping[str, Any]) -> str:
    """One error's reason, without its location."""
    kind = error.get("type", "")
    if kind in ("value_error", "assertion_error"):
        return str(error.get("msg", "")).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    key = TYPES.get(kind)
    if key is None or not known(key):
        return t("validation.other")
    ctx = {k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, str | int | float)}
    values = {"limit": ctx.get("max_length", ctx.get("min_length", ctx.get("ge", ctx.get("gt", ctx.get(
        "le", ctx.get("lt", "")))))), "expected": ctx.get("expected", "")}
    return t(key, **values)


def location(error: Mapping[str, Any]) -> str:
    return ".".join(str(part) for part in error.get("loc", ()))


def first_error(exc, limit: int = 160) -> str:
    """"where: why" for the first error of a ValidationError."""
    err = exc.errors()[0]
    return f"{location(err)}: {reason(err)}"[:limit]
