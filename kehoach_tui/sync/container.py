"""Reading and writing the small signed zip files of sync (bundles and receipts).

A hostile or damaged file must only ever produce a ContainerError with a one-line reason:
the whole file is capped, every member's declared and actual size is capped, the member set
must be exact, nothing is extracted to disk, and anything zipfile or zlib raises on crafted
input is turned into "damaged file".
"""

from __future__ import annotations

import io
import zipfile

from ..domain.numbers import fmt_size
from ..i18n import t
from .errors import BundleError

# Fixed timestamp inside the zip: the same content always gives the same bytes.
ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def pack(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def _mb(size: int) -> str:
    return fmt_size(size, "MiB")


def unpack(data: bytes, caps: dict[str, int], *, max_file: int) -> dict[str, bytes]:
    """The members named in caps, read into memory, or BundleError. Nothing else allowed."""
    if len(data) > max_file:
        raise BundleError(t("sync.err_file_too_big", size=_mb(len(data)), limit=_mb(max_file)))
    if not data.startswith(b"PK\x03\x04"):
        raise BundleError(t("sync.err_not_zip"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:  # noqa: BLE001 - crafted archives raise many kinds
        raise BundleError(t("sync.err_damaged")) from exc
    names = [info.filename for info in infos]
    for name in names:
        if "/" in name or "\\" in name or ".." in name or ":" in name:
            raise BundleError(t("sync.err_bad_member_name", name=_show(name)))
    extra = [n for n in names if n not in caps]
    if extra:
        raise BundleError(t("sync.err_extra_member", name=_show(extra[0])))
    if len(names) != len(set(names)):
        raise BundleError(t("sync.err_duplicate_member"))
    missing = [n for n in caps if n not in names]
    if missing:
        raise BundleError(t("sync.err_missing_member", name=missing[0]))
    members: dict[str, bytes] = {}
    for info in infos:
        cap = caps[info.filename]
        if info.file_size > cap:
            raise BundleError(t("sync.err_member_too_big", name=info.filename,
                                size=_mb(info.file_size), limit=_mb(cap)))
        if info.flag_bits & 0x1:
            raise BundleError(t("sync.err_encrypted"))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BundleError(t("sync.err_damaged"))
        try:
            with archive.open(info) as handle:
                content = handle.read(cap + 1)
        except Exception as exc:  # noqa: BLE001 - bad CRC, truncated stream, zlib errors…
            raise BundleError(t("sync.err_damaged")) from exc
        if len(content) > cap:  # the header lied about the size
            raise BundleError(t("sync.err_member_too_big", name=info.filename,
                                size=">" + _mb(cap), limit=_mb(cap)))
        members[info.filename] = content
    return members


def _show(name: str) -> str:
    """A member name for an error message: printable, short."""
    safe = "".join(ch if ch.isprintable() else "?" for ch in name)
    return safe[:60] + ("…" if len(safe) > 60 else "")
