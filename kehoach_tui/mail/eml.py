"""Saved e-mails (.eml) at the province: the attached bundles, read in memory.

A message saved from any mail client is parsed with the standard `email` package; every
attachment whose name ends in the bundle suffix becomes a (name, bytes) item, to go through
exactly the same checks as a bundle file. Nothing is written to disk, nothing extracted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from ..i18n import t
from ..safe import one_line

EML_SUFFIX = ".eml"
MAX_ATTACHMENTS = 50  # a message with more is not one a commune sent


def gather(paths: Iterable[Path], suffix: str) -> list[Path]:
    """Files given, and files with suffix or .eml inside folders given (not recursive)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.is_file() and (
                p.name.endswith(suffix) or p.name.lower().endswith(EML_SUFFIX))))
        else:
            found.append(path)
    return found


def _attachments(msg: EmailMessage, suffix: str) -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        name = part.get_filename() or ""
        if not name.lower().endswith(suffix):
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            found.append((Path(name.replace("\\", "/")).name, payload))
        if len(found) > MAX_ATTACHMENTS:
            break
    return found


def read_eml_bytes(data: bytes, source: str, suffix: str) -> list[tuple[str, bytes | str]]:
    """(source/attachment name, bytes) per attached bundle; one (source, reason) item when
    the message carries none."""
    try:
        msg = message_from_bytes(data, policy=policy.default)
        found = _attachments(msg, suffix)
    except Exception as exc:  # the email package on hostile input: one reason, no traceback
        return [(source, t("mail.err_eml", reason=one_line(exc.__class__.__name__, 60)))]
    if not found:
        return [(source, t("mail.err_eml_empty", suffix=suffix))]
    if len(found) > MAX_ATTACHMENTS:
        return [(source, t("mail.err_eml_many", limit=MAX_ATTACHMENTS))]
    return [(f"{source}:{name}", payload) for name, payload in found]


def expand(items: Iterable[tuple[str, bytes | str]], suffix: str) -> list[tuple[str, bytes | str]]:
    """Items as read from files, with every .eml replaced by the bundles it carries."""
    return list(stream(items, suffix))


def stream(items: Iterable[tuple[str, bytes | str]], suffix: str) -> Iterator[tuple[str, bytes | str]]:
    """expand(), one file at a time, as the import asks for the next."""
    for source, data in items:
        if isinstance(data, bytes) and source.lower().endswith(EML_SUFFIX):
            yield from read_eml_bytes(data, source, suffix)
        else:
            yield source, data
