"""Errors that carry a one-line reason fit to show a person (no heavy imports here)."""


class KehoachError(Exception):
    """Base: str(exc) is the one-line reason shown to the user."""


class StoreError(KehoachError):
    """The database cannot do what was asked (read-only, full, locked, newer schema…)."""


class PlanError(KehoachError, ValueError):
    """A plan file that cannot be used; the message names file, task and field."""


# errno names → catalogue keys: the reasons an officer meets (a file, a USB stick, the network).
_ERRNO_KEYS = {
    "ENOENT": "oserror.not_found", "EACCES": "oserror.denied", "EPERM": "oserror.denied",
    "EEXIST": "oserror.exists", "ENOSPC": "oserror.disk_full", "EDQUOT": "oserror.disk_full",
    "EROFS": "oserror.read_only", "EISDIR": "oserror.is_folder", "ENOTDIR": "oserror.not_folder",
    "EBUSY": "oserror.busy", "ETXTBSY": "oserror.busy", "ENAMETOOLONG": "oserror.name_too_long",
    "EIO": "oserror.io", "ENODEV": "oserror.gone", "ENXIO": "oserror.gone", "EMFILE": "oserror.too_many",
    "ENFILE": "oserror.too_many", "EINVAL": "oserror.invalid", "ECONNREFUSED": "oserror.refused",
    "ETIMEDOUT": "oserror.timeout", "ENETUNREACH": "oserror.no_network", "ENETDOWN": "oserror.no_network",
    "EHOSTUNREACH": "oserror.host_unreachable", "ECONNRESET": "oserror.reset", "ECONNABORTED": "oserror.reset",
    "EPIPE": "oserror.reset", "EXDEV": "oserror.cross_device",
}
# Windows codes Python does not turn into an errno: a file another program holds open,
# host names that cannot be resolved.
_WINERROR_KEYS = {32: "oserror.busy", 33: "oserror.busy", 11001: "oserror.no_such_host",
                  11002: "oserror.dns_again", 11004: "oserror.no_such_host"}


def os_reason(exc: BaseException, *, with_file: bool = False) -> str:
    """An OSError in the interface language, by errno (never "[Errno 2] No such file or
    directory"): "Không tìm thấy tệp hoặc thư mục", plus ": <file>" when with_file."""
    import errno
    import socket

    from .i18n import t

    key = None
    if isinstance(exc, socket.gaierror):
        again = {getattr(socket, "EAI_AGAIN", None)}
        key = "oserror.dns_again" if exc.errno in again else "oserror.no_such_host"
    elif isinstance(exc, TimeoutError) and not getattr(exc, "errno", None):
        key = "oserror.timeout"
    if key is None:
        key = _WINERROR_KEYS.get(getattr(exc, "winerror", None) or 0)
    if key is None and isinstance(exc, OSError) and exc.errno is not None:
        key = _ERRNO_KEYS.get(errno.errorcode.get(exc.errno, ""))
    if key is None:  # a reason this table does not know: the system's words, never "[Errno n]"
        text = (getattr(exc, "strerror", None) or str(exc) or type(exc).__name__) if isinstance(exc, OSError) \
            else (str(exc) or type(exc).__name__)
    else:
        text = t(key)
    name = getattr(exc, "filename", None)
    if with_file and name:
        text = f"{text}: {name}"
    return text
