"""Commune export: the records changed since the province's last receipt, as one bundle.

Rows are read in one read transaction (a consistent snapshot up to `seq_to`,
store/sync_state.py), packed and signed in memory, then written to the target folder with `write_verified`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..config import utc_iso
from ..i18n import t
from ..store.db import SCHEMA_VERSION, Store
from ..store.reports import mark_sent
from ..store.setup import officer
from ..store.sync_state import changed_rows, identity, record_export
from .bundle import Manifest, build_bundle, bundle_name, manifest_sha256
from .errors import SyncError
from .keys import ensure_key
from .safe_write import write_verified

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    manifest: Manifest
    size: int
    sha256: str


def _value(value):
    return value.hex() if isinstance(value, bytes) else value


def collect(store: Store, *, full: bool) -> tuple[int, int, list[tuple[str, dict]]]:
    """(seq_from, seq_to, records) from one consistent snapshot of the database."""
    seq_from, seq_to, rows = changed_rows(store, full=full)
    return seq_from, seq_to, [(table, {k: _value(v) for k, v in row.items()}) for table, row in rows]


def export_bundle(store: Store, out_dir: Path, *, full: bool = False,
                  progress: Progress | None = None) -> ExportResult | None:
    """Write one bundle into out_dir; None when nothing changed since the last receipt
    (and full is not asked for): then nothing is written."""
    report = progress or (lambda step, fraction: None)
    who = identity(store)
    if not who.commune_code:
        raise SyncError(t("cli.not_initialised"))
    key = ensure_key("commune", who.commune_code)
    report("collect", 0.1)
    seq_from, seq_to, records = collect(store, full=full)
    if not records and not full:
        return None
    report("build", 0.4)
    data, manifest = build_bundle(records, key=key, header={
        "schema_version": SCHEMA_VERSION, "app_version": __version__,
        "commune_code": who.commune_code, "commune_name": who.commune_name,
        "province_code": who.province_code, "kind": "full" if full else "incremental",
        "seq_from": seq_from, "seq_to": seq_to, "created_at": utc_iso(),
    })
    report("write", 0.6)
    path = Path(out_dir) / bundle_name(manifest)
    sha = write_verified(path, data)
    report("verify", 0.9)
    record_export(store, {
        "created_at": manifest.created_at, "kind": manifest.kind, "seq_from": seq_from, "seq_to": seq_to,
        "records": manifest.records, "size": len(data), "file_name": path.name, "folder": str(path.parent),
        "data_sha256": manifest.data_sha256,
        "manifest_sha256": manifest_sha256(manifest),
    }, actor=officer(store))
    from ..mail.outbox import queue_export  # every bundle also waits in the mail outbox

    queue_export(store, path, manifest)
    mark_sent(store, actor=officer(store), via="bundle")  # the bundle carries the reports made
    report("done", 1.0)
    return ExportResult(path=path, manifest=manifest, size=len(data), sha256=sha)
