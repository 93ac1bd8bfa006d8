"""Checks an offline installer folder before anything is installed.

Run with the computer's own Python (3.11 or newer), standard library only, so it works
before any wheel is unpacked:

    python3 verify.py [FOLDER]

The folder holds SHA256SUMS (one line per file: hash, two spaces, path), SHA256SUMS.sig
(the Ed25519 signature of SHA256SUMS, in hex) and release-key.pub (the release public key).
The folder is accepted only when the signature is good, every listed file is present with
its hash, and no file is there that the list does not name: an extra wheel dropped beside
the others would otherwise be picked up by pip.

The Ed25519 check is the RFC 8032 reference algorithm (section 6) in plain Python: slow
(a few hundredths of a second) but needing nothing installed. Exit status 0 when the
folder verifies, 1 (with one line saying why) when it does not.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

SUMS = "SHA256SUMS"
SIGNATURE = "SHA256SUMS.sig"
PUBLIC_KEY = "release-key.pub"
KEY_FORMAT = "kehoach-release-key"
# Files an operating system may drop into any folder it shows; never read by the installer.
OS_JUNK = {"Thumbs.db", "desktop.ini", ".DS_Store"}


class NotVerified(Exception):
    """The folder must not be installed; the message says why, in Vietnamese."""


# --- Ed25519 verification (RFC 8032, section 6) -------------------------------------------

_P = 2**255 - 19
_L = 2**252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, _P - 2, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)


def _add(a, b):
    """Point addition in extended coordinates (X, Y, Z, T)."""
    p1 = (a[1] - a[0]) * (b[1] - b[0]) % _P
    p2 = (a[1] + a[0]) * (b[1] + b[0]) % _P
    c = 2 * a[3] * b[3] * _D % _P
    d = 2 * a[2] * b[2] % _P
    e, f, g, h = p2 - p1, d - c, d + c, p2 + p1
    return (e * f % _P, g * h % _P, f * g % _P, e * h % _P)


def _mul(s: int, point):
    result = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            result = _add(result, point)
        point = _add(point, point)
        s >>= 1
    return result


def _equal(a, b) -> bool:
    return (a[0] * b[2] - b[0] * a[2]) % _P == 0 and (a[1] * b[2] - b[1] * a[2]) % _P == 0


def _recover_x(y: int, sign: int) -> int | None:
    if y >= _P:
        return None
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P)
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P != 0:
        return None
    if (x & 1) != sign:
        x = _P - x
    return x


def _decompress(data: bytes):
    if len(data) != 32:
        return None
    y = int.from_bytes(data, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % _P)


_GY = 4 * pow(5, _P - 2, _P) % _P
_GX = _recover_x(_GY, 0)
_BASE = (_GX, _GY, 1, _GX * _GY % _P)


def ed25519_verify(public: bytes, message: bytes, signature: bytes) -> bool:
    if len(public) != 32 or len(signature) != 64:
        return False
    a = _decompress(public)
    r = _decompress(signature[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= _L:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % _L
    return _equal(_mul(s, _BASE), _add(r, _mul(h, a)))


# --- the folder ---------------------------------------------------------------------------


def fingerprint(public_hex: str) -> str:
    """Same digits as the app's key fingerprints (kehoach_tui.sync.keys.fingerprint)."""
    digest = hashlib.sha256(bytes.fromhex(public_hex)).digest()
    digits = f"{int.from_bytes(digest[:9], 'big') % 10**20:020d}"
    return "-".join(digits[i:i + 4] for i in range(0, 20, 4))


def read_public_key(folder: Path) -> str:
    try:
        doc = json.loads((folder / PUBLIC_KEY).read_text(encoding="utf-8"))
        key = doc["public_key"] if doc.get("format") == KEY_FORMAT else ""
        bytes.fromhex(key)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise NotVerified(f"Thiếu hoặc hỏng tệp khóa công khai {PUBLIC_KEY}") from None
    if len(key) != 64:
        raise NotVerified(f"Tệp khóa công khai {PUBLIC_KEY} không đúng dạng")
    return key.lower()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def parse_sums(text: str) -> dict[str, str]:
    """{relative posix path: hex} from SHA256SUMS; refuses paths that leave the folder."""
    listed: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        digest, sep, name = line.partition("  ")
        parts = name.split("/")
        bad_path = not name or name.startswith("/") or "\\" in name or ".." in parts or "" in parts
        if not sep or len(digest) != 64 or bad_path or name in listed:
            raise NotVerified(f"{SUMS}: dòng {number} không đúng dạng")
        listed[name] = digest.lower()
    return listed


def _present(folder: Path) -> set[str]:
    found = set()
    for path in folder.rglob("*"):
        if path.is_dir() or path.name in OS_JUNK:
            continue
        found.add(path.relative_to(folder).as_posix())
    return found - {SUMS, SIGNATURE}


def verify_folder(folder: Path) -> tuple[int, str]:
    """(number of files checked, key fingerprint); raises NotVerified."""
    folder = Path(folder)
    try:
        sums = (folder / SUMS).read_bytes()
        signature = bytes.fromhex((folder / SIGNATURE).read_text(encoding="ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError):
        raise NotVerified(f"Thiếu hoặc hỏng {SUMS} / {SIGNATURE}: thư mục không có chữ ký") from None
    public = read_public_key(folder)
    if not ed25519_verify(bytes.fromhex(public), sums, signature):
        raise NotVerified(f"Chữ ký của {SUMS} không hợp lệ: danh sách tệp đã bị sửa")
    try:
        listed = parse_sums(sums.decode("utf-8"))
    except UnicodeDecodeError:
        raise NotVerified(f"{SUMS} không đúng dạng") from None
    extra = sorted(_present(folder) - set(listed))
    if extra:
        raise NotVerified(f"Có tệp lạ không nằm trong danh sách đã ký: {extra[0]}")
    for name, digest in listed.items():
        path = folder / name
        if not path.is_file():
            raise NotVerified(f"Thiếu tệp {name}")
        if sha256_file(path) != digest:
            raise NotVerified(f"Tệp {name} đã bị thay đổi (mã SHA-256 không khớp)")
    return len(listed), fingerprint(public)


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parent
    try:
        count, print_ = verify_folder(folder)
    except NotVerified as exc:
        print(f"KHÔNG HỢP LỆ: {exc}. Không cài đặt từ thư mục này.", file=sys.stderr)
        return 1
    print(f"Thư mục hợp lệ: {count} tệp đúng chữ ký.")
    print(f"Dấu vân tay khóa phát hành: {print_}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
