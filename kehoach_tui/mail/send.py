"""Sending the outbox over SMTP (smtplib): none, STARTTLS or SSL.

Two kinds of failure, kept apart because they mean different things to the officer:
- the connection (no line, server down, wrong port/TLS, wrong password): every item stays
  Chờ gửi with the reason, and is tried again later — after a few quick retries with
  back-off in this run;
- one item (too big, file gone or altered, refused by the server with a 5xx): that item
  becomes Lỗi with the reason; the others go on.
A sent item is marked with its Message-ID in the same moment the server accepted it; the
claim (outbox.claim) keeps a second sender away meanwhile.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import smtplib
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..domain.numbers import fmt_number, fmt_size
from ..errors import os_reason
from ..i18n import t
from ..safe import one_line
from ..store.db import Store
from . import outbox
from .outbox import OutboxItem
from .settings import MailSettings

TIMEOUT = 20.0
PROBE_TIMEOUT = 5.0
RETRY_WAITS = (2.0, 5.0)  # seconds before the 2nd and 3rd connection attempt of one run


class ConnectError(Exception):
    """The server could not be reached or would not let us in. `final`: retrying now will
    not help (wrong TLS setting, wrong password) — only a settings change will."""

    def __init__(self, reason: str, *, final: bool = False) -> None:
        super().__init__(reason)
        self.reason = one_line(reason, 300)
        self.final = final


def explain(exc: BaseException, settings: MailSettings) -> ConnectError:
    """A one-line Vietnamese reason for anything smtplib, ssl or the socket raised."""
    server = settings.server
    if isinstance(exc, ConnectError):
        return exc
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return ConnectError(t("mail.err_auth", user=settings.user, server=server), final=True)
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return ConnectError(t("mail.err_no_starttls", server=server), final=True)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return ConnectError(t("mail.err_cert", server=server, detail=exc.verify_message or exc.reason),
                            final=True)
    if isinstance(exc, ssl.SSLError):
        return ConnectError(t("mail.err_tls", server=server, security=settings.security,
                              detail=exc.reason or exc.__class__.__name__), final=True)
    if isinstance(exc, socket.gaierror):
        return ConnectError(t("mail.err_dns", host=settings.host))
    if isinstance(exc, ConnectionRefusedError):
        return ConnectError(t("mail.err_refused", server=server))
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return ConnectError(t("mail.err_timeout", server=server))
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return ConnectError(t("mail.err_disconnected", server=server, security=settings.security))
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return ConnectError(t("mail.err_smtp", server=server, code=exc.smtp_code, text=text),
                            final=500 <= exc.smtp_code < 600)
    if isinstance(exc, OSError):
        return ConnectError(t("mail.err_network", server=server, reason=os_reason(exc)))
    return ConnectError(t("mail.err_network", server=server, reason=exc.__class__.__name__))


def reachable(settings: MailSettings, timeout: float = PROBE_TIMEOUT) -> tuple[bool, str]:
    """The cheap check the connectivity watch makes: can a TCP connection be opened?"""
    try:
        with socket.create_connection((settings.host, settings.port), timeout=timeout):
            return True, ""
    except OSError as exc:
        return False, explain(exc, settings).reason


def connect(settings: MailSettings, password: str | None, timeout: float = TIMEOUT) -> smtplib.SMTP:
    """An SMTP session ready to send (TLS and login done); ConnectError otherwise."""
    session: smtplib.SMTP | None = None
    try:
        if settings.security == "ssl":
            session = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout,
                                       context=ssl.create_default_context())
        else:
            session = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        session.ehlo()
        if settings.security == "starttls":
            session.starttls(context=ssl.create_default_context())
            session.ehlo()
        if settings.user:
            if not password:
                raise ConnectError(t("mail.err_need_password"), final=True)
            _login(session, settings.user, password)
        return session
    except Exception as exc:
        if session is not None:
            _close(session)
        raise explain(exc, settings) from exc


def _login(session: smtplib.SMTP, user: str, password: str) -> None:
    """smtplib encodes credentials as ASCII; a password with Vietnamese letters goes as
    UTF-8 in AUTH PLAIN (RFC 4616) instead."""
    try:
        (user + password).encode("ascii")
    except UnicodeEncodeError:
        token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
        code, answer = session.docmd("AUTH", "PLAIN " + token)
        if code != 235:
            raise smtplib.SMTPAuthenticationError(code, answer) from None
        return
    session.login(user, password)


def _close(session: smtplib.SMTP) -> None:
    try:
        session.quit()
    except Exception:  # the line is gone already: nothing to say goodbye to
        with contextlib.suppress(Exception):
            session.close()


def check_connection(settings: MailSettings, password: str | None) -> None:
    """Connect, secure, log in and say goodbye; ConnectError with the reason otherwise."""
    _close(connect(settings, password))


@dataclass
class SendReport:
    sent: list[OutboxItem] = field(default_factory=list)
    failed: list[tuple[OutboxItem, str]] = field(default_factory=list)
    waiting: list[tuple[OutboxItem, str]] = field(default_factory=list)
    connection_error: str = ""
    final_error: bool = False  # the connection failure needs a settings/password change

    @property
    def tried(self) -> int:
        return len(self.sent) + len(self.failed) + len(self.waiting)


Progress = Callable[[int, int, OutboxItem], None]


def send_outbox(store: Store, settings: MailSettings, password: str | None, *, include_failed: bool = False,
                due_only: bool = False, actor: str = "", retry_waits: tuple[float, ...] | None = None,
                sleep: Callable[[float], None] = time.sleep, timeout: float = TIMEOUT,
                progress: Progress | None = None) -> SendReport:
    """Send every waiting item (oldest first); see the module note for what failures do."""
    from ..store.setup import officer
    from ..store.sync_state import identity

    actor = actor or officer(store)
    report = SendReport()
    token, items = outbox.claim(store, include_failed=include_failed, due_only=due_only)
    if not items:
        return report
    try:
        who = identity(store)
        ready = []
        for item in items:
            prepared = _prepare(store, item, settings, who)
            if isinstance(prepared, str):
                outbox.mark_failed(store, item, prepared, actor=actor)
                report.failed.append((item, prepared))
            else:
                ready.append((item, prepared))
        if not ready:
            return report
        waits = RETRY_WAITS if retry_waits is None else retry_waits
        session = _connect_with_retries(settings, password, waits, sleep, timeout, report)
        if session is None:
            for item, _ in ready:
                outbox.mark_waiting(store, item, report.connection_error, actor=actor)
                report.waiting.append((item, report.connection_error))
            return report
        try:
            _deliver(store, session, ready, settings, report, actor, progress)
        finally:
            _close(session)
    finally:
        outbox.release(store, token)
    return report


def _connect_with_retries(settings, password, waits, sleep, timeout, report) -> smtplib.SMTP | None:
    for attempt in range(len(waits) + 1):
        try:
            return connect(settings, password, timeout)
        except ConnectError as exc:
            report.connection_error, report.final_error = exc.reason, exc.final
            if exc.final or attempt == len(waits):
                return None
            sleep(waits[attempt])
    return None


def _prepare(store: Store, item: OutboxItem, settings: MailSettings, who):
    """(message, bytes) ready to send, or the reason this item cannot go."""
    from .message import build_message, new_message_id

    try:
        data = item.path.read_bytes()
    except OSError as exc:
        return t("mail.err_file_missing", file=item.file_name, reason=os_reason(exc))
    if hashlib.sha256(data).hexdigest() != item.sha256:
        return t("mail.err_file_changed", file=item.file_name)
    message_id = item.message_id
    if not message_id:
        message_id = new_message_id(settings, who.commune_code, item.id)
        outbox.set_message_id(store, item.id, message_id)
        item.message_id = message_id
    msg = build_message(item, data, settings, message_id=message_id, commune_code=who.commune_code,
                        commune_name=who.commune_name, province_name=who.province_name,
                        number=outbox.bundle_number(store, item))
    size = len(msg.as_bytes())
    if size > settings.max_bytes:
        return t("mail.err_too_big", size=fmt_size(size, "MiB"), limit=fmt_number(settings.max_mb))
    return msg


def _deliver(store, session, ready, settings, report, actor, progress) -> None:
    for index, (item, msg) in enumerate(ready, start=1):
        if progress:
            progress(index, len(ready), item)
        try:
            refused = session.send_message(msg, from_addr=settings.sender, to_addrs=list(settings.recipients))
        except smtplib.SMTPRecipientsRefused as exc:
            reason = t("mail.err_recipients", recipients=", ".join(exc.recipients))
            outbox.mark_failed(store, item, reason, actor=actor)
            report.failed.append((item, reason))
            continue
        except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
            reason = explain(exc, settings).reason
            if 500 <= exc.smtp_code < 600:
                outbox.mark_failed(store, item, reason, actor=actor)
                report.failed.append((item, reason))
            else:
                outbox.mark_waiting(store, item, reason, actor=actor)
                report.waiting.append((item, reason))
            continue
        except Exception as exc:  # the line dropped mid-way: this one and the rest wait
            reason = explain(exc, settings).reason
            report.connection_error = reason
            for rest, _ in ready[index - 1:]:
                outbox.mark_waiting(store, rest, reason, actor=actor)
                report.waiting.append((rest, reason))
            return
        accepted = [r for r in settings.recipients if r not in refused]
        outbox.mark_sent(store, item, recipients=", ".join(accepted), actor=actor)
        report.sent.append(item)
