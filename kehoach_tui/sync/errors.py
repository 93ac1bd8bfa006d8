"""Sync errors: each carries a one-line reason fit to show the person importing or exporting."""

from __future__ import annotations

from ..errors import KehoachError
from ..safe import one_line


class SyncError(KehoachError):
    """Export, import, key or receipt problem. The reason may quote a hostile file (a field
    name, a version), so it is made one printable line here, once for every caller."""

    def __init__(self, reason: str) -> None:
        super().__init__(one_line(reason, 300))


class BundleError(SyncError):
    """A file that is refused: damaged, altered, unsigned, too big, of an unknown format…"""
