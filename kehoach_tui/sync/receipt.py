"""The receipt: the province's signed "we have your records up to seq N".

A zip with exactly `receipt.json` and `receipt.sig` (Ed25519 over the JSON bytes, hex).
The commune verifies it against the province key it trusts, then exports only what came
after `seq_to`.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from ..i18n import t
from .bundle import Hex64, UtcTime, _first_error, canonical, slug
from .container import pack, unpack
from .errors import BundleError
from .keys import KeyPair, verify
from .records import loads_strict

FORMAT: Final = "kehoach-receipt"
MEMBERS = ("receipt.json", "receipt.sig")
CAPS = {"receipt.json": 16 * 1024, "receipt.sig": 256}
MAX_FILE = 64 * 1024
RECEIPT_SUFFIX = ".khreceipt"


class Receipt(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    format: Literal["kehoach-receipt"]
    format_version: Literal[1]
    province_code: Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
    commune_code: Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
    seq_from: int = Field(ge=0)
    seq_to: int = Field(ge=0)
    data_sha256: Hex64
    manifest_sha256: Hex64
    bundle_created_at: UtcTime
    imported_at: UtcTime
    new: int = Field(ge=0)
    updated: int = Field(ge=0)
    unchanged: int = Field(ge=0)
    public_key: Hex64
    # Set only when the province misses changes below this bundle: the commune's next export
    # starts after this number (exclusive), so the missing changes are sent again.
    resend_from: int | None = Field(default=None, ge=0, le=2**63 - 1)


def build_receipt(fields: dict, key: KeyPair) -> tuple[bytes, Receipt]:
    receipt = Receipt(format=FORMAT, format_version=1, public_key=key.public_hex, **fields)
    # Without a gap the receipt is what earlier versions wrote (and can read): no null field.
    body = canonical(receipt.model_dump(exclude_none=True))
    return pack([("receipt.json", body), ("receipt.sig", key.sign(body).hex().encode("ascii"))]), receipt


def receipt_name(receipt: Receipt, commune_name: str = "") -> str:
    return f"bienlai_{slug(commune_name) or receipt.commune_code}_{receipt.commune_code}_seq{receipt.seq_from}-{receipt.seq_to}{RECEIPT_SUFFIX}"


def read_receipt_bytes(data: bytes) -> tuple[Receipt, str]:
    """(receipt, sha256 of its JSON) with the signature checked against the key it names;
    the caller checks that key is the trusted province key."""
    members = unpack(data, CAPS, max_file=MAX_FILE)
    body, raw_sig = members["receipt.json"], members["receipt.sig"]
    try:
        doc = loads_strict(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BundleError(t("sync.err_manifest_json")) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BundleError(t("sync.err_not_receipt"))
    try:
        receipt = Receipt.model_validate(doc)
    except ValidationError as exc:
        raise BundleError(t("sync.err_manifest_invalid", detail=_first_error(exc))) from exc
    if receipt.resend_from is not None and receipt.resend_from > receipt.seq_to:
        raise BundleError(t("sync.err_manifest_invalid", detail="resend_from > seq_to"))
    try:
        signature = bytes.fromhex(raw_sig.decode("ascii").strip())
    except (UnicodeDecodeError, ValueError):
        signature = b""
    if len(signature) != 64 or not verify(receipt.public_key, body, signature):
        raise BundleError(t("sync.err_signature"))
    return receipt, hashlib.sha256(body).hexdigest()
