"""Sync errors: each carries a one-line reason fit to show the person importing or exporting."""

from __future__ import annotations

from ..errors import KehoachError


class SyncError(KehoachError):
    """Export, import, key or receipt problem."""


class BundleError(SyncError):
    """A file that is refused: damaged, altered, unsigned, too big, of an unknown format…"""
