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
from typing import Annotated, Any, Literal

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
    has_duplicate_key,
    line_adapter,
    loads_strict,
)

FORMAT = "kehoach-bundle"
FORMAT_VERSION = 1
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


@dataclass(frozen=True)
class Record:
    """One record of a bundle, validated by its table's model (sync/records.py)."""

    entity: str
    id: str
    version: int
    deleted: int
    updated_at: str
    model: Any          # the typed row (records.row_models()[entity])
    row: dict[str, Any]  # the row as sent (empty unless asked for: the province keeps row_json)
    row_json: str        # the row as JSON text, ready to store


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
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err.get("loc", ()))
    return f"{where}: {err.get('msg', '')}"[:160]


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
    """Every line validated by its table's strict model; counts per entity must match the
    manifest. keep_rows=False leaves `row` empty (the province keeps `row_json` and the model)."""
    adapter = line_adapter()
    context = {"latest": manifest.made_at + SLACK}
    records: list[Record] = []
    counts: Counter[str] = Counter()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        try:
            item = adapter.validate_json(line, context=context)
        except ValidationError as exc:
            raise BundleError(_line_error(line, number, manifest, exc)) from exc
        if has_duplicate_key(line, 2 + len(item.row.model_fields_set)):
            raise BundleError(t("sync.err_record", line=number, detail=t(
                "sync.err_duplicate_key", field=item.entity, name="?")))
        if item.row.commune_code != manifest.commune_code:
            raise BundleError(t("sync.err_record_commune", line=number, commune=item.row.commune_code))
        records.append(_record(item, line, keep_rows))
        counts[item.entity] += 1
    if dict(counts) != manifest.counts or len(records) != manifest.records:
        raise BundleError(t("sync.err_counts"))
    return records


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


def _row_json(entity: str, line: bytes) -> str:
    """The row's JSON text: cut from a canonical line as is (no second encoding), else
    taken from the line parsed again."""
    prefix = b'{"entity":"' + entity.encode("ascii") + b'","row":'
    if line.startswith(prefix) and line.endswith(b"}"):
        return line[len(prefix):-1].decode("utf-8")
    return json.dumps(json.loads(line)["row"], ensure_ascii=False, separators=(",", ":"))


def _record(item: Any, line: bytes, keep_row: bool) -> Record:
    row = item.row
    row_json = _row_json(item.entity, line)
    return Record(item.entity, row.id, row.version, row.deleted, utc_iso(row.updated_at), row,
                  json.loads(row_json) if keep_row else {}, row_json)


def read_bundle_bytes(data: bytes, source_name: str = "") -> tuple[Manifest, list[Record]]:
    """Verify and parse a bundle held in memory (a file read, an e-mail attachment…).
    Raises BundleError with a one-line reason; never anything else."""
    opened = open_bundle(data, source_name)
    return opened.manifest, opened.records()
