"""Province import: each bundle verified, then applied in one transaction.

Order of checks, all before any write (a refused file leaves the database untouched):
container/manifest/signature/hash (sync.bundle) → our province → commune registered with
exactly this key → (commune, seq_from, seq_to) not seen with other content (conflict) and
not older than what we have (replay) → every record valid, counts match.
Then: record the bundle, upsert each record whose version is newer, write a receipt.
A large import has the checks made a step ahead in a second process (ahead.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import data_dir
from ..errors import KehoachError
from ..i18n import t
from ..safe import one_line
from ..store.db import Store
from ..sync.bundle import OpenedBundle, manifest_sha256, open_bundle
from ..sync.errors import BundleError, SyncError
from ..sync.keys import KeyPair, fingerprint
from ..sync.receipt import build_receipt, receipt_name
from ..sync.safe_write import write_verified
from . import values
from .ahead import Checked, checked_ahead
from .registry import get_commune, province_code, province_key, retired_key
from .store.bundles import (
    Conflict,
    apply_bundle,
    find_bundle,
    held_hashes,
    held_ranges,
    newest_made,
)
from .store.db import commits_synced_later, sync_log


@dataclass
class FileOutcome:
    source: str
    status: str  # imported | already | rejected
    commune_code: str = ""
    commune_name: str = ""
    reason: str = ""
    seq_from: int = 0
    seq_to: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    receipt: str = ""
    gaps: list[tuple[int, int]] = field(default_factory=list)  # changes missing below this bundle
    resend_from: int | None = None  # what the receipt asks the commune to send again from


@dataclass
class Tally:
    bundles: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


@dataclass
class ImportSummary:
    dry_run: bool = False
    files: list[FileOutcome] = field(default_factory=list)

    def per_commune(self) -> dict[str, Tally]:
        tallies: dict[str, Tally] = {}
        for item in self.files:
            tally = tallies.setdefault(item.commune_code or "?", Tally())
            if item.status == "rejected":
                tally.rejected += 1
                continue
            tally.bundles += 1
            tally.new += item.new
            tally.updated += item.updated
            tally.unchanged += item.unchanged
        return tallies

    @property
    def rejected(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == "rejected"]


class _DryRun(Exception):
    """Raised at the end of a dry run so everything it did is rolled back."""


def default_receipts_dir() -> Path:
    return data_dir() / "outbox" / "receipts"


@dataclass
class Judged:
    """What the checks found: who sent it, whether it was imported before, and where it
    falls among the changes already held."""

    name: str
    epoch: int
    already: dict | None = None
    older: bool = False  # made before a bundle already applied (it fills a gap)


def _check(store: Store, bundle: OpenedBundle) -> Judged:
    """SyncError if the bundle is refused."""
    m = bundle.manifest
    ours = province_code(store)
    if m.province_code != ours:
        raise SyncError(t("province.err_bundle_province", province=m.province_code, ours=ours))
    entry = get_commune(store, m.commune_code)
    if entry is None:
        raise SyncError(t("province.err_commune_not_here", code=m.commune_code, province=ours))
    if entry.public_key is None:
        raise SyncError(t("province.err_unregistered", name=entry.name, code=entry.code,
                          fingerprint=fingerprint(m.public_key)))
    if entry.public_key != m.public_key:
        retired = retired_key(store, m.commune_code, m.public_key)
        if retired is not None:
            raise SyncError(t("province.err_signed_by_retired", name=entry.name, code=entry.code,
                              fingerprint=fingerprint(m.public_key), when=values.show_day(retired["retired_at"])))
        raise SyncError(t("province.err_wrong_key", name=entry.name, code=entry.code,
                          fingerprint=fingerprint(m.public_key)))
    found = find_bundle(store, m.commune_code, entry.epoch, m.seq_from, m.seq_to)
    if found is not None:
        if found["data_sha256"] != m.data_sha256:
            raise SyncError(t("province.err_conflict", seq_from=m.seq_from, seq_to=m.seq_to))
        return Judged(entry.name, entry.epoch, already=found)
    held = held_ranges(store, m.commune_code, entry.epoch)
    if held and covered(held, m.seq_from, m.seq_to):
        raise SyncError(t("province.err_older", seq_to=m.seq_to, latest=held[-1][1]))
    newest = values.moment(newest_made(store, m.commune_code, entry.epoch))
    return Judged(entry.name, entry.epoch, older=newest is not None and m.made_at < newest)


def covered(held: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the changes (start, end] are all held already (an empty range: when it
    does not go past what is held)."""
    if start == end:
        return end <= held[-1][1]
    return any(a <= start and end <= b for a, b in held)


def _receipt(key: KeyPair, bundle: OpenedBundle, name: str, counts: tuple[int, int, int], imported_at: str,
             folder: Path, resend_from: int | None = None) -> str:
    m = bundle.manifest
    data, receipt = build_receipt({
        "province_code": m.province_code, "commune_code": m.commune_code, "seq_from": m.seq_from,
        "seq_to": m.seq_to, "data_sha256": m.data_sha256, "manifest_sha256": manifest_sha256(m),
        "bundle_created_at": m.created_at, "imported_at": imported_at,
        "new": counts[0], "updated": counts[1], "unchanged": counts[2], "resend_from": resend_from,
    }, key)
    path = folder / receipt_name(receipt, name)
    try:
        if path.read_bytes() == data:  # already there, identical: leave it
            return str(path)
    except OSError:
        pass
    # No fsync: a receipt lost to a power cut is made again by importing the file again.
    write_verified(path, data, durable=False)
    return str(path)


DURABLE_EVERY = 64  # bundles committed between two syncs of the log (and their receipts)


def import_bundles(store: Store, items: Iterable[tuple[str, bytes | str]], *, dry_run: bool = False,
                   receipts_dir: Path | None = None, actor: str = "", total: int | None = None,
                   progress: Callable[[int, int], None] | None = None) -> ImportSummary:
    """Import (name, bytes) pairs, read one at a time; a str instead of bytes is a read
    error to report.

    Each bundle is its own transaction: a refused bundle, or one that fails for any
    reason, leaves nothing behind and undoes no other bundle. Commits do not wait for the
    disk one by one; the log is synced every DURABLE_EVERY bundles and at the end, and
    receipts are written only then, so a receipt never names an import a power cut could
    undo. A dry run does everything inside one transaction and rolls it back."""
    summary = ImportSummary(dry_run=dry_run)
    key = province_key(store)
    folder = receipts_dir or default_receipts_dir()
    actor = actor or "province"
    pending: list[Callable[[], None]] = []

    def receipts() -> None:
        sync_log(store)
        for job in pending:
            job()
        pending.clear()

    def run() -> None:
        ahead = checked_ahead(items, total=total, held=lambda: held_hashes(store))
        for done, (source, data, checked) in enumerate(ahead, start=1):
            outcome, job = _one(store, key, source, data, checked, folder=folder, actor=actor)
            summary.files.append(outcome)
            if job is not None and not dry_run:
                pending.append(job)
                if len(pending) >= DURABLE_EVERY:
                    receipts()
            if progress:
                progress(done, total or done)

    if not dry_run:
        with commits_synced_later(store):
            run()
        receipts()
        return summary
    try:
        with store.writing():
            run()
            raise _DryRun
    except _DryRun:
        pass
    return summary


def _one(store: Store, key: KeyPair, source: str, data: bytes | str, checked: Checked | None, *, folder: Path,
         actor: str) -> tuple[FileOutcome, Callable[[], None] | None]:
    """Check and apply one bundle in its own transaction (a savepoint in a dry run);
    returns its outcome and the receipt to write. checked: what the checking process
    found (province/ahead.py); None: every check is made here."""
    if isinstance(data, str):
        return FileOutcome(source, "rejected", reason=data), None
    outcome = FileOutcome(source, "rejected")
    try:
        if checked is not None and checked.open_error is not None:
            raise BundleError(checked.open_error)
        bundle = checked.opened if checked is not None and checked.opened is not None else open_bundle(data, source)
        m = bundle.manifest
        outcome.commune_code, outcome.seq_from, outcome.seq_to = m.commune_code, m.seq_from, m.seq_to
        entry = get_commune(store, m.commune_code)
        outcome.commune_name = entry.name if entry else ""
        judged = _check(store, bundle)
        name, already = judged.name, judged.already
        if already is not None:  # the receipt may have been lost: write it again (with what is missing now)
            outcome.status, outcome.unchanged = "already", m.records
            _gaps(store, outcome, judged.epoch)
            counts = (already["new"], already["updated"], already["unchanged"])
            return outcome, lambda: _write_receipt(outcome, key, bundle, name, counts, already["imported_at"], folder,
                                                   outcome.resend_from)
        records = checked.records() if checked is not None else bundle.records(keep_rows=False)
        with store.writing() as db:
            applied = apply_bundle(db, m, bundle.manifest_sha256, records, source=source, actor=actor,
                                   epoch=judged.epoch, older=judged.older)
        new, updated, unchanged, imported_at = applied.new, applied.updated, applied.unchanged, applied.imported_at
    except Conflict as exc:
        outcome.status, outcome.reason = "rejected", t("province.err_record_conflict", record=str(exc))
        return outcome, None
    except (BundleError, SyncError) as exc:
        outcome.status, outcome.reason = "rejected", str(exc)
        return outcome, None
    except Exception as exc:  # noqa: BLE001 - one file must never stop the others
        outcome.status, outcome.reason = "rejected", one_line(t("province.err_internal", reason=_explain(exc)), 300)
        return outcome, None
    outcome.status, outcome.new, outcome.updated, outcome.unchanged = "imported", new, updated, unchanged
    _gaps(store, outcome, judged.epoch)
    return outcome, lambda: _write_receipt(outcome, key, bundle, name, (new, updated, unchanged), imported_at, folder,
                                           outcome.resend_from)


def _gaps(store: Store, outcome: FileOutcome, epoch: int) -> None:
    """The changes the province misses below this bundle: shown, and asked for again."""
    from .status import gaps_of

    outcome.gaps = [g for g in gaps_of(held_ranges(store, outcome.commune_code, epoch)) if g[0] <= outcome.seq_to]
    outcome.resend_from = outcome.gaps[0][0] - 1 if outcome.gaps else None


def _explain(exc: Exception) -> str:
    """StoreError and OSError already carry a reason fit to show; anything else is named."""
    if isinstance(exc, KehoachError):
        return str(exc)
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    return f"{type(exc).__name__}: {exc}"


def _write_receipt(outcome: FileOutcome, *args) -> None:
    """The import stands even if the receipt cannot be written; importing the file again
    writes it again."""
    try:
        outcome.receipt = _receipt(*args)
    except SyncError as exc:
        outcome.reason = str(exc)
