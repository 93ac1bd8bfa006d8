"""Mail settings: server, security, addresses, auto-send, size limit. Kept in the settings
table (logged like every setting); the password never is (see secret.py)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from email.utils import parseaddr
from typing import Any

from ..domain.vntext import clean_line
from ..i18n import t
from ..store.db import Store
from ..store.settings import get_setting, put_settings
from .outbox import OutboxError

SECURITY = ("none", "starttls", "ssl")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
DEFAULT_MAX_MB = 10.0
DEFAULT_CHECK_MINUTES = 3
KEY = "mail"
_HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$|^\[?[0-9A-Fa-f:.]+\]?$")
_ADDRESS = re.compile(r"^[^@\s<>,;\"]+@[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    security: str
    user: str
    sender: str
    recipients: tuple[str, ...]
    auto_send: bool = False
    max_mb: float = DEFAULT_MAX_MB
    check_minutes: int = DEFAULT_CHECK_MINUTES

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 1024 * 1024)

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"

    def to_json(self) -> dict[str, Any]:
        values = asdict(self)
        values["recipients"] = list(self.recipients)
        return values


def load(store: Store) -> MailSettings | None:
    """The saved settings, or None when mail was never configured."""
    raw = get_setting(store, KEY)
    if not isinstance(raw, dict) or not raw.get("host"):
        return None
    try:
        return MailSettings(
            host=str(raw["host"]), port=int(raw["port"]), security=str(raw["security"]),
            user=str(raw.get("user", "")), sender=str(raw["sender"]),
            recipients=tuple(str(r) for r in raw.get("recipients", [])),
            auto_send=bool(raw.get("auto_send", False)), max_mb=float(raw.get("max_mb", DEFAULT_MAX_MB)),
            check_minutes=int(raw.get("check_minutes", DEFAULT_CHECK_MINUTES)),
        )
    except (KeyError, TypeError, ValueError):
        return None


def save(store: Store, settings: MailSettings, *, actor: str) -> None:
    put_settings(store, {KEY: settings.to_json()}, actor=actor)


def address(text: str) -> str:
    """One e-mail address, checked; "Tên <a@b.vn>" keeps just a@b.vn."""
    raw = clean_line(text)
    _, addr = parseaddr(raw)
    if not addr or not _ADDRESS.match(addr):
        raise OutboxError(t("mail.err_address", address=raw[:80]))
    return addr


def build(*, host: str, port: int | None, security: str, user: str = "", sender: str,
          recipients: list[str], auto_send: bool = False, max_mb: float = DEFAULT_MAX_MB,
          check_minutes: int = DEFAULT_CHECK_MINUTES) -> MailSettings:
    """Validated settings from what a person typed; OutboxError with a one-line reason."""
    host = clean_line(host)
    if not host or not _HOST.match(host):
        raise OutboxError(t("mail.err_host", host=host[:80]))
    if security not in SECURITY:
        raise OutboxError(t("mail.err_security", security=clean_line(security)[:20]))
    port = DEFAULT_PORTS[security] if port is None else port
    if not 0 < port < 65536:
        raise OutboxError(t("mail.err_port", port=port))
    to: list[str] = []
    for entry in recipients:
        for part in re.split(r"[,;]", entry):
            if part.strip():
                addr = address(part)
                if addr not in to:
                    to.append(addr)
    if not to:
        raise OutboxError(t("mail.err_no_recipient"))
    if not 0 < max_mb <= 100:
        raise OutboxError(t("mail.err_max_size", size=max_mb))
    if not 1 <= check_minutes <= 120:
        raise OutboxError(t("mail.err_check_minutes", minutes=check_minutes))
    return MailSettings(host=host, port=port, security=security, user=clean_line(user), sender=address(sender),
                        recipients=tuple(to), auto_send=auto_send, max_mb=max_mb, check_minutes=check_minutes)
