"""The bundles the province imported, the change ranges it holds, and what their records
become: the columns the views read (tasks, incidents, schedules, report runs, check days),
the raw rows of the tables that do not grow with time (compressed), and the per-commune
summary the first screen reads. Each record replaces the stored one only when its version
is newer; the same version with other content is a conflict."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Protocol

from ...config import utc_iso
from ...store.db import Store
from .registry import audit
from .schema import SUMMARY_SQL
from .tasks import refresh_tasks

_BUNDLE = ("id", "data_sha256", "imported_at", "new", "updated", "unchanged", "manifest_sha256", "created_at")

# Tables whose rows change seldom and do not pile up: their newest rows are kept whole,
# compressed. Tasks (changed every month) and incidents (more every month) are kept as the
# columns the views read, newest version only. The plan's own tables (its groups, the dated
# steps of a task, the duties per unit) are kept whole too; logs (updates, events, values,
# assessments) are only counted.
RAW_KEPT = frozenset({"plans", "plan_groups", "targets", "checklist_items", "report_schedules", "task_milestones",
                      "plan_responsibilities"})
VERSIONED_VIEWS = frozenset({"tasks", "incidents"})  # their view table holds version and digest
MAX_BIT = 61  # item bits of a day fit a signed 64-bit integer


def find_bundle(store: Store, commune_code: str, epoch: int, seq_from: int, seq_to: int) -> dict[str, Any] | None:
    """The bundle already imported for this commune, key epoch and range, if any."""
    row = store.conn.execute(
        f"SELECT {', '.join(_BUNDLE)} FROM bundles WHERE commune_code = ? AND epoch = ? AND seq_from = ?"
        " AND seq_to = ?", (commune_code, epoch, seq_from, seq_to)).fetchone()
    return None if row is None else dict(zip(_BUNDLE, row, strict=True))


def held_hashes(store: Store) -> list[str]:
    """The data hash of every bundle imported (a file seen again is known by it)."""
    return [h for (h,) in store.conn.execute("SELECT data_sha256 FROM bundles")]


def held_ranges(store: Store, commune_code: str, epoch: int) -> list[tuple[int, int]]:
    """The change ranges (from exclusive, to inclusive) held for the commune, merged, in order."""
    return [tuple(r) for r in store.conn.execute(
        "SELECT seq_from, seq_to FROM held WHERE commune_code = ? AND epoch = ? ORDER BY seq_from",
        (commune_code, epoch))]


def all_held(store: Store) -> dict[str, list[tuple[int, int]]]:
    """Held ranges of every commune, for the current key of each."""
    found: dict[str, list[tuple[int, int]]] = {}
    for code, start, end in store.conn.execute(
            "SELECT h.commune_code, h.seq_from, h.seq_to FROM held h JOIN communes c"
            " ON c.commune_code = h.commune_code AND c.epoch = h.epoch ORDER BY h.commune_code, h.seq_from"):
        found.setdefault(code, []).append((start, end))
    return found


def newest_made(store: Store, commune_code: str, epoch: int) -> str | None:
    return store.conn.execute("SELECT MAX(created_at) FROM bundles WHERE commune_code = ? AND epoch = ?",
                              (commune_code, epoch)).fetchone()[0]


class Manifest(Protocol):
    # read-only members, so a frozen record (or model) with narrower types fits
    @property
    def commune_code(self) -> str: ...
    @property
    def seq_from(self) -> int: ...
    @property
    def seq_to(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def created_at(self) -> str: ...
    @property
    def data_sha256(self) -> str: ...
    @property
    def records(self) -> int: ...
    @property
    def schema_version(self) -> int: ...
    @property
    def app_version(self) -> str: ...
    @property
    def public_key(self) -> str: ...


class Incoming(Protocol):
    # read-only members, so a frozen record (or model) with narrower types fits
    @property
    def entity(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def deleted(self) -> int: ...
    @property
    def updated_at(self) -> str: ...
    @property
    def model(self) -> Any: ...
    @property
    def row_bytes(self) -> bytes: ...


class Conflict(Exception):
    """A record of the same version as one held, with other content."""

    def __init__(self, entity: str, record_id: str, version: int) -> None:
        super().__init__(f"{entity}/{record_id[:40]} v{version}")
        self.entity, self.record_id, self.version = entity, record_id, version


@dataclass
class Counts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    entities: set[str] = field(default_factory=set)


def _stored(value: Any) -> Any:
    """A typed value as the province's columns keep it: moments as UTC text to the second,
    days as ISO dates."""
    if value is None or isinstance(value, (int, float, str)):
        return value
    if hasattr(value, "hour"):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def _hash(text: str | None) -> bytes | str:
    """A SHA-256 as its 32 bytes (half the room of its hex); other text as it is."""
    if text and len(text) == 64:
        try:
            return bytes.fromhex(text)
        except ValueError:
            pass
    return text or ""


def _seconds(value: dt.datetime | None) -> int | None:
    return None if value is None else int(value.timestamp())


def _digest(data: bytes) -> int:
    """Eight bytes of the row's SHA-256 as a signed integer: same version, same digest.
    The row as sent: the exporter writes canonical JSON, so the same row gives the same bytes."""
    return int.from_bytes(hashlib.sha256(data).digest()[:8], "big", signed=True)


def row_digest(record: Incoming) -> int:
    """The record's digest, as the checking process made it (province/ahead.py) or now."""
    made = getattr(record, "digest", None)
    return made if made is not None else _digest(record.row_bytes)


# --- a record reduced to what _Writer reads, made in the checking process -------------------

# The model fields _Writer and apply_bundle read, per entity (besides updated_at and deleted,
# read for every record). One list, so the reduced record cannot miss one it uses.
_READS: dict[str, tuple[str, ...]] = {
    "checklist_marks": ("item_code", "check_date", "state"),
    "checklist_days": ("check_date", "finished_at", "late"),
    "report_runs": ("period_end", "period_kind", "period_start", "schedule_code", "created_at", "sent_at",
                    "sha256"),
}


@cache
def _fields(entity: str):
    """The class of the reduced model of an entity: a named tuple of the fields read."""
    from collections import namedtuple

    view = VIEW_COLUMNS.get(entity, ("", ()))[1]
    names = dict.fromkeys(("updated_at", "deleted", *_READS.get(entity, ()), *view))
    return namedtuple("Fields", names)


_DIGESTED = RAW_KEPT | VERSIONED_VIEWS | {"report_runs"}  # the entities whose digest _Writer reads


def reduced(record: Incoming) -> tuple:
    """The record as plain values (cheap to send from one process to another): what
    _Writer reads of it. The digest only where it is compared, the row and its time as
    text only where the row is kept whole; most records (a day's marks) need neither."""
    entity, model = record.entity, record.model
    values = tuple(getattr(model, name, None) for name in _fields(entity)._fields)
    digest = row_digest(record) if entity in _DIGESTED else None
    if entity in RAW_KEPT:
        return entity, record.id, record.version, record.deleted, record.updated_at, digest, record.row_bytes, values
    return entity, record.id, record.version, record.deleted, None, digest, None, values


class Reduced:
    """A record rebuilt from reduced(): read by _Writer as the record it came from."""

    __slots__ = ("entity", "id", "version", "deleted", "updated_at", "digest", "row_bytes", "model")

    def __init__(self, entity: str, record_id: str, version: int, deleted: int, updated_at: str | None,
                 digest: int | None, row: bytes | None, values: tuple) -> None:
        self.entity, self.id, self.version, self.deleted, self.updated_at = entity, record_id, version, deleted, updated_at
        self.digest, self.row_bytes, self.model = digest, row, _fields(entity)._make(values)


@lru_cache(maxsize=1)
def _zdict() -> bytes:
    return (Path(__file__).with_name("raw-1.zdict")).read_bytes()


RAW_FORMAT = b"\x01"  # zlib with the preset dictionary raw-1.zdict (scripts/make_province_zdict.py)


# A 4 KiB window and dictionary: a 32 KiB one cost more time per row than it saved in size.
_WBITS, _MEMLEVEL = -12, 4


@lru_cache(maxsize=1)
def _packer():
    """A compressor with the dictionary set, copied for each row: setting a preset dictionary
    is most of the cost of compressing a row of a few hundred bytes. Level 2: on a month's
    first bundles (every kept row new) a quarter faster than level 6 for 6 % more bytes."""
    return zlib.compressobj(2, zlib.DEFLATED, _WBITS, _MEMLEVEL, zdict=_zdict())


def compress_row(data: bytes) -> bytes:
    packer = _packer().copy()
    return RAW_FORMAT + packer.compress(data) + packer.flush()


def raw_row(data: bytes | str | None) -> dict[str, Any] | None:
    """A kept row back (text: a row carried over from version 1); None when unreadable."""
    text: bytes | str | None
    try:
        if isinstance(data, bytes) and data[:1] == RAW_FORMAT:
            unpacker = zlib.decompressobj(_WBITS, zdict=_zdict())
            text = unpacker.decompress(data[1:], 4 * 1024 * 1024)
        else:
            text = data
        row = json.loads(text) if text is not None else None
    except (zlib.error, ValueError, TypeError, RecursionError):
        return None
    return row if isinstance(row, dict) else None


# --- the columns each view table takes from its entity --------------------------------------

VIEW_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "tasks": ("tasks", ("code", "parent_code", "title", "status", "progress", "due_date", "deadline_text",
                        "position")),
    "incidents": ("incidents", ("number", "title", "status", "severity", "category_name", "opened_at", "status_at",
                                "resolved_at", "closed_at", "service_interrupted")),
    "report_schedules": ("schedules", ("plan_id", "code", "label", "period", "rrule", "due_time", "created_at")),
}
_RENAMED = {"category_name": "category"}
NULLABLE = frozenset({"progress", "due_date", "number", "opened_at", "status_at", "resolved_at", "closed_at",
                      "created_at"})
NUMBERS = frozenset({"position", "service_interrupted"})


def _value(column: str, value: Any) -> Any:
    value = _stored(value)
    if value is not None or column in NULLABLE:
        return value
    return 0 if column in NUMBERS else ""


def _view_upsert(db, entity: str, commune: str, rows: list[tuple]) -> None:
    table, columns = VIEW_COLUMNS[entity]
    versioned = ("version", "digest") if entity in VERSIONED_VIEWS else ()  # the others: in records
    names = ["commune_code", "id", "deleted", *versioned, *(_RENAMED.get(c, c) for c in columns)]
    marks = ", ".join("?" for _ in names)
    sets = ", ".join(f"{n} = excluded.{n}" for n in names[2:])
    db.conn.executemany(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks}) ON CONFLICT (commune_code, id) DO UPDATE SET {sets}",
        rows)


_STATE_BITS = {"ok": 5, "fail": 6, "na": 7}


class _Writer:
    """Applies one bundle's records for one commune, inside the caller's transaction."""

    def __init__(self, db, commune: str, bundle_id: int, older: bool) -> None:
        self.db, self.commune, self.bundle_id, self.older = db, commune, bundle_id, older
        self.counts = Counts()
        self.known = {(e, i): (v, d) for e, i, v, d in db.conn.execute(
            "SELECT entity, id, version, digest FROM records WHERE commune_code = ?", (commune,))}
        self.known_runs: dict[str, tuple[int, int, str]] | None = None
        self.known_views: dict[str, dict[str, tuple[int, int]]] = {}
        self.raw: list[tuple] = []
        self.views: dict[str, list[tuple]] = {}
        self.runs: list[tuple] = []
        self.stale_runs: list[tuple] = []
        self.days: dict[str, list] = {}
        self.bits: dict[str, int] | None = None
        self.new_bits: list[tuple[str, str, int]] = []

    def add(self, record: Incoming) -> None:
        entity = record.entity
        self.counts.entities.add(entity)
        if entity == "checklist_marks":
            self._mark(record)
        elif entity in VERSIONED_VIEWS:
            self._versioned(record)
        elif entity in RAW_KEPT:
            self._kept(record)
        elif entity == "report_runs":
            self._run(record)
        elif entity == "checklist_days":
            self._day(record)
        else:  # logs the views do not read (updates, events, values, texts): counted only
            self.counts.new += 1

    def _judge(self, key: tuple[str, str], version: int, digest: int, held: tuple | None) -> str | None:
        """"new", "updated", or None (unchanged); Conflict for same version, other content."""
        if held is None:
            self.counts.new += 1
            return "new"
        if version > held[0]:
            self.counts.updated += 1
            return "updated"
        if version == held[0] and held[1] not in (0, digest):
            raise Conflict(key[0], key[1], version)
        self.counts.unchanged += 1
        return None

    def _kept(self, record: Incoming) -> None:
        key = (record.entity, record.id)
        digest = row_digest(record)
        if self._judge(key, record.version, digest, self.known.get(key)) is None:
            return
        self.known[key] = (record.version, digest)
        self.raw.append((self.commune, record.entity, record.id, record.version, record.deleted, record.updated_at,
                         digest, self.bundle_id, compress_row(record.row_bytes)))
        view = VIEW_COLUMNS.get(record.entity)
        if view is not None:
            model = record.model
            self.views.setdefault(record.entity, []).append(
                (self.commune, record.id, record.deleted, *(_value(c, getattr(model, c, None)) for c in view[1])))

    def _versioned(self, record: Incoming) -> None:
        entity = record.entity
        known = self.known_views.get(entity)
        if known is None:
            table = VIEW_COLUMNS[entity][0]
            known = self.known_views[entity] = {i: (v, d) for i, v, d in self.db.conn.execute(
                f"SELECT id, version, digest FROM {table} WHERE commune_code = ?", (self.commune,))}
        digest = row_digest(record)
        if self._judge((entity, record.id), record.version, digest, known.get(record.id)) is None:
            return
        known[record.id] = (record.version, digest)
        model = record.model
        self.views.setdefault(entity, []).append(
            (self.commune, record.id, record.deleted, record.version, digest,
             *(_value(c, getattr(model, c, None)) for c in VIEW_COLUMNS[entity][1])))

    def _run(self, record: Incoming) -> None:
        if self.known_runs is None:
            self.known_runs = {i: (v, d, e) for i, v, d, e in self.db.conn.execute(
                "SELECT id, version, digest, period_end FROM report_runs WHERE commune_code = ?", (self.commune,))}
        digest = row_digest(record)
        held = self.known_runs.get(record.id)
        if self._judge(("report_runs", record.id), record.version, digest, held) is None:
            return
        model = record.model
        period_end = _stored(model.period_end)
        if held is not None and held[2] != period_end:  # the period changed: the old key goes
            self.stale_runs.append((self.commune, held[2], record.id))
        self.known_runs[record.id] = (record.version, digest, period_end)
        self.runs.append((self.commune, period_end, record.id, record.version, record.deleted, digest,
                          model.period_kind or "", _stored(model.period_start), model.schedule_code or "",
                          _stored(model.created_at), _stored(getattr(model, "sent_at", None)), _hash(model.sha256)))

    def load_days(self, dates: set[str]) -> None:
        """The days a bundle touches, read at once: [id hash, version, deleted, finished,
        late, ok, fail, na, changed]."""
        if not dates:
            return
        for row in self.db.conn.execute(
                "SELECT check_date, id_hash, version, deleted, finished_at, late, ok_bits, fail_bits, na_bits"
                " FROM check_days WHERE commune_code = ? AND check_date BETWEEN ? AND ?",
                (self.commune, min(dates), max(dates))):
            self.days[row[0]] = [*row[1:], False]

    def _day_row(self, check_date: str) -> list:
        found = self.days.get(check_date)
        if found is None:
            found = self.days[check_date] = [0, 0, 0, None, 0, 0, 0, 0, True]
        return found

    def _day(self, record: Incoming) -> None:
        model = record.model
        day = self._day_row(model.check_date.isoformat())
        id_hash = _digest(record.id.encode("utf-8"))
        if day[0] == id_hash:
            if record.version <= day[1]:
                self.counts.unchanged += 1
                return
            self.counts.updated += 1
        elif day[0]:  # another check row of that date is held
            if record.deleted or (self.older and not day[2]):
                self.counts.unchanged += 1  # a tombstone of another row, or an older bundle's
                return
            self.counts.updated += 1
        else:  # nothing of that date, or only its marks
            self.counts.new += 1
        day[0:5] = [id_hash, record.version, record.deleted, _seconds(model.finished_at), model.late]
        day[8] = True

    def _bit(self, item_code: str) -> int | None:
        if self.bits is None:
            self.bits = dict(self.db.conn.execute(
                "SELECT item_code, bit FROM item_bits WHERE commune_code = ?", (self.commune,)).fetchall())
        bit = self.bits.get(item_code)
        if bit is None:
            bit = len(self.bits)
            if bit > MAX_BIT:
                return None  # more items than bits: the 63rd item is not counted
            self.bits[item_code] = bit
            self.new_bits.append((self.commune, item_code, bit))
        return bit

    def _mark(self, record: Incoming) -> None:
        """A mark folded into its day: its item's bit set in the set of its state. A bundle
        made before one already applied only fills in items not yet known for the day."""
        model = record.model
        bit = self._bit(model.item_code)
        if bit is None:
            self.counts.unchanged += 1
            return
        day = self._day_row(model.check_date.isoformat())
        mask = 1 << bit
        before = 5 if day[5] & mask else 6 if day[6] & mask else 7 if day[7] & mask else None
        if before is not None and self.older:
            self.counts.unchanged += 1
            return
        state = None if model.deleted else _STATE_BITS.get(model.state)
        if before == state:
            self.counts.unchanged += 1
            return
        if before is not None:
            day[before] &= ~mask
            self.counts.updated += 1
        else:
            self.counts.new += 1
        if state is not None:
            day[state] |= mask
        day[8] = True

    def flush(self) -> None:
        conn = self.db.conn
        conn.executemany(
            "INSERT INTO records (commune_code, entity, id, version, deleted, updated_at, digest, bundle_id, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (commune_code, entity, id) DO UPDATE SET"
            " version = excluded.version, deleted = excluded.deleted, updated_at = excluded.updated_at,"
            " digest = excluded.digest, bundle_id = excluded.bundle_id, data = excluded.data", self.raw)
        for entity, rows in self.views.items():
            _view_upsert(self.db, entity, self.commune, rows)
        conn.executemany("DELETE FROM report_runs WHERE commune_code = ? AND period_end = ? AND id = ?",
                         self.stale_runs)
        conn.executemany(
            "INSERT INTO report_runs (commune_code, period_end, id, version, deleted, digest, period_kind,"
            " period_start, schedule_code, created_at, sent_at, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (commune_code, period_end, id) DO UPDATE SET version = excluded.version,"
            " deleted = excluded.deleted, digest = excluded.digest, period_kind = excluded.period_kind,"
            " period_start = excluded.period_start, schedule_code = excluded.schedule_code,"
            " created_at = excluded.created_at, sent_at = excluded.sent_at, sha256 = excluded.sha256", self.runs)
        conn.executemany("INSERT INTO item_bits (commune_code, item_code, bit) VALUES (?, ?, ?)", self.new_bits)
        conn.executemany(
            "INSERT INTO check_days (commune_code, check_date, id_hash, version, deleted, finished_at, late, ok_bits,"
            " fail_bits, na_bits) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (commune_code, check_date)"
            " DO UPDATE SET id_hash = excluded.id_hash, version = excluded.version, deleted = excluded.deleted,"
            " finished_at = excluded.finished_at, late = excluded.late, ok_bits = excluded.ok_bits,"
            " fail_bits = excluded.fail_bits, na_bits = excluded.na_bits",
            [(self.commune, date, *day[:8]) for date, day in self.days.items() if day[8]])


@dataclass
class Applied:
    bundle_id: int
    new: int
    updated: int
    unchanged: int
    imported_at: str


def apply_bundle(db, m: Manifest, manifest_sha256: str, records: Iterable[Incoming], *, source: str,
                 actor: str, epoch: int = 0, older: bool = False) -> Applied:
    """Inside the caller's write: record the bundle and the range it covers, apply its
    records, refresh the commune's summary, audit it. `older`: the bundle was made before
    one already applied (it fills a gap), so what is known already is not overwritten by
    what it folds. Raises Conflict (nothing is kept: the caller's write rolls back)."""
    now = utc_iso()
    records = list(records)
    newest = max((r.model.updated_at for r in records), default=None)
    up_to = None if newest is None else utc_iso(newest)
    cursor = db.conn.execute(
        "INSERT INTO bundles (commune_code, epoch, seq_from, seq_to, kind, created_at, imported_at, source,"
        " data_sha256, manifest_sha256, records, schema_version, app_version, data_up_to)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (m.commune_code, epoch, m.seq_from, m.seq_to, m.kind, m.created_at, now, Path(source).name, m.data_sha256,
         manifest_sha256, m.records, m.schema_version, m.app_version, up_to))
    bundle_id = cursor.lastrowid
    writer = _Writer(db, m.commune_code, bundle_id, older)
    writer.load_days({r.model.check_date.isoformat() for r in records
                      if r.entity in ("checklist_days", "checklist_marks")})
    for record in records:
        writer.add(record)
    writer.flush()
    counts = writer.counts
    db.conn.execute("UPDATE bundles SET new = ?, updated = ?, unchanged = ? WHERE id = ?",
                    (counts.new, counts.updated, counts.unchanged, bundle_id))
    _hold(db, m.commune_code, epoch, m.seq_from, m.seq_to)
    _refresh_summary(db, m.commune_code, counts.entities)
    audit(db, actor=actor, action="import", subject=m.commune_code,
          detail={"seq_from": m.seq_from, "seq_to": m.seq_to, "source": Path(source).name,
                  "new": counts.new, "updated": counts.updated, "unchanged": counts.unchanged})
    return Applied(bundle_id, counts.new, counts.updated, counts.unchanged, now)


def merge_range(ranges: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """Ranges with (start, end] added, touching and overlapping ones merged."""
    out: list[tuple[int, int]] = []
    for a, b in sorted([*ranges, (start, end)]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _hold(db, commune: str, epoch: int, start: int, end: int) -> None:
    ranges = held_ranges(db, commune, epoch)
    merged = merge_range(ranges, start, end)
    if merged == ranges:
        return
    db.conn.execute("DELETE FROM held WHERE commune_code = ? AND epoch = ?", (commune, epoch))
    db.conn.executemany("INSERT INTO held (commune_code, epoch, seq_from, seq_to) VALUES (?, ?, ?, ?)",
                        [(commune, epoch, a, b) for a, b in merged])


def _refresh_summary(db, commune: str, entities: set[str]) -> None:
    sql = SUMMARY_SQL.format(where="commune_code = :code AND")
    for statement in (part.strip() for part in sql.split(";")):
        if statement:
            db.conn.execute(statement, {"code": commune})
    if "tasks" in entities:  # a bundle without tasks leaves the commune's task figures as they were
        refresh_tasks(db.conn, commune)
    row = db.conn.execute("SELECT entities FROM summary WHERE commune_code = ?", (commune,)).fetchone()
    known = set((row[0] if row else "").split())
    if not entities <= known:
        db.conn.execute("UPDATE summary SET entities = ? WHERE commune_code = ?",
                        (" ".join(sorted(known | entities)), commune))
