"""The bundle: one signed file carrying a commune's changed records to the province.

A zip with exactly three members:
- `manifest.json` — who, which change range, when, how many records of each entity, and
  the SHA-256 and size of data.jsonl (model `Manifest`);
- `manifest.sig`  — Ed25519 signature of the manifest bytes, 128 hex characters;
- `data.jsonl`    — one record per line: {"entity": <table>, "row": {<every column>}}.

The signature covers the manifest, the manifest covers the data by hash: the content is
signed, not the zip container. Readers verify everything in memory (`read_bundle_bytes`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import Annotated, Any, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from ..config import now_utc, parse_utc, to_local, utc_iso
from ..domain.vntext import fold
from ..i18n import t
from .container import pack, unpack
from .errors import BundleError
from .keys import KeyPair, verify
from .records import (
    EARLIEST,
    INT64_MAX,
    SLACK,
    DuplicateKey,
    check_row,
    has_duplicate_key,
    keys_in_line,
    line_adapter,
    lines_adapter,
    loads_strict,
)

FORMAT: Final = "kehoach-bundle"
FORMAT_VERSION: Final = 1
MEMBERS = ("manifest.json", "manifest.sig", "data.jsonl")
MAX_FILE = 32 * 1024 * 1024
MAX_MANIFEST = 64 * 1024
MAX_SIGNATURE = 256
MAX_DATA = 128 * 1024 * 1024
CAPS = {"manifest.json": MAX_MANIFEST, "manifest.sig": MAX_SIGNATURE, "data.jsonl": MAX_DATA}
BUNDLE_SUFFIX = ".khsync"

Entity = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,62}$")]
Hex64 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
UtcTime = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$")]
ENTITY_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


Count = Annotated[int, Field(ge=0, le=INT64_MAX)]  # stored in SQLite: signed 64 bits


class Manifest(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    format: Literal["kehoach-bundle"]
    format_version: Literal[1]
    schema_version: Count
    app_version: Annotated[str, StringConstraints(max_length=40)]
    commune_code: Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
    commune_name: Annotated[str, StringConstraints(max_length=200)]
    province_code: Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
    kind: Literal["full", "incremental"]
    seq_from: Count
    seq_to: Count
    created_at: UtcTime
    counts: dict[Entity, Count]
    records: Count
    data_sha256: Hex64
    data_size: int = Field(ge=0, le=MAX_DATA)
    public_key: Hex64

    @model_validator(mode="after")
    def _consistent(self) -> Manifest:
        if self.seq_from > self.seq_to:
            raise ValueError("seq_from > seq_to")
        if sum(self.counts.values()) != self.records:
            raise ValueError("counts do not add up to records")
        made = self.made_at  # the pattern allows 2025-13-45T99:99:99Z: parse it for real
        if made < EARLIEST or made > now_utc() + SLACK:
            raise ValueError(t("sync.err_out_of_range", field="created_at", value=self.created_at))
        return self

    @property
    def made_at(self) -> dt.datetime:
        try:
            return parse_utc(self.created_at)
        except ValueError:
            raise ValueError(t("sync.err_bad_time", field="created_at", value=self.created_at)) from None


class Record:
    """One record of a bundle, validated by its table's model (sync/records.py). What is
    derived from it (the row as text or as a dict, its time as text) is made when asked."""

    __slots__ = ("entity", "model", "line")

    def __init__(self, entity: str, model: Any, line: bytes) -> None:
        self.entity, self.model, self.line = entity, model, line

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def version(self) -> int:
        return self.model.version

    @property
    def deleted(self) -> int:
        return self.model.deleted

    @property
    def updated_at(self) -> str:
        return utc_iso(self.model.updated_at)

    @property
    def row_bytes(self) -> bytes:
        """The row's JSON as sent: cut from a canonical line as is, else encoded again."""
        prefix = b'{"entity":"' + self.entity.encode("ascii") + b'","row":'
        if self.line.startswith(prefix) and self.line.endswith(b"}"):
            return self.line[len(prefix):-1]
        return json.dumps(json.loads(self.line)["row"], ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @property
    def row_json(self) -> str:
        return self.row_bytes.decode("utf-8")

    @property
    def row(self) -> dict[str, Any]:
        return json.loads(self.row_bytes)


def slug(name: str) -> str:
    """"Xã Nghĩa Thọ" → "xa-nghia-tho": safe in a file name on every system."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(name)).split()
    return "-".join(words)[:60]


def bundle_name(manifest: Manifest) -> str:
    """Says commune, change range and date: xa-nghia-tho_16969_seq0-120_2025-11-05.khsync"""
    day = to_local(manifest.created_at).date().isoformat()
    full = "_full" if manifest.kind == "full" else ""
    return (f"{slug(manifest.commune_name) or 'xa'}_{manifest.commune_code}_"
            f"seq{manifest.seq_from}-{manifest.seq_to}_{day}{full}{BUNDLE_SUFFIX}")


def canonical(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def manifest_sha256(manifest: Manifest) -> str:
    return hashlib.sha256(canonical(manifest.model_dump())).hexdigest()


def encode_records(records: list[tuple[str, dict]]) -> bytes:
    return b"".join(canonical({"entity": entity, "row": row}) + b"\n" for entity, row in records)


def build_bundle(records: list[tuple[str, dict]], *, key: KeyPair, header: dict[str, Any]) -> tuple[bytes, Manifest]:
    """The bundle bytes for (entity, row) pairs. header: the manifest fields other than the
    ones computed here (counts, records, hash, size, key, format)."""
    data = encode_records(records)
    counts = Counter(entity for entity, _ in records)
    manifest = Manifest(
        format=FORMAT, format_version=FORMAT_VERSION, counts=dict(sorted(counts.items())),
        records=len(records), data_sha256=hashlib.sha256(data).hexdigest(), data_size=len(data),
        public_key=key.public_hex, **header,
    )
    manifest_bytes = canonical(manifest.model_dump())
    signature = key.sign(manifest_bytes).hex().encode("ascii")
    return pack([("manifest.json", manifest_bytes), ("manifest.sig", signature), ("data.jsonl", data)]), manifest


@dataclass
class OpenedBundle:
    """A bundle whose signature and data hash are verified; records parsed on demand."""

    source: str
    manifest: Manifest
    manifest_sha256: str
    data: bytes

    def records(self, *, keep_rows: bool = True) -> list[Record]:
        return parse_records(self.data, self.manifest, keep_rows=keep_rows)


def _first_error(exc: ValidationError) -> str:
    from ..domain.validation_words import first_error

    return first_error(exc)


def _manifest(raw: bytes) -> Manifest:
    try:
        doc = loads_strict(raw.decode("utf-8"))
    except DuplicateKey as exc:
        raise BundleError(t("sync.err_manifest_invalid", detail=t("sync.err_duplicate_key", field="manifest",
                                                                  name=str(exc)))) from exc
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BundleError(t("sync.err_manifest_json")) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BundleError(t("sync.err_not_bundle"))
    version = doc.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise BundleError(t("sync.err_format_version", found=str(version)[:20], known=FORMAT_VERSION))
    try:
        return Manifest.model_validate(doc)
    except ValidationError as exc:
        raise BundleError(t("sync.err_manifest_invalid", detail=_first_error(exc))) from exc


def open_bundle(data: bytes, source_name: str = "") -> OpenedBundle:
    """Check a bundle's container, manifest, signature and data hash (records not yet)."""
    members = unpack(data, CAPS, max_file=MAX_FILE)
    raw_manifest, raw_sig, raw_data = (members[name] for name in MEMBERS)
    manifest = _manifest(raw_manifest)
    try:
        signature = bytes.fromhex(raw_sig.decode("ascii").strip())
    except (UnicodeDecodeError, ValueError):
        signature = b""
    if len(signature) != 64 or not verify(manifest.public_key, raw_manifest, signature):
        raise BundleError(t("sync.err_signature"))
    if len(raw_data) != manifest.data_size or hashlib.sha256(raw_data).hexdigest() != manifest.data_sha256:
        raise BundleError(t("sync.err_data_hash"))
    return OpenedBundle(source_name, manifest, hashlib.sha256(raw_manifest).hexdigest(), raw_data)


def parse_records(data: bytes, manifest: Manifest, *, keep_rows: bool = True) -> list[Record]:
    """Every line validated by its table's strict model, all in one call; counts per entity
    must match the manifest. (keep_rows is kept for callers: rows are made when asked.)"""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    items: list[Any] = []
    if lines:
        try:
            items = lines_adapter().validate_json(b"[" + b",".join(lines) + b"]")
        except ValidationError as exc:
            raise BundleError(_first_bad_line(lines, manifest, exc)) from exc
    if len(items) != len(lines):  # a line held two records
        raise BundleError(t("sync.err_counts"))
    _no_duplicate_keys(lines, items)
    latest = manifest.made_at + SLACK
    records: list[Record] = []
    counts: Counter[str] = Counter()
    commune = manifest.commune_code
    for number, (item, line) in enumerate(zip(items, lines, strict=True), start=1):
        row = item.row
        if row.commune_code != commune:
            raise BundleError(t("sync.err_record_commune", line=number, commune=row.commune_code))
        reason = check_row(row, latest)  # every row has moments: created_at, updated_at
        if reason is not None:
            raise BundleError(t("sync.err_record", line=number, detail=f"{item.entity}.{reason}"[:200]))
        records.append(Record(item.entity, row, line))
        counts[item.entity] += 1
    if dict(counts) != manifest.counts or len(records) != manifest.records:
        raise BundleError(t("sync.err_counts"))
    return records


def _no_duplicate_keys(lines: list[bytes], items: list[Any]) -> None:
    """pydantic keeps the last of two equal keys silently: count the keys of the lines
    against the fields the models saw (all lines at once when the text allows)."""
    expected = [2 + len(item.row.model_fields_set) for item in items]
    if keys_in_line(b",".join(lines)) == sum(expected):
        return
    for number, (line, keys) in enumerate(zip(lines, expected, strict=True), start=1):
        if has_duplicate_key(line, keys):
            raise BundleError(t("sync.err_record", line=number, detail=t(
                "sync.err_duplicate_key", field=items[number - 1].entity, name="?")))


def _first_bad_line(lines: list[bytes], manifest: Manifest, exc: ValidationError) -> str:
    """The one-line reason for the first line refused, naming it, its table and field."""
    err = exc.errors()[0]
    loc = err.get("loc", ())
    index = loc[0] if loc and isinstance(loc[0], int) and loc[0] < len(lines) else None
    if index is None:  # not JSON as a whole: find the line that is not
        index = next((i for i, line in enumerate(lines) if _line_refusal(line) is not None), 0)
    refusal = _line_refusal(lines[index])
    if refusal is None:
        return t("sync.err_record", line=index + 1, detail=str(err.get("msg", ""))[:160])
    return _line_error(lines[index], index + 1, manifest, refusal)


def _line_refusal(line: bytes) -> ValidationError | None:
    try:
        line_adapter().validate_json(line)
    except ValidationError as exc:
        return exc
    return None


def _line_error(line: bytes, number: int, manifest: Manifest, exc: ValidationError) -> str:
    """The one-line reason for a line its model refused, naming table and field. A record
    of another commune is said first, whatever else is wrong with it."""
    try:
        doc = json.loads(line)
        commune = doc["row"]["commune_code"]
    except Exception:  # noqa: BLE001 - only a better message is at stake
        doc, commune = None, manifest.commune_code
    if isinstance(commune, str) and commune != manifest.commune_code:
        return t("sync.err_record_commune", line=number, commune=commune[:12])
    err = exc.errors()[0]
    if err.get("type") in ("union_tag_invalid", "union_tag_not_found"):
        entity = doc.get("entity") if isinstance(doc, dict) else None
        return t("sync.err_record", line=number, detail=t("sync.err_unknown_entity", entity=str(entity)[:64]))
    where = ".".join(str(part) for part in err.get("loc", ()) if part != "row")
    message = str(err.get("msg", "")).removeprefix("Value error, ")
    return t("sync.err_record", line=number, detail=f"{where}: {message}"[:200])


def read_bundle_bytes(data: bytes, source_name: str = "") -> tuple[Manifest, list[Record]]:
    """Verify and parse a bundle held in memory (a file read, an e-mail attachment…).
    Raises BundleError with a one-line reason; never anything else."""
    opened = open_bundle(data, source_name)
    return opened.manifest, opened.records()
