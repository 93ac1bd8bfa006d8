"""Ed25519 keys: the commune signs its bundles, the province signs its receipts.

Private keys live in `<data dir>/keys/<role>-<code>.key` (hex seed, owner-only permissions),
one per role and code, so a commune and a province database can share a machine. Public
keys travel as 64 hex characters and are confirmed by a fingerprint of digits, easy to read
aloud over the phone or copy onto a stamped form.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from ..atomic_write import write_atomic
from ..config import data_dir
from ..errors import os_reason
from ..i18n import t
from .errors import SyncError

HEX_KEY = re.compile(r"^[0-9a-f]{64}$")
ROLES = ("commune", "province")


def keys_dir() -> Path:
    return data_dir() / "keys"


def key_path(role: str, code: str) -> Path:
    if role not in ROLES or not code.isdigit():
        raise ValueError(f"{role}:{code}")
    return keys_dir() / f"{role}-{code}.key"


def fingerprint(public_hex: str) -> str:
    """Twenty digits in five groups ("0417-3392-…"): SHA-256 of the key, read as a number."""
    digest = hashlib.sha256(bytes.fromhex(public_hex)).digest()
    digits = f"{int.from_bytes(digest[:9], 'big') % 10**20:020d}"
    return "-".join(digits[i:i + 4] for i in range(0, 20, 4))


def normalise_public(text: str) -> str:
    """A public key as typed or pasted (spaces, upper case allowed) → 64 lower-case hex."""
    key = re.sub(r"[\s:-]", "", text or "").lower()
    if not HEX_KEY.match(key):
        raise SyncError(t("sync.bad_public_key"))
    return key


@dataclass(frozen=True)
class KeyPair:
    role: str
    code: str
    signing: SigningKey

    @property
    def public_hex(self) -> str:
        return self.signing.verify_key.encode().hex()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_hex)

    def sign(self, message: bytes) -> bytes:
        return self.signing.sign(message).signature


def _write_private(path: Path, seed: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(path.parent, stat.S_IRWXU)
    # Whole or absent: written in place, a kill mid-write left an empty key file that could
    # never be read again. Exclusive: two windows creating the key at once never overwrite
    # each other's key (the second gets FileExistsError and reads the first one's).
    write_atomic(path, (seed.hex() + "\n").encode("ascii"), exclusive=True, private=True)
    if os.name == "nt":  # no POSIX modes: at least keep other users out via the user profile
        return
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def doctor_status(code: str, role: str = "commune") -> tuple[str, str]:
    """`kehoach doctor`: the signing key must exist and load (without the commune's, no
    bundle can be signed; without the province's, no receipt). (status, detail)."""
    try:
        pair = load_key(role, code)
    except (SyncError, ValueError) as exc:
        return "fail", str(exc)
    if pair is None:
        return "fail", t("doctor.no_keys", folder=key_path(role, code))
    return "ok", t("doctor.keys", count=fingerprint(pair.public_hex), folder=key_path(role, code))


def load_key(role: str, code: str) -> KeyPair | None:
    path = key_path(role, code)
    if not path.exists():
        return None
    try:
        seed = bytes.fromhex(path.read_text(encoding="ascii").strip())
        return KeyPair(role, code, SigningKey(seed))
    except (ValueError, OSError, UnicodeDecodeError, TypeError) as exc:
        raise SyncError(t("sync.key_unreadable", path=path)) from exc


def ensure_key(role: str, code: str) -> KeyPair:
    """The key pair for role/code, created (once) if it does not exist yet."""
    existing = load_key(role, code)
    if existing is not None:
        return existing
    key = SigningKey.generate()
    try:
        _write_private(key_path(role, code), bytes(key))
    except FileExistsError:
        return load_key(role, code)  # made by another process a moment ago
    return KeyPair(role, code, key)


def verify(public_hex: str, message: bytes, signature: bytes) -> bool:
    try:
        VerifyKey(bytes.fromhex(public_hex)).verify(message, signature)
    except (BadSignatureError, ValueError, TypeError):
        return False
    except Exception:  # noqa: BLE001 - any malformed key or signature is just "not valid"
        return False
    return True


# --- public key files (the province's key, installed at each commune) -------------------

PUBLIC_FILE_FORMAT = "kehoach-public-key"


def public_key_document(pair: KeyPair, name: str = "") -> str:
    return json.dumps({
        "format": PUBLIC_FILE_FORMAT, "role": pair.role, "code": pair.code, "name": name,
        "public_key": pair.public_hex, "fingerprint": pair.fingerprint,
    }, ensure_ascii=False, indent=2) + "\n"


def read_public_key_file(path: Path, role: str) -> tuple[str, str]:
    """(code, public hex) from a file written by `public_key_document`; one-line errors."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SyncError(t("sync.key_file_unreadable", path=path, reason=os_reason(exc))) from exc
    if len(raw) > 16 * 1024:
        raise SyncError(t("sync.key_file_bad", path=path))
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
        ok = isinstance(doc, dict) and doc.get("format") == PUBLIC_FILE_FORMAT
        code = doc.get("code") if ok else None
        key = doc.get("public_key") if ok else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        ok = False
    if not ok or doc.get("role") != role or not isinstance(code, str) or not code.isdigit():
        raise SyncError(t("sync.key_file_bad", path=path))
    return code, normalise_public(key if isinstance(key, str) else "")
