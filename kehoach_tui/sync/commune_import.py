"""`kehoach import` at the commune: the province's receipts, and the commune's own bundles
(a spare copy on a second PC of the same commune).

Receipt: signature checked against the trusted province key, it must name this commune and
a bundle exported from this database; then the acknowledged point moves to its `seq_to`
(or back to its `resend_from` when the province misses changes) and the next export
carries what came after. Replaying a receipt changes nothing.

Spare copy: a bundle of this commune, signed by this commune's key (the key file of this
PC, or one given once with --key and remembered), is applied row by row, newer version
wins, into an empty database or one that is already a copy of the same commune's plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import utc_iso
from ..i18n import t
from ..store.db import Store
from ..store.settings import get_setting
from ..store.sync_state import (
    MirrorOutcome,
    apply_copy,
    identity,
    last_seq,
    put_trusted_key,
    record_receipt,
    trusted_key,
    was_exported,
)
from .bundle import OpenedBundle, open_bundle
from .errors import SyncError
from .keys import fingerprint, load_key
from .receipt import Receipt, read_receipt_bytes


def is_receipt(data: bytes) -> bool:
    """The first zip member's name sits at offset 30 of the file."""
    return data[30:42] == b"receipt.json"


@dataclass(frozen=True)
class ReceiptOutcome:
    receipt: Receipt
    applied: bool  # False: already imported before, nothing changed


def import_receipt(store: Store, data: bytes, *, actor: str) -> ReceiptOutcome:
    receipt, _ = read_receipt_bytes(data)
    who = identity(store)
    if receipt.commune_code != who.commune_code:
        raise SyncError(t("sync.err_receipt_commune", code=receipt.commune_code, own=who.commune_code))
    trusted = trusted_key(store, "province", receipt.province_code)
    if trusted is None:
        raise SyncError(t("sync.err_no_province_key", code=receipt.province_code))
    if trusted != receipt.public_key:
        raise SyncError(t("sync.err_receipt_key", fingerprint=fingerprint(receipt.public_key)))
    if not was_exported(store, receipt.manifest_sha256, receipt.seq_to) or receipt.seq_to > last_seq(store):
        raise SyncError(t("sync.err_receipt_unknown_bundle"))
    applied = record_receipt(store, {
        "manifest_sha256": receipt.manifest_sha256, "province_code": receipt.province_code,
        "seq_from": receipt.seq_from, "seq_to": receipt.seq_to, "imported_at": receipt.imported_at,
        "received_at": utc_iso(), "new": receipt.new, "updated": receipt.updated,
        "unchanged": receipt.unchanged, "resend_from": receipt.resend_from,
    }, actor=actor)
    return ReceiptOutcome(receipt, applied=applied)


def _signer_trusted(store: Store, bundle: OpenedBundle, key_hex: str | None, actor: str) -> None:
    code = bundle.manifest.commune_code
    signer = bundle.manifest.public_key
    own = load_key("commune", code)
    if own is not None and own.public_hex == signer:
        return
    remembered = trusted_key(store, "commune", code)
    if signer in (remembered, key_hex):
        if key_hex == signer and remembered != signer:
            put_trusted_key(store, "commune", code, signer, actor=actor)
        return
    raise SyncError(t("sync.err_copy_key", code=code, fingerprint=fingerprint(signer)))


def import_own_bundle(store: Store, data: bytes, source: str = "", *, key_hex: str | None = None,
                      actor: str = "") -> MirrorOutcome:
    bundle = open_bundle(data, source)
    manifest = bundle.manifest
    records = bundle.records()
    own_code = get_setting(store, "commune_code", "")
    if own_code and own_code != manifest.commune_code:
        raise SyncError(t("sync.err_copy_commune", code=manifest.commune_code, own=own_code))
    plan_ids = {r.id for r in records if r.entity == "plans" and not r.deleted}
    own_plan = get_setting(store, "plan_id")
    if own_plan and plan_ids and own_plan not in plan_ids:
        raise SyncError(t("sync.err_copy_own_plan"))
    _signer_trusted(store, bundle, key_hex, actor or "sync")
    actor = actor or get_setting(store, "officer", "") or "sync"
    return apply_copy(
        store, records, actor=actor,
        identity_settings=None if own_code else {
            "commune_code": manifest.commune_code, "commune_name": manifest.commune_name,
            "province_code": manifest.province_code},
        plan_id=next(iter(plan_ids)) if not own_plan and len(plan_ids) == 1 else None)
