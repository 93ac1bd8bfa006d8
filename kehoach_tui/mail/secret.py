"""The mail password: in the OS keyring when there is one, otherwise asked when sending.

Never written to the database, a log, a bundle or a settings file. On Windows the `keyring`
package stores it in Windows Credential Manager (service "kehoach-tui mail", user = the
login name); on a machine without a usable keyring backend (`keyring` falls back to its
"fail" backend, priority 0) the password is asked for at send time and kept only in the
memory of the running program. `keyring` is imported only here, and only when needed: it
costs more than half a second to import.
"""

from __future__ import annotations

import contextlib

SERVICE = "kehoach-tui mail"


def _backend():
    try:
        import keyring

        return keyring.get_keyring()
    except Exception:  # any import or backend discovery failure means: no keyring
        return None


def keyring_usable() -> bool:
    backend = _backend()
    return backend is not None and getattr(backend, "priority", 0) > 0


def keyring_name() -> str:
    backend = _backend()
    return getattr(backend, "name", "") or type(backend).__name__ if backend is not None else ""


def _account(user: str, host: str) -> str:
    return f"{user}@{host}"


def get_password(user: str, host: str) -> str | None:
    if not user or not keyring_usable():
        return None
    try:
        return _backend().get_password(SERVICE, _account(user, host))
    except Exception:  # a locked or broken keyring: ask instead
        return None


def save_password(user: str, host: str, password: str) -> bool:
    """True when the keyring took it; False when there is no usable keyring."""
    if not keyring_usable():
        return False
    try:
        _backend().set_password(SERVICE, _account(user, host), password)
    except Exception:
        return False
    return True


def forget_password(user: str, host: str) -> None:
    if not keyring_usable():
        return
    with contextlib.suppress(Exception):  # nothing stored: nothing to forget
        _backend().delete_password(SERVICE, _account(user, host))
