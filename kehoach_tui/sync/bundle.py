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

from ..config import to_local
from ..domain.vntext import fold
from ..i18n import t
from .container import pack, unpack
from .errors import BundleError
from .keys import KeyPair, verify

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


class Manifest(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    format: Literal["kehoach-bundle"]
    format_version: Literal[1]
    schema_version: int = Field(ge=0)
    app_version: Annotated[str, StringConstraints(max_length=40)]
    commune_code: Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
    commune_name: Annotated[str, StringConstraints(max_length=200)]
    province_code: Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
    kind: Literal["full", "incremental"]
    seq_from: int = Field(ge=0)
    seq_to: int = Field(ge=0)
    created_at: UtcTime
    counts: dict[Entity, Annotated[int, Field(ge=0)]]
    records: int = Field(ge=0)
    data_sha256: Hex64
    data_size: int = Field(ge=0, le=MAX_DATA)
    public_key: Hex64

    @model_validator(mode="after")
    def _consistent(self) -> Manifest:
        if self.seq_from > self.seq_to:
            raise ValueError("seq_from > seq_to")
        if sum(self.counts.values()) != self.records:
            raise ValueError("counts do not add up to records")
        return self


Scalar = str | int | float | None


class RecordLine(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    entity: Entity
    row: dict[Annotated[str, StringConstraints(max_length=64)], Scalar]


@dataclass(frozen=True)
class Record:
    """One row as the province stores it."""

    entity: str
    id: str
    version: int
    deleted: int
    updated_at: str
    row: dict[str, Any]
    row_json: str  # the row as JSON text, ready to store


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
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
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
    """Every line validated strictly; counts per entity must match the manifest.
    keep_rows=False leaves `row` empty (the province stores `row_json` only)."""
    records: list[Record] = []
    counts: Counter[str] = Counter()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        try:
            item = RecordLine.model_validate_json(line)
        except ValidationError as exc:
            raise BundleError(t("sync.err_record", line=number, detail=_first_error(exc))) from exc
        records.append(_record(item, manifest, number, line, keep_rows))
        counts[item.entity] += 1
    if dict(counts) != manifest.counts or len(records) != manifest.records:
        raise BundleError(t("sync.err_counts"))
    return records


def _row_json(item: RecordLine, line: bytes) -> str:
    """The row's JSON text: cut from a canonical line as is (no second encoding), else
    encoded again from what was validated."""
    prefix = b'{"entity":"' + item.entity.encode("ascii") + b'","row":'
    if line.startswith(prefix) and line.endswith(b"}"):
        return line[len(prefix):-1].decode("utf-8")
    return json.dumps(item.row, ensure_ascii=False, separators=(",", ":"))


def _record(item: RecordLine, manifest: Manifest, number: int, line: bytes, keep_row: bool) -> Record:
    row = item.row
    row_id, version, deleted = row.get("id"), row.get("version"), row.get("deleted")
    commune, updated_at = row.get("commune_code"), row.get("updated_at")
    ok = (
        isinstance(row_id, str) and 0 < len(row_id) <= 100
        and type(version) is int and version >= 1
        and deleted in (0, 1) and type(deleted) is int
        and isinstance(updated_at, str) and len(updated_at) <= 40
    )
    if not ok:
        raise BundleError(t("sync.err_record", line=number, detail="id/version/deleted/updated_at"))
    if commune != manifest.commune_code:
        raise BundleError(t("sync.err_record_commune", line=number, commune=str(commune)[:12]))
    return Record(item.entity, row_id, version, deleted, updated_at, row if keep_row else {},  # type: ignore[arg-type]  # types checked in ok
                  _row_json(item, line))


def read_bundle_bytes(data: bytes, source_name: str = "") -> tuple[Manifest, list[Record]]:
    """Verify and parse a bundle held in memory (a file read, an e-mail attachment…).
    Raises BundleError with a one-line reason; never anything else."""
    opened = open_bundle(data, source_name)
    return opened.manifest, opened.records()
