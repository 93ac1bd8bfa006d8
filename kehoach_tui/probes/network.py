"""Internet: resolve each configured host, then open a TCP connection or ask for an HTTP
answer. Every step has a short timeout (a resolver with no route can block for many
seconds, so name lookups run in a thread that is abandoned when late). OK when any host
answers; otherwise the reason for each host."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
from typing import cast
from urllib.parse import urlsplit

from ..errors import os_reason
from ..i18n import t
from . import FAIL, OK, SKIP, ProbeContext, ProbeResult, call_with_timeout


def parse_target(text: str) -> tuple[str, str, int, str]:
    """(kind, host, port, path): kind "tcp" for host:port, "http"/"https" for URLs."""
    text = text.strip()
    if "://" in text:
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(text)
        port = parts.port or (443 if scheme == "https" else 80)
        return scheme, parts.hostname, port, parts.path or "/"
    host, sep, port_text = text.rpartition(":")
    if not sep or not host or not port_text.isdigit():
        raise ValueError(text)
    return "tcp", host.strip("[]"), int(port_text), ""


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def resolve(host: str, port: int, timeout: float) -> str:
    """The first address of host, or raise OSError/TimeoutError with the reason."""
    if _is_ip(host):
        return host
    finished, value = call_with_timeout(lambda: socket.getaddrinfo(host, port, type=socket.SOCK_STREAM), timeout)
    if not finished:
        raise TimeoutError(t("probe.dns_timeout", host=host, seconds=f"{timeout:g}"))
    if isinstance(value, BaseException):
        reason = os_reason(value)
        raise OSError(t("probe.dns_failed", host=host, reason=reason))
    return cast(list, value)[0][4][0]  # getaddrinfo's answer


def check_target(target: str, timeout: float) -> str:
    """One host: a short success text, or raise OSError with the reason."""
    try:
        kind, host, port, path = parse_target(target)
    except ValueError:
        raise OSError(t("probe.bad_host", host=target)) from None
    begin = time.monotonic()
    address = resolve(host, port, timeout)
    left = max(0.2, timeout - (time.monotonic() - begin))
    if kind == "tcp":
        try:
            with socket.create_connection((address, port), timeout=left):
                pass
        except OSError as exc:
            raise OSError(t("probe.tcp_failed", host=f"{host}:{port}", reason=os_reason(exc))) from None
        return t("probe.tcp_ok", host=f"{host}:{port}", ms=int((time.monotonic() - begin) * 1000))
    conn_class = http.client.HTTPSConnection if kind == "https" else http.client.HTTPConnection
    conn = conn_class(host, port, timeout=left)
    try:
        conn.request("HEAD", path, headers={"User-Agent": "kehoach-tui"})
        status = conn.getresponse().status
    except (OSError, http.client.HTTPException) as exc:
        reason = os_reason(exc)
        raise OSError(t("probe.http_failed", host=host, reason=reason)) from None
    finally:
        conn.close()
    if status >= 400:
        raise OSError(t("probe.http_status", host=host, status=status))
    return t("probe.http_ok", host=host, status=status, ms=int((time.monotonic() - begin) * 1000))


def internet(ctx: ProbeContext) -> ProbeResult:
    hosts = [h for h in ctx.internet_hosts if h.strip()]
    if not hosts:
        return ProbeResult("internet", SKIP, t("probe.no_hosts"))
    # each host gets an equal share of the time, so the probe ends within ctx.timeout
    share = max(0.5, (ctx.timeout - 0.3) / len(hosts))
    reasons = []
    for host in hosts:
        try:
            return ProbeResult("internet", OK, check_target(host, share))
        except OSError as exc:
            reasons.append(str(exc))
    return ProbeResult("internet", FAIL, "; ".join(reasons))
