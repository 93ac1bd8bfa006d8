"""The records a bundle carries, as typed models: one strict pydantic model per synced table.

The models are built from the commune schema itself (store.sync_state.synced_schema), so a
column added by a later migration is known here without a second definition. What the SQL
types do not say is said by the column's name:

- `*_at` and `at` are moments (UTC, with a zone), from 2020 to one day after the bundle
  was made; `check_date` is a day of the same range;
- `*_date`, `issued_on`, `period_start`, `period_end` are calendar days (a deadline may lie
  years ahead), from 2000 to 2100;
- `probes`, `notes`, `lead_units`, `partner_units` hold JSON text, which must parse, with no
  key twice in any object;
- integers fit SQLite's signed 64 bits, reals are finite, text is capped in length.

A record of a table this app does not know is refused: the province must be as new as the
communes that write to it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from functools import lru_cache
from operator import attrgetter
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    create_model,
)

from ..i18n import t
from ..store.sync_state import Column, synced_schema

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
Int64 = Annotated[int, Field(ge=INT64_MIN, le=INT64_MAX)]
MAX_TEXT = 65_536   # a task's search key or a report section can be long; nothing is longer
MAX_SHORT = 200     # codes, states, kinds, hashes
MAX_ID = 100
EARLIEST = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
SLACK = dt.timedelta(days=1)  # a commune PC's clock may run a little ahead
CALENDAR = (dt.date(2000, 1, 1), dt.date(2100, 12, 31))

EVENT_DAYS = frozenset({"check_date"})
CALENDAR_DAYS = frozenset({"issued_on", "period_start", "period_end"})
JSON_TEXT = frozenset({"probes", "notes", "lead_units", "partner_units"})
SHORT_TEXT = frozenset({"code", "status", "state", "kind", "period", "source", "format", "severity",
                        "category", "level", "comparison", "late_after", "due_time", "probe", "sha256",
                        "from_status", "to_status", "status_before", "status_after", "unit"})

Id = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID)]
Short = Annotated[str, StringConstraints(max_length=MAX_SHORT)]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
CommuneCode = Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
Finite = Annotated[float, Field(allow_inf_nan=False)]


class DuplicateKey(ValueError):
    pass


def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """object_pairs_hook for json.loads: an object naming a key twice is refused (the last
    value would otherwise win silently, and the two readers of a file could disagree)."""
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for k, _ in pairs:
            if k in seen:
                raise DuplicateKey(k[:64])
            seen.add(k)
    return found


_STRICT = json.JSONDecoder(object_pairs_hook=no_duplicates)


def loads_strict(text: str | bytes) -> Any:
    """json.loads refusing duplicate keys (DuplicateKey) as well as bad JSON (ValueError)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return _STRICT.decode(text)


def kind_of(column: Column) -> str:
    """moment | event_day | day | json | int | real | id | short | text"""
    name = column.name
    if name == "at" or name.endswith("_at"):
        return "moment"
    if name in EVENT_DAYS:
        return "event_day"
    if name.endswith("_date") or name in CALENDAR_DAYS:
        return "day"
    if name in JSON_TEXT:
        return "json"
    if column.type.startswith("INT"):
        return "int"
    if column.type in ("REAL", "FLOAT", "DOUBLE", "NUMERIC"):
        return "real"
    if name == "id" or name.endswith("_id"):
        return "id"
    if name in SHORT_TEXT or name.endswith(("_code", "_kind", "_status")):
        return "short"
    return "text"


# Lower bounds and calendar ranges are checked by pydantic itself; the upper bound of a
# moment depends on the bundle (check_rows), and so does nothing else.
Moment = Annotated[AwareDatetime, Field(ge=EARLIEST)]
EventDay = Annotated[dt.date, Field(ge=EARLIEST.date())]
CalendarDay = Annotated[dt.date, Field(ge=CALENDAR[0], le=CALENDAR[1])]

_TYPES: dict[str, Any] = {
    "moment": Moment, "event_day": EventDay, "day": CalendarDay, "json": Text, "int": Int64,
    "real": Finite, "id": Id, "short": Short, "text": Text,
}

# The synced block: the same for every table, and what import and the views rely on.
CORE: dict[str, Any] = {
    "id": (Id, ...),
    "commune_code": (CommuneCode, ...),
    "created_at": (Moment, ...),
    "updated_at": (Moment, ...),
    "updated_by": (Text, ...),
    "version": (Annotated[int, Field(ge=1, le=INT64_MAX)], ...),
    "deleted": (Literal[0, 1], ...),
}


class RowBase(BaseModel):
    """A synced row. What no type can state — no moment after the bundle was made (with a
    day's slack), JSON text that parses — is checked by check_rows, once per bundle."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)
    moments: ClassVar[tuple[str, ...]] = ()     # columns of moments (two at least: created, updated)
    event_days: ClassVar[tuple[str, ...]] = ()  # days of events (check_date)
    json_text: ClassVar[tuple[str, ...]] = ()   # columns holding JSON text
    moments_of: ClassVar[Callable[..., tuple]] = staticmethod(lambda row: ())


def check_row(row: RowBase, latest: dt.datetime) -> str | None:
    """The reason a validated row cannot be taken, naming the field; None when it can."""
    for value in row.moments_of(row):
        if value is not None and value > latest:
            name = row.moments[row.moments_of(row).index(value)]
            return t("sync.err_out_of_range", field=name, value=_moment_text(value))
    if row.event_days:
        day = latest.date()
        for name in row.event_days:
            value = getattr(row, name)
            if value is not None and value > day:
                return t("sync.err_out_of_range", field=name, value=value.isoformat())
    for name in row.json_text:
        value = getattr(row, name)
        if value is None:
            continue
        try:
            loads_strict(value)
        except DuplicateKey as exc:
            return t("sync.err_duplicate_key", field=name, name=str(exc))
        except (ValueError, RecursionError):
            return t("sync.err_json_text", field=name)
    return None


def _moment_text(value: dt.datetime) -> str:
    try:
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, ValueError):
        return "?"


def _field(column: Column) -> tuple[Any, Any]:
    kind = kind_of(column)
    annotation = _TYPES[kind]
    if not column.notnull:
        return (annotation | None, None)
    return (annotation, None if column.has_default else ...)




@lru_cache(maxsize=1)
def row_models() -> dict[str, type[RowBase]]:
    """One model per synced table of this app version."""
    models: dict[str, type[RowBase]] = {}
    for table, columns in synced_schema().items():
        fields: dict[str, Any] = {c.name: CORE.get(c.name) or _field(c) for c in columns}
        model = create_model(f"Row_{table}", __base__=RowBase, **fields)
        model.moments = tuple(c.name for c in columns if kind_of(c) == "moment")
        model.event_days = tuple(c.name for c in columns if kind_of(c) == "event_day")
        model.moments_of = staticmethod(attrgetter(*model.moments))  # all of a row's moments at once
        model.json_text = tuple(c.name for c in columns if kind_of(c) == "json")
        models[table] = model
    return models


@lru_cache(maxsize=1)
def _line_type() -> Any:
    """{"entity": <table>, "row": {...}}: the entity chooses the row's model (an unknown
    entity is refused by name)."""
    lines = []
    for table, model in row_models().items():
        lines.append(create_model(
            f"Line_{table}", __config__=ConfigDict(strict=True, extra="forbid", frozen=True),
            entity=(Literal[table], ...), row=(model, ...)))  # type: ignore[arg-type]  # a literal built at run time
    return Annotated[Union[tuple(lines)], Field(discriminator="entity")]  # noqa: UP007 - built at run time


@lru_cache(maxsize=1)
def line_adapter() -> TypeAdapter:
    """Validates one line of data.jsonl."""
    return TypeAdapter(_line_type())


@lru_cache(maxsize=1)
def lines_adapter() -> TypeAdapter:
    """Every line of a data.jsonl at once (as one JSON array): one call, not one per line."""
    return TypeAdapter(list[_line_type()])  # type: ignore[misc, arg-type]  # a type built at run time


_BLANK_BEFORE_COLON = re.compile(rb'"[ \t\r]+:')


def keys_in_line(line: bytes) -> int | None:
    """How many object keys a compact line holds, counted without parsing, or None when the
    count cannot be trusted (then parse it). In valid JSON every `"` inside a string is
    escaped, so an unescaped `":` ends a key — unless blanks sit between key and colon,
    which the exporter never writes. Keys the models accept are plain names, so none ends
    in a backslash."""
    if _BLANK_BEFORE_COLON.search(line):
        return None
    return line.count(b'":') - line.count(b'\\":')


def has_duplicate_key(line: bytes, unique_keys: int) -> bool:
    """Whether a validated line named some key twice (pydantic keeps the last silently)."""
    counted = keys_in_line(line)
    if counted is not None:
        return counted != unique_keys
    try:
        loads_strict(line)
    except DuplicateKey:
        return True
    except (ValueError, RecursionError):
        return True
    return False
